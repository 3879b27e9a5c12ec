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
