// The alerts' SQL: the list (a page of the open or resolved alerts of a subtree), the counts, the unread badge.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AlertKind, Severity } from '../../shared/reporting/alerts.ts';
import { rowsOf, type DbOrTx } from '../db/client.ts';
import { withinSubtree } from '../db/scope.ts';
import { companyNamesByIds } from '../companies/repository.ts';
import { projectNamesByIds } from '../projects/repository.ts';
import { unitNamesByCodes } from '../units/repository.ts';
import { alertReads, alerts } from './schema.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type AlertStatusFilter = 'open' | 'resolved' | 'all';

export interface AlertListFilter {
  scopePath: string;
  status: AlertStatusFilter;
  kind?: AlertKind;
  severity?: Severity;
  limit: number;
  offset: number;
}

export interface ListedAlert {
  alert: AlertRow;
  projectName: string | null;
  companyName: string | null;
  unitName: string | null;
  read: boolean;
}

const statusCondition = (status: AlertStatusFilter): SQL[] =>
  status === 'open' ? [sql`${alerts.resolvedAt} is null`] : status === 'resolved' ? [sql`${alerts.resolvedAt} is not null`] : [];

const bySeverityThenNewest = [
  sql`case ${alerts.severity} when 'high' then 0 when 'medium' then 1 else 2 end`,
  desc(alerts.raisedAt),
  desc(alerts.id),
];

async function readMarks(db: DbOrTx, userId: string, alertIds: number[]): Promise<Set<number>> {
  if (!alertIds.length) return new Set();
  const rows = await db
    .select({ id: alertReads.alertId })
    .from(alertReads)
    .where(and(eq(alertReads.userId, userId), sql`${alertReads.alertId} = any(${sql.param(alertIds)}::int[])`));
  return new Set(rows.map((row) => row.id));
}

/** A page of alerts with the counts per kind (of the same status, all kinds), labelled and marked read for the user. */
export async function listAlerts(
  db: DbOrTx,
  userId: string,
  filter: AlertListFilter,
): Promise<{ total: number; counts: Record<string, number>; items: ListedAlert[] }> {
  const conditions = [withinSubtree(alerts.unitPath, filter.scopePath), ...statusCondition(filter.status)];
  const listConditions = [...conditions];
  if (filter.kind) listConditions.push(eq(alerts.kind, filter.kind));
  if (filter.severity) listConditions.push(eq(alerts.severity, filter.severity));
  // The page first (top-N over the alerts), then the names and read marks of its rows only.
  const [page, counts] = await Promise.all([
    db
      .select()
      .from(alerts)
      .where(and(...listConditions))
      .orderBy(...bySeverityThenNewest)
      .limit(filter.limit)
      .offset(filter.offset),
    db
      .select({ kind: alerts.kind, count: sql<number>`count(*)::int` })
      .from(alerts)
      .where(and(...conditions))
      .groupBy(alerts.kind),
  ]);
  const [names, companyNames, unitNames, reads] = await Promise.all([
    projectNamesByIds(
      db,
      page.map((a) => a.projectId).filter((id): id is string => id !== null),
    ),
    companyNamesByIds(
      db,
      page.map((a) => a.companyId).filter((id): id is string => id !== null),
    ),
    unitNamesByCodes(
      db,
      page.map((a) => a.unitCode),
    ),
    readMarks(
      db,
      userId,
      page.map((a) => a.id),
    ),
  ]);
  return {
    total: counts.filter((c) => !filter.kind || c.kind === filter.kind).reduce((sum, c) => sum + c.count, 0),
    counts: Object.fromEntries(counts.map((c) => [c.kind, c.count])),
    items: page.map((alert) => ({
      alert,
      projectName: alert.projectId ? (names.get(alert.projectId) ?? null) : null,
      companyName: alert.companyId ? (companyNames.get(alert.companyId) ?? null) : null,
      unitName: unitNames.get(alert.unitCode) ?? null,
      read: reads.has(alert.id),
    })),
  };
}

/** Open alerts of the user's subtree the user has not read (the notification badge). */
export async function countUnread(db: DbOrTx, userId: string, unitPath: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(alerts)
    .where(
      and(
        sql`${alerts.resolvedAt} is null`,
        withinSubtree(alerts.unitPath, unitPath),
        sql`not exists (select 1 from ${alertReads} r where r.alert_id = ${alerts.id} and r.user_id = ${userId})`,
      ),
    );
  return row?.count ?? 0;
}

/** Marks open alerts of the subtree read for the user (all of them, or those of the ids); the ids newly marked. */
export async function insertReadMarks(db: DbOrTx, userId: string, unitPath: string, ids: 'all' | number[]): Promise<number> {
  const scope = sql`${withinSubtree(alerts.unitPath, unitPath)} and ${alerts.resolvedAt} is null`;
  const which = ids === 'all' ? scope : sql`${scope} and ${alerts.id} = any(${sql.param(ids)}::int[])`;
  const result = await db.execute(
    sql`insert into ${alertReads} (user_id, alert_id) select ${userId}, ${alerts.id} from ${alerts} where ${which} on conflict do nothing returning alert_id`,
  );
  return rowsOf(result).length;
}
