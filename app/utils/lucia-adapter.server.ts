// lucia 3 stores sessions through an adapter; ours reads and writes the Session and User tables with
// the app's one Prisma client, except for the lookup every signed-in request makes (below).
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type pg from "pg";
import type { RoleGrant } from "~/domain/roles";
import type { PrismaClient } from "~/generated/prisma/client";

type SessionRow = { id: string; userId: string; expiresAt: Date; catalogueVersion?: string | null };

const toDatabaseSession = (row: SessionRow): DatabaseSession => ({
  id: row.id,
  userId: row.userId,
  expiresAt: row.expiresAt,
  attributes: { catalogueVersion: row.catalogueVersion ?? null },
});

/**
 * The session, its user and the user's role grants (oldest first) in one statement, with the version
 * of the credential catalogue: so a request learns whether its process's copy of the catalogue is
 * current (models/catalogue.server.ts) without a statement of its own. `expiresAt` is a
 * `timestamp(3)` holding UTC wall-clock time (as Prisma writes it); pg would read it as local time, so
 * it is turned into a timestamptz here and arrives as the same instant Prisma reads.
 */
const SESSION_AND_USER = `
  SELECT s.id, s."userId", s."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt", u.email, u.name,
    COALESCE((SELECT json_agg(json_build_object('role', r.role, 'jurisdictionId', r."jurisdictionId") ORDER BY r."createdAt")
              FROM "RoleAssignment" r WHERE r."userId" = u.id), '[]') AS grants,
    (SELECT version FROM "CatalogueVersion" WHERE id = 1) AS "catalogueVersion"
  FROM "Session" s JOIN "User" u ON u.id = s."userId"
  WHERE s.id = $1`;

type SessionAndUserRow = SessionRow & { email: string; name: string; grants: RoleGrant[] };

export class PrismaSessionAdapter implements Adapter {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: pg.Pool,
  ) {}

  /**
   * Every signed-in request asks this, so it goes straight to the pg pool as one named prepared
   * statement: no Prisma query compilation, and PostgreSQL plans it once per connection.
   */
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const { rows } = await this.pool.query<SessionAndUserRow>({ name: "lucia-session-and-user", text: SESSION_AND_USER, values: [sessionId] });
    const row = rows[0];
    if (!row) return [null, null];
    const { email, name, grants } = row;
    return [toDatabaseSession(row), { id: row.userId, attributes: { email, name, grants } }];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.prisma.session.findMany({ where: { userId } });
    return rows.map(toDatabaseSession);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.prisma.session.create({
      data: { id: session.id, userId: session.userId, expiresAt: session.expiresAt },
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id: sessionId }, data: { expiresAt } });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id: sessionId } });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { userId } });
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.prisma.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  }
}
