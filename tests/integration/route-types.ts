import type { Role } from "~/domain/roles";

// Routes under a module need one that exists: the content sync publishes the real course first.
export const MODULE = "ethics-boundaries";

/**
 * One row of the route table (route-table.<area>.ts files export PROTECTED and PUBLIC arrays).
 * `path` may contain `:name` placeholders, filled from the route parameters: the defaults in
 * route-access.test.ts plus whatever an area's exported `setup()` returns (ids of rows it creates).
 */
export type ProtectedRoute = {
  file: string;
  path: string;
  roles: readonly Role[];
  /** Builds a valid post for the route, given the jurisdiction the test board member sits on. */
  action?: (scope: { jurisdictionId: string }) => Record<string, string>;
  /** What an allowed role gets from the loader (200 unless said). */
  allowedStatus?: number;
  /** What an allowed role gets from the action (200 unless said; a redirect after success is 302). */
  actionStatus?: number;
  /** The loader answers everyone alike (405 for a post-only resource); only the action is guarded. */
  loaderOpen?: boolean;
};

/** Context an area's setup() receives: the board member's jurisdiction and one user per role. */
export type RouteSetupContext = { jurisdictionId: string; userIds: Record<Role, string> };
