import { describe, expect, it } from "vitest";
import { angoffJudges, angoffRule, JUDGE_NAME_MAX_LENGTH, ratingsText, readAngoffRatings } from "./angoff-ratings";

describe("readAngoffRatings", () => {
  it("reads a judge's name with spaces when commas, semicolons or tabs separate the cells", () => {
    for (const text of ["Maria Lopez, 0.5, 0.6", "Maria Lopez\t0.5\t0.6", "Maria Lopez; 0.5; 0.6", "  Maria  Lopez ,0.5,\t0.6  "]) {
      expect(readAngoffRatings(text, 2), JSON.stringify(text)).toEqual({ judges: ["Maria Lopez"], names: ["Maria Lopez"], ratings: [[0.5, 0.6]], judgeSums: [1.1], cut: 1.1 });
    }
  });

  it("reads a spreadsheet's rows of named judges, skipping comments and blank lines", () => {
    const pasted = ["# judge\titem 1\titem 2\titem 3", "Maria Lopez\t0.5\t0.6\t0.7", "", "Dr. Ben Okafor\t0.7\t0.8\t0.9", "0.6\t0.6\t0.6"].join("\r\n");
    expect(readAngoffRatings(pasted, 3)).toEqual({
      judges: ["Maria Lopez", "Dr. Ben Okafor", "Judge 3"],
      names: ["Maria Lopez", "Dr. Ben Okafor", null],
      ratings: [
        [0.5, 0.6, 0.7],
        [0.7, 0.8, 0.9],
        [0.6, 0.6, 0.6],
      ],
      judgeSums: [expect.closeTo(1.8), expect.closeTo(2.4), expect.closeTo(1.8)],
      cut: expect.closeTo(2),
    });
  });

  it("still splits at spaces a row with no comma, semicolon or tab, and says how to keep a name whole", () => {
    expect(readAngoffRatings("Ana 0.5 0.6", 2)).toEqual({ judges: ["Ana"], names: ["Ana"], ratings: [[0.5, 0.6]], judgeSums: [1.1], cut: 1.1 });
    expect(readAngoffRatings("Maria Lopez 0.5 0.6", 2)).toEqual({
      problems: [
        'Judge 1 (line 1) has "Lopez", which is not a number; ratings are chances from 0 to 1, such as 0.65. If "Lopez" is part of the judge\'s name, separate the name and the ratings with commas or tabs.',
      ],
    });
  });

  it("names the cell that is not a rating, and ratings written as percentages", () => {
    expect(readAngoffRatings("Maria Lopez, 0.5, O.6", 2)).toEqual({
      problems: ['Judge 1 (line 1) has "O.6", which is not a number; ratings are chances from 0 to 1, such as 0.65.'],
    });
    expect(readAngoffRatings("Maria Lopez\t70\t60", 2)).toEqual({
      problems: ["Judge 1 (line 1) has a rating above 1; ratings are chances from 0 to 1, so write 0.7 rather than 70."],
    });
    expect(readAngoffRatings("# nothing but a comment", 2)).toEqual({
      problems: ["Enter at least one judge's ratings: one row per judge, one rating per scored item."],
    });
  });

  it("reads back what the form shows for stored ratings", () => {
    const ratings = [
      [0.5, 0.6],
      [0.7, 0.75],
    ];
    expect(readAngoffRatings(ratingsText({ ratings }), 2)).toMatchObject({ ratings });
  });

  it("reads rows that mix separators as they look: a name, then ratings split at commas or spaces", () => {
    expect(readAngoffRatings("Ann, 0.5 0.6 0.7\nMaria Lopez\t0.4 0.5, 0.6\n0.5 0.6, 0.7", 3)).toMatchObject({
      ratings: [
        [0.5, 0.6, 0.7],
        [0.4, 0.5, 0.6],
        [0.5, 0.6, 0.7],
      ],
    });
  });

  it("reads decimal commas in rows separated by semicolons or tabs", () => {
    for (const text of ["Ann; 0,7; 0,65", "Ann\t0,7\t0,65", "Ann;0,7;0,65", "Ann; 0,7 0,65", "0,7; 0,65"]) {
      expect(readAngoffRatings(text, 2), JSON.stringify(text)).toEqual({
        judges: [text.startsWith("Ann") ? "Ann" : "Judge 1"],
        names: [text.startsWith("Ann") ? "Ann" : null],
        ratings: [[0.7, 0.65]],
        judgeSums: [1.35],
        cut: 1.35,
      });
    }
    // A name may itself hold a comma when semicolons separate the cells.
    expect(readAngoffRatings("Lopez, Maria; 0,5; 1", 2)).toMatchObject({ judges: ["Lopez, Maria"], ratings: [[0.5, 1]] });
    // Points and commas as separators in one row still read as before.
    expect(readAngoffRatings("Ann; 0.5, 0.6", 2)).toMatchObject({ ratings: [[0.5, 0.6]] });
  });

  it("says to write a decimal point when commas split decimals written with commas", () => {
    expect(readAngoffRatings("Ann, 0,7, 0,65", 2)).toEqual({
      problems: [
        "Judge 1 (line 1) has a rating above 1, which looks like a decimal written with a comma (0,7) split at that comma; write 0.7 with a point, not 0,7, or separate the ratings with semicolons or tabs.",
      ],
    });
    expect(readAngoffRatings("Ann; 0; 70", 2)).toEqual({
      problems: ["Judge 1 (line 1) has a rating above 1; ratings are chances from 0 to 1, so write 0.7 rather than 70."],
    });
  });

  it("labels each judge's sum with the name given, or the judge's place among the judges", () => {
    expect(readAngoffRatings("Maria Lopez, 0.7, 0.6\n0.5, 0.5\nBen\t0.6\t0.6", 2)).toMatchObject({ judges: ["Maria Lopez", "Judge 2", "Ben"] });
  });

  it("refuses a judge's name that is too long or holds control characters, saying which judge", () => {
    const long = "A".repeat(JUDGE_NAME_MAX_LENGTH + 1);
    expect(readAngoffRatings(`${"A".repeat(JUDGE_NAME_MAX_LENGTH)}, 0.5, 0.6`, 2)).toMatchObject({ names: ["A".repeat(JUDGE_NAME_MAX_LENGTH)] });
    expect(readAngoffRatings(`Ann, 0.5, 0.6\n${long}, 0.5, 0.6`, 2)).toEqual({
      problems: [`Judge 2 (line 2) has a name of ${JUDGE_NAME_MAX_LENGTH + 1} characters; shorten it to ${JUDGE_NAME_MAX_LENGTH} or fewer.`],
    });
    for (const name of ["Ann\u0007", "Ann\u0000Lee", "Ann\u202Eeel"]) {
      expect(readAngoffRatings(`${name}, 0.5, 0.6`, 2), JSON.stringify(name)).toEqual({
        problems: ["Judge 1 (line 1) has an invisible control character in the name, often left by copying from another program; retype the name."],
      });
    }
  });
});

describe("a saved Angoff study", () => {
  it("keeps the judges' names only when a judge has one, so an unnamed study saves as before", () => {
    expect(angoffRule([[0.5], [0.6]], [null, null])).toEqual({ kind: "angoff", ratings: [[0.5], [0.6]] });
    expect(angoffRule([[0.5], [0.6]], ["Maria Lopez", null])).toEqual({ kind: "angoff", ratings: [[0.5], [0.6]], judgeNames: ["Maria Lopez", null] });
  });

  it("labels each judge's sum with the saved name, or Judge N for a judge saved without one", () => {
    const ratings = [
      [0.5, 0.75],
      [0.25, 0.5],
    ];
    expect(angoffJudges({ kind: "angoff", ratings, judgeNames: [null, "Ben Okafor"] })).toEqual([
      { name: "Judge 1", sum: 1.25 },
      { name: "Ben Okafor", sum: 0.75 },
    ]);
    // A rule saved before names were kept.
    expect(angoffJudges({ kind: "angoff", ratings })).toEqual([
      { name: "Judge 1", sum: 1.25 },
      { name: "Judge 2", sum: 0.75 },
    ]);
  });

  it("fills the text box with each judge's name before the ratings, so saving it again keeps them", () => {
    const judgeNames = ["Maria Lopez", null, "Lopez, Maria", "Dr. Ben Okafor (chair)"];
    const ratings = [
      [0.5, 0.6],
      [0.7, 0.75],
      [1, 0],
      [0.65, 0.8],
    ];
    const text = ratingsText({ ratings, judgeNames });
    expect(text).toBe("Maria Lopez, 0.5, 0.6\n0.7, 0.75\nLopez, Maria; 1; 0\nDr. Ben Okafor (chair), 0.65, 0.8");
    expect(readAngoffRatings(text, 2)).toMatchObject({ names: judgeNames, ratings });
  });

  it("reads a name holding a comma before semicolons or tabs, but still splits a name and ratings at commas", () => {
    expect(readAngoffRatings("Lopez, Maria; 0.5; 1", 2)).toMatchObject({ judges: ["Lopez, Maria"], ratings: [[0.5, 1]] });
    expect(readAngoffRatings("Lopez, Maria\t0.5, 1", 2)).toMatchObject({ judges: ["Lopez, Maria"], ratings: [[0.5, 1]] });
    expect(readAngoffRatings("Ann, 0.5; 0.6", 2)).toMatchObject({ judges: ["Ann"], ratings: [[0.5, 0.6]] });
  });
});
