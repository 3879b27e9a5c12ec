// Roles and what each may do. Pure rules: no database, no HTTP. Checked on the server by
// requirePermission (utils/permissions.server.ts); the UI asks the same functions what to show.

export const ROLES = ["TRAINEE", "INSTRUCTOR", "SUPERVISOR", "BOARD_MEMBER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** A role a user holds; board membership is scoped to one jurisdiction. */
export type RoleGrant = { role: Role; jurisdictionId: string | null };

export const ROLE_LABELS: Record<Role, string> = {
  TRAINEE: "Trainee",
  INSTRUCTOR: "Instructor",
  SUPERVISOR: "Supervisor",
  BOARD_MEMBER: "Board member",
  ADMIN: "Administrator",
};

/** A role as people read it: "Board member (Kentucky)". */
export const roleGrantLabel = (role: Role, jurisdictionName: string | null | undefined) =>
  ROLE_LABELS[role] + (jurisdictionName ? ` (${jurisdictionName})` : "");

/** Permissions as sentences a reader can say out loud: verb, object, and scope where it matters. */
const PERMISSIONS = {
  "view:trainee-home": ["TRAINEE"],
  "view:instructor-home": ["INSTRUCTOR"],
  "view:supervisor-home": ["SUPERVISOR"],
  "view:board-home": ["BOARD_MEMBER"],
  "view:admin-home": ["ADMIN"],
  "list:users:any": ["ADMIN"],
  "remove:roles:any": ["ADMIN"],
  "invite:users": ["ADMIN", "BOARD_MEMBER"],
  "view:catalogue": ["TRAINEE", "INSTRUCTOR", "SUPERVISOR", "BOARD_MEMBER", "ADMIN"],
  "take:modules": ["TRAINEE"],
  "author:modules": ["INSTRUCTOR", "ADMIN"],
  "view:module-stats": ["INSTRUCTOR", "ADMIN"],
  "view:coverage": ["INSTRUCTOR", "BOARD_MEMBER", "ADMIN"],
  // Hours and requirements.
  "log:hours:own": ["TRAINEE"],
  "view:progress:own": ["TRAINEE"],
  "register:sessions": ["TRAINEE"],
  "schedule:sessions": ["INSTRUCTOR"],
  "review:hours:assigned": ["SUPERVISOR"],
  "review:external-training:own-jurisdiction": ["BOARD_MEMBER"],
  "edit:requirements:own-jurisdiction": ["BOARD_MEMBER", "ADMIN"],
  "view:standing:own-jurisdiction": ["BOARD_MEMBER", "ADMIN"],
  "void:hours:any": ["BOARD_MEMBER", "ADMIN"],
  // Exams.
  "sit:exams": ["TRAINEE"],
  "manage:exams:own-jurisdiction": ["BOARD_MEMBER", "ADMIN"],
  "view:exam-reports:own-jurisdiction": ["BOARD_MEMBER", "ADMIN"],
  // Credentials. Any signed-in user may hold credentials they were issued; trainees apply.
  "apply:credentials": ["TRAINEE"],
  "review:applications:own-jurisdiction": ["BOARD_MEMBER"],
  "manage:credentials:own-jurisdiction": ["BOARD_MEMBER"],
  "view:outbox": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Whether the grants allow the permission. With a jurisdiction scope, a board member's grant counts
 * only for their own jurisdiction; an administrator's counts everywhere.
 */
export function can(grants: readonly RoleGrant[], permission: Permission, scope?: { jurisdictionId: string }) {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return grants.some((grant) => {
    if (!allowed.includes(grant.role)) return false;
    if (!scope || grant.role !== "BOARD_MEMBER") return true;
    return grant.jurisdictionId === scope.jurisdictionId;
  });
}

/**
 * Why an administrator may not take this role away, or null. A board member who leaves the board, an
 * instructor who stops teaching, must lose what the role opened. But no administrator removes their
 * own administrator role, and the last administrator stays one: someone must be able to invite.
 */
export function roleRemovalProblem(input: { actorId: string; holderId: string; role: Role; administrators: number }): string | null {
  if (input.role !== "ADMIN") return null;
  if (input.actorId === input.holderId) return "You cannot remove your own administrator role. Another administrator can.";
  if (input.administrators <= 1) return "This is the last administrator. Invite another one before removing this role.";
  return null;
}

/** Roles that are given by invitation; trainees sign up themselves. */
export const INVITABLE_ROLES = ["INSTRUCTOR", "SUPERVISOR", "BOARD_MEMBER", "ADMIN"] as const satisfies readonly Role[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/**
 * Administrators invite anyone. A board member invites instructors and supervisors (roles held in no
 * jurisdiction, so the invitation names none) and fellow board members of a jurisdiction they sit on.
 * A board member's invitation always names its jurisdiction.
 */
export function canInvite(
  grants: readonly RoleGrant[],
  invitation: { role: InvitableRole; jurisdictionId: string | null },
): boolean {
  if (invitation.role === "BOARD_MEMBER" && !invitation.jurisdictionId) return false;
  if (grants.some((grant) => grant.role === "ADMIN")) return true;
  const boards = grants.filter((grant) => grant.role === "BOARD_MEMBER");
  if (invitation.role === "ADMIN") return false;
  if (invitation.role === "BOARD_MEMBER") return boards.some((grant) => grant.jurisdictionId === invitation.jurisdictionId);
  return boards.length > 0;
}

const HOME_PATHS: Record<Role, string> = {
  ADMIN: "/admin",
  BOARD_MEMBER: "/board",
  INSTRUCTOR: "/instructor",
  SUPERVISOR: "/supervisor",
  TRAINEE: "/trainee",
};

/** Where a user lands after sign-in: the home of their most responsible role. */
export function homePath(grants: readonly RoleGrant[]): string {
  for (const role of ["ADMIN", "BOARD_MEMBER", "INSTRUCTOR", "SUPERVISOR", "TRAINEE"] as const) {
    if (grants.some((grant) => grant.role === role)) return HOME_PATHS[role];
  }
  return "/";
}

export type NavigationLink = { to: string; label: string };

/** A place in the navigation; `distinctLabel` names it when another of the user's places has its label. */
type Place = NavigationLink & { distinctLabel?: string };

/**
 * The navigation a user sees: one entry per place their roles open, in a stable order. A place two
 * roles open is listed once; two places with one name (a trainee's exams and the board's, for a
 * trainee who sits on a board) are told apart by name.
 */
export function navigationFor(grants: readonly RoleGrant[]): NavigationLink[] {
  const places: Place[] = [];
  const has = (role: Role) => grants.some((grant) => grant.role === role);
  if (has("TRAINEE")) {
    places.push(
      { to: "/trainee", label: "My training" },
      { to: "/modules", label: "Course" },
      { to: "/sessions", label: "Live sessions" },
      { to: "/hours", label: "Hours" },
      { to: "/progress", label: "Progress" },
      { to: "/exams", label: "Exams", distinctLabel: "My exams" },
      { to: "/credentials", label: "Credentials", distinctLabel: "My credentials" },
    );
  }
  if (has("INSTRUCTOR")) places.push({ to: "/instructor", label: "Teaching" }, { to: "/instructor/sessions", label: "My sessions" });
  if (has("SUPERVISOR")) places.push({ to: "/supervisor", label: "Supervision" });
  if (has("BOARD_MEMBER")) {
    places.push(
      { to: "/board", label: "Board" },
      { to: "/board/requirements", label: "Requirements" },
      { to: "/board/standing", label: "Standing" },
      { to: "/board/external-training", label: "External training" },
      { to: "/board/exams", label: "Exams", distinctLabel: "Board exams" },
      { to: "/board/applications", label: "Applications" },
      { to: "/board/credentials", label: "Credentials", distinctLabel: "Credentials issued" },
    );
  }
  if (has("ADMIN")) {
    places.push(
      { to: "/admin", label: "Administration" },
      { to: "/admin/users", label: "Users" },
      { to: "/admin/outbox", label: "Outbox" },
      { to: "/board/requirements", label: "Requirements" },
      { to: "/board/standing", label: "Standing" },
    );
  }
  if (can(grants, "author:modules")) places.push({ to: "/instructor/modules", label: "Modules" });
  if (can(grants, "view:coverage")) places.push({ to: "/curriculum/coverage", label: "Coverage" });
  if (can(grants, "invite:users")) places.push({ to: "/invitations", label: "Invitations" });
  const once = places.filter((place, index) => places.findIndex((other) => other.to === place.to) === index);
  return once.map(({ to, label, distinctLabel }) => {
    const shared = once.some((other) => other.to !== to && other.label === label);
    return { to, label: shared && distinctLabel ? distinctLabel : label };
  });
}

/**
 * The navigation link for the page at `pathname`: the one whose address is the page's or the longest
 * that leads to it ("/board/standing?page=2" is under Standing, not Board). None when no link leads there.
 */
export function currentNavigationLink(links: readonly NavigationLink[], pathname: string): NavigationLink | undefined {
  let current: NavigationLink | undefined;
  for (const link of links) {
    const leadsHere = pathname === link.to || pathname.startsWith(`${link.to}/`);
    if (leadsHere && (!current || link.to.length > current.to.length)) current = link;
  }
  return current;
}
