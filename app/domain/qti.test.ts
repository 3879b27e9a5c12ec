import { describe, expect, it } from "vitest";
import { QTI_NAMESPACE, bankToQti, itemToQti, parseXml, readQti, type QtiItem } from "./qti";

const single: QtiItem = {
  identifier: "pr-adv-101",
  domain: "advocacy",
  type: "single",
  stem: 'Which response best models "person-first" language when a colleague says <addict> & worse?',
  options: [
    { id: "a", text: "Say nothing." },
    { id: "b", text: "Rebuke the colleague in front of the team." },
    { id: "c", text: "Use person-first wording & offer a short guide." },
  ],
  key: ["c"],
  rationale: "Modelling respectful language changes team culture.\n\nSilence lets stigma stand.\nSo does copying the label.",
};

const multiple: QtiItem = {
  identifier: "pr-adv-102",
  domain: "advocacy",
  type: "multiple",
  stem: "Which are systems-level advocacy? Select all that apply.",
  options: [
    { id: "a", text: "Speaking at a county hearing." },
    { id: "b", text: "Helping one person with a form." },
    { id: "c", text: "Joining a coalition for naloxone access." },
    { id: "d", text: "An appointment reminder." },
  ],
  key: ["a", "c"],
  rationale: "Systems advocacy changes policies and services for many people.",
};

const trueFalse: QtiItem = {
  identifier: "pr-eth-103",
  domain: "ethical-responsibility",
  type: "true-false",
  stem: "A peer specialist may lend money to a participant in a crisis.",
  options: [
    { id: "a", text: "True" },
    { id: "b", text: "False" },
  ],
  key: ["b"],
  rationale: "",
};

/** A minimal foreign item, as another tool might write it. */
function foreignItem({
  identifier = "ITEM_7",
  cardinality = "single",
  values = ["ChoiceB"],
  maxChoices = "1",
  body = "",
  interaction = "qti-choice-interaction",
  bodyClass = "",
}: Partial<{ identifier: string; cardinality: string; values: string[]; maxChoices: string; body: string; interaction: string; bodyClass: string }> = {}) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="${QTI_NAMESPACE}" identifier="${identifier}" title="Seven" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="${cardinality}" base-type="identifier">
    <qti-correct-response>${values.map((value) => `<qti-value>${value}</qti-value>`).join("")}</qti-correct-response>
  </qti-response-declaration>
  <qti-item-body${bodyClass ? ` class="${bodyClass}"` : ""}>
    <p>A participant asks about   her
       rights.</p>
    ${body}
    <${interaction} response-identifier="RESPONSE" max-choices="${maxChoices}">
      <qti-prompt>What do you say?</qti-prompt>
      <qti-simple-choice identifier="ChoiceA">Tell her to <strong>stop</strong> paying rent.</qti-simple-choice>
      <qti-simple-choice identifier="ChoiceB">Help her learn her rights &amp; plan what to say.</qti-simple-choice>
      <qti-simple-choice identifier="ChoiceC">Call the landlord&#x2019;s office yourself.</qti-simple-choice>
    </${interaction}>
  </qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
</qti-assessment-item>`;
}

const problemsOf = (source: string, defaultDomain?: string) => {
  const result = readQti(source, { defaultDomain });
  if (result.ok) throw new Error("expected the file to be refused");
  return result.problems;
};

describe("QTI 3.0 export", () => {
  it("writes one item as a standard qti-assessment-item document", () => {
    const xml = itemToQti(single);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"')).toBe(true);
    expect(xml).toContain('<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">');
    expect(xml).toContain("<qti-value>c</qti-value>");
    expect(xml).toContain('<qti-item-body class="peerpath-domain-advocacy">');
    expect(xml).toContain('max-choices="1"');
    expect(xml).toContain("<qti-prompt>Which response best models \"person-first\" language when a colleague says &lt;addict&gt; &amp; worse?</qti-prompt>");
    expect(xml).toContain('<qti-simple-choice identifier="c">Use person-first wording &amp; offer a short guide.</qti-simple-choice>');
    expect(xml).toContain('<qti-rubric-block view="scorer">');
    expect(xml).toContain('template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"');
  });

  it("marks multiple-answer items with cardinality multiple and no choice limit, true-false items by class", () => {
    const many = itemToQti(multiple);
    expect(many).toContain('cardinality="multiple"');
    expect(many).toContain('max-choices="0"');
    expect(many).toContain("<qti-value>a</qti-value>");
    expect(many).toContain("<qti-value>c</qti-value>");
    const tf = itemToQti(trueFalse);
    expect(tf).toContain('class="peerpath-true-false"');
    expect(tf).toContain('shuffle="false"');
    expect(tf).not.toContain("qti-rubric-block");
  });

  it("reads back exactly what it wrote, one item or a whole bank", () => {
    for (const item of [single, multiple, trueFalse]) expect(readQti(itemToQti(item))).toEqual({ ok: true, items: [item] });
    const bank = bankToQti({ examCode: "icrc-pr", examName: 'IC&RC "PR"', exportedAt: new Date("2026-01-02T03:04:05Z"), items: [single, multiple, trueFalse] });
    expect(bank).toContain('<item-bank xmlns="urn:peerpath:item-bank:1" exam="icrc-pr" name="IC&amp;RC &quot;PR&quot;"');
    expect(readQti(bank)).toEqual({ ok: true, items: [single, multiple, trueFalse] });
  });

  it("writes every bank item as a complete document of its own", () => {
    const bank = bankToQti({ examCode: "x", examName: "X", exportedAt: new Date(), items: [single, multiple] });
    const root = parseXml(bank);
    const items = root.children.filter((child) => typeof child !== "string");
    expect(items).toHaveLength(2);
    for (const item of items) expect(item).toMatchObject({ local: "qti-assessment-item", namespace: QTI_NAMESPACE });
  });
});

describe("QTI 3.0 import", () => {
  it("reads an item from another tool: stem from body and prompt, markup flattened, option ids a-f", () => {
    const result = readQti(foreignItem(), { defaultDomain: "advocacy" });
    expect(result).toEqual({
      ok: true,
      items: [
        {
          identifier: "ITEM_7",
          domain: "advocacy",
          type: "single",
          stem: "A participant asks about her rights.\n\nWhat do you say?",
          options: [
            { id: "a", text: "Tell her to stop paying rent." },
            { id: "b", text: "Help her learn her rights & plan what to say." },
            { id: "c", text: "Call the landlord\u2019s office yourself." },
          ],
          key: ["b"],
          rationale: "",
        },
      ],
    });
  });

  it("takes the domain from the body's class before the default, and refuses an unknown one", () => {
    const result = readQti(foreignItem({ bodyClass: "wide peerpath-domain-ethical-responsibility" }), { defaultDomain: "advocacy" });
    expect(result.ok && result.items[0]!.domain).toBe("ethical-responsibility");
    expect(problemsOf(foreignItem({ bodyClass: "peerpath-domain-astrology" }))).toEqual([
      'Item "ITEM_7": its domain "astrology" is not one of advocacy, mentoring-education, recovery-wellness-support, ethical-responsibility.',
    ]);
    expect(problemsOf(foreignItem())[0]).toMatch(/^Item "ITEM_7": it names no domain; add class="peerpath-domain-advocacy"/);
  });

  it("accepts prefixed QTI elements and a multiple response", () => {
    const prefixed = foreignItem({ cardinality: "multiple", values: ["ChoiceA", "ChoiceB"], maxChoices: "0" })
      .replace(`xmlns="${QTI_NAMESPACE}"`, `xmlns:q="${QTI_NAMESPACE}"`)
      .replace(/<(\/?)qti-/g, "<$1q:qti-");
    const result = readQti(prefixed, { defaultDomain: "advocacy" });
    expect(result.ok && result.items[0]).toMatchObject({ type: "multiple", key: ["a", "b"] });
  });

  it("refuses a file that is not XML, with the line", () => {
    expect(problemsOf("just some words")).toEqual(["The file is not well-formed XML: there is text outside the root element (line 1)."]);
    expect(problemsOf("")).toEqual(["The file is not well-formed XML: the file is empty."]);
    expect(problemsOf(foreignItem().replace("</qti-prompt>", "</qti-promt>"))[0]).toMatch(/^The file is not well-formed XML: the end tag <\/qti-promt> does not match <qti-prompt> from line 11 \(line 11\)\.$/);
    expect(problemsOf(foreignItem().replace("&amp;", "&"))[0]).toMatch(/"&" must be written as &amp;/);
    expect(problemsOf(foreignItem().replace("&amp;", "&nbsp;"))[0]).toMatch(/the entity &nbsp; is not defined in XML/);
    expect(problemsOf('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')[0]).toMatch(/DOCTYPE declaration/);
    expect(problemsOf("<a><b></a>")[0]).toMatch(/does not match <b>/);
    expect(problemsOf("<a></a><b></b>")[0]).toMatch(/more than one root element/);
    expect(problemsOf('<a x="1" x="2"/>')[0]).toMatch(/attribute x twice/);
    expect(problemsOf("<a>")[0]).toMatch(/<a> from line 1 is never closed/);
  });

  it("refuses XML that is not a QTI 3.0 item, saying what it is", () => {
    expect(problemsOf("<assessmentItem identifier='x'/>")[0]).toMatch(/QTI 2 item/);
    expect(problemsOf("<qti-assessment-test identifier='t'/>")[0]).toMatch(/QTI test/);
    expect(problemsOf("<html><body/></html>")).toEqual([
      "The file is not a QTI 3.0 item: its root element is <html>, where a <qti-assessment-item> (or a PeerPath item bank) was expected.",
    ]);
    expect(problemsOf(foreignItem().replace(QTI_NAMESPACE, "http://www.imsglobal.org/xsd/imsqti_v2p1"), "advocacy")[0]).toMatch(/is in the namespace "http:\/\/www.imsglobal.org\/xsd\/imsqti_v2p1"/);
  });

  it("refuses an item without a correct response, or naming a choice that does not exist", () => {
    expect(problemsOf(foreignItem({ values: [] }), "advocacy")).toEqual([
      'Item "ITEM_7": it has no qti-correct-response with a qti-value, so there is no key; mark the correct choice.',
    ]);
    expect(problemsOf(foreignItem({ values: ["ChoiceZ"] }), "advocacy")).toEqual([
      'Item "ITEM_7": its correct response names "ChoiceZ", which is not one of its choices (ChoiceA, ChoiceB, ChoiceC).',
    ]);
  });

  it("refuses a single response with two correct values, and a choice limit below the key", () => {
    expect(problemsOf(foreignItem({ values: ["ChoiceA", "ChoiceB"] }), "advocacy")).toEqual([
      'Item "ITEM_7": its response is single but names 2 correct values (ChoiceA, ChoiceB); declare cardinality "multiple" or keep one correct value.',
    ]);
    expect(problemsOf(foreignItem({ cardinality: "multiple", values: ["ChoiceA", "ChoiceB"], maxChoices: "1" }), "advocacy")[0]).toMatch(
      /allows 1 choice \(max-choices\) but the key has 2/,
    );
  });

  it("refuses interactions, content and identifiers it cannot keep", () => {
    expect(problemsOf(foreignItem({ interaction: "qti-text-entry-interaction" }), "advocacy")[0]).toMatch(/uses <qti-text-entry-interaction>, which PeerPath does not support/);
    expect(problemsOf(foreignItem({ body: '<img src="a.png" alt="A chart"/>' }), "advocacy")[0]).toMatch(/contains <img> \(line 9\); PeerPath items are text only/);
    expect(problemsOf(foreignItem({ identifier: "7up" }), "advocacy")[0]).toMatch(/identifier must be 2 to 60 characters/);
    expect(problemsOf(foreignItem().replace(' identifier="ChoiceC"', ' identifier="ChoiceA"'), "advocacy")[0]).toMatch(/choice identifier "ChoiceA" is used more than once/);
  });

  it("refuses a bank whose items repeat an identifier, and lists every broken item", () => {
    const bank = bankToQti({ examCode: "x", examName: "X", exportedAt: new Date(), items: [single, single] });
    expect(problemsOf(bank)).toEqual(['Item "pr-adv-101" appears twice in the file (items 1 and 2); give each item its own identifier.']);
    const cased = bankToQti({ examCode: "x", examName: "X", exportedAt: new Date(), items: [single, { ...single, identifier: "PR-ADV-101" }] });
    expect(problemsOf(cased)).toEqual([
      'Items "pr-adv-101" and "PR-ADV-101" (items 1 and 2) have ids that differ only in upper and lower case; give each item its own identifier.',
    ]);
    const broken = bankToQti({ examCode: "x", examName: "X", exportedAt: new Date(), items: [single, multiple] })
      .replace("<qti-value>c</qti-value>", "<qti-value>q</qti-value>")
      .replace(/<qti-value>a<\/qti-value>/, "");
    expect(problemsOf(broken)).toEqual([
      'Item "pr-adv-101": its correct response names "q", which is not one of its choices (a, b, c).',
    ]);
    const twoBroken = broken.replace('identifier="pr-adv-102"', 'identifier="9"');
    expect(problemsOf(twoBroken)).toHaveLength(2);
  });
});
