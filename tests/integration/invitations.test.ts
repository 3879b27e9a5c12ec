import { describe, expect, it } from "vitest";
import { action as acceptAction, loader as acceptLoader } from "~/routes/invite.$token";
import { action as inviteAction } from "~/routes/invitations._index";
import { prisma } from "~/utils/db.server";
import { call, getRequest, jurisdiction, postRequest, sessionCookie, uniqueEmail, userWithRole } from "./helpers";

async function invite(inviterId: string, fields: Record<string, string>) {
  const response = await call(inviteAction, await postRequest("/invitations", fields, [await sessionCookie(inviterId)]));
  const body = response.status === 200 ? await response.json() : null;
  return { response, body, token: body?.link ? String(body.link).split("/invite/")[1]! : null };
}

const accept = async (token: string, fields: Record<string, string>) =>
  call(acceptAction, await postRequest(`/invite/${token}`, fields), { token });

describe("invitations", () => {
  it("an administrator invites an instructor, who sets a password once and lands on their home", async () => {
    const admin = await userWithRole("ADMIN");
    const email = uniqueEmail("invitee");
    const { body, token } = await invite(admin.id, { name: "Ivy Invitee", email, role: "INSTRUCTOR", jurisdictionId: "" });
    expect(body.link).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{40,}$/);
    const page = await call(acceptLoader, getRequest(`/invite/${token}`), { token: token! });
    expect(await page.json()).toMatchObject({ name: "Ivy Invitee", email, role: "Instructor" });

    const accepted = await accept(token!, { password: "teach with care", confirmPassword: "teach with care" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/instructor");
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
    expect(user.roles.map((r) => r.role)).toEqual(["INSTRUCTOR"]);

    const again = await accept(token!, { password: "teach with care", confirmPassword: "teach with care" });
    expect(again.status).toBe(410);
    expect(await again.text()).toMatch(/already been used/);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  it("accepted from many tabs at once: one account, every other tab told the link was used", async () => {
    const admin = await userWithRole("ADMIN");
    const email = uniqueEmail("manytabs");
    const { token } = await invite(admin.id, { name: "Many Tabs", email, role: "SUPERVISOR", jurisdictionId: "" });
    const fields = { password: "one account only", confirmPassword: "one account only" };
    const responses = await Promise.all(Array.from({ length: 8 }, () => accept(token!, fields)));
    expect(responses.filter((response) => response.status === 302)).toHaveLength(1);
    const refused = responses.filter((response) => response.status !== 302);
    expect(refused.map((response) => response.status)).toEqual(refused.map(() => 410));
    for (const response of refused) expect(await response.text()).toMatch(/already been used/);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  it("refuses an expired link and an unknown link with clear messages", async () => {
    const admin = await userWithRole("ADMIN");
    const { token } = await invite(admin.id, { name: "Late", email: uniqueEmail("late"), role: "SUPERVISOR", jurisdictionId: "" });
    await prisma.invitation.updateMany({ where: { invitedById: admin.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await accept(token!, { password: "too late now!", confirmPassword: "too late now!" });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/expired/);
    const unknown = await call(acceptLoader, getRequest("/invite/abcdefghijklmnopqrstuvwxyz"), { token: "abcdefghijklmnopqrstuvwxyz" });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/not valid/);
  });

  it("refuses a weak password on acceptance and leaves the link usable", async () => {
    const admin = await userWithRole("ADMIN");
    const email = uniqueEmail("weakinvite");
    const { token } = await invite(admin.id, { name: "Weak", email, role: "SUPERVISOR", jurisdictionId: "" });
    const weak = await accept(token!, { password: "short", confirmPassword: "short" });
    expect(weak.status).toBe(400);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect((await accept(token!, { password: "supervise kindly", confirmPassword: "supervise kindly" })).status).toBe(302);
  });

  it("adds the role to an existing account only with that account's password", async () => {
    const admin = await userWithRole("ADMIN");
    const trainee = await userWithRole("TRAINEE");
    const { token } = await invite(admin.id, { name: "Promoted", email: trainee.email, role: "SUPERVISOR", jurisdictionId: "" });
    const wrong = await accept(token!, { password: "not my password" });
    expect(wrong.status).toBe(400);
    expect((await prisma.roleAssignment.findMany({ where: { userId: trainee.id } })).map((r) => r.role)).toEqual(["TRAINEE"]);
    const right = await accept(token!, { password: "correct horse battery" });
    expect(right.status).toBe(302);
    expect((await prisma.roleAssignment.findMany({ where: { userId: trainee.id } })).map((r) => r.role).sort()).toEqual(["SUPERVISOR", "TRAINEE"]);
  });

  it("lets a board member invite only into their own jurisdiction, and never an administrator", async () => {
    const board = await userWithRole("BOARD_MEMBER", "OWNJ");
    const own = await jurisdiction("OWNJ");
    const other = await jurisdiction("OTHERJ");
    const ok = await invite(board.id, { name: "Fellow", email: uniqueEmail("fellow"), role: "BOARD_MEMBER", jurisdictionId: own.id });
    expect(ok.response.status).toBe(200);
    // Only a forged or stale form names another board: it is answered on the field, not as a refusal page.
    const elsewhere = await invite(board.id, { name: "Stranger", email: uniqueEmail("stranger"), role: "BOARD_MEMBER", jurisdictionId: other.id });
    expect(elsewhere.response.status).toBe(400);
    expect((await elsewhere.response.json()).errors.jurisdictionId).toEqual(["Choose a jurisdiction whose board you sit on: you can invite board members only there"]);
    const admin = await invite(board.id, { name: "Boss", email: uniqueEmail("boss"), role: "ADMIN", jurisdictionId: own.id });
    expect(admin.response.status).toBe(403);
    expect((await admin.response.json()).formError).toBe("Only an administrator can invite another administrator.");
    const count = await prisma.invitation.count({ where: { invitedById: board.id } });
    expect(count).toBe(1);
  });

  it("lets a board member invite an instructor or a supervisor with the jurisdiction left at None", async () => {
    const board = await userWithRole("BOARD_MEMBER", "NONEJ");
    const own = await jurisdiction("NONEJ");
    for (const [role, jurisdictionId] of [["INSTRUCTOR", ""], ["SUPERVISOR", ""], ["INSTRUCTOR", own.id]] as const) {
      const email = uniqueEmail("unscoped");
      const { response, token } = await invite(board.id, { name: "Unscoped", email, role, jurisdictionId });
      expect(response.status).toBe(200);
      expect(token).toBeTruthy();
      // Instructors and supervisors are held in no jurisdiction, so none is stored even when one was chosen.
      expect(await prisma.invitation.findFirstOrThrow({ where: { email }, select: { role: true, jurisdictionId: true } })).toEqual({ role, jurisdictionId: null });
    }
    const fellow = await invite(board.id, { name: "Fellow", email: uniqueEmail("fellow"), role: "BOARD_MEMBER", jurisdictionId: "" });
    expect(fellow.response.status).toBe(400);
    expect((await fellow.response.json()).errors.jurisdictionId).toEqual(["Choose the jurisdiction whose board they join"]);
  });

  it("asks for a jurisdiction when inviting a board member", async () => {
    const admin = await userWithRole("ADMIN");
    const { response } = await invite(admin.id, { name: "No board", email: uniqueEmail("noboard"), role: "BOARD_MEMBER", jurisdictionId: "" });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.jurisdictionId[0]).toMatch(/Choose the jurisdiction/);
  });
});
