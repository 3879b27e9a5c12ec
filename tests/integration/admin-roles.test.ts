// An administrator takes a role away: what it opened is refused from the holder's next request, the
// account and its history stay, and no administrator can remove their own administrator role.
import { describe, expect, it } from "vitest";
import { action as usersAction, loader as usersLoader } from "~/routes/admin.users";
import { loader as boardLoader } from "~/routes/board._index";
import { prisma } from "~/utils/db.server";
import { call, getRequest, postRequest, sessionCookie, userWithRole } from "./helpers";

async function signedIn(role: "ADMIN" | "BOARD_MEMBER") {
  const user = await userWithRole(role);
  return { ...user, cookie: await sessionCookie(user.id) };
}

const assignmentOf = async (userId: string) => (await prisma.roleAssignment.findFirstOrThrow({ where: { userId } })).id;

const remove = async (admin: { cookie: string }, assignmentId: string) =>
  call(usersAction, await postRequest("/admin/users", { intent: "remove-role", assignmentId }, [admin.cookie]));

describe("removing a role", () => {
  it("closes the board to a member who left it, at their next page, and keeps the account and an audit record", async () => {
    const admin = await signedIn("ADMIN");
    const member = await signedIn("BOARD_MEMBER");
    expect((await call(boardLoader, getRequest("/board", [member.cookie]))).status).toBe(200);

    const assignmentId = await assignmentOf(member.id);
    const listed = await (await call(usersLoader, getRequest("/admin/users", [admin.cookie]))).json();
    expect(listed.users.find((user: { id: string }) => user.id === member.id).roles).toMatchObject([{ id: assignmentId, role: "BOARD_MEMBER" }]);

    const removed = await remove(admin, assignmentId);
    expect(removed.status).toBe(200);
    expect((await removed.json()).notice).toBe("Test board_member is no longer Board member (TESTJ). What the role opened is closed to them from their next page.");
    // The same session, still signed in: the board is refused now.
    expect((await call(boardLoader, getRequest("/board", [member.cookie]))).status).toBe(403);
    expect(await prisma.user.count({ where: { id: member.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "role.removed", subjectId: member.id, actorId: admin.id } })).toBe(1);

    const again = await remove(admin, assignmentId);
    expect(again.status).toBe(404);
    expect((await again.json()).formError).toMatch(/no longer held/);
  });

  it("never lets an administrator remove their own administrator role; another administrator can", async () => {
    const admin = await signedIn("ADMIN");
    const colleague = await signedIn("ADMIN");
    const own = await remove(admin, await assignmentOf(admin.id));
    expect(own.status).toBe(409);
    expect((await own.json()).formError).toBe("You cannot remove your own administrator role. Another administrator can.");
    expect(await prisma.roleAssignment.count({ where: { userId: admin.id, role: "ADMIN" } })).toBe(1);

    expect((await remove(colleague, await assignmentOf(admin.id))).status).toBe(200);
    expect(await prisma.roleAssignment.count({ where: { userId: admin.id } })).toBe(0);
  });

  it("refuses a malformed role id with 400 and changes nothing", async () => {
    const admin = await signedIn("ADMIN");
    const before = await prisma.roleAssignment.count();
    const response = await remove(admin, "../../etc");
    expect(response.status).toBe(400);
    expect((await response.json()).formError).toBe("Choose a role to remove");
    expect(await prisma.roleAssignment.count()).toBe(before);
  });
});
