// Demo data for a new installation: one account per role, and the demo trainee's record. Idempotent:
// running it again adds only what is missing and never resets a changed password.
import type { Role } from "~/domain/roles";
import { prisma } from "~/utils/db.server";
import { syncContent } from "./content.server";
import { seedDemoHolderRecord } from "./demo-holder.server";
import { seedDemoTraineeRecord } from "./demo-trainee.server";
import { createUser, grantRole } from "./user.server";

export const DEMO_PASSWORD = "peerpath-demo";

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; jurisdictionCode?: string }[] = [
  { email: "trainee@peerpath.example", name: "Tara Trainee", role: "TRAINEE" },
  { email: "instructor@peerpath.example", name: "Ian Instructor", role: "INSTRUCTOR" },
  { email: "supervisor@peerpath.example", name: "Sam Supervisor", role: "SUPERVISOR" },
  { email: "board@peerpath.example", name: "Bea Board (IC&RC)", role: "BOARD_MEMBER", jurisdictionCode: "ICRC" },
  { email: "board-ky@peerpath.example", name: "Ken Board (Kentucky)", role: "BOARD_MEMBER", jurisdictionCode: "KY" },
  { email: "admin@peerpath.example", name: "Ada Admin", role: "ADMIN" },
  { email: "holder@peerpath.example", name: "Hana Holder", role: "TRAINEE" },
];

/** Demo accounts; content/ (jurisdictions, requirements, modules) is synced first by syncContent. */
export async function seedDemoData() {
  await syncContent();
  for (const account of DEMO_ACCOUNTS) {
    const jurisdictionId = account.jurisdictionCode
      ? (await prisma.jurisdiction.findUniqueOrThrow({ where: { code: account.jurisdictionCode } })).id
      : null;
    const existing = await prisma.user.findUnique({ where: { email: account.email } });
    if (existing) await grantRole(prisma, existing.id, account.role, jurisdictionId);
    else await createUser({ ...account, password: DEMO_PASSWORD, roles: [{ role: account.role, jurisdictionId }] });
  }
  const trainee = await prisma.user.findUniqueOrThrow({ where: { email: "trainee@peerpath.example" } });
  const supervisor = await prisma.user.findUniqueOrThrow({ where: { email: "supervisor@peerpath.example" } });
  await seedDemoTraineeRecord(trainee.id, supervisor.id);
  const holder = await prisma.user.findUniqueOrThrow({ where: { email: "holder@peerpath.example" } });
  const boardKy = await prisma.user.findUniqueOrThrow({ where: { email: "board-ky@peerpath.example" } });
  await seedDemoHolderRecord(holder.id, boardKy.id);
  await prisma.appSetting.upsert({
    where: { key: "demo-seeded" },
    create: { key: "demo-seeded", value: new Date().toISOString() },
    update: {},
  });
}

export async function demoDataSeeded() {
  return Boolean(await prisma.appSetting.findUnique({ where: { key: "demo-seeded" } }));
}
