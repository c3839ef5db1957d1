import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { BLOCKER_STATUS_LABELS, overdueDays, type BlockerStatus } from '../../shared/blockers/rules.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { rowsOf, type Db, type DbOrTx } from '../db/client.ts';
import { alerts } from '../alerts/schema.ts';
import { refreshAlerts } from '../alerts/evaluate.ts';
import { blockers } from '../blockers/schema.ts';
import { departments } from '../departments/schema.ts';
import { escapeLike } from '../projects/repository.ts';
import { projects } from '../projects/schema.ts';
import { complianceTable } from '../reporting/compliance.ts';
import { progressSummary, type ProgressSummaryRow } from '../reporting/progress.ts';
import { units } from '../units/schema.ts';

/** A district's line: its investment progress (as on the 投资完成 page) and the month's milestones. */
export interface BulletinRow extends ProgressSummaryRow {
  /** 本期新增: projects entered in the ledger during the month */
  newProjects: number;
  newSigned: number;
  newRegistered: number;
  newStarted: number;
  newProducing: number;
  rank: number | null;
  previousRank: number | null;
}

export interface ListedProject {
  code: string;
  name: string;
  unitName: string;
  totalInvestmentWan: number;
  date: string | null;
  note?: string;
}

export interface BulletinBlocker {
  id: number;
  projectCode: string;
  projectName: string;
  unitName: string;
  type: string;
  description: string;
  departments: string[];
  deadline: string | null;
  status: BlockerStatus;
  statusLabel: string;
  overdueDays: number;
  resolution: string | null;
}

export interface BulletinContent {
  unit: { code: string; name: string };
  period: string;
  asOf: string;
  number: number;
  title: string;
  issuedAt: string;
  issuedBy: string;
  schedule: number;
  rows: BulletinRow[];
  total: BulletinRow;
  signed: ListedProject[];
  started: ListedProject[];
  producing: ListedProject[];
  /** the largest 20 of each, with the counts */
  stalled: ListedProject[];
  overdue: ListedProject[];
  stalledCount: number;
  overdueCount: number;
  blockersByDepartment: { name: string; pending: number; resolved: number; closed: number; overdue: number }[];
  blockers: BulletinBlocker[];
  compliance: { unitName: string; due: number; onTime: number; late: number; missing: number; lateHours: number }[];
  /** what changed since the previous bulletin of the unit */
  changes: { previousId: number | null; previousPeriod: string | null; movedUp: string[]; movedDown: string[]; blockersClosed: string[]; blockersNew: string[] };
}

const monthEnd = (period: string) => new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** Competition ranking by completion (1, 1, 3); units without a plan are not ranked. */
function rank(rows: BulletinRow[]): void {
  const ranked = rows.filter((r) => r.completion !== null).sort((a, b) => b.completion! - a.completion!);
  for (const row of ranked) row.rank = ranked.findIndex((r) => Math.abs(r.completion! - row.completion!) < 1e-9) + 1;
}

/**
 * Everything the bulletin of a unit and month says, read once and frozen: the per-district table (projects, total,
 * annual plan, this month, year to date, 完成年度% against 序时, 本期新增, rank with movement), the month's new signings,
 * starts and productions, stalled and overdue projects, blockers by department and one by one, reporting compliance,
 * and what changed since the previous bulletin.
 */
export async function buildBulletin(db: Db, unit: { code: string; name: string; level: string; path: string }, period: string, meta: { number: number; issuedBy: string; previous: { id: number; content: BulletinContent } | null }): Promise<BulletinContent> {
  const today = todayIso();
  const end = monthEnd(period);
  const asOf = end < today ? end : today;
  const from = `${period}-01`;
  await refreshAlerts(db, unit);
  const depth = unit.path.split('/').filter(Boolean).length + 2;
  const within = `${escapeLike(unit.path)}%`;
  const [summary, counts, lists, stalled, overdue, blockerRows, byDepartment, compliance, alertCounts] = await Promise.all([
    progressSummary(db, unit.code, unit.path, period),
    db.execute(sql`select split_part(unit_path, '/', ${depth}) as bucket,
        count(*) filter (where exists_from between ${from}::date and ${asOf}::date)::int as new_projects,
        count(*) filter (where signed_on between ${from}::date and ${asOf}::date)::int as signed,
        count(*) filter (where registered_on between ${from}::date and ${asOf}::date)::int as registered,
        count(*) filter (where started_on between ${from}::date and ${asOf}::date)::int as started,
        count(*) filter (where producing_on between ${from}::date and ${asOf}::date)::int as producing
      from ${projects} where unit_path like ${within} group by 1`),
    db.execute(sql`select 'signed' as list, p.code, p.name, u.name as unit_name, p.total_investment_wan, p.signed_on::text as date from ${projects} p join ${units} u on u.code = p.unit_code where p.unit_path like ${within} and p.signed_on between ${from}::date and ${asOf}::date
      union all select 'started', p.code, p.name, u.name, p.total_investment_wan, p.started_on::text from ${projects} p join ${units} u on u.code = p.unit_code where p.unit_path like ${within} and p.started_on between ${from}::date and ${asOf}::date
      union all select 'producing', p.code, p.name, u.name, p.total_investment_wan, p.producing_on::text from ${projects} p join ${units} u on u.code = p.unit_code where p.unit_path like ${within} and p.producing_on between ${from}::date and ${asOf}::date
      order by 5 desc`),
    alertList(db, unit.path, 'stalled'),
    alertList(db, unit.path, 'milestone_overdue'),
    db
      .select({ blocker: blockers, projectCode: projects.code, projectName: projects.name, unitName: units.name })
      .from(blockers)
      .innerJoin(projects, eq(projects.id, blockers.projectId))
      .innerJoin(units, eq(units.code, projects.unitCode))
      .where(and(sql`${blockers.unitPath} like ${within}`, sql`(${blockers.status} <> 'closed' or ${blockers.closedAt} >= ${meta.previous ? meta.previous.content.issuedAt : `${from}T00:00:00+08:00`}::timestamptz)`))
      .orderBy(sql`case ${blockers.status} when 'closed' then 1 else 0 end`, asc(blockers.deadline), asc(blockers.id)),
    db.execute(sql`select d.name, count(*) filter (where b.status in ('open', 'in_progress'))::int as pending, count(*) filter (where b.status = 'resolved')::int as resolved,
        count(*) filter (where b.status = 'closed')::int as closed, count(*) filter (where b.status in ('open', 'in_progress') and b.deadline < ${today}::date)::int as overdue
      from ${blockers} b cross join lateral unnest(b.department_ids) as dep(id) join ${departments} d on d.id = dep.id
      where b.unit_path like ${within} group by d.name order by overdue desc, pending desc, d.name`),
    complianceTable(db, unit.path, period, { byChild: true }),
    db.select({ kind: alerts.kind, count: sql<number>`count(*)::int` }).from(alerts).where(and(sql`${alerts.resolvedAt} is null`, sql`${alerts.unitPath} like ${within}`, sql`${alerts.kind} in ('stalled', 'milestone_overdue')`)).groupBy(alerts.kind),
  ]);
  const countRows = rowsOf<{ bucket: string; new_projects: number; signed: number; registered: number; started: number; producing: number }>(counts);
  const countOf = (bucket?: string) => {
    const picked = bucket === undefined ? countRows : countRows.filter((r) => r.bucket === bucket);
    const total = (key: 'new_projects' | 'signed' | 'registered' | 'started' | 'producing') => picked.reduce((a, r) => a + Number(r[key]), 0);
    return { newProjects: total('new_projects'), newSigned: total('signed'), newRegistered: total('registered'), newStarted: total('started'), newProducing: total('producing') };
  };
  const previousRows = meta.previous?.content.rows ?? [];
  const rows: BulletinRow[] = summary.children.map((child) => ({
    unitCode: child.unitCode,
    unitName: child.unitName,
    projects: child.projects,
    totalInvestmentWan: child.totalInvestmentWan,
    annualPlanWan: child.annualPlanWan,
    monthWan: child.monthWan,
    ytdWan: child.ytdWan,
    completion: child.completion,
    points: child.points,
    ...countOf(child.unitCode),
    rank: null,
    previousRank: previousRows.find((r) => r.unitCode === child.unitCode)?.rank ?? null,
  }));
  rank(rows);
  const total: BulletinRow = { ...summary.self, unitName: summary.self.unitName, ...countOf(), rank: null, previousRank: null };
  const listOf = (name: string): ListedProject[] =>
    rowsOf<{ list: string; code: string; name: string; unit_name: string; total_investment_wan: number; date: string }>(lists)
      .filter((r) => r.list === name)
      .slice(0, 100)
      .map((r) => ({ code: r.code, name: r.name, unitName: r.unit_name, totalInvestmentWan: Number(r.total_investment_wan), date: r.date }));
  const departmentNames = new Map((await db.select({ id: departments.id, name: departments.name }).from(departments).where(sql`${departments.id} = any(${sql.param([...new Set(blockerRows.flatMap((b) => b.blocker.departmentIds))])}::uuid[])`)).map((d) => [d.id, d.name]));
  const blockerList: BulletinBlocker[] = blockerRows.map(({ blocker: b, projectCode, projectName, unitName }) => ({
    id: b.id,
    projectCode,
    projectName,
    unitName,
    type: b.type,
    description: b.description,
    departments: b.departmentIds.map((id) => departmentNames.get(id) ?? id),
    deadline: b.deadline,
    status: b.status as BlockerStatus,
    statusLabel: BLOCKER_STATUS_LABELS[b.status as BlockerStatus].zh,
    overdueDays: overdueDays(b.deadline, b.status as BlockerStatus, today),
    resolution: b.resolution,
  }));
  const previous = meta.previous?.content;
  const before = new Map((previous?.blockers ?? []).map((b) => [b.id, b]));
  const title = `${unit.name}${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月重大项目推进情况通报`;
  return {
    unit: { code: unit.code, name: unit.name },
    period,
    asOf,
    number: meta.number,
    title,
    issuedAt: new Date().toISOString(),
    issuedBy: meta.issuedBy,
    schedule: summary.schedule,
    rows,
    total,
    signed: listOf('signed'),
    started: listOf('started'),
    producing: listOf('producing'),
    stalled,
    overdue,
    stalledCount: alertCounts.find((a) => a.kind === 'stalled')?.count ?? 0,
    overdueCount: alertCounts.find((a) => a.kind === 'milestone_overdue')?.count ?? 0,
    blockersByDepartment: rowsOf<{ name: string; pending: number; resolved: number; closed: number; overdue: number }>(byDepartment).map((r) => ({ name: r.name, pending: Number(r.pending), resolved: Number(r.resolved), closed: Number(r.closed), overdue: Number(r.overdue) })),
    blockers: blockerList,
    compliance: compliance.map((c) => ({ unitName: c.unitName, due: c.due, onTime: c.onTime, late: c.late, missing: c.missing, lateHours: c.lateHours })),
    changes: {
      previousId: meta.previous?.id ?? null,
      previousPeriod: previous?.period ?? null,
      movedUp: rows.filter((r) => r.rank !== null && r.previousRank !== null && r.rank < r.previousRank).map((r) => `${r.unitName}（${r.previousRank}→${r.rank}）`),
      movedDown: rows.filter((r) => r.rank !== null && r.previousRank !== null && r.rank > r.previousRank).map((r) => `${r.unitName}（${r.previousRank}→${r.rank}）`),
      blockersClosed: blockerList.filter((b) => b.status === 'closed' && before.get(b.id)?.status !== 'closed').map((b) => `${b.projectName}：${b.description}`),
      blockersNew: previous ? blockerList.filter((b) => !before.has(b.id)).map((b) => `${b.projectName}：${b.description}`) : [],
    },
  };
}

async function alertList(db: DbOrTx, path: string, kind: string): Promise<ListedProject[]> {
  const rows = await db
    .select({ code: projects.code, name: projects.name, unitName: units.name, total: projects.totalInvestmentWan, message: alerts.messageZh, raisedAt: alerts.raisedAt })
    .from(alerts)
    .innerJoin(projects, eq(projects.id, alerts.projectId))
    .innerJoin(units, eq(units.code, projects.unitCode))
    .where(and(eq(alerts.kind, kind), sql`${alerts.resolvedAt} is null`, sql`${alerts.unitPath} like ${`${escapeLike(path)}%`}`))
    .orderBy(desc(projects.totalInvestmentWan))
    .limit(20);
  return rows.map((r) => ({ code: r.code, name: r.name, unitName: r.unitName, totalInvestmentWan: r.total, date: null, note: r.message }));
}
