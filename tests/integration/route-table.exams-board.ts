import { prisma } from "~/utils/db.server";
import type { ProtectedRoute, RouteSetupContext } from "./route-types";

const BOARD = ["BOARD_MEMBER", "ADMIN"] as const;

export const PROTECTED: ProtectedRoute[] = [
  { file: "board.exams._index.tsx", path: "/board/exams", roles: BOARD },
  {
    file: "board.exams.$examId._index.tsx",
    path: "/board/exams/:examId",
    roles: BOARD,
    // A time limit of 0 is refused with 400, so every allowed role can post it and nothing changes.
    action: () => ({ intent: "save", timeLimitMinutes: "0", reviewPolicy: "none", passRuleKind: "raw", rawCut: "1" }),
    actionStatus: 400,
  },
  {
    file: "board.exams.$examId.items._index.tsx",
    path: "/board/exams/:examId/items",
    roles: BOARD,
    // An item without a key is refused with 400 and nothing is saved.
    action: () => ({ intent: "create", domain: "advocacy", type: "single", status: "DRAFT", stem: "Probe", "option.a": "A", "option.b": "B" }),
    actionStatus: 400,
  },
  {
    file: "board.exams.$examId.items.$itemId.tsx",
    path: "/board/exams/:examId/items/:itemId",
    roles: BOARD,
    action: () => ({ intent: "revise", basedOnVersion: "1", type: "single", status: "DRAFT", stem: "Probe", "option.a": "A", "option.b": "B" }),
    actionStatus: 400,
  },
  { file: "board.exams.$examId.qti[.]xml.tsx", path: "/board/exams/:examId/qti.xml", roles: BOARD },
  { file: "board.exams.$examId.report.tsx", path: "/board/exams/:examId/report", roles: BOARD },
];

/** A small exam of the test board member's jurisdiction with one live item. */
export async function setup({ jurisdictionId }: RouteSetupContext) {
  const exam = await prisma.exam.upsert({
    where: { code: "route-table-board-exam" },
    create: {
      code: "route-table-board-exam",
      jurisdictionId,
      name: "Route table exam",
      blueprint: { advocacy: 1 },
      timeLimitMinutes: 30,
      passRule: { kind: "raw", cut: 1 },
      attemptsAllowed: 3,
      waitingDays: 0,
    },
    update: {},
  });
  const item = await prisma.examItem.upsert({
    where: { examId_externalId: { examId: exam.id, externalId: "route-probe-001" } },
    create: {
      examId: exam.id,
      externalId: "route-probe-001",
      domain: "advocacy",
      versions: {
        create: {
          version: 1,
          status: "LIVE",
          type: "SINGLE",
          stem: "Which option is right?",
          options: [
            { id: "a", text: "This one" },
            { id: "b", text: "That one" },
          ],
          key: ["a"],
          rationale: "Because.",
        },
      },
    },
    update: {},
  });
  return { examId: exam.id, itemId: item.id };
}

/** The page data of /board/exams/:examId that its definition form is filled from. */
type DefinitionPage = {
  updatedAt: string;
  angoffText: string;
  definition: {
    blueprint: Record<string, number>;
    pretestCount: number;
    timeLimitMinutes: number;
    attemptsAllowed: number;
    waitingDays: number;
    passRule: { kind: "raw"; cut: number } | { kind: "angoff" };
    scaling: { reportedMin: number; reportedMax: number; cutReported: number } | null;
    requiresTrainingForId: string | null;
    reviewPolicy: string;
    published: boolean;
  };
};

/** Every field of the exam's definition form as the page fills it, so a test posts only its changes. */
export function definitionFormFields(page: DefinitionPage): Record<string, string> {
  const { definition } = page;
  const fields: Record<string, string> = {
    basedOn: page.updatedAt,
    pretestCount: String(definition.pretestCount),
    timeLimitMinutes: String(definition.timeLimitMinutes),
    attemptsAllowed: String(definition.attemptsAllowed),
    waitingDays: String(definition.waitingDays),
    passRuleKind: definition.passRule.kind,
    rawCut: definition.passRule.kind === "raw" ? String(definition.passRule.cut) : "",
    angoffRatings: page.angoffText,
    requiresTrainingForId: definition.requiresTrainingForId ?? "",
    reviewPolicy: definition.reviewPolicy,
    reportedMin: String(definition.scaling?.reportedMin ?? ""),
    reportedMax: String(definition.scaling?.reportedMax ?? ""),
    cutReported: String(definition.scaling?.cutReported ?? ""),
    ...(definition.scaling ? { scalingEnabled: "on" } : {}),
    ...(definition.published ? { published: "on" } : {}),
  };
  for (const [domain, count] of Object.entries(definition.blueprint)) fields[`blueprint.${domain}`] = String(count);
  return fields;
}
