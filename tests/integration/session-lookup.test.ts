// The session lookup every signed-in request makes: one statement reads the session, the user and
// their role grants (utils/lucia-adapter.server.ts). Run east of UTC so that a session expiry read in
// the wrong time zone would land hours off.
process.env.TZ = "Pacific/Auckland";

import { describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { loader as boardLoader } from "~/routes/board._index";
import { grantRole } from "~/models/user.server";
import { lucia } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { call, getRequest, jurisdiction, sessionCookie, setCookies, userWithRole } from "./helpers";

const DAY_MS = 24 * 60 * 60 * 1000;
const sessionIdOf = (cookie: string) => cookie.split("=")[1]!;
const expiresAt = async (id: string) => (await prisma.session.findUnique({ where: { id } }))?.expiresAt ?? null;

describe("the session lookup", () => {
  it("reads the session's expiry as the same instant Prisma does, whatever the server's time zone", async () => {
    expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(0);
    const user = await userWithRole("TRAINEE");
    const id = sessionIdOf(await sessionCookie(user.id));
    // 20 days left: not yet due for renewal, so lucia hands back the stored expiry as read.
    const stored = new Date(Math.floor(Date.now() / 1000) * 1000 + 20 * DAY_MS + 123);
    await prisma.session.update({ where: { id }, data: { expiresAt: stored } });
    const { session } = await lucia.validateSession(id);
    expect(session?.fresh).toBe(false);
    expect(session?.expiresAt.getTime()).toBe(stored.getTime());
    expect((await expiresAt(id))?.getTime()).toBe(stored.getTime());
  });

  it("brings the user's grants, oldest first, and a grant taken away counts on the very next request", async () => {
    const board = await userWithRole("BOARD_MEMBER", "LOOKUP-A");
    const second = await jurisdiction("LOOKUP-B");
    await grantRole(prisma, board.id, "BOARD_MEMBER", second.id);
    const instructor = await grantRole(prisma, board.id, "INSTRUCTOR");
    // Granted last but dated first: the order is the grants' dates, not the rows' order.
    await prisma.roleAssignment.update({ where: { id: instructor.id }, data: { createdAt: new Date("2020-01-01T00:00:00Z") } });
    const cookie = await sessionCookie(board.id);

    const root = await (await call(rootLoader, getRequest("/board", [cookie]))).json();
    expect(root.user.roles).toEqual(["Instructor", "Board member"]);
    const home = await (await call(boardLoader, getRequest("/board", [cookie]))).json();
    expect(home.jurisdictions.map((j: { code: string }) => j.code).sort()).toEqual(["LOOKUP-A", "LOOKUP-B"]);

    await prisma.roleAssignment.deleteMany({ where: { userId: board.id, jurisdictionId: second.id } });
    const after = await (await call(boardLoader, getRequest("/board", [cookie]))).json();
    expect(after.jurisdictions.map((j: { code: string }) => j.code)).toEqual(["LOOKUP-A"]);

    await prisma.roleAssignment.deleteMany({ where: { userId: board.id, role: "BOARD_MEMBER" } });
    expect((await call(boardLoader, getRequest("/board", [cookie]))).status).toBe(403);
  });

  it("refuses a session past its expiry, deletes it and clears the cookie", async () => {
    const user = await userWithRole("BOARD_MEMBER");
    const cookie = await sessionCookie(user.id);
    const id = sessionIdOf(cookie);
    await prisma.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const page = await call(boardLoader, getRequest("/board", [cookie]));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/login?redirectTo=%2Fboard");
    expect(await expiresAt(id)).toBeNull();
    const root = await call(rootLoader, getRequest("/board", [cookie]));
    expect(setCookies(root).some((c) => /^peerpath_session=;/.test(c))).toBe(true);
  });

  it("extends a session with less than half its 30 days left and sends a new cookie; a newer one is left alone", async () => {
    const user = await userWithRole("BOARD_MEMBER");
    const cookie = await sessionCookie(user.id);
    const id = sessionIdOf(cookie);

    const root = await call(rootLoader, getRequest("/board", [cookie]));
    expect(setCookies(root).some((c) => c.startsWith("peerpath_session="))).toBe(false);

    await prisma.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 10 * DAY_MS) } });
    const renewed = await call(rootLoader, getRequest("/board", [cookie]));
    expect(renewed.status).toBe(200);
    const sent = setCookies(renewed).find((c) => c.startsWith(`peerpath_session=${id};`));
    expect(sent).toMatch(/Max-Age=2592000/);
    expect((await expiresAt(id))!.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
  });
});
