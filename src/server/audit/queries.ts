// The audit log's SQL: the rows an auditor may see, filtered, paged or in batches for the streamed export.
import { userNamesByIds } from '../users/repository.ts';
import { unitNamesByCodes } from '../units/repository.ts';
import { projectLinesByCodes } from '../projects/repository.ts';
import { and, asc, desc, eq, gte, ilike, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { endOfDay, startOfDay } from '../../shared/calendar.ts';
import type { DbOrTx } from '../db/client.ts';
import { escapeLike, withinSubtree } from '../db/scope.ts';
import { units } from '../units/schema.ts';
import { auditLog } from './schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  from?: string;
  to?: string;
  username?: string;
  action?: string;
  outcome?: 'success' | 'failure' | 'denied';
  objectType?: string;
  objectId?: string;
}

/**
 * An auditor sees the rows of users in their unit's subtree; rows with no unit (sign-ins by unknown names)
 * only at the top of the tree.
 */
function auditConditions(unitPath: string, query: AuditFilter): SQL[] {
  const inScope = sql`exists (select 1 from ${units} where ${units.code} = ${auditLog.unitCode} and ${withinSubtree(units.path, unitPath)})`;
  const topLevel = unitPath.split('/').filter(Boolean).length === 1;
  const conditions: SQL[] = [topLevel ? (or(inScope, isNull(auditLog.unitCode)) as SQL) : inScope];
  if (query.from) conditions.push(gte(auditLog.occurredAt, startOfDay(query.from)));
  if (query.to) conditions.push(lt(auditLog.occurredAt, endOfDay(query.to)));
  if (query.username) conditions.push(ilike(auditLog.username, `%${escapeLike(query.username)}%`));
  if (query.action) conditions.push(like(auditLog.action, `${escapeLike(query.action)}%`));
  if (query.outcome) conditions.push(eq(auditLog.outcome, query.outcome));
  if (query.objectType) conditions.push(eq(auditLog.objectType, query.objectType));
  if (query.objectId) conditions.push(eq(auditLog.objectId, query.objectId));
  return conditions;
}

export async function listAuditRows(
  db: DbOrTx,
  unitPath: string,
  query: AuditFilter & { page: number; pageSize: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = and(...auditConditions(unitPath, query));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(where),
  ]);
  return { rows, total: total?.count ?? 0 };
}

/** The rows newest first, in batches by sequence number (keyset: memory stays bounded however long the log is). */
export async function* auditRowBatches(db: DbOrTx, unitPath: string, query: AuditFilter, size: number): AsyncGenerator<AuditRow[]> {
  const conditions = auditConditions(unitPath, query);
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(...conditions, lt(auditLog.seq, before)))
      .orderBy(desc(auditLog.seq))
      .limit(size);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    before = rows[rows.length - 1]!.seq;
  }
}

/** The actions that occur in the log (the filter's choices). */
export async function auditActions(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return rows.map((row) => row.action);
}

/** The history of one object (a project's 变更历史), newest first: the caller has checked that it may see the object. */
export async function objectHistory(db: DbOrTx, objectType: string, objectId: string, limit: number): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectType, objectType), eq(auditLog.objectId, objectId)))
    .orderBy(desc(auditLog.seq))
    .limit(limit);
}

export interface AuditNames {
  users: Map<string, string>;
  units: Map<string, string>;
  projects: Map<string, string>;
}

/** The names behind a page of rows: who acted (by user id), their unit, and the user, unit or project acted on. */
export async function namesOfRows(db: DbOrTx, rows: readonly AuditRow[]): Promise<AuditNames> {
  const userIds = new Set<string>();
  const unitCodes = new Set<string>();
  const projectCodes = new Set<string>();
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  for (const row of rows) {
    if (row.userId && uuid.test(row.userId)) userIds.add(row.userId);
    if (row.unitCode) unitCodes.add(row.unitCode);
    if (!row.objectId) continue;
    if (row.objectType === 'user' && uuid.test(row.objectId)) userIds.add(row.objectId);
    else if (row.objectType === 'unit') unitCodes.add(row.objectId);
    else if (row.objectType === 'project') projectCodes.add(row.objectId);
  }
  const [users, units, projects] = await Promise.all([
    userNamesByIds(db, [...userIds]),
    unitNamesByCodes(db, [...unitCodes]),
    projectLinesByCodes(db, [...projectCodes]),
  ]);
  return {
    users: new Map([...users].map(([id, u]) => [id, u.displayName])),
    units,
    projects: new Map(projects.map((p) => [p.code, p.name])),
  };
}
