import { and, asc, eq, sql } from 'drizzle-orm';
import { BLOCKER_STATUS_LABELS, overdueDays, statusAt, type BlockerStatus } from '../../shared/blockers/rules.ts';
import { clockNow, endOfDay, monthEnd, startOfDay } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { rowsOf, type Db } from '../db/client.ts';
import { projectConditionsOn } from '../alerts/evaluate.ts';
import { blockerNotes, blockers } from '../blockers/schema.ts';
import { departments } from '../departments/schema.ts';
import { projects } from '../projects/schema.ts';
import { complianceTable } from '../reporting/compliance.ts';
import { progressSummary, type ProgressSummaryRow } from '../reporting/progress.ts';
import { units } from '../units/schema.ts';
import { subtreePattern } from '../db/scope.ts';

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
  /** the status on the bulletin's day */
  status: BlockerStatus;
  statusLabel: string;
  /** days past the deadline on the bulletin's day */
  overdueDays: number;
  resolution: string | null;
}

export interface BulletinContent {
  unit: { code: string; name: string };
  period: string;
  /** every figure is as of the end of this day (the period's end, or a day the issuer picked within it) */
  asOf: string;
  /** 第N期: taken when signed (a draft shows the number it would get) */
  number: number;
  /** 文号, set when signed */
  docNumber: string | null;
  title: string;
  /** 落款: the signing unit and the signing day */
  issuer: string;
  signedOn: string | null;
  issuedAt: string;
  issuedBy: string;
  /** when the figures were read */
  builtAt?: string;
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
  changes: {
    previousId: number | null;
    previousPeriod: string | null;
    movedUp: string[];
    movedDown: string[];
    blockersClosed: string[];
    blockersNew: string[];
  };
}

/** The day a bulletin of a period is as of by default: the period's last day, or today while the period runs. */
export const defaultAsOf = (period: string): string => (monthEnd(period) < todayIso() ? monthEnd(period) : todayIso());

/** Competition ranking by completion (1, 1, 3); units without a plan are not ranked. */
function rank(rows: BulletinRow[]): void {
  const ranked = rows.filter((r) => r.completion !== null).sort((a, b) => b.completion! - a.completion!);
  for (const row of ranked) row.rank = ranked.findIndex((r) => Math.abs(r.completion! - row.completion!) < 1e-9) + 1;
}

const LISTED = 20;

/**
 * Everything the bulletin of a unit and month says, as of the end of `asOf`: the per-district table (projects,
 * total, annual plan, this month, year to date, 完成年度% against 序时, 本期新增, rank with movement), the month's
 * new signings, starts and productions, stalled and overdue projects, blockers by department and one by one (each
 * in the state it was in that day, overdue days counted to that day), reporting compliance judged that day, and what
 * changed since the previous bulletin. Nothing that happened after `asOf` shows, however late it is issued.
 */
export async function buildBulletin(
  db: Db,
  unit: { code: string; name: string; level: string; path: string },
  period: string,
  meta: { asOf?: string; number: number; issuer: string; issuedBy: string; previous: { id: number; content: BulletinContent } | null },
): Promise<BulletinContent> {
  const asOf = meta.asOf ?? defaultAsOf(period);
  const end = endOfDay(asOf);
  const from = `${period}-01`;
  const depth = unit.path.split('/').filter(Boolean).length + 2;
  const within = subtreePattern(unit.path);
  const [summary, counts, lists, conditions, blockerRows, compliance] = await Promise.all([
    progressSummary(db, unit.code, unit.path, period, asOf),
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
    projectConditionsOn(db, unit.path, asOf, ['stalled', 'milestone_overdue']),
    db
      .select({
        blocker: blockers,
        projectCode: projects.code,
        projectName: projects.name,
        unitName: units.name,
        totalInvestmentWan: projects.totalInvestmentWan,
      })
      .from(blockers)
      .innerJoin(projects, eq(projects.id, blockers.projectId))
      .innerJoin(units, eq(units.code, projects.unitCode))
      .where(and(sql`${blockers.unitPath} like ${within}`, sql`${blockers.raisedAt} < ${end.toISOString()}::timestamptz`))
      .orderBy(asc(blockers.deadline), asc(blockers.id)),
    complianceTable(db, unit.path, period, { byChild: true, now: new Date(end.getTime() - 1) }),
  ]);
  const countRows = rowsOf<{
    bucket: string;
    new_projects: number;
    signed: number;
    registered: number;
    started: number;
    producing: number;
  }>(counts);
  const countOf = (bucket?: string) => {
    const picked = bucket === undefined ? countRows : countRows.filter((r) => r.bucket === bucket);
    const total = (key: 'new_projects' | 'signed' | 'registered' | 'started' | 'producing') =>
      picked.reduce((a, r) => a + Number(r[key]), 0);
    return {
      newProjects: total('new_projects'),
      newSigned: total('signed'),
      newRegistered: total('registered'),
      newStarted: total('started'),
      newProducing: total('producing'),
    };
  };
  const previousRows = meta.previous?.content.rows ?? [];
  const rows: BulletinRow[] = summary.children.map((child) => ({
    ...child,
    ...countOf(child.unitCode),
    rank: null,
    previousRank: previousRows.find((r) => r.unitCode === child.unitCode)?.rank ?? null,
  }));
  rank(rows);
  const total: BulletinRow = { ...summary.self, ...countOf(), rank: null, previousRank: null };
  const listOf = (name: string): ListedProject[] =>
    rowsOf<{ list: string; code: string; name: string; unit_name: string; total_investment_wan: number; date: string }>(lists)
      .filter((r) => r.list === name)
      .slice(0, 100)
      .map((r) => ({
        code: r.code,
        name: r.name,
        unitName: r.unit_name,
        totalInvestmentWan: Number(r.total_investment_wan),
        date: r.date,
      }));

  // stalled and overdue as of the day: the 20 largest of each, with the counts
  const conditionProjects = conditions.length
    ? await db
        .select({ id: projects.id, code: projects.code, name: projects.name, unitName: units.name, total: projects.totalInvestmentWan })
        .from(projects)
        .innerJoin(units, eq(units.code, projects.unitCode))
        .where(sql`${projects.id} = any(${sql.param(conditions.map((c) => c.projectId))}::uuid[])`)
    : [];
  const byId = new Map(conditionProjects.map((p) => [p.id, p]));
  const conditionList = (kind: 'stalled' | 'milestone_overdue'): ListedProject[] =>
    conditions
      .filter((c) => c.kind === kind && byId.has(c.projectId))
      .map((c) => ({ project: byId.get(c.projectId)!, message: c.message }))
      .sort((a, b) => b.project.total - a.project.total || a.project.code.localeCompare(b.project.code))
      .slice(0, LISTED)
      .map(({ project, message }) => ({
        code: project.code,
        name: project.name,
        unitName: project.unitName,
        totalInvestmentWan: project.total,
        date: null,
        note: message,
      }));

  // blockers in the state they were in at the end of the day
  const notes = blockerRows.length
    ? await db
        .select({ blockerId: blockerNotes.blockerId, kind: blockerNotes.kind, text: blockerNotes.text, at: blockerNotes.at })
        .from(blockerNotes)
        .where(sql`${blockerNotes.blockerId} = any(${sql.param(blockerRows.map((b) => b.blocker.id))}::int[])`)
    : [];
  const notesOf = new Map<number, typeof notes>();
  for (const note of notes) notesOf.set(note.blockerId, [...(notesOf.get(note.blockerId) ?? []), note]);
  const departmentNames = new Map(
    (
      await db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(sql`${departments.id} = any(${sql.param([...new Set(blockerRows.flatMap((b) => b.blocker.departmentIds))])}::uuid[])`)
    ).map((d) => [d.id, d.name]),
  );
  const asOfEnd = new Date(end.getTime() - 1);
  const states = blockerRows.map(({ blocker: b, projectCode, projectName, unitName }) => {
    const history = notesOf.get(b.id) ?? [{ blockerId: b.id, kind: 'raise', text: null, at: b.raisedAt }];
    const status = statusAt(history, asOfEnd) ?? 'open';
    const closedAt = status === 'closed' ? ([...history].filter((n) => n.kind === 'confirm' && n.at <= asOfEnd).at(-1)?.at ?? null) : null;
    const resolution =
      status === 'resolved' || status === 'closed'
        ? ([...history].filter((n) => n.kind === 'resolve' && n.at <= asOfEnd).at(-1)?.text ?? b.resolution)
        : null;
    const view: BulletinBlocker = {
      id: b.id,
      projectCode,
      projectName,
      unitName,
      type: b.type,
      description: b.description,
      departments: b.departmentIds.map((id) => departmentNames.get(id) ?? id),
      deadline: b.deadline,
      status,
      statusLabel: BLOCKER_STATUS_LABELS[status].zh,
      overdueDays: overdueDays(b.deadline, status, asOf),
      resolution,
    };
    return { view, closedAt, departmentIds: b.departmentIds };
  });
  // the list: open ones, and those closed since the previous bulletin read its figures (or since this period began)
  const closedSince = meta.previous
    ? new Date(
        Math.min(
          endOfDay(meta.previous.content.asOf).getTime(),
          Date.parse(meta.previous.content.builtAt ?? meta.previous.content.issuedAt),
        ),
      )
    : startOfDay(from);
  const blockerList = states
    .filter((s) => s.view.status !== 'closed' || (s.closedAt !== null && s.closedAt >= closedSince))
    .map((s) => s.view);
  blockerList.sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed'));
  const byDepartment = new Map<string, { name: string; pending: number; resolved: number; closed: number; overdue: number }>();
  for (const state of states) {
    for (const id of state.departmentIds) {
      const name = departmentNames.get(id);
      if (!name) continue;
      const entry = byDepartment.get(name) ?? { name, pending: 0, resolved: 0, closed: 0, overdue: 0 };
      if (state.view.status === 'open' || state.view.status === 'in_progress') entry.pending++;
      if (state.view.status === 'resolved') entry.resolved++;
      if (state.view.status === 'closed') entry.closed++;
      if (state.view.overdueDays > 0) entry.overdue++;
      byDepartment.set(name, entry);
    }
  }

  const previous = meta.previous?.content;
  const before = new Map((previous?.blockers ?? []).map((b) => [b.id, b]));
  const title = `${unit.name}${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月重大项目推进情况通报`;
  return {
    unit: { code: unit.code, name: unit.name },
    period,
    asOf,
    number: meta.number,
    docNumber: null,
    title,
    issuer: meta.issuer,
    signedOn: null,
    issuedAt: clockNow().toISOString(),
    issuedBy: meta.issuedBy,
    builtAt: clockNow().toISOString(),
    schedule: summary.schedule,
    rows,
    total,
    signed: listOf('signed'),
    started: listOf('started'),
    producing: listOf('producing'),
    stalled: conditionList('stalled'),
    overdue: conditionList('milestone_overdue'),
    stalledCount: conditions.filter((c) => c.kind === 'stalled').length,
    overdueCount: conditions.filter((c) => c.kind === 'milestone_overdue').length,
    blockersByDepartment: [...byDepartment.values()].sort(
      (a, b) => b.overdue - a.overdue || b.pending - a.pending || a.name.localeCompare(b.name, 'zh'),
    ),
    blockers: blockerList,
    compliance: compliance.map((c) => ({
      unitName: c.unitName,
      due: c.due,
      onTime: c.onTime,
      late: c.late,
      missing: c.missing,
      lateHours: c.lateHours,
    })),
    changes: {
      previousId: meta.previous?.id ?? null,
      previousPeriod: previous?.period ?? null,
      movedUp: rows
        .filter((r) => r.rank !== null && r.previousRank !== null && r.rank < r.previousRank)
        .map((r) => `${r.unitName}（${r.previousRank}→${r.rank}）`),
      movedDown: rows
        .filter((r) => r.rank !== null && r.previousRank !== null && r.rank > r.previousRank)
        .map((r) => `${r.unitName}（${r.previousRank}→${r.rank}）`),
      blockersClosed: blockerList
        .filter((b) => b.status === 'closed' && before.get(b.id)?.status !== 'closed')
        .map((b) => `${b.projectName}：${b.description}`),
      blockersNew: previous ? blockerList.filter((b) => !before.has(b.id)).map((b) => `${b.projectName}：${b.description}`) : [],
    },
  };
}
