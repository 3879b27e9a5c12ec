// QTI 3.0 import and export for the item bank's choice items. Pure: the caller reads the bank and
// stores what an import returns. The profile PeerPath supports is documented in docs/exams-boards.md:
//
// - One item is a standard QTI 3.0 `qti-assessment-item` document: a `qti-response-declaration`
//   (cardinality single or multiple, base-type identifier, `qti-correct-response` with `qti-value`s),
//   a `qti-item-body` holding one `qti-choice-interaction` (`qti-prompt` = the stem,
//   `qti-simple-choice identifier="a"` = the options) and the rationale in a `qti-rubric-block
//   view="scorer"`, scored by the standard match_correct template (all-or-nothing).
// - PeerPath's own data rides in `class` attributes, which QTI allows on body elements:
//   `peerpath-domain-<domain>` on `qti-item-body`, `peerpath-true-false` on the interaction.
// - QTI 3.0 has no element that carries several items inline (a section only refers to item files;
//   the standard multi-item carrier is a zipped content package), so a whole bank is exported as one
//   XML document whose root, `item-bank` in the `urn:peerpath:item-bank:1` namespace, is ours and
//   whose children are complete QTI 3.0 items, each with its own namespace declaration: any child
//   cut out of the file is a valid QTI item document on its own.
//
// The XML reader below is deliberately small: it checks well-formedness and namespaces, knows the
// five predefined entities and character references, and refuses any DOCTYPE (no DTDs, so no entity
// expansion or external entities). That is all QTI items need.

import { COURSE_DOMAIN_KEYS, type CourseDomainKey } from "./course-domains";
import type { ItemType } from "./exam-assembly";

export const QTI_NAMESPACE = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0";
export const QTI_SCHEMA_LOCATION = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd";
export const MATCH_CORRECT_TEMPLATE = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml";
export const BANK_NAMESPACE = "urn:peerpath:item-bank:1";
export const DOMAIN_CLASS_PREFIX = "peerpath-domain-";
export const TRUE_FALSE_CLASS = "peerpath-true-false";

/** An item as PeerPath keeps it; `identifier` is the bank's external id. */
export type QtiItem = {
  identifier: string;
  domain: string;
  type: ItemType;
  stem: string;
  options: { id: string; text: string }[];
  key: string[];
  rationale: string;
};

/** What an import reads: the item, or every reason the file cannot be imported. */
export type QtiReadResult = { ok: true; items: QtiItem[] } | { ok: false; problems: string[] };

/** An identifier QTI accepts (an NCName, kept ASCII) that also fits the bank's external ids. */
export const QTI_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.-]{1,59}$/;

const MAX_OPTIONS = 6;
const OPTION_LETTERS = "abcdef";
/** Report at most this many problems: a broken export usually repeats one mistake on every item. */
const MAX_PROBLEMS = 25;

// ---------------------------------------------------------------------------------------------
// Export

/** One item as a standalone QTI 3.0 document. */
export function itemToQti(item: QtiItem): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${itemElement(item, "")}\n`;
}

/** A bank as one document: our `item-bank` root around complete QTI 3.0 items (see the header). */
export function bankToQti(bank: { examCode: string; examName: string; exportedAt: Date; items: readonly QtiItem[] }): string {
  const items = bank.items.map((item) => itemElement(item, "  ")).join("\n");
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!-- Each qti-assessment-item below is a complete QTI 3.0 item; the item-bank root is PeerPath's. -->`,
    `<item-bank xmlns="${BANK_NAMESPACE}" exam="${attribute(bank.examCode)}" name="${attribute(bank.examName)}" exported-at="${bank.exportedAt.toISOString()}">`,
    items,
    `</item-bank>`,
    ``,
  ].join("\n");
}

function itemElement(item: QtiItem, pad: string): string {
  const cardinality = item.type === "multiple" ? "multiple" : "single";
  const interactionClass = item.type === "true-false" ? ` class="${TRUE_FALSE_CLASS}"` : "";
  const lines = [
    `<qti-assessment-item xmlns="${QTI_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`,
    `    xsi:schemaLocation="${QTI_NAMESPACE} ${QTI_SCHEMA_LOCATION}"`,
    `    identifier="${attribute(item.identifier)}" title="${attribute(item.identifier)}" adaptive="false" time-dependent="false" xml:lang="en">`,
    `  <qti-response-declaration identifier="RESPONSE" cardinality="${cardinality}" base-type="identifier">`,
    `    <qti-correct-response>`,
    ...item.key.map((id) => `      <qti-value>${text(id)}</qti-value>`),
    `    </qti-correct-response>`,
    `  </qti-response-declaration>`,
    `  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>`,
    `  <qti-item-body class="${DOMAIN_CLASS_PREFIX}${attribute(item.domain)}">`,
    // True-false options keep their order (True before False), as candidates expect.
    `    <qti-choice-interaction response-identifier="RESPONSE" max-choices="${item.type === "multiple" ? 0 : 1}" shuffle="${item.type === "true-false" ? "false" : "true"}"${interactionClass}>`,
    `      <qti-prompt>${withBreaks(item.stem)}</qti-prompt>`,
    ...item.options.map((option) => `      <qti-simple-choice identifier="${attribute(option.id)}">${withBreaks(option.text)}</qti-simple-choice>`),
    `    </qti-choice-interaction>`,
    ...(item.rationale.trim()
      ? [
          `    <qti-rubric-block view="scorer">`,
          `      <qti-content-body><p>${withBreaks(item.rationale)}</p></qti-content-body>`,
          `    </qti-rubric-block>`,
        ]
      : []),
    `  </qti-item-body>`,
    `  <qti-response-processing template="${MATCH_CORRECT_TEMPLATE}"/>`,
    `</qti-assessment-item>`,
  ];
  return lines.map((line) => pad + line).join("\n");
}

// Characters XML 1.0 cannot carry at all (control characters other than tab, newline, return).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function text(value: string) {
  return value.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text whose line breaks matter: XML treats a newline as a space, so each becomes a <br/>. */
function withBreaks(value: string) {
  return text(value).replace(/\r?\n/g, "<br/>");
}

function attribute(value: string) {
  return text(value).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Reads a QTI 3.0 item document, or a bank exported by PeerPath, into items. Every problem is
 * collected (up to a limit) so the board can fix the file in one go; any problem means no items.
 * `defaultDomain` is the domain for items whose body carries none (files from other tools).
 */
export function readQti(source: string, options: { defaultDomain?: string | null } = {}): QtiReadResult {
  let root: XmlElement;
  try {
    root = parseXml(source);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return { ok: false, problems: [`The file is not well-formed XML: ${error.message}`] };
    throw error;
  }

  let itemElements: XmlElement[];
  if (root.local === "item-bank" && root.namespace === BANK_NAMESPACE) {
    const stray = root.children.find((child): child is XmlElement => typeof child !== "string" && child.local !== "qti-assessment-item");
    if (stray) {
      return { ok: false, problems: [`The item bank may only hold qti-assessment-item elements, but line ${stray.line} has <${stray.name}>.`] };
    }
    itemElements = elements(root);
    if (itemElements.length === 0) return { ok: false, problems: ["The item bank in the file holds no items."] };
  } else if (root.local === "qti-assessment-item") {
    itemElements = [root];
  } else {
    return { ok: false, problems: [rootProblem(root)] };
  }

  const problems: string[] = [];
  const items: QtiItem[] = [];
  const seen = new Map<string, { index: number; identifier: string }>();
  itemElements.forEach((element, index) => {
    const result = readItem(element, index, options.defaultDomain ?? null);
    if (!result.ok) {
      problems.push(...result.problems);
      return;
    }
    // Ids differing only in case are the same id to the bank (exam-bank.server.ts).
    const { identifier } = result.item;
    const earlier = seen.get(identifier.toLowerCase());
    if (earlier === undefined) seen.set(identifier.toLowerCase(), { index, identifier });
    else if (earlier.identifier === identifier) {
      problems.push(`Item "${identifier}" appears twice in the file (items ${earlier.index + 1} and ${index + 1}); give each item its own identifier.`);
    } else {
      problems.push(
        `Items "${earlier.identifier}" and "${identifier}" (items ${earlier.index + 1} and ${index + 1}) have ids that differ only in upper and lower case; give each item its own identifier.`,
      );
    }
    items.push(result.item);
  });
  if (problems.length > MAX_PROBLEMS) {
    return { ok: false, problems: [...problems.slice(0, MAX_PROBLEMS), `…and ${problems.length - MAX_PROBLEMS} more problems.`] };
  }
  return problems.length ? { ok: false, problems } : { ok: true, items };
}

function rootProblem(root: XmlElement) {
  if (root.local === "assessmentItem") {
    return "The file is a QTI 2 item (<assessmentItem>); PeerPath reads QTI 3.0 items (<qti-assessment-item>). Export the item as QTI 3.0 and try again.";
  }
  if (root.local === "qti-assessment-test") {
    return "The file is a QTI test (<qti-assessment-test>), which only refers to item files; import the qti-assessment-item files themselves.";
  }
  if (root.local === "manifest") {
    return "The file is a content package manifest (imsmanifest.xml); import the qti-assessment-item files it lists.";
  }
  return `The file is not a QTI 3.0 item: its root element is <${root.name}>, where a <qti-assessment-item> (or a PeerPath item bank) was expected.`;
}

type ItemResult = { ok: true; item: QtiItem } | { ok: false; problems: string[] };

const UNSUPPORTED_CONTENT = new Set(["img", "object", "audio", "video", "picture", "svg", "math", "iframe", "embed", "qti-printed-variable", "qti-template-inline", "qti-template-block", "qti-feedback-inline", "qti-feedback-block"]);

function readItem(element: XmlElement, index: number, defaultDomain: string | null): ItemResult {
  const identifier = element.attributes.identifier;
  const name = identifier ? `Item "${identifier}"` : `Item ${index + 1}`;
  const problems: string[] = [];
  const fail = (message: string): ItemResult => ({ ok: false, problems: [...problems, `${name}: ${message}`] });

  const qtiNamespaceProblem = [element, ...descendants(element)].find((node) => node.local.startsWith("qti-") && node.namespace !== QTI_NAMESPACE && node.namespace !== null);
  if (qtiNamespaceProblem) {
    return fail(`<${qtiNamespaceProblem.name}> (line ${qtiNamespaceProblem.line}) is in the namespace "${qtiNamespaceProblem.namespace}"; QTI 3.0 elements belong to ${QTI_NAMESPACE}.`);
  }
  if (!identifier) return fail("the qti-assessment-item has no identifier attribute; give it one, such as identifier=\"pr-adv-101\".");
  if (!QTI_IDENTIFIER.test(identifier)) {
    return fail("its identifier must be 2 to 60 characters: letters, digits, hyphens, dots or underscores, starting with a letter.");
  }

  const bodies = elements(element, "qti-item-body");
  if (bodies.length !== 1) return fail(bodies.length ? "it has more than one qti-item-body." : "it has no qti-item-body.");
  const body = bodies[0]!;

  const interactions = descendants(body).filter((node) => node.local.endsWith("-interaction"));
  const other = interactions.find((node) => node.local !== "qti-choice-interaction");
  if (other) return fail(`it uses <${other.local}>, which PeerPath does not support; only choice items (qti-choice-interaction) can be imported.`);
  if (interactions.length === 0) return fail("its body has no qti-choice-interaction, so there is nothing to answer.");
  if (interactions.length > 1) return fail(`its body has ${interactions.length} choice interactions; PeerPath items have exactly one.`);
  const interaction = interactions[0]!;
  const media = descendants(body).find((node) => UNSUPPORTED_CONTENT.has(node.local));
  if (media) return fail(`it contains <${media.local}> (line ${media.line}); PeerPath items are text only, so it cannot be imported without losing content.`);

  const responseId = interaction.attributes["response-identifier"];
  if (!responseId) return fail("its qti-choice-interaction has no response-identifier.");
  const declaration = elements(element, "qti-response-declaration").find((node) => node.attributes.identifier === responseId);
  if (!declaration) return fail(`it has no qti-response-declaration with identifier "${responseId}", which its choice interaction answers.`);
  const cardinality = declaration.attributes.cardinality;
  if (cardinality !== "single" && cardinality !== "multiple") {
    return fail(`its response is declared with cardinality "${cardinality ?? ""}"; PeerPath imports single or multiple.`);
  }
  if (declaration.attributes["base-type"] !== "identifier") {
    return fail(`its response has base-type "${declaration.attributes["base-type"] ?? ""}"; a choice response must have base-type "identifier".`);
  }

  const correct = elements(declaration, "qti-correct-response")[0];
  const values = correct ? elements(correct, "qti-value").map((value) => textContent(value).trim()) : [];
  if (values.length === 0) return fail("it has no qti-correct-response with a qti-value, so there is no key; mark the correct choice.");
  if (cardinality === "single" && values.length > 1) {
    return fail(`its response is single but names ${values.length} correct values (${values.join(", ")}); declare cardinality "multiple" or keep one correct value.`);
  }

  const choices = elements(interaction, "qti-simple-choice");
  if (choices.length < 2) return fail(`it has ${choices.length} qti-simple-choice${choices.length === 1 ? "" : "s"}; a choice item needs at least two.`);
  if (choices.length > MAX_OPTIONS) return fail(`it has ${choices.length} choices; PeerPath items have 2 to ${MAX_OPTIONS}.`);
  const choiceIds = choices.map((choice) => choice.attributes.identifier ?? "");
  if (choiceIds.some((id) => id === "")) return fail("one of its qti-simple-choice elements has no identifier.");
  const repeated = choiceIds.find((id, at) => choiceIds.indexOf(id) !== at);
  if (repeated) return fail(`choice identifier "${repeated}" is used more than once.`);
  const unknown = values.filter((value) => !choiceIds.includes(value));
  if (unknown.length) {
    return fail(`its correct response names ${unknown.map((id) => `"${id}"`).join(", ")}, which ${unknown.length === 1 ? "is not one of its choices" : "are not among its choices"} (${choiceIds.join(", ")}).`);
  }
  if (new Set(values).size !== values.length) return fail("its correct response names the same choice twice.");

  const maxChoices = interaction.attributes["max-choices"];
  if (maxChoices !== undefined && !/^\d+$/.test(maxChoices)) return fail(`its max-choices "${maxChoices}" is not a whole number.`);
  const max = maxChoices === undefined ? null : Number(maxChoices);
  if (cardinality === "single" && max !== null && max !== 1) return fail(`its response is single but its interaction allows max-choices="${max}"; use max-choices="1".`);
  if (cardinality === "multiple" && max !== null && max !== 0 && max < values.length) {
    return fail(`its interaction allows ${max} choice${max === 1 ? "" : "s"} (max-choices) but the key has ${values.length}, so no candidate could answer it right.`);
  }

  // Option ids a-f: kept when the file already uses them, otherwise given in document order.
  const keepIds = choiceIds.every((id) => /^[a-z]$/.test(id));
  const idFor = new Map(choiceIds.map((id, at) => [id, keepIds ? id : OPTION_LETTERS[at]!]));
  const options = choices.map((choice) => ({ id: idFor.get(choice.attributes.identifier!)!, text: readableText(choice) }));
  const key = values.map((value) => idFor.get(value)!);

  const bodyClasses = classes(body);
  const domainClass = bodyClasses.find((name) => name.startsWith(DOMAIN_CLASS_PREFIX));
  const domain = domainClass ? domainClass.slice(DOMAIN_CLASS_PREFIX.length) : defaultDomain;
  if (!domain) {
    return fail(`it names no domain; add class="${DOMAIN_CLASS_PREFIX}advocacy" (or another domain) to its qti-item-body, or choose a domain for items without one.`);
  }
  if (!COURSE_DOMAIN_KEYS.includes(domain as CourseDomainKey)) {
    return fail(`its domain "${domain}" is not one of ${COURSE_DOMAIN_KEYS.join(", ")}.`);
  }

  const trueFalseTexts = options.length === 2 && options[0]!.text.toLowerCase() === "true" && options[1]!.text.toLowerCase() === "false";
  const type: ItemType = cardinality === "multiple" ? "multiple" : classes(interaction).includes(TRUE_FALSE_CLASS) || trueFalseTexts ? "true-false" : "single";

  // The stem: what the body says around the interaction, then the interaction's prompt.
  const rubrics = descendants(body).filter((node) => node.local === "qti-rubric-block");
  const isRationale = (rubric: XmlElement) => (rubric.attributes.view ?? "").split(/\s+/).some((view) => view !== "candidate" && view !== "");
  const around = body.children.filter((child) => child !== interaction && !(typeof child !== "string" && child.local === "qti-rubric-block" && isRationale(child)));
  const prompt = elements(interaction, "qti-prompt")[0];
  const stem = normaliseText([readableText({ ...body, children: around }), prompt ? readableText(prompt) : ""].join("\n\n"));
  const rationale = normaliseText(rubrics.filter(isRationale).map(readableText).join("\n\n"));

  return { ok: true, item: { identifier, domain, type, stem, options, key, rationale } };
}

const BLOCKS = new Set(["p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "qti-content-body"]);

/**
 * Text of an element as XML means it: whitespace in text is one space; a <br/> is a line break and
 * a block (a paragraph, a list item) a blank line, so paragraphs survive.
 */
function readableText(element: XmlElement): string {
  const parts: string[] = [];
  const walk = (node: XmlNode) => {
    if (typeof node === "string") {
      parts.push(node.replace(/[ \t\r\n]+/g, " "));
      return;
    }
    if (node.local === "br") {
      parts.push("\n");
      return;
    }
    const block = BLOCKS.has(node.local);
    if (block) parts.push("\n\n");
    node.children.forEach(walk);
    if (block) parts.push("\n\n");
  };
  element.children.forEach(walk);
  return normaliseText(parts.join(""));
}

/**
 * Trims every line, collapses runs of spaces and of blank lines, and trims the whole. The bank saves
 * text through it too, so what an export writes an import reads back exactly.
 */
export function normaliseText(value: string) {
  return value
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00A0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const classes = (element: XmlElement) => (element.attributes.class ?? "").split(/\s+/).filter(Boolean);

// ---------------------------------------------------------------------------------------------
// A small, strict XML reader (see the header for what it supports and refuses).

export type XmlNode = XmlElement | string;
export type XmlElement = {
  /** The qualified name as written, e.g. "qti-value" or "xsi:schemaLocation". */
  name: string;
  local: string;
  /** The namespace URI in scope for the element's prefix, or null when none is declared. */
  namespace: string | null;
  attributes: Record<string, string>;
  children: XmlNode[];
  line: number;
};

export class XmlSyntaxError extends Error {}

const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
/** Far deeper than any item; a limit keeps the recursive text readers safe from crafted files. */
const MAX_DEPTH = 100;

/** The root element of a well-formed document, or an XmlSyntaxError saying where it is not. */
export function parseXml(input: string): XmlElement {
  const source = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let position = 0;
  let root: XmlElement | null = null;
  const open: { element: XmlElement; scope: Map<string, string> }[] = [];

  // Lines are counted forward from the last position asked about, so a large file is read once.
  let counted = { at: 0, line: 1 };
  const lineAt = (at: number) => {
    const from = at >= counted.at ? counted : { at: 0, line: 1 };
    let line = from.line;
    for (let index = from.at; index < at && index < source.length; index++) if (source.charCodeAt(index) === 10) line++;
    counted = { at, line };
    return line;
  };
  const fail = (message: string, at = position): never => {
    throw new XmlSyntaxError(`${message} (line ${lineAt(at)}).`);
  };
  const skipSpace = () => {
    while (position < source.length && /\s/.test(source[position]!)) position++;
  };
  const readName = () => {
    NAME.lastIndex = position;
    const match = NAME.exec(source);
    if (!match) fail("a name was expected here");
    position += match![0].length;
    return match![0];
  };
  const until = (terminator: string, what: string) => {
    const end = source.indexOf(terminator, position);
    if (end === -1) fail(`${what} is never closed`);
    const content = source.slice(position, end);
    position = end + terminator.length;
    return content;
  };
  const addText = (value: string) => {
    const current = open.at(-1);
    if (!current) {
      if (value.trim() !== "") fail("there is text outside the root element");
      return;
    }
    const children = current.element.children;
    if (typeof children.at(-1) === "string") children[children.length - 1] += value;
    else children.push(value);
  };

  while (position < source.length) {
    const start = position;
    if (source[position] !== "<") {
      const end = source.indexOf("<", position);
      const raw = source.slice(position, end === -1 ? source.length : end);
      position = end === -1 ? source.length : end;
      addText(decodeEntities(raw, (message) => fail(message, start)));
      continue;
    }
    if (source.startsWith("<!--", position)) {
      position += 4;
      until("-->", "a comment");
    } else if (source.startsWith("<![CDATA[", position)) {
      if (!open.length) fail("character data appears outside the root element");
      position += 9;
      addText(until("]]>", "a CDATA section"));
    } else if (source.startsWith("<!DOCTYPE", position) || source.startsWith("<!doctype", position)) {
      fail("the file has a DOCTYPE declaration, which PeerPath does not read (DTDs can expand entities without limit); remove it");
    } else if (source.startsWith("<!", position)) {
      fail("there is a markup declaration PeerPath does not read");
    } else if (source.startsWith("<?", position)) {
      position += 2;
      const target = readName();
      if (target.toLowerCase() === "xml" && start !== 0) fail("the XML declaration must come first in the file", start);
      until("?>", "a processing instruction");
    } else if (source.startsWith("</", position)) {
      position += 2;
      const name = readName();
      skipSpace();
      if (source[position] !== ">") fail(`the end tag </${name}> is not closed with ">"`);
      position++;
      const current = open.pop();
      if (!current) fail(`the end tag </${name}> has no matching start tag`, start);
      if (current!.element.name !== name) fail(`the end tag </${name}> does not match <${current!.element.name}> from line ${current!.element.line}`, start);
    } else {
      position++;
      if (!open.length && root) fail("the file has more than one root element", start);
      const name = readName();
      const attributes: Record<string, string> = {};
      let selfClosing = false;
      for (;;) {
        const beforeSpace = position;
        skipSpace();
        if (source.startsWith("/>", position)) {
          position += 2;
          selfClosing = true;
          break;
        }
        if (source[position] === ">") {
          position++;
          break;
        }
        if (position >= source.length) fail(`the start tag <${name}> is never closed`, start);
        if (position === beforeSpace) fail(`attributes of <${name}> must be separated by spaces`);
        const attributeName = readName();
        skipSpace();
        if (source[position] !== "=") fail(`the attribute ${attributeName} of <${name}> has no value`);
        position++;
        skipSpace();
        const quote = source[position];
        if (quote !== '"' && quote !== "'") fail(`the value of ${attributeName} must be in quotes`);
        position++;
        const valueStart = position;
        const raw = until(quote!, `the value of ${attributeName}`);
        if (raw.includes("<")) fail(`the value of ${attributeName} contains "<"`, valueStart);
        if (attributeName in attributes) fail(`<${name}> has the attribute ${attributeName} twice`, start);
        attributes[attributeName] = decodeEntities(raw, (message) => fail(message, valueStart)).replace(/[\t\n\r]/g, " ");
      }

      const scope = new Map(open.at(-1)?.scope ?? [["xml", XML_NAMESPACE]]);
      for (const [attributeName, value] of Object.entries(attributes)) {
        if (attributeName === "xmlns") scope.set("", value);
        else if (attributeName.startsWith("xmlns:")) scope.set(attributeName.slice(6), value);
      }
      const colon = name.indexOf(":");
      const prefix = colon === -1 ? "" : name.slice(0, colon);
      if (prefix && !scope.has(prefix)) fail(`the prefix "${prefix}" of <${name}> is not declared`, start);
      for (const attributeName of Object.keys(attributes)) {
        const attributePrefix = attributeName.includes(":") ? attributeName.slice(0, attributeName.indexOf(":")) : "";
        if (attributePrefix && attributePrefix !== "xmlns" && !scope.has(attributePrefix)) {
          fail(`the prefix "${attributePrefix}" of the attribute ${attributeName} is not declared`, start);
        }
      }
      const element: XmlElement = {
        name,
        local: colon === -1 ? name : name.slice(colon + 1),
        namespace: scope.get(prefix) || null,
        attributes,
        children: [],
        line: lineAt(start),
      };
      const parent = open.at(-1);
      if (open.length >= MAX_DEPTH) fail(`elements are nested more than ${MAX_DEPTH} levels deep`, start);
      if (parent) parent.element.children.push(element);
      else root = element;
      if (!selfClosing) open.push({ element, scope });
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) throw new XmlSyntaxError(`<${unclosed.element.name}> from line ${unclosed.element.line} is never closed.`);
  if (!root) throw new XmlSyntaxError(source.trim() === "" ? "the file is empty." : "the file has no root element.");
  return root;
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(raw: string, fail: (message: string) => never): string {
  return raw.replace(/&([^;&\s<]{0,12});?/g, (whole, name: string) => {
    if (!whole.endsWith(";")) fail(`"&" must be written as &amp; (or start an entity such as &lt;)`);
    if (name in PREDEFINED) return PREDEFINED[name]!;
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]{1,7}$/.test(name) ? parseInt(name.slice(1), 10) : null;
    if (code === null) fail(`the entity &${name}; is not defined in XML (HTML entities such as &nbsp; need a DTD); write the character itself or a reference such as &#160;`);
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code! >= 0x20 && code! <= 0xd7ff) || (code! >= 0xe000 && code! <= 0xfffd) || (code! >= 0x10000 && code! <= 0x10ffff);
    if (!allowed) fail(`the character reference &${name}; is not a character XML allows`);
    return String.fromCodePoint(code!);
  });
}

/** Child elements, optionally only those with the local name. */
function elements(element: XmlElement, local?: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== "string" && (!local || child.local === local));
}

function descendants(element: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  const stack = [...elements(element)].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    found.push(node);
    stack.push(...[...elements(node)].reverse());
  }
  return found;
}

function textContent(element: XmlElement): string {
  return element.children.map((child) => (typeof child === "string" ? child : textContent(child))).join("");
}
