// Assembling an exam form from the item bank. Pure: the caller reads the bank and stores the form.
// A form matches the board's blueprint exactly (live items per domain, from the job analysis), carries
// a few unscored pretest items so new items gather statistics before they count, and is shuffled.
// The same seed always gives the same form, so a delivered form can be rebuilt and audited later.

export const ITEM_STATUSES = ["draft", "pretest", "live", "retired"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** single: exactly one key; multiple: all-or-nothing over several keys; true-false: two options, one key. */
export const ITEM_TYPES = ["single", "multiple", "true-false"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/**
 * One version of a bank item. An edited item is a new version with the same id, so statistics of
 * earlier deliveries stay attached to the version that was delivered.
 */
export type BankItem = {
  id: string;
  versionId: string;
  domain: string;
  status: ItemStatus;
  type: ItemType;
  optionIds: readonly string[];
};

/** Number of live (scored) items per domain on every form. */
export type Blueprint = Readonly<Record<string, number>>;

export type FormEntry = {
  itemVersionId: string;
  domain: string;
  /** False for pretest items: delivered like any other, never counted toward the score. */
  scored: boolean;
  /** Option ids in the order the candidate sees them. */
  optionOrder: string[];
};

export type FormRequest = {
  blueprint: Blueprint;
  pretestCount: number;
  items: readonly BankItem[];
  seed: string;
};

/**
 * The ordered entries of one form.
 *
 * - Live items are drawn per domain to match the blueprint exactly; a shortfall in any domain throws,
 *   naming every short domain, because a form off-blueprint is not equivalent to the others.
 * - Pretest items fill up to `pretestCount`, from any domain; if the bank has fewer, the form carries
 *   what there is (pretesting is optional and must not block an exam).
 * - An item appears at most once, whatever its versions: a revised version being pretested is not
 *   drawn beside its live predecessor.
 * - Item order and option order are shuffled, except true-false items, whose options keep the bank
 *   order (True before False) as candidates expect.
 * - The bank is sorted by version id before drawing, so the form depends on the seed and the bank's
 *   contents, not on the order a database query returned them.
 */
export function assembleForm({ blueprint, pretestCount, items, seed }: FormRequest): FormEntry[] {
  checkCounts(blueprint, pretestCount);
  const random = seededRandom(seed);
  const bank = [...items].sort((left, right) => compareText(left.versionId, right.versionId));
  const live = bank.filter((item) => item.status === "live");
  checkOneLiveVersionPerItem(live);

  const domains = Object.keys(blueprint).sort(compareText);
  const shortfalls = domains.flatMap((domain) => {
    const wanted = blueprint[domain] ?? 0;
    const available = live.filter((item) => item.domain === domain).length;
    return available < wanted ? [{ domain, wanted, available }] : [];
  });
  if (shortfalls.length > 0) {
    const details = shortfalls.map(
      ({ domain, wanted, available }) => `domain "${domain}" needs ${wanted} live items but the bank has ${available}`,
    );
    throw new Error(
      `The item bank is too small for the blueprint: ${details.join("; ")}. Make more items live in that domain or lower its count in the blueprint.`,
    );
  }

  const drawn: { item: BankItem; scored: boolean }[] = [];
  for (const domain of domains) {
    const candidates = live.filter((item) => item.domain === domain);
    for (const item of shuffle(candidates, random).slice(0, blueprint[domain] ?? 0)) drawn.push({ item, scored: true });
  }
  const onForm = new Set(drawn.map(({ item }) => item.id));
  let pretestDrawn = 0;
  for (const item of shuffle(bank.filter((item) => item.status === "pretest"), random)) {
    if (pretestDrawn === pretestCount) break;
    if (onForm.has(item.id)) continue; // a revision of an item already drawn
    onForm.add(item.id);
    drawn.push({ item, scored: false });
    pretestDrawn += 1;
  }

  return shuffle(drawn, random).map(({ item, scored }) => ({
    itemVersionId: item.versionId,
    domain: item.domain,
    scored,
    optionOrder: item.type === "true-false" ? [...item.optionIds] : shuffle(item.optionIds, random),
  }));
}

function checkCounts(blueprint: Blueprint, pretestCount: number) {
  for (const [domain, count] of Object.entries(blueprint)) {
    if (!Number.isInteger(count) || count < 0) {
      throw new Error(`The blueprint count for domain "${domain}" must be a whole number of items, 0 or more; it is ${count}.`);
    }
  }
  if (!Number.isInteger(pretestCount) || pretestCount < 0) {
    throw new Error(`The number of pretest items must be a whole number, 0 or more; it is ${pretestCount}.`);
  }
}

function checkOneLiveVersionPerItem(live: readonly BankItem[]) {
  const seen = new Set<string>();
  for (const item of live) {
    if (seen.has(item.id)) {
      throw new Error(`Item "${item.id}" has more than one live version. Retire the older version before assembling a form.`);
    }
    seen.add(item.id);
  }
}

// Plain code-unit comparison: localeCompare would make the draw depend on the server's locale.
function compareText(left: string, right: string) {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A copy of the list in random order (Fisher-Yates), driven by the given generator. */
export function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const result = [...list];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

/**
 * A repeatable generator of numbers in [0, 1) for a seed: the string is hashed to 32 bits (xmur3)
 * and fed to mulberry32. Not for secrets; it only has to spread draws evenly and repeat exactly.
 */
export function seededRandom(seed: string): () => number {
  let hash = 1779033703 ^ seed.length;
  for (let index = 0; index < seed.length; index++) {
    hash = Math.imul(hash ^ seed.charCodeAt(index), 3432918353);
    hash = (hash << 13) | (hash >>> 19);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 2246822507);
  hash = Math.imul(hash ^ (hash >>> 13), 3266489909);
  let state = (hash ^ (hash >>> 16)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
