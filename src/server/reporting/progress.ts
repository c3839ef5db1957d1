import { clockNow, monthEnd } from '../../shared/calendar.ts';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { todayIso } from '../../shared/projects/dates.ts';
import { isMonthKey } from '../../shared/reporting/periods.ts';
import { cumulativeAt, progressProblems, progressRatios, type ProgressEntry } from '../../shared/reporting/progress.ts';
import { completionRate, pointsVsSchedule, scheduleProgress, type ScheduleMode } from '../../shared/targets/period.ts';
import { rowsOf, type Db, type DbOrTx } from '../db/client.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import { type Actor, type RequestMeta, assertObjectInScope } from '../http/actor.ts';
import { AppError, notFound } from '../http/errors.ts';
import { projectAttachments, projects } from '../projects/schema.ts';
import { readSettings } from '../settings/repository.ts';
import { units } from '../units/schema.ts';
import { projectAnnualPlans, projectProgress, reportRows, reportSubmissions, reportTasks } from './schema.ts';
import { withinSubtree } from '../db/scope.ts';

type ProjectRow = typeof projects.$inferSelect;

export async function projectInScope(db: DbOrTx, actor: Actor, code: string): Promise<ProjectRow> {
  const [row] = await db.select().from(projects).where(eq(projects.code, code));
  if (!row) throw notFound();
  assertObjectInScope(actor, row.unitPath);
  return row;
}

/** A month is locked for a project when an approved submission of a progress-writing task holds its row for that month. */
export async function lockedMonths(db: DbOrTx, projectIds: readonly string[], months: readonly string[]): Promise<Set<string>> {
  if (!projectIds.length || !months.length) return new Set();
  const result = await db.execute(sql`select distinct r.project_id::text as project_id, s.period_key as month
    from ${reportRows} r join ${reportSubmissions} s on s.id = r.submission_id join ${reportTasks} t on t.id = s.task_id
    where s.status = 'approved' and t.kind in ('monthly_progress', 'blocker_update') and r.project_id = any(${sql.param(projectIds)}::uuid[])
      and (case when t.recurrence = 'monthly' then s.period_key else to_char(s.period_end, 'YYYY-MM') end) = any(${sql.param(months)}::text[])`);
  return new Set(rowsOf<{ project_id: string; month: string }>(result).map((r) => `${r.project_id}|${r.month}`));
}

export function checkMonth(month: string, zh: boolean): void {
  if (!isMonthKey(month))
    throw new AppError('VALIDATION', { detail: zh ? `月份“${month}”格式应为 YYYY-MM` : `month ${month} must be YYYY-MM` });
  if (month > todayIso().slice(0, 7))
    throw new AppError('VALIDATION', { detail: zh ? `不能填报未来月份（${month}）` : `cannot report a future month (${month})` });
}

export interface ProgressMonth {
  month: string;
  investedWan: number;
  ytdWan: number;
  sinceStartWan: number;
  annualPlanWan: number | null;
  ofPlan: number | null;
  ofTotal: number | null;
  imageProgress: string | null;
  problems: string | null;
  nextSteps: string | null;
  note: string | null;
  photos: string[];
  locked: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

/** Every month of a project with its derived cumulative figures (newest first) and the annual plans. */
export async function progressOf(
  db: DbOrTx,
  project: ProjectRow,
): Promise<{ months: ProgressMonth[]; plans: { year: number; plannedWan: number }[] }> {
  const [rows, plans] = await Promise.all([
    db.select().from(projectProgress).where(eq(projectProgress.projectId, project.id)).orderBy(asc(projectProgress.month)),
    db.select().from(projectAnnualPlans).where(eq(projectAnnualPlans.projectId, project.id)).orderBy(asc(projectAnnualPlans.year)),
  ]);
  const locked = await lockedMonths(
    db,
    [project.id],
    rows.map((r) => r.month),
  );
  const months = rows.map((row) =>
    presentMonth(
      row,
      rows,
      plans.find((p) => p.year === Number(row.month.slice(0, 4)))?.plannedWan ?? null,
      project.totalInvestmentWan,
      locked.has(`${project.id}|${row.month}`),
    ),
  );
  return { months: months.reverse(), plans: plans.map((p) => ({ year: p.year, plannedWan: p.plannedWan })) };
}

function presentMonth(
  row: typeof projectProgress.$inferSelect,
  all: readonly { month: string; investedWan: number }[],
  plan: number | null,
  total: number,
  locked: boolean,
): ProgressMonth {
  const cumulative = cumulativeAt(all, row.month);
  const ratios = progressRatios(cumulative, plan, total);
  return {
    month: row.month,
    investedWan: row.investedWan,
    ...cumulative,
    annualPlanWan: plan,
    ofPlan: ratios.ofPlan,
    ofTotal: ratios.ofTotal,
    imageProgress: row.imageProgress,
    problems: row.problems,
    nextSteps: row.nextSteps,
    note: row.note,
    photos: row.photos,
    locked,
    version: row.version,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface ProgressInput extends ProgressEntry {
  photos?: string[] | undefined;
  /** the month's version as read (0: not yet reported); a stale one is refused with 409 */
  version?: number | undefined;
}

/** Records one month of a project (the contract's PUT): refused when locked, checked against the project's other months. */
export async function saveProgress(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  month: string,
  input: ProgressInput,
): Promise<ProgressMonth> {
  const zh = meta.lang === 'zh';
  checkMonth(month, zh);
  return db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.code, code)).for('update');
    if (!project) throw notFound();
    assertObjectInScope(actor, project.unitPath);
    if ((await lockedMonths(tx, [project.id], [month])).size)
      throw new AppError('LOCKED', { what: zh ? `${project.name} ${month} 的月报` : `The ${month} report of ${project.name}` });
    const others = await tx
      .select({ month: projectProgress.month, investedWan: projectProgress.investedWan })
      .from(projectProgress)
      .where(and(eq(projectProgress.projectId, project.id), sql`${projectProgress.month} <> ${month}`));
    const all = [...others, { month, investedWan: input.investedWan }];
    const problems = progressProblems(input, cumulativeAt(all, '9999-12').sinceStartWan, project.totalInvestmentWan);
    if (problems.length) throw new AppError('VALIDATION', { detail: problems.map((p) => p.message[meta.lang]).join('；') }, { problems });
    if (input.photos?.length) {
      // 照片 are the project's own attachments
      const found = await tx
        .select({ id: projectAttachments.id })
        .from(projectAttachments)
        .where(
          and(eq(projectAttachments.projectId, project.id), sql`${projectAttachments.id}::text = any(${sql.param(input.photos)}::text[])`),
        );
      if (found.length !== new Set(input.photos).size)
        throw new AppError('VALIDATION', { detail: zh ? '照片须为本项目已上传的附件' : 'photos must be attachments of this project' });
    }
    const [before] = await tx
      .select()
      .from(projectProgress)
      .where(and(eq(projectProgress.projectId, project.id), eq(projectProgress.month, month)));
    if (input.version !== undefined && input.version !== (before?.version ?? 0))
      throw new AppError('CONFLICT', {}, { version: before?.version ?? 0, updatedBy: before?.updatedBy ?? null });
    // the fields sent are saved; one left out keeps its value, one sent empty is cleared
    const text = (sent: string | null | undefined, kept: string | null | undefined) =>
      sent === undefined ? (kept ?? null) : sent?.trim() || null;
    const values = {
      investedWan: input.investedWan,
      imageProgress: text(input.imageProgress, before?.imageProgress),
      problems: text(input.problems, before?.problems),
      nextSteps: text(input.nextSteps, before?.nextSteps),
      note: text(input.note, before?.note),
      ...(input.photos ? { photos: input.photos } : {}),
      updatedBy: actor.username,
      updatedAt: clockNow(),
    };
    const [row] = await tx
      .insert(projectProgress)
      .values({ projectId: project.id, month, ...values })
      .onConflictDoUpdate({
        target: [projectProgress.projectId, projectProgress.month],
        set: { ...values, submissionId: null, version: sql`${projectProgress.version} + 1` },
      })
      .returning();
    const year = Number(month.slice(0, 4));
    if (input.annualPlanWan !== undefined && input.annualPlanWan !== null)
      await upsertPlan(tx, project.id, year, input.annualPlanWan, actor.username);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'progress.save',
      objectType: 'project',
      objectId: `${code}/${month}`,
      changes: diffFields(before ?? null, row!, ['investedWan', 'imageProgress', 'problems', 'nextSteps', 'note', 'photos']),
    });
    const [plan] = await tx
      .select()
      .from(projectAnnualPlans)
      .where(and(eq(projectAnnualPlans.projectId, project.id), eq(projectAnnualPlans.year, year)));
    return presentMonth(row!, all, plan?.plannedWan ?? null, project.totalInvestmentWan, false);
  });
}

async function upsertPlan(tx: DbOrTx, projectId: string, year: number, plannedWan: number, username: string): Promise<void> {
  await tx
    .insert(projectAnnualPlans)
    .values({ projectId, year, plannedWan, updatedBy: username })
    .onConflictDoUpdate({
      target: [projectAnnualPlans.projectId, projectAnnualPlans.year],
      set: { plannedWan, updatedBy: username, updatedAt: clockNow() },
    });
}

/** 年度计划投资 of a project for a year. */
export async function saveAnnualPlan(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  year: number,
  plannedWan: number,
): Promise<{ year: number; plannedWan: number }> {
  return db.transaction(async (tx) => {
    const project = await projectInScope(tx, actor, code);
    const [before] = await tx
      .select()
      .from(projectAnnualPlans)
      .where(and(eq(projectAnnualPlans.projectId, project.id), eq(projectAnnualPlans.year, year)));
    await upsertPlan(tx, project.id, year, plannedWan, actor.username);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'progress.plan',
      objectType: 'project',
      objectId: `${code}/${year}`,
      changes: { plannedWan: [before?.plannedWan ?? null, plannedWan] },
    });
    return { year, plannedWan };
  });
}

export interface ProgressSummaryRow {
  unitCode: string;
  unitName: string;
  projects: number;
  totalInvestmentWan: number;
  annualPlanWan: number;
  monthWan: number;
  ytdWan: number;
  completion: number | null;
  points: number | null;
}

/**
 * The projects in a month's investment schedule, as the 投资完成 page and the bulletins count them: in the ledger on
 * `day` (entered by then, not lost by then) with an annual plan for the year or progress reported for a month of it up
 * to `month`. The figures and the project list they open share this condition.
 */
export function inInvestmentSchedule(month: string, day: string): SQL {
  const year = Number(month.slice(0, 4));
  return sql`(${projects.existsFrom} <= ${day}::date and (${projects.status} <> 'terminated' or ${projects.terminatedOn} > ${day}::date)
    and (exists (select 1 from ${projectAnnualPlans} ap where ap.project_id = ${projects.id} and ap.year = ${year})
      or exists (select 1 from ${projectProgress} pp where pp.project_id = ${projects.id} and pp.month between ${`${year}-01`} and ${month})))`;
}

/**
 * 投资完成率 by child unit for a month: projects with an annual plan or progress in the year, Σ 年初至今 ÷ Σ 年度计划,
 * against 序时 at the month's end (the bulletin's 年度计划 / 累计 / 完成年度% / 序时 columns).
 */
export async function progressSummary(
  db: DbOrTx,
  unitCode: string,
  unitPath: string,
  month: string,
  asOf?: string,
): Promise<{ month: string; schedule: number; self: ProgressSummaryRow; children: ProgressSummaryRow[] }> {
  const year = Number(month.slice(0, 4));
  // the projects of the ledger on that day: entered by then, not yet lost (the month's figures are the month's, whenever reported)
  const day = asOf ?? (monthEnd(month) < todayIso() ? monthEnd(month) : todayIso());
  const settings = await readSettings(db, ['targets.scheduleMode']);
  const schedule = scheduleProgress(year, monthEnd(month), settings['targets.scheduleMode'] as ScheduleMode);
  const depth = unitPath.split('/').filter(Boolean).length + 2;
  const result = await db.execute(sql`with scoped as (
      select ${projects.id} as id, ${projects.totalInvestmentWan} as total_investment_wan, split_part(${projects.unitPath}, '/', ${depth}) as bucket from ${projects}
      where ${withinSubtree(projects.unitPath, unitPath)} and ${inInvestmentSchedule(month, day)}
    ), plan as (
      select project_id, planned_wan from ${projectAnnualPlans} where year = ${year}
    ), done as (
      select project_id, sum(invested_wan) filter (where month = ${month}) as month_wan, sum(invested_wan) as ytd_wan
      from ${projectProgress} where month between ${`${year}-01`} and ${month} group by project_id
    )
    select s.bucket, count(*)::int as projects, coalesce(sum(s.total_investment_wan), 0)::float8 as total, coalesce(sum(plan.planned_wan), 0)::float8 as plan,
      coalesce(sum(done.month_wan), 0)::float8 as month_wan, coalesce(sum(done.ytd_wan), 0)::float8 as ytd
    from scoped s left join plan on plan.project_id = s.id left join done on done.project_id = s.id
    group by s.bucket`);
  const rows = rowsOf<{ bucket: string; projects: number; total: number; plan: number; month_wan: number; ytd: number }>(result);
  const children = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.parentCode, unitCode), eq(units.active, true)))
    .orderBy(asc(units.code));
  const [self] = await db.select({ name: units.name }).from(units).where(eq(units.code, unitCode));
  const make = (code: string, name: string, picked: typeof rows): ProgressSummaryRow => {
    const plan = picked.reduce((a, r) => a + Number(r.plan), 0);
    const ytd = picked.reduce((a, r) => a + Number(r.ytd), 0);
    const completion = completionRate(ytd, plan);
    return {
      unitCode: code,
      unitName: name,
      projects: picked.reduce((a, r) => a + Number(r.projects), 0),
      totalInvestmentWan: picked.reduce((a, r) => a + Number(r.total), 0),
      annualPlanWan: plan,
      monthWan: picked.reduce((a, r) => a + Number(r.month_wan), 0),
      ytdWan: ytd,
      completion,
      points: pointsVsSchedule(completion, schedule),
    };
  };
  return {
    month,
    schedule,
    self: make(unitCode, self?.name ?? unitCode, rows),
    children: children.map((child) =>
      make(
        child.code,
        child.name,
        rows.filter((r) => r.bucket === child.code),
      ),
    ),
  };
}

export interface YearProgress {
  /** the year's planned investment (年度计划), or null without a plan */
  planWan: number | null;
  /** invested this year so far (年初至今) */
  ytdWan: number;
  /** the latest month reported, and its 形象进度 */
  lastMonth: string | null;
  imageProgress: string | null;
}

/** Each project's plan and investment in a year, and its latest report (the sponsor's and the meeting's view). */
export async function yearProgressOf(db: DbOrTx, projectIds: readonly string[], year: number): Promise<Map<string, YearProgress>> {
  if (!projectIds.length) return new Map();
  const result = await db.execute(sql`select p.id::text as id, ap.planned_wan,
      coalesce((select sum(x.invested_wan) from ${projectProgress} x where x.project_id = p.id and x.month between ${`${year}-01`} and ${`${year}-12`}), 0)::float8 as ytd,
      (select x.month from ${projectProgress} x where x.project_id = p.id order by x.month desc limit 1) as last_month,
      (select x.image_progress from ${projectProgress} x where x.project_id = p.id order by x.month desc limit 1) as image_progress
    from ${projects} p left join ${projectAnnualPlans} ap on ap.project_id = p.id and ap.year = ${year}
    where p.id = any(${sql.param([...projectIds])}::uuid[])`);
  const rows = rowsOf<{ id: string; planned_wan: number | null; ytd: number; last_month: string | null; image_progress: string | null }>(
    result,
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        planWan: row.planned_wan === null || row.planned_wan === undefined ? null : Number(row.planned_wan),
        ytdWan: Number(row.ytd ?? 0),
        lastMonth: row.last_month ?? null,
        imageProgress: row.image_progress ?? null,
      },
    ]),
  );
}

/** 本年完成投资 of projects: their months of the year summed (an advisor's reward basis), 万元 by project. */
export async function investedInYear(db: DbOrTx, projectIds: readonly string[], year: number): Promise<Map<string, number>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db
    .select({ projectId: projectProgress.projectId, wan: sql<number>`sum(${projectProgress.investedWan})::float8` })
    .from(projectProgress)
    .where(
      and(
        sql`${projectProgress.projectId} = any(${sql.param([...projectIds])}::uuid[])`,
        sql`${projectProgress.month} between ${`${year}-01`} and ${`${year}-12`}`,
      ),
    )
    .groupBy(projectProgress.projectId);
  return new Map(rows.map((r) => [r.projectId, r.wan]));
}
