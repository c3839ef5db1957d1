import { clockNow } from '../../shared/calendar.ts';
import { totpRequired } from './totp.ts';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { RoleKey } from '../../shared/roles.ts';
import type { DbOrTx } from '../db/client.ts';
import { preparedStatement } from '../db/prepared.ts';
import type { Actor } from '../http/actor.ts';
import { readSettings, settingValuesOf, storedSettingsSql } from '../settings/repository.ts';
import { unitTreeTokenSql } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { users } from '../users/schema.ts';
import { sessions } from './schema.ts';

export const SESSION_COOKIE = 'zhaoyin_session';
/**
 * A readable marker beside the (HttpOnly) session cookie, holding nothing secret: the web asks for the session only
 * when it is there, so a first visit does not start with a refused request (a 401 in the console).
 */
export const SIGNED_IN_COOKIE = 'zhaoyin_signed_in';
/** Avoids a write per request: last_seen_at moves at most once a minute. */
const TOUCH_INTERVAL_MS = 60_000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: DbOrTx,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const settingsNow = await readSettings(db, ['session.absoluteHours']);
  const token = randomBytes(32).toString('base64url');
  const now = clockNow();
  const expiresAt = new Date(now.getTime() + Number(settingsNow['session.absoluteHours']) * 3_600_000);
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

const SESSION_SETTINGS = ['session.idleMinutes', 'security.totpAdmins', 'security.totpOthers'] as const;

export type SessionLookup = { status: 'ok'; actor: Actor } | { status: 'expired' } | { status: 'none' };

// the statement every request runs
const sessionLookup = preparedStatement((db) =>
  db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      active: users.active,
      unitCode: users.unitCode,
      departmentId: users.departmentId,
      unitPath: units.path,
      mustChangePassword: users.mustChangePassword,
      totpEnabledAt: users.totpEnabledAt,
      // read in the same statement: one round trip per request, and still fresh on every instance
      settings: storedSettingsSql(SESSION_SETTINGS),
      unitTreeToken: unitTreeTokenSql,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.code, users.unitCode))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('zhaoyin_session_lookup'),
);

/**
 * Resolves a cookie token to the acting user, reading user, roles and unit fresh from the database,
 * so a permission change or a disabled account takes effect on the very next request.
 */
export async function resolveSession(db: DbOrTx, token: string | undefined): Promise<SessionLookup> {
  if (!token) return { status: 'none' };
  const id = hashToken(token);
  const [row] = await sessionLookup(db).execute({ id });
  if (!row) return { status: 'none' };
  const now = clockNow().getTime();
  const config = settingValuesOf(row.settings);
  const idleMinutes = Number(config['session.idleMinutes']);
  if (!row.active || row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + idleMinutes * 60_000 <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { status: 'expired' };
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  return {
    status: 'ok',
    actor: {
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      unitCode: row.unitCode,
      unitPath: row.unitPath,
      departmentId: row.departmentId,
      roles: row.roles as RoleKey[],
      sessionId: row.sessionId,
      unitTreeToken: row.unitTreeToken,
      mustChangePassword: row.mustChangePassword,
      needsTotp:
        !row.totpEnabledAt &&
        totpRequired(row.roles, { admins: String(config['security.totpAdmins']), others: String(config['security.totpOthers']) }),
    },
  };
}

export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Housekeeping: drop sessions past their absolute lifetime or idle for longer than the longest allowed idle time. */
export async function purgeExpiredSessions(db: DbOrTx): Promise<void> {
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, clockNow()), and(lt(sessions.lastSeenAt, new Date(clockNow().getTime() - 8 * 3_600_000)))));
}
