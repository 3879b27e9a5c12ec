// The demo trainee's record, so a new installation shows a trainee part-way along: every module of
// the course completed (53 training hours), approved experience and supervised hours signed by the
// demo supervisor, and goals toward Kentucky, IC&RC and Pennsylvania. Built through the same models
// the app uses, so the ledger, completions and histories look exactly as real ones do.
import { prisma } from "~/utils/db.server";
import { enrol, markSectionSeen, submitKnowledgeCheck } from "./enrolment.server";
import { createLedgerEntry, decideEntry } from "./ledger.server";
import { versionContent } from "./module.server";

const GOALS = [
  { jurisdiction: "KY", credential: "APSS" },
  { jurisdiction: "ICRC", credential: "PR" },
  { jurisdiction: "PA", credential: "CPS" },
];

export async function seedDemoTraineeRecord(traineeId: string, supervisorId: string) {
  if (await prisma.ledgerEntry.count({ where: { traineeId } })) return;
  for (const goal of GOALS) {
    const credentialType = await prisma.credentialType.findFirst({
      where: { code: goal.credential, jurisdiction: { code: goal.jurisdiction } },
      select: { id: true },
    });
    if (credentialType) {
      await prisma.traineeGoal.upsert({
        where: { traineeId_credentialTypeId: { traineeId, credentialTypeId: credentialType.id } },
        create: { traineeId, credentialTypeId: credentialType.id },
        update: {},
      });
    }
  }
  const modules = await prisma.module.findMany({ where: { versions: { some: {} } }, select: { id: true } });
  for (const module of modules) {
    const enrolment = (await enrol(traineeId, module.id))!;
    const version = await prisma.moduleVersion.findUniqueOrThrow({ where: { id: enrolment.moduleVersionId } });
    const { sections, questions } = versionContent(version);
    for (let index = 0; index < sections.length; index++) await markSectionSeen(enrolment.id, index);
    await submitKnowledgeCheck(enrolment.id, questions.map((question) => question.options.findIndex((option) => option.correct)));
  }
  const practice = [
    { kind: "EXPERIENCE" as const, hours: 6, setting: "Riverside Recovery Community Center", description: "Facilitated a peer support group and met two participants one to one." },
    { kind: "SUPERVISED" as const, hours: 2, setting: "Riverside Recovery Community Center", description: "Weekly supervision: boundaries with a participant met outside the centre." },
    { kind: "EXPERIENCE" as const, hours: 7.5, setting: "County hospital emergency department", description: "Peer recovery coaching after overdose reversals, with warm hand-offs to treatment." },
  ];
  for (const [index, entry] of practice.entries()) {
    const occurredOn = new Date(Date.UTC(2026, 8, 1 + index * 7));
    const created = await createLedgerEntry(
      prisma,
      {
        traineeId,
        kind: entry.kind,
        status: "PENDING",
        source: "LOGGED",
        minutes: entry.hours * 60,
        occurredOn,
        setting: entry.setting,
        description: entry.description,
        supervisorId,
      },
      traineeId,
    );
    await decideEntry(created.id, supervisorId, "approve", "Confirmed with the site log.");
  }
}
