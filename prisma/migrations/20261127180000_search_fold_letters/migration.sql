-- Searches by name match letters that do not decompose by their plain form too: "strasse" finds
-- Straße and "Lukasz" finds Łukasz. NFKD splits É into E and an accent, but ß, Ł, Ø, Đ, Æ, Œ, Þ are
-- letters of their own with no decomposition, so search_fold left them as they were. After lower
-- case it now writes ł as l, ø as o, đ and ð (Icelandic eth) as d, ħ as h, ŧ as t, the dotless ı as
-- i, ß as ss, æ as ae, œ as oe and þ as th: the plain forms people type on a keyboard without them,
-- and the letters a transcript's file name writes in ASCII (LATIN_LETTERS in app/domain/transcript.ts).
-- It also drops Hebrew points and cantillation marks and Arabic vowel marks (harakat), which are
-- written as separate marks that NFKD leaves in place and which most people do not type: "שלום" finds
-- "שָׁלוֹם" and "محمد" finds "مُحَمَّد".
-- Capitals are lower-cased first (Ł to ł, ẞ to ß), so only the lower-case forms are listed. Letters
-- of other scripts keep their own form. What is typed is folded by this same function (through
-- search_pattern), never by a copy in JavaScript, whose ICU lower-cases letters the database's may
-- not. So both sides of a search change together, and every stored "searchText" is folded again
-- below. The comments and bodies below hold no semicolon: the driver adapter splits a migration at
-- every one.

CREATE OR REPLACE FUNCTION "search_fold"(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN replace(replace(replace(replace(
    translate(lower(regexp_replace(normalize(value, NFKD), '[\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g') COLLATE "und-x-icu"), 'łøđðħŧı', 'loddhti'),
    'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th');

UPDATE "User" SET "searchText" = "search_fold"(name || chr(10) || email);
