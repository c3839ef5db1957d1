// The blockers' SQL (问题清单): lists, a blocker with its handling record, departments to assign, counts per department.
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { BLOCKER_STATUSES, escalates, overdueDays, type BlockerStatus } from '../../shared/blockers/rules.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { rowsOf, type DbOrTx } from '../db/client.ts';
import { departments } from '../departments/schema.ts';
import { projectAttachments, projects } from '../projects/schema.ts';
import { readSettings } from '../settings/repository.ts';
import { units } from '../units/schema.ts';
import { type BlockerRow } from './commands.ts';
import { blockerNotes, blockers } from './schema.ts';
import { subtreePattern, withinSubtree } from '../db/scope.ts';
import type { BlockerType } from '../../shared/blockers/rules.ts';

export interface Joined {
  blocker: BlockerRow;
  projectCode: string;
  projectName: string;
  unitCode: string;
  totalInvestmentWan: number;
}

/** Blockers with their project and department names, overdue days and whether they go onto the higher unit's 要素保障 list. */
export async function presentBlockers(db: DbOrTx, rows: Joined[]) {
  const ids = [...new Set(rows.flatMap((r) => r.blocker.departmentIds))];
  const [names, settings] = await Promise.all([
    ids.length
      ? db
          .select({ id: departments.id, name: departments.name, unitCode: departments.unitCode })
          .from(departments)
          .where(sql`${departments.id} = any(${sql.param(ids)}::uuid[])`)
      : Promise.resolve([]),
    readSettings(db, ['blockers.escalateInvestmentYi', 'blockers.escalateOverdueDays']),
  ]);
  const rule = {
    minInvestmentYi: Number(settings['blockers.escalateInvestmentYi']),
    overdueDays: Number(settings['blockers.escalateOverdueDays']),
  };
  const today = todayIso();
  return rows.map(({ blocker: b, projectCode, projectName, unitCode, totalInvestmentWan }) => ({
    id: b.id,
    project: { code: projectCode, name: projectName, unitCode, totalInvestmentWan },
    type: b.type,
    description: b.description,
    departments: b.departmentIds.map((id) => ({ id, name: names.find((n) => n.id === id)?.name ?? id })),
    responsiblePerson: b.responsiblePerson,
    coordinatingLeader: b.coordinatingLeader,
    deadline: b.deadline,
    status: b.status as BlockerStatus,
    overdueDays: overdueDays(b.deadline, b.status as BlockerStatus, today),
    escalated: escalates({ status: b.status as BlockerStatus, deadline: b.deadline, totalInvestmentWan }, today, rule),
    resolution: b.resolution,
    resolvedAt: b.resolvedAt?.toISOString() ?? null,
    resolvedBy: b.resolvedBy,
    closedAt: b.closedAt?.toISOString() ?? null,
    closedBy: b.closedBy,
    reopenCount: b.reopenCount,
    meetingId: b.meetingId,
    raisedBy: b.raisedBy,
    raisedAt: b.raisedAt.toISOString(),
    version: b.version,
  }));
}

const joined = (db: DbOrTx) =>
  db
    .select({
      blocker: blockers,
      projectCode: projects.code,
      projectName: projects.name,
      unitCode: projects.unitCode,
      totalInvestmentWan: projects.totalInvestmentWan,
    })
    .from(blockers)
    .innerJoin(projects, eq(projects.id, blockers.projectId));

export interface BlockerListFilter {
  /** the subtree, or null for one department's blockers wherever they are (department=mine) */
  scopePath: string | null;
  /** mine: the caller's department */
  departmentId: string | null;
  department?: string;
  project?: string;
  status?: string;
  type?: BlockerType;
  overdue?: 'true' | 'false';
  escalated?: 'true' | 'false';
  limit: number;
}

/** The blockers of a subtree (or of one department), open first, by deadline; 要素保障 filtered in the query. */
export async function listBlockers(db: DbOrTx, q: BlockerListFilter) {
  const conditions: SQL[] = [];
  if (q.departmentId) {
    conditions.push(sql`${q.departmentId}::uuid = any(${blockers.departmentIds})`);
  } else if (q.scopePath !== null) {
    conditions.push(withinSubtree(blockers.unitPath, q.scopePath));
    if (q.department && q.scopePath !== null) conditions.push(sql`${q.department}::uuid = any(${blockers.departmentIds})`);
  }
  if (q.project) conditions.push(eq(projects.code, q.project));
  const statuses = (q.status ?? '').split(',').filter((s): s is BlockerStatus => (BLOCKER_STATUSES as readonly string[]).includes(s));
  if (statuses.length) conditions.push(sql`${blockers.status} = any(${sql.param(statuses)}::text[])`);
  if (q.type) conditions.push(eq(blockers.type, q.type));
  if (q.overdue === 'true')
    conditions.push(sql`${blockers.status} in ('open', 'in_progress') and ${blockers.deadline} < ${todayIso()}::date`);
  if (q.escalated === 'true') {
    // 要素保障 in the query itself, before LIMIT (filtering after it cut the list short); the same rule as
    // `escalates` (shared/blockers/rules.ts), which still decides each row's flag below
    const settings = await readSettings(db, ['blockers.escalateInvestmentYi', 'blockers.escalateOverdueDays']);
    conditions.push(
      sql`${blockers.status} <> 'closed' and (${projects.totalInvestmentWan} >= ${Number(settings['blockers.escalateInvestmentYi']) * 10_000}
        or (${blockers.status} in ('open', 'in_progress') and ${blockers.deadline} is not null and ${todayIso()}::date - ${blockers.deadline} > ${Number(settings['blockers.escalateOverdueDays'])}))`,
    );
  }
  const rows = await joined(db)
    .where(and(...conditions))
    .orderBy(
      sql`case ${blockers.status} when 'open' then 0 when 'in_progress' then 1 when 'resolved' then 2 else 3 end`,
      asc(blockers.deadline),
      desc(blockers.id),
    )
    .limit(q.limit);
  return presentBlockers(db, rows);
}

export async function blockerView(db: DbOrTx, id: number) {
  const [item] = await presentBlockers(db, await joined(db).where(eq(blockers.id, id)));
  return item!;
}

/** A blocker with its record of handling (notes and their files) and its project's owner. */
export async function blockerDetail(db: DbOrTx, row: BlockerRow) {
  const item = await blockerView(db, row.id);
  const notes = await db
    .select()
    .from(blockerNotes)
    .where(eq(blockerNotes.blockerId, row.id))
    .orderBy(asc(blockerNotes.at), asc(blockerNotes.id));
  const [project] = await db.select({ ownerUserId: projects.ownerUserId }).from(projects).where(eq(projects.id, row.projectId));
  const attachmentIds = [...new Set(notes.flatMap((n) => n.attachmentIds))];
  const files = attachmentIds.length
    ? await db
        .select({ id: projectAttachments.id, filename: projectAttachments.filename })
        .from(projectAttachments)
        .where(sql`${projectAttachments.id} = any(${sql.param(attachmentIds)}::uuid[])`)
    : [];
  return {
    item,
    ownerUserId: project?.ownerUserId ?? null,
    notes: notes.map((n) => ({
      id: n.id,
      kind: n.kind,
      text: n.text,
      attachments: n.attachmentIds.map((id) => ({ id, filename: files.find((f) => f.id === id)?.filename ?? id })),
      byName: n.byName,
      at: n.at.toISOString(),
    })),
  };
}

/** The departments that can be made responsible for a project's blocker: those of its unit and of the units above. */
export async function assignableDepartments(db: DbOrTx, unitPath: string) {
  const codes = unitPath.split('/').filter(Boolean);
  const rows = await db
    .select({ id: departments.id, name: departments.name, unitName: units.name, depth: units.depth })
    .from(departments)
    .innerJoin(units, eq(units.code, departments.unitCode))
    .where(and(sql`${departments.unitCode} = any(${sql.param(codes)}::text[])`, eq(departments.active, true)))
    .orderBy(desc(units.depth), asc(departments.name));
  return rows.map((r) => ({ id: r.id, name: r.name, unitName: r.unitName }));
}

/** Blockers per responsible department in a subtree: to do, in progress, resolved, closed, overdue. */
export async function blockersByDepartment(db: DbOrTx, path: string) {
  const result = await db.execute(sql`select d.id, d.name, u.name as unit_name,
      count(*) filter (where b.status = 'open')::int as open, count(*) filter (where b.status = 'in_progress')::int as in_progress,
      count(*) filter (where b.status = 'resolved')::int as resolved, count(*) filter (where b.status = 'closed')::int as closed,
      count(*) filter (where b.status in ('open', 'in_progress') and b.deadline < ${todayIso()}::date)::int as overdue
    from ${blockers} b cross join lateral unnest(b.department_ids) as dep(id) join ${departments} d on d.id = dep.id join ${units} u on u.code = d.unit_code
    where b.unit_path like ${subtreePattern(path)}
    group by d.id, d.name, u.name order by overdue desc, (count(*) filter (where b.status in ('open', 'in_progress'))) desc, d.name`);
  return rowsOf<{
    id: string;
    name: string;
    unit_name: string;
    open: number;
    in_progress: number;
    resolved: number;
    closed: number;
    overdue: number;
  }>(result).map((r) => ({
    id: r.id,
    name: r.name,
    unitName: r.unit_name,
    open: r.open,
    inProgress: r.in_progress,
    resolved: r.resolved,
    closed: r.closed,
    overdue: r.overdue,
  }));
}
