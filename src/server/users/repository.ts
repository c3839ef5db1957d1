import { and, asc, eq, ilike, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { RoleKey } from '../../shared/roles.ts';
import type { DbOrTx } from '../db/client.ts';
import { escapeLike, subtreePattern } from '../db/scope.ts';
import { departments } from '../departments/schema.ts';
import { withinPath } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export interface UserFilter {
  q?: string;
  role?: RoleKey;
  active?: 'true' | 'false';
  page: number;
  pageSize: number;
}

/** Users of a subtree, by unit depth and code then username; a page of them, or all (exports), with the total. */
export async function listUsers(db: DbOrTx, scopePath: string, query: UserFilter, paged: boolean) {
  const conditions: SQL[] = [withinPath(scopePath)];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)) as SQL);
  }
  if (query.role) conditions.push(sql`${query.role} = any(${users.roles})`);
  if (query.active) conditions.push(eq(users.active, query.active === 'true'));
  const where = and(...conditions);
  const base = db
    .select({ user: users, unitName: units.name, departmentName: departments.name })
    .from(users)
    .innerJoin(units, eq(units.code, users.unitCode))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(where)
    .orderBy(asc(units.depth), asc(units.code), asc(users.username));
  const rows = paged ? await base.limit(query.pageSize).offset((query.page - 1) * query.pageSize) : await base;
  const [total] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(units, eq(units.code, users.unitCode))
    .where(where);
  return { rows, total: total?.count ?? 0 };
}

/** The number of users of a department, as a column of a departments query. */
export const departmentMemberCount = (departmentId: AnyColumn): SQL<number> =>
  sql<number>`(select count(*)::int from ${users} where ${users.departmentId} = ${departmentId})`;

export async function usersInDepartment(db: DbOrTx, departmentId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.departmentId, departmentId));
  return row?.count ?? 0;
}

/** An active user by username, with the path of their unit (an assignee must work within the assigned unit). */
export async function findActiveUserByUsername(db: DbOrTx, username: string) {
  const [row] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.code, users.unitCode))
    .where(and(eq(users.username, username.trim().toLowerCase()), eq(users.active, true)));
  return row;
}

/** Display names of users by id (other capabilities label their rows with them). */
export async function userNamesByIds(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { username: string; displayName: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(sql`${users.id} = any(${sql.param([...new Set(ids)])}::uuid[])`);
  return new Map(rows.map((row) => [row.id, { username: row.username, displayName: row.displayName }]));
}

/** People by name with their unit's name (the choices of a team or of an alert's handler). */
const peopleWithUnits = (db: DbOrTx) =>
  db
    .select({ id: users.id, username: users.username, displayName: users.displayName, unitCode: users.unitCode, unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.code, users.unitCode));

/** Active users of a subtree holding a business role (the promotion team: who may travel and be scored), by name. */
export async function teamWithin(db: DbOrTx, unitPath: string) {
  return peopleWithUnits(db)
    .where(
      and(
        eq(users.active, true),
        sql`${units.path} like ${subtreePattern(unitPath)}`,
        sql`${users.roles} && array['leader', 'officer', 'reviewer']::text[]`,
      ),
    )
    .orderBy(units.path, users.username);
}

/** Active users by username (lower-cased), with their unit's path: the people named on a record. */
export async function activeUsersByUsernames(db: DbOrTx, usernames: readonly string[]) {
  if (usernames.length === 0) return [];
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, unitCode: users.unitCode, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.code, users.unitCode))
    .where(and(eq(users.active, true), sql`${users.username} = any(${sql.param(usernames.map((u) => u.trim().toLowerCase()))}::text[])`));
}

/**
 * Active business users (leader, officer, reviewer) of the units from `topPath` down to `unitPath` itself: those who
 * see a record of that unit and work at or below `topPath` (an alert's possible handlers, for a caller at `topPath`).
 */
export async function handlersOf(db: DbOrTx, unitPath: string, topPath: string) {
  return peopleWithUnits(db)
    .where(
      and(
        eq(users.active, true),
        sql`${unitPath} like ${units.path} || '%'`,
        sql`${units.path} like ${subtreePattern(topPath)}`,
        sql`${users.roles} && array['leader', 'officer', 'reviewer']::text[]`,
      ),
    )
    .orderBy(sql`${units.depth} desc`, users.displayName);
}
