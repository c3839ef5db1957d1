import { and, asc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { preparedStatement } from '../db/prepared.ts';
import type { DbOrTx } from '../db/client.ts';
import { departments } from '../departments/schema.ts';
import { users } from '../users/schema.ts';
import { units, unitTreeVersion } from './schema.ts';
import { AppError, notFound } from '../http/errors.ts';
import { escapeLike, withinSubtree } from '../db/scope.ts';

export type UnitRow = typeof units.$inferSelect;

// asked by most requests naming a unit (scope, labels)
const unitByCode = preparedStatement((db) =>
  db
    .select()
    .from(units)
    .where(eq(units.code, sql.placeholder('code')))
    .prepare('zhaoyin_unit_by_code'),
);

export async function findUnit(db: DbOrTx, code: string): Promise<UnitRow | undefined> {
  const [row] = await unitByCode(db).execute({ code });
  return row;
}

/** The unit of `path` and all below it. */
export const withinPath = (path: string): SQL => withinSubtree(units.path, path);

export async function listUnits(
  db: DbOrTx,
  filter: { scopePath: string; parentCode?: string; level?: string; q?: string; includeInactive?: boolean },
): Promise<UnitRow[]> {
  const conditions: SQL[] = [withinPath(filter.scopePath)];
  if (filter.parentCode) conditions.push(eq(units.parentCode, filter.parentCode));
  if (filter.level) conditions.push(eq(units.level, filter.level));
  if (!filter.includeInactive) conditions.push(eq(units.active, true));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(or(ilike(units.name, pattern), ilike(units.code, pattern)) as SQL);
  }
  return db
    .select()
    .from(units)
    .where(and(...conditions))
    .orderBy(asc(units.depth), asc(units.sortOrder), asc(units.code));
}

export async function childCodes(db: DbOrTx, parentCode: string): Promise<string[]> {
  const rows = await db.select({ code: units.code }).from(units).where(eq(units.parentCode, parentCode));
  return rows.map((row) => row.code);
}

export async function unitUsage(db: DbOrTx, code: string): Promise<{ children: number; departments: number; users: number }> {
  const [row] = await db
    .select({
      children: sql<number>`(select count(*)::int from ${units} where ${units.parentCode} = ${code})`,
      departments: sql<number>`(select count(*)::int from ${departments} where ${departments.unitCode} = ${code})`,
      users: sql<number>`(select count(*)::int from ${users} where ${users.unitCode} = ${code})`,
    })
    .from(sql`(select 1) as one`);
  return row ?? { children: 0, departments: 0, users: 0 };
}

/** Counts for the overview page: units below `path` by level; departments and users of the whole subtree. */
export async function subtreeCounts(
  db: DbOrTx,
  path: string,
): Promise<{ byLevel: Record<string, number>; departments: number; users: number }> {
  const levels = await db
    .select({ level: units.level, count: sql<number>`count(*)::int` })
    .from(units)
    .where(and(withinPath(path), ne(units.path, path), eq(units.active, true)))
    .groupBy(units.level);
  const [deps] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(departments)
    .innerJoin(units, eq(units.code, departments.unitCode))
    .where(and(withinPath(path), eq(departments.active, true)));
  const [people] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(units, eq(units.code, users.unitCode))
    .where(and(withinPath(path), eq(users.active, true)));
  return { byLevel: Object.fromEntries(levels.map((l) => [l.level, l.count])), departments: deps?.count ?? 0, users: people?.count ?? 0 };
}

/**
 * The token of the unit tree as stored now (see `unitTreeVersion`): the session's statement reads it, so every request
 * knows whether this instance's copy of the tree is current without a round trip of its own.
 */
export const unitTreeTokenSql = sql<
  string | null
>`(select ${unitTreeVersion.token}::text from ${unitTreeVersion} where ${unitTreeVersion.id} = 1)`;

// This instance's copy of the unit tree, per database handle, labelled with the token it was read under. A request
// carrying another token reads the tree again; a copy read after a newer write is newer than its label says, never older.
const trees = new WeakMap<DbOrTx, { token: string; byCode: Promise<Map<string, UnitRow>> }>();

function treeOf(db: DbOrTx, token: string): Promise<Map<string, UnitRow>> {
  let tree = trees.get(db);
  if (!tree || tree.token !== token) {
    const read = db
      .select()
      .from(units)
      .then((rows) => new Map(rows.map((row) => [row.code, row])));
    const entry = { token, byCode: read };
    trees.set(db, entry);
    read.catch(() => trees.get(db) === entry && trees.delete(db)); // a failed read is not kept
    tree = entry;
  }
  return tree.byCode;
}

async function currentUnit(db: DbOrTx, token: string | null | undefined, code: string): Promise<UnitRow | undefined> {
  if (!token) return findUnit(db, code); // no token (an actor built without a session): the table itself
  return (await treeOf(db, token)).get(code);
}

/**
 * Names of units by code from this instance's copy of the tree when the session's token says it is current (a list
 * page labels its rows without a join), the table itself otherwise. A unit the copy does not hold — added after the
 * token was read — is read from the table.
 */
export async function currentUnitNames(
  db: DbOrTx,
  token: string | null | undefined,
  codes: readonly string[],
): Promise<Map<string, string>> {
  if (!token) return unitNamesByCodes(db, codes);
  const tree = await treeOf(db, token);
  const names = new Map<string, string>();
  const missing: string[] = [];
  for (const code of codes) {
    const unit = tree.get(code);
    if (unit) names.set(code, unit.name);
    else missing.push(code);
  }
  if (missing.length) for (const [code, name] of await unitNamesByCodes(db, missing)) names.set(code, name);
  return names;
}

type ScopeActor = { unitCode: string; unitPath: string; unitTreeToken?: string | null };

/** The unit a request asks for (or the caller's own), refused when unknown or outside the caller's scope. */
export async function scopedUnit(db: DbOrTx, actor: ScopeActor, unitCode: string | undefined): Promise<UnitRow> {
  const unit = await currentUnit(db, actor.unitTreeToken, unitCode ?? actor.unitCode);
  if (!unit) throw notFound();
  if (!unit.path.startsWith(actor.unitPath)) throw new AppError('OUT_OF_SCOPE');
  return unit;
}

/** The path of the unit a request asks for (or the caller's own), refused when outside the caller's scope. */
export async function scopePathFor(db: DbOrTx, actor: ScopeActor, unitCode: string | undefined): Promise<string> {
  // the caller's own unit (the most common filter) needs no look-up: its path came with the session
  if (!unitCode || actor.unitPath.endsWith(`/${unitCode}/`)) return actor.unitPath;
  return (await scopedUnit(db, actor, unitCode)).path;
}

/** Names of units by code (other capabilities label their rows with them). */
export async function unitNamesByCodes(db: DbOrTx, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(sql`${units.code} = any(${sql.param(unique)}::text[])`);
  return new Map(rows.map((row) => [row.code, row.name]));
}

/** A unit, if it is a direct child of `parentCode`. */
export async function findChildUnit(db: DbOrTx, parentCode: string, code: string): Promise<UnitRow | undefined> {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.code, code), eq(units.parentCode, parentCode)));
  return row;
}

/** A unit and its active direct children, in tree order (a 目标分解表's rows). */
export async function unitWithChildren(db: DbOrTx, code: string): Promise<UnitRow[]> {
  return db
    .select()
    .from(units)
    .where(and(or(eq(units.code, code), eq(units.parentCode, code)), eq(units.active, true)))
    .orderBy(asc(units.path));
}

export async function unitsByCodes(db: DbOrTx, codes: readonly string[]): Promise<UnitRow[]> {
  const unique = [...new Set(codes)];
  if (!unique.length) return [];
  return db.select().from(units).where(inArray(units.code, unique));
}
