// Prisma's `contains`, `startsWith` and `endsWith` become LIKE / ILIKE with the text as given, so a `%`
// or `_` typed into a search box would be a wildcard (`?q=_` matching everything). PostgreSQL's LIKE
// escapes with a backslash by default; this escapes the text so it matches literally.

/** The text with LIKE's `\`, `%` and `_` escaped, for Prisma's contains/startsWith/endsWith. */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);
