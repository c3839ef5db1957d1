// The alerts' SQL: the list (a page of the open or resolved alerts of a subtree), the counts, the unread badge.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AlertKind, Severity } from '../../shared/reporting/alerts.ts';
import { rowsOf, type DbOrTx } from '../db/client.ts';
import { withinSubtree } from '../db/scope.ts';
import { companyNamesByIds } from '../companies/repository.ts';
import { projectNamesByIds } from '../projects/repository.ts';
import { unitNamesByCodes } from '../units/repository.ts';
import { userNamesByIds } from '../users/repository.ts';
import { alertReads, alertTriage, alerts } from './schema.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type TriageRow = typeof alertTriage.$inferSelect;
export type AlertStatusFilter = 'open' | 'resolved' | 'all';
/** whose alerts: the caller's, nobody's, or one person's (a user id) */
export type AssigneeFilter = 'me' | 'none' | (string & {});
/** snoozed alerts: left out (the default), only them, or with the others */
export type SnoozedFilter = 'hide' | 'only' | 'all';

export interface AlertListFilter {
  scopePath: string;
  status: AlertStatusFilter;
  kind?: AlertKind;
  severity?: Severity;
  assignee?: AssigneeFilter | undefined;
  snoozed?: SnoozedFilter | undefined;
  /** today in the unit's time zone: an alert snoozed until before today is awake again */
  today: string;
  limit: number;
  offset: number;
}

export interface ListedAlert {
  alert: AlertRow;
  projectName: string | null;
  companyName: string | null;
  unitName: string | null;
  read: boolean;
  triage: TriageRow | null;
  assigneeName: string | null;
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

/** Snoozed as of `today`: set aside until a day not yet past. */
const snoozedAsOf = (today: string): SQL => sql`${alertTriage.snoozedUntil} is not null and ${alertTriage.snoozedUntil} >= ${today}::date`;

function triageConditions(userId: string, filter: Pick<AlertListFilter, 'assignee' | 'snoozed' | 'today'>): SQL[] {
  const conditions: SQL[] = [];
  if (filter.assignee === 'me') conditions.push(eq(alertTriage.assigneeId, userId));
  else if (filter.assignee === 'none') conditions.push(sql`${alertTriage.assigneeId} is null`);
  else if (filter.assignee) conditions.push(eq(alertTriage.assigneeId, filter.assignee));
  const snoozed = filter.snoozed ?? 'hide';
  if (snoozed === 'hide') conditions.push(sql`not (${snoozedAsOf(filter.today)})`);
  else if (snoozed === 'only') conditions.push(snoozedAsOf(filter.today));
  return conditions;
}

/** A page of alerts with the counts per kind (of the same status, all kinds), labelled and marked read for the user. */
export async function listAlerts(
  db: DbOrTx,
  userId: string,
  filter: AlertListFilter,
): Promise<{ total: number; counts: Record<string, number>; items: ListedAlert[] }> {
  // an alert nobody triaged has no triage row: the left join's nulls read "nobody's, not snoozed" in these conditions
  const conditions = [
    withinSubtree(alerts.unitPath, filter.scopePath),
    ...statusCondition(filter.status),
    ...triageConditions(userId, filter),
  ];
  const listConditions = [...conditions];
  if (filter.kind) listConditions.push(eq(alerts.kind, filter.kind));
  if (filter.severity) listConditions.push(eq(alerts.severity, filter.severity));
  // The page first (top-N over the alerts), then the names and read marks of its rows only.
  const [page, counts] = await Promise.all([
    db
      .select({ alert: alerts, triage: alertTriage })
      .from(alerts)
      .leftJoin(alertTriage, eq(alertTriage.alertId, alerts.id))
      .where(and(...listConditions))
      .orderBy(...bySeverityThenNewest)
      .limit(filter.limit)
      .offset(filter.offset),
    db
      .select({ kind: alerts.kind, count: sql<number>`count(*)::int` })
      .from(alerts)
      .leftJoin(alertTriage, eq(alertTriage.alertId, alerts.id))
      .where(and(...conditions))
      .groupBy(alerts.kind),
  ]);
  const [names, companyNames, unitNames, reads, assignees] = await Promise.all([
    projectNamesByIds(
      db,
      page.map((a) => a.alert.projectId).filter((id): id is string => id !== null),
    ),
    companyNamesByIds(
      db,
      page.map((a) => a.alert.companyId).filter((id): id is string => id !== null),
    ),
    unitNamesByCodes(
      db,
      page.map((a) => a.alert.unitCode),
    ),
    readMarks(
      db,
      userId,
      page.map((a) => a.alert.id),
    ),
    userNamesByIds(
      db,
      page.map((a) => a.triage?.assigneeId).filter((id): id is string => Boolean(id)),
    ),
  ]);
  return {
    total: counts.filter((c) => !filter.kind || c.kind === filter.kind).reduce((sum, c) => sum + c.count, 0),
    counts: Object.fromEntries(counts.map((c) => [c.kind, c.count])),
    items: page.map(({ alert, triage }) => ({
      alert,
      projectName: alert.projectId ? (names.get(alert.projectId) ?? null) : null,
      companyName: alert.companyId ? (companyNames.get(alert.companyId) ?? null) : null,
      unitName: unitNames.get(alert.unitCode) ?? null,
      read: reads.has(alert.id),
      triage,
      assigneeName: triage?.assigneeId ? (assignees.get(triage.assigneeId)?.displayName ?? null) : null,
    })),
  };
}

/** Open alerts of the user's subtree the user has not read (the notification badge). */
export async function countUnread(db: DbOrTx, userId: string, unitPath: string, today: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(alerts)
    .where(
      and(
        sql`${alerts.resolvedAt} is null`,
        withinSubtree(alerts.unitPath, unitPath),
        sql`not exists (select 1 from ${alertReads} r where r.alert_id = ${alerts.id} and r.user_id = ${userId})`,
        // a snoozed alert is set aside: not counted until it wakes
        sql`not exists (select 1 from ${alertTriage} t where t.alert_id = ${alerts.id} and t.snoozed_until >= ${today}::date)`,
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

/** Per kind, the open alerts of a subtree: all, high, unread by the user, snoozed, assigned to the user, nobody's. */
export async function alertSummary(db: DbOrTx, userId: string, scopePath: string, today: string) {
  const snoozed = snoozedAsOf(today);
  const awake = sql`not (${snoozed})`;
  return db
    .select({
      kind: alerts.kind,
      open: sql<number>`count(*) filter (where ${awake})::int`,
      high: sql<number>`count(*) filter (where ${awake} and ${alerts.severity} = 'high')::int`,
      unread: sql<number>`count(*) filter (where ${awake} and not exists (select 1 from ${alertReads} r where r.alert_id = ${alerts.id} and r.user_id = ${userId}))::int`,
      snoozed: sql<number>`count(*) filter (where ${snoozed})::int`,
      mine: sql<number>`count(*) filter (where ${awake} and ${alertTriage.assigneeId} = ${userId})::int`,
      unassigned: sql<number>`count(*) filter (where ${awake} and ${alertTriage.assigneeId} is null)::int`,
    })
    .from(alerts)
    .leftJoin(alertTriage, eq(alertTriage.alertId, alerts.id))
    .where(and(sql`${alerts.resolvedAt} is null`, withinSubtree(alerts.unitPath, scopePath)))
    .groupBy(alerts.kind);
}

/** An alert with its triage (for the triage commands' checks). */
export async function alertWithTriage(db: DbOrTx, id: number): Promise<{ alert: AlertRow; triage: TriageRow | null } | undefined> {
  const [row] = await db
    .select({ alert: alerts, triage: alertTriage })
    .from(alerts)
    .leftJoin(alertTriage, eq(alertTriage.alertId, alerts.id))
    .where(eq(alerts.id, id))
    .for('update', { of: alerts });
  return row;
}

/** Writes an alert's triage (assignee and snooze), whole. */
export async function upsertTriage(db: DbOrTx, row: typeof alertTriage.$inferInsert): Promise<void> {
  await db
    .insert(alertTriage)
    .values(row)
    .onConflictDoUpdate({
      target: alertTriage.alertId,
      set: {
        assigneeId: row.assigneeId ?? null,
        snoozedUntil: row.snoozedUntil ?? null,
        snoozeReason: row.snoozeReason ?? null,
        updatedBy: row.updatedBy,
        updatedAt: sql`now()`,
      },
    });
}
