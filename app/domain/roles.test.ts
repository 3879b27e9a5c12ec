import { describe, expect, it } from "vitest";
import { ROLES, can, canInvite, currentNavigationLink, homePath, navigationFor, roleRemovalProblem, type RoleGrant } from "./roles";

const trainee: RoleGrant[] = [{ role: "TRAINEE", jurisdictionId: null }];
const boardKy: RoleGrant[] = [{ role: "BOARD_MEMBER", jurisdictionId: "ky" }];
const admin: RoleGrant[] = [{ role: "ADMIN", jurisdictionId: null }];

describe("can", () => {
  it("gives each role its own home only", () => {
    expect(can(trainee, "view:trainee-home")).toBe(true);
    expect(can(trainee, "view:board-home")).toBe(false);
    expect(can(boardKy, "view:board-home")).toBe(true);
    expect(can(admin, "view:board-home")).toBe(false);
  });

  it("limits a board member's scoped permission to their jurisdiction; an administrator's is everywhere", () => {
    expect(can(boardKy, "invite:users", { jurisdictionId: "ky" })).toBe(true);
    expect(can(boardKy, "invite:users", { jurisdictionId: "pa" })).toBe(false);
    expect(can(admin, "invite:users", { jurisdictionId: "pa" })).toBe(true);
    expect(can(trainee, "invite:users")).toBe(false);
  });
});

describe("canInvite", () => {
  it("lets a board member invite instructors and supervisors (no jurisdiction), and board members of their own jurisdiction only", () => {
    expect(canInvite(boardKy, { role: "INSTRUCTOR", jurisdictionId: null })).toBe(true);
    expect(canInvite(boardKy, { role: "SUPERVISOR", jurisdictionId: null })).toBe(true);
    expect(canInvite(boardKy, { role: "BOARD_MEMBER", jurisdictionId: "ky" })).toBe(true);
    expect(canInvite(boardKy, { role: "BOARD_MEMBER", jurisdictionId: "pa" })).toBe(false);
    expect(canInvite(boardKy, { role: "BOARD_MEMBER", jurisdictionId: null })).toBe(false);
    expect(canInvite(boardKy, { role: "ADMIN", jurisdictionId: null })).toBe(false);
    expect(canInvite([{ role: "INSTRUCTOR", jurisdictionId: null }], { role: "SUPERVISOR", jurisdictionId: null })).toBe(false);
  });

  it("lets an administrator invite anyone, but a board member always needs a jurisdiction", () => {
    expect(canInvite(admin, { role: "ADMIN", jurisdictionId: null })).toBe(true);
    expect(canInvite(admin, { role: "BOARD_MEMBER", jurisdictionId: null })).toBe(false);
    expect(canInvite(admin, { role: "BOARD_MEMBER", jurisdictionId: "pa" })).toBe(true);
    expect(canInvite(trainee, { role: "INSTRUCTOR", jurisdictionId: null })).toBe(false);
  });
});

describe("homePath and navigation", () => {
  it("sends a user with several roles to their most responsible role's home and shows every place", () => {
    const both: RoleGrant[] = [...trainee, { role: "INSTRUCTOR", jurisdictionId: null }];
    expect(homePath(both)).toBe("/instructor");
    expect(navigationFor(both).map((link) => link.to)).toEqual([
      "/trainee",
      "/modules",
      "/sessions",
      "/hours",
      "/progress",
      "/exams",
      "/credentials",
      "/instructor",
      "/instructor/sessions",
      "/instructor/modules",
      "/curriculum/coverage",
    ]);
    expect(homePath(trainee)).toBe("/trainee");
    expect(navigationFor(boardKy).map((link) => link.to)).toEqual([
      "/board",
      "/board/requirements",
      "/board/standing",
      "/board/external-training",
      "/board/exams",
      "/board/applications",
      "/board/credentials",
      "/curriculum/coverage",
      "/invitations",
    ]);
    expect(navigationFor(admin).map((link) => link.to)).toEqual([
      "/admin",
      "/admin/users",
      "/admin/outbox",
      "/board/requirements",
      "/board/standing",
      "/instructor/modules",
      "/curriculum/coverage",
      "/invitations",
    ]);
  });
});

describe("navigation for a user with several roles", () => {
  const traineeOnBoard: RoleGrant[] = [...trainee, ...boardKy];
  const labels = (grants: RoleGrant[]) => navigationFor(grants).map((link) => link.label);

  it("tells a trainee who sits on a board their own exams and credentials from the board's", () => {
    expect(navigationFor(traineeOnBoard)).toEqual(
      expect.arrayContaining([
        { to: "/exams", label: "My exams" },
        { to: "/credentials", label: "My credentials" },
        { to: "/board/exams", label: "Board exams" },
        { to: "/board/credentials", label: "Credentials issued" },
      ]),
    );
    // A single role keeps the short names.
    expect(labels(trainee)).toEqual(["My training", "Course", "Live sessions", "Hours", "Progress", "Exams", "Credentials"]);
    expect(labels(boardKy)).toContain("Exams");
    expect(labels(boardKy)).toContain("Credentials");
  });

  it("never shows two links with one name, or two to one place, whatever roles a user holds", () => {
    const grantsOf = (roles: readonly (typeof ROLES)[number][]) =>
      roles.map((role) => ({ role, jurisdictionId: role === "BOARD_MEMBER" ? "ky" : null }));
    for (let mask = 1; mask < 1 << ROLES.length; mask++) {
      const links = navigationFor(grantsOf(ROLES.filter((_, index) => mask & (1 << index))));
      expect(new Set(links.map((link) => link.label)).size).toBe(links.length);
      expect(new Set(links.map((link) => link.to)).size).toBe(links.length);
    }
  });

  it("lists a place two roles open once, where the first role puts it", () => {
    expect(navigationFor([...boardKy, ...admin]).filter((link) => link.to === "/board/requirements")).toHaveLength(1);
    expect(navigationFor([...boardKy, ...admin]).map((link) => link.to).slice(0, 3)).toEqual(["/board", "/board/requirements", "/board/standing"]);
  });
});

describe("currentNavigationLink", () => {
  const links = navigationFor([{ role: "BOARD_MEMBER", jurisdictionId: "ky" }, { role: "ADMIN", jurisdictionId: null }]);
  const current = (pathname: string) => currentNavigationLink(links, pathname)?.label;

  it("marks the link of the page itself", () => {
    expect(current("/board")).toBe("Board");
    expect(current("/admin")).toBe("Administration");
  });

  it("marks the most specific link for a page under several", () => {
    expect(current("/board/standing")).toBe("Standing");
    expect(current("/board/applications/abc123")).toBe("Applications");
    expect(current("/admin/users")).toBe("Users");
    expect(current("/board/requirements/ct1")).toBe("Requirements");
  });

  it("marks nothing for a page no link leads to, nor for a mere name prefix", () => {
    expect(current("/verify")).toBeUndefined();
    expect(current("/boardroom")).toBeUndefined();
  });
});

describe("roleRemovalProblem", () => {
  it("lets an administrator remove any role but administrator freely", () => {
    for (const role of ["TRAINEE", "INSTRUCTOR", "SUPERVISOR", "BOARD_MEMBER"] as const) {
      expect(roleRemovalProblem({ actorId: "admin", holderId: "admin", role, administrators: 1 })).toBeNull();
    }
  });

  it("keeps an administrator from removing their own administrator role, and keeps the last administrator", () => {
    expect(roleRemovalProblem({ actorId: "a", holderId: "a", role: "ADMIN", administrators: 3 })).toMatch(/your own administrator role/);
    expect(roleRemovalProblem({ actorId: "a", holderId: "b", role: "ADMIN", administrators: 1 })).toMatch(/last administrator/);
    expect(roleRemovalProblem({ actorId: "a", holderId: "b", role: "ADMIN", administrators: 2 })).toBeNull();
  });
});
