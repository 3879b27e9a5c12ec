// Numbers as people type them into a form. Number() and z.coerce.number() also read "1e1" (10), "0x2"
// (2), "Infinity" and "" (0), none of which anyone means as a count or as hours; these read plain
// digits only, with spaces around them ignored.
import { z } from "zod";

/** Digits: "12", "0"; "-1" too, so a field's own "at least" message answers it. */
const PLAIN_WHOLE = /^-?\d+$/;
/** Digits with an optional decimal part, or a decimal part alone: "2", "1.5", ".5"; "-1" too, for its own message. */
const PLAIN_DECIMAL = /^-?(\d+|\d*\.\d+)$/;

const plainReader = (pattern: RegExp) => (text: string) => {
  const trimmed = text.trim();
  return pattern.test(trimmed) ? Number(trimmed) : Number.NaN;
};

/** The number a plain decimal says, ignoring spaces around it; NaN for anything else ("1e1", "0x2", ""). */
export const parsePlainDecimal = plainReader(PLAIN_DECIMAL);
/** The number plain digits say, ignoring spaces around them; NaN for anything else ("1e1", "2.5", ""). */
export const parseWholeNumber = plainReader(PLAIN_WHOLE);

/** What a number field says when it is left blank, and when what is in it is not a plain number. */
export type NumberMessages = { blank: string; notPlain: string };

/** "Enter the number of places" and "Enter the number of places as a whole number, such as 12". */
export const wholeNumberMessages = (field: string, example: number): NumberMessages => ({
  blank: `Enter ${field}`,
  notPlain: `Enter ${field} as a whole number, such as ${example}`,
});

const formNumber =
  (pattern: RegExp) =>
  <Rules extends z.ZodType<unknown, number>>(messages: NumberMessages, rules: Rules) =>
    z
      .string({ error: messages.blank })
      .trim()
      .min(1, { error: messages.blank, abort: true })
      .regex(pattern, { error: messages.notPlain, abort: true })
      .transform(Number)
      .pipe(rules);

/**
 * A form's whole-number field (a count, minutes, days): blank or missing gets `messages.blank`,
 * anything but plain digits gets `messages.notPlain`, and the number is then checked by `rules`.
 */
export const formWholeNumber = formNumber(PLAIN_WHOLE);

export const ENTER_THE_HOURS = "Enter the hours";
export const HOURS_AS_A_NUMBER = "Enter the hours as a number, like 1.5";

/**
 * A form's hours field: blank asks for the hours, anything but a plain decimal asks for a number, and
 * the number is then checked by `rules` (more than 0, at most so many, quarter hours, ...).
 */
export const formHours = <Rules extends z.ZodType<unknown, number>>(rules: Rules) =>
  formNumber(PLAIN_DECIMAL)({ blank: ENTER_THE_HOURS, notPlain: HOURS_AS_A_NUMBER }, rules);
