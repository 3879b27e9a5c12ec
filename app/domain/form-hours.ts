// Hours as people type them into a form. Number() and z.coerce.number() also read "1e1" (10),
// "0x2" (2), "Infinity" and "" (0), none of which anyone means as hours; these read plain decimals only.
import { z } from "zod";

/** Digits with an optional decimal part, or a decimal part alone: "2", "1.5", ".5"; "-1" too, for its own message. */
const PLAIN_DECIMAL = /^-?(\d+|\d*\.\d+)$/;

export const ENTER_THE_HOURS = "Enter the hours";
export const HOURS_AS_A_NUMBER = "Enter the hours as a number, like 1.5";

/** The number a plain decimal says, ignoring spaces around it; NaN for anything else ("1e1", "0x2", ""). */
export function parsePlainDecimal(text: string): number {
  const trimmed = text.trim();
  return PLAIN_DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * A form's hours field: blank asks for the hours, anything but a plain decimal asks for a number, and
 * the number is then checked by `rules` (more than 0, at most so many, quarter hours, ...).
 */
export const formHours = <Rules extends z.ZodType<unknown, number>>(rules: Rules) =>
  z
    .string({ error: ENTER_THE_HOURS })
    .trim()
    .min(1, { error: ENTER_THE_HOURS, abort: true })
    .regex(PLAIN_DECIMAL, { error: HOURS_AS_A_NUMBER, abort: true })
    .transform(Number)
    .pipe(rules);
