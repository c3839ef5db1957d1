import { addDays, clockNow, daysBetween, endOfDay } from '../../shared/calendar.ts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { alertMessages, alertText, severityByMultiple, type AlertKind, type Severity } from '../../shared/reporting/alerts.ts';
import { lateText } from '../../shared/reporting/periods.ts';
import { monthsBetween, shiftMonth } from '../../shared/reporting/progress.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { scheduleProgress, type ScheduleMode } from '../../shared/targets/period.ts';
import { rowsOf, type Db, type DbOrTx } from '../db/client.ts';
import { projects } from '../projects/schema.ts';
import { projectDeletionTokenSql } from '../projects/repository.ts';
import { projectAnnualPlans, projectProgress, reportSubmissions, reportTasks } from '../reporting/schema.ts';
import { readSettings } from '../settings/repository.ts';
import { indicatorCatalog } from '../targets/catalog.ts';
import { unitFigures } from '../targets/figures.ts';
import { indicatorDefinitions, indicatorReports, targets } from '../targets/schema.ts';
import { projectArrivals } from '../projects/schema.ts';
import { settings } from '../settings/schema.ts';
import { units } from '../units/schema.ts';
import { alertEvaluations, alerts } from './schema.ts';
import { subtreePattern } from '../db/scope.ts';
import { companiesSignature, overdueNextSteps } from '../companies/repository.ts';
import { MILESTONE_FIELDS, MILESTONES, reachingColumns } from '../../shared/projects/milestones.ts';

/** Serializes evaluations (across instances): two overlapping ones would race on the open-key index. */
const ALERTS_LOCK_KEY = 7_426_005;

interface Candidate {
  key: string;
  kind: AlertKind;
  severity: Severity;
  unit_code: string;
  unit_path: string;
  project_id: string | null;
  project_code: string | null;
  submission_id: number | null;
  company_id?: string | null;
  message_zh: string;
  message_en: string;
  data: Record<string, unknown>;
}

const minusDays = (day: string, days: number) => addDays(day, -days);

const PROJECT_KINDS: AlertKind[] = ['stalled', 'milestone_overdue', 'signed_not_landed', 'behind_schedule', 'submission_overdue'];

/**
 * The project-level conditions that hold within a subtree on the day of `now` (today, or a past day for a bulletin
 * as of its period's end): every condition reads dates up to that day only, so the same SQL answers both.
 */
async function projectCandidates(
  db: DbOrTx,
  scopePath: string,
  now: Date,
  kinds: readonly AlertKind[] = PROJECT_KINDS,
): Promise<Candidate[]> {
  const today = todayIso(now);
  const wanted = (kind: AlertKind) => kinds.includes(kind);
  const none = Promise.resolve({ rows: [] } as unknown as Awaited<ReturnType<typeof db.execute>>);
  const currentMonth = today.slice(0, 7);
  const year = Number(today.slice(0, 4));
  const settings = await readSettings(db, [
    'alerts.stalledMonths',
    'alerts.signedNotLandedDays',
    'alerts.behindSchedulePoints',
    'alerts.milestoneGraceDays',
    'targets.landedMilestone',
    'targets.scheduleMode',
  ]);
  const stalledMonths = Number(settings['alerts.stalledMonths']);
  const notLandedDays = Number(settings['alerts.signedNotLandedDays']);
  const behindPoints = Number(settings['alerts.behindSchedulePoints']) / 100;
  const grace = Number(settings['alerts.milestoneGraceDays']);
  const within = sql`p.unit_path like ${subtreePattern(scopePath)}`;
  // in force on the day: a project terminated later was still normal then
  const active = sql`(p.status = 'normal' or (p.status = 'terminated' and p.terminated_on > ${today}::date))`;
  const notBy = (column: string) => sql`(${sql.raw(`p.${column}`)} is null or ${sql.raw(`p.${column}`)} > ${today}::date)`;
  const landed =
    settings['targets.landedMilestone'] === 'started'
      ? sql`least(p.started_on, p.completed_on, p.producing_on, p.at_capacity_on)`
      : sql`least(p.registered_on, p.started_on, p.completed_on, p.producing_on, p.at_capacity_on)`;
  const schedule = scheduleProgress(year, today, settings['targets.scheduleMode'] as ScheduleMode);
  const base = (p: { id: string; code: string; unit_code: string; unit_path: string }) => ({
    unit_code: p.unit_code,
    unit_path: p.unit_path,
    project_id: p.id,
    project_code: p.code,
    submission_id: null,
  });

  const cutoffMonth = shiftMonth(currentMonth, -stalledMonths);
  const overdueBefore = minusDays(today, grace);
  // The first milestone planned before the cut-off and not reached (stages may be skipped: a later date counts).
  const reachedFrom = (columns: string[]) => sql.raw(`least(${columns.map((c) => `p.${c}`).join(', ')})`);
  const MILESTONE_COLUMNS: [string, string, string[]][] = MILESTONES.map((m) => [m, MILESTONE_FIELDS[m].plannedColumn, reachingColumns(m)]);
  const due = (planned: string, reached: string[]) =>
    sql`p.${sql.raw(planned)} < ${overdueBefore}::date and (${reachedFrom(reached)} is null or ${reachedFrom(reached)} > ${today}::date)`;
  const firstOverdue = (pick: (milestone: string, planned: string) => ReturnType<typeof sql>) =>
    sql`case ${sql.join(
      MILESTONE_COLUMNS.map(([milestone, planned, reached]) => sql`when ${due(planned, reached)} then ${pick(milestone, planned)}`),
      sql` `,
    )} end`;

  const [stalled, overdue, notLanded, behind, submissions] = await Promise.all([
    // 停滞: started by the cut-off month and no investment reported for the months after it (each project probes its own months by the primary key).
    !wanted('stalled')
      ? none
      : db.execute(sql`select p.id::text as id, p.code, p.name, p.unit_code, p.unit_path, to_char(p.started_on, 'YYYY-MM') as started_month,
        (select max(pp.month) from ${projectProgress} pp where pp.project_id = p.id and pp.invested_wan > 0 and pp.month <= ${currentMonth}) as last_month
      from ${projects} p
      where ${within} and ${active} and p.started_on < ${`${shiftMonth(cutoffMonth, 1)}-01`}::date and ${notBy('completed_on')} and ${notBy('producing_on')} and ${notBy('at_capacity_on')}
        and not exists (select 1 from ${projectProgress} pp where pp.project_id = p.id and pp.month > ${cutoffMonth} and pp.month <= ${currentMonth} and pp.invested_wan > 0)`),
    !wanted('milestone_overdue')
      ? none
      : db.execute(sql`select * from (
        select p.id::text as id, p.code, p.name, p.unit_code, p.unit_path, ${firstOverdue((m) => sql`${m}`)} as milestone, ${firstOverdue((_, planned) => sql`p.${sql.raw(planned)}::text`)} as planned
        from ${projects} p
        where ${within} and ${active} and least(p.planned_signed_on, p.planned_registered_on, p.planned_started_on, p.planned_completed_on, p.planned_producing_on, p.planned_at_capacity_on) < ${overdueBefore}::date
      ) x where x.milestone is not null`),
    !wanted('signed_not_landed')
      ? none
      : db.execute(sql`select p.id::text as id, p.code, p.name, p.unit_code, p.unit_path, p.signed_on::text as signed_on
      from ${projects} p where ${within} and ${active} and p.signed_on <= ${minusDays(today, notLandedDays)}::date and (${landed} is null or ${landed} > ${today}::date)`),
    !wanted('behind_schedule')
      ? none
      : db.execute(sql`select * from (
        select p.id::text as id, p.code, p.name, p.unit_code, p.unit_path, ap.planned_wan,
          coalesce((select sum(pp.invested_wan) from ${projectProgress} pp where pp.project_id = p.id and pp.month between ${`${year}-01`} and ${currentMonth}), 0)::float8 as ytd
        from ${projectAnnualPlans} ap join ${projects} p on p.id = ap.project_id
        where ap.year = ${year} and ap.planned_wan > 0 and ${within} and ${active}
      ) x where x.ytd < x.planned_wan * ${schedule - behindPoints}`),
    !wanted('submission_overdue')
      ? none
      : db.execute(sql`select s.id, s.unit_code, s.unit_path, s.period_key, s.due_at, t.name as task_name, u.name as unit_name
      from ${reportSubmissions} s join ${reportTasks} t on t.id = s.task_id join ${units} u on u.code = s.unit_code
      where s.unit_path like ${subtreePattern(scopePath)} and s.first_submitted_at is null and s.status in ('draft', 'returned') and s.due_at < ${now.toISOString()}::timestamptz and t.active`),
  ]);
  const candidates: Candidate[] = [];
  for (const p of rowsOf<{
    id: string;
    code: string;
    name: string;
    unit_code: string;
    unit_path: string;
    last_month: string | null;
    started_month: string;
  }>(stalled)) {
    const last = p.last_month && p.last_month > p.started_month ? p.last_month : p.started_month;
    const months = monthsBetween(last, currentMonth);
    const message = alertMessages.stalled(p.name, months, p.last_month ?? null);
    candidates.push({
      key: `stalled:${p.id}`,
      kind: 'stalled',
      severity: severityByMultiple(months, stalledMonths),
      ...base(p),
      message_zh: alertText(message, 'zh'),
      message_en: alertText(message, 'en'),
      data: { message, months, lastMonth: p.last_month },
    });
  }
  for (const p of rowsOf<{
    id: string;
    code: string;
    name: string;
    unit_code: string;
    unit_path: string;
    milestone: string;
    planned: string;
  }>(overdue)) {
    const days = daysBetween(p.planned, today);
    const message = alertMessages.milestoneOverdue(p.name, p.milestone, p.planned, days);
    candidates.push({
      key: `milestone_overdue:${p.id}`,
      kind: 'milestone_overdue',
      severity: days > 90 ? 'high' : 'medium',
      ...base(p),
      message_zh: alertText(message, 'zh'),
      message_en: alertText(message, 'en'),
      data: { message, milestone: p.milestone, planned: p.planned, days },
    });
  }
  for (const p of rowsOf<{ id: string; code: string; name: string; unit_code: string; unit_path: string; signed_on: string }>(notLanded)) {
    const days = daysBetween(p.signed_on, today);
    const message = alertMessages.signedNotLanded(p.name, p.signed_on, days);
    candidates.push({
      key: `signed_not_landed:${p.id}`,
      kind: 'signed_not_landed',
      severity: severityByMultiple(days, notLandedDays),
      ...base(p),
      message_zh: alertText(message, 'zh'),
      message_en: alertText(message, 'en'),
      data: { message, signedOn: p.signed_on, days },
    });
  }
  for (const p of rowsOf<{
    id: string;
    code: string;
    name: string;
    unit_code: string;
    unit_path: string;
    planned_wan: number;
    ytd: number;
  }>(behind)) {
    const completion = Number(p.ytd) / Number(p.planned_wan);
    const gap = schedule - completion;
    if (gap <= behindPoints + 1e-9) continue;
    const message = alertMessages.projectBehind(p.name, completion, schedule);
    candidates.push({
      key: `behind_schedule:${p.id}`,
      kind: 'behind_schedule',
      severity: severityByMultiple(gap, behindPoints),
      ...base(p),
      message_zh: alertText(message, 'zh'),
      message_en: alertText(message, 'en'),
      data: { message, completion, schedule, plannedWan: Number(p.planned_wan), ytdWan: Number(p.ytd) },
    });
  }
  for (const s of rowsOf<{
    id: number;
    unit_code: string;
    unit_path: string;
    period_key: string;
    due_at: string | Date;
    task_name: string;
    unit_name: string;
  }>(submissions)) {
    const hours = Math.ceil((now.getTime() - new Date(s.due_at).getTime()) / 3_600_000);
    const message = alertMessages.submissionOverdue(s.unit_name, s.task_name, s.period_key, {
      zh: lateText(hours, 'zh'),
      en: lateText(hours, 'en'),
    });
    candidates.push({
      key: `submission_overdue:${s.id}`,
      kind: 'submission_overdue',
      severity: hours > 72 ? 'high' : 'medium',
      unit_code: s.unit_code,
      unit_path: s.unit_path,
      project_id: null,
      project_code: null,
      submission_id: Number(s.id),
      message_zh: alertText(message, 'zh'),
      message_en: alertText(message, 'en'),
      data: { message, hours, period: s.period_key },
    });
  }
  return candidates;
}

/** 跟进逾期: companies of the subtree whose agreed next step is past its date by more than the grace (⚙ days). */
async function companyCandidates(db: DbOrTx, scopePath: string, now: Date): Promise<Candidate[]> {
  const today = todayIso(now);
  const settings = await readSettings(db, ['alerts.nextStepGraceDays']);
  const grace = Number(settings['alerts.nextStepGraceDays']);
  const rows = await overdueNextSteps(db, scopePath, minusDays(today, grace));
  return rows.map((c) => {
    const days = daysBetween(c.next_on, today);
    const message = alertMessages.nextStepOverdue(c.name, c.next_step ?? '', c.next_on, days);
    return {
      key: `next_step_overdue:${c.id}`,
      kind: 'next_step_overdue' as const,
      severity: days > 30 ? ('high' as const) : ('medium' as const),
      unit_code: c.unit_code,
      unit_path: c.unit_path,
      project_id: null,
      project_code: null,
      submission_id: null,
      company_id: c.id,
      message_zh: alertText(message, 'zh'),
      message_en: alertText(message, 'en'),
      data: { message, nextOn: c.next_on, days, by: c.by_name },
    };
  });
}

/** A unit's (and its children's) indicators with a target, behind 序时 by more than the threshold. */
async function unitCandidates(
  db: DbOrTx,
  unit: { code: string; name: string; level: string; path: string },
  now: Date,
): Promise<{ codes: string[]; candidates: Candidate[] }> {
  const today = todayIso(now);
  const year = Number(today.slice(0, 4));
  const children = await db
    .select({ code: units.code, path: units.path })
    .from(units)
    .where(and(eq(units.parentCode, unit.code), eq(units.active, true)));
  const codes = [unit.code, ...children.map((c) => c.code)];
  const keys = await db
    .selectDistinct({ key: targets.indicatorKey })
    .from(targets)
    .where(and(eq(targets.year, year), inArray(targets.unitCode, codes), sql`${targets.annual} > 0`));
  if (!keys.length) return { codes, candidates: [] };
  const catalog = await indicatorCatalog(db);
  const indicators = catalog.filter((i) => keys.some((k) => k.key === i.key));
  const settings = await readSettings(db, ['alerts.behindSchedulePoints']);
  const threshold = Number(settings['alerts.behindSchedulePoints']) / 100;
  const figures = await unitFigures(db, indicators, unit, year, today);
  const candidates: Candidate[] = [];
  for (const row of [figures.self, ...figures.children]) {
    const path = row.code === unit.code ? unit.path : (children.find((c) => c.code === row.code)?.path ?? unit.path);
    for (const indicator of indicators) {
      const figure = row.figures[indicator.key];
      if (!figure || figure.completion === null || figure.pointsVsSchedule === null || -figure.pointsVsSchedule <= threshold + 1e-9)
        continue;
      const message = alertMessages.unitBehind(row.name, indicator.label, figure.completion, figures.scheduleProgress);
      candidates.push({
        key: `behind_schedule:unit:${row.code}:${indicator.key}:${year}`,
        kind: 'behind_schedule',
        severity: severityByMultiple(-figure.pointsVsSchedule, threshold),
        unit_code: row.code,
        unit_path: path,
        project_id: null,
        project_code: null,
        submission_id: null,
        message_zh: alertText(message, 'zh'),
        message_en: alertText(message, 'en'),
        data: { message, indicator: indicator.key, completion: figure.completion, schedule: figures.scheduleProgress, year },
      });
    }
  }
  return { codes, candidates };
}

/** JSON with sorted keys: jsonb gives an object's keys back in its own order, so plain JSON.stringify would always differ. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/**
 * Makes the open alerts within `openScope` equal the candidates: inserts the new ones, updates those whose severity,
 * message or place changed, resolves the ones no longer holding. Compared in memory, so an unchanged alert costs no write.
 */
async function reconcile(tx: DbOrTx, candidates: Candidate[], openScope: ReturnType<typeof sql>): Promise<number> {
  const open = await tx
    .select({
      id: alerts.id,
      key: alerts.key,
      severity: alerts.severity,
      messageZh: alerts.messageZh,
      unitPath: alerts.unitPath,
      data: alerts.data,
    })
    .from(alerts)
    .where(sql`${alerts.resolvedAt} is null and ${openScope}`);
  const byKey = new Map(open.map((a) => [a.key, a]));
  const inserts: Candidate[] = [];
  const updates: Candidate[] = [];
  for (const candidate of candidates) {
    const existing = byKey.get(candidate.key);
    if (!existing) inserts.push(candidate);
    else if (
      existing.severity !== candidate.severity ||
      existing.messageZh !== candidate.message_zh ||
      existing.unitPath !== candidate.unit_path ||
      canonicalJson(existing.data) !== canonicalJson(candidate.data)
    )
      updates.push(candidate);
    byKey.delete(candidate.key);
  }
  const resolved = [...byKey.values()].map((a) => a.id);
  const stamp = clockNow().toISOString();
  for (let i = 0; i < inserts.length; i += 5_000) {
    await tx.execute(sql`insert into ${alerts} (key, kind, severity, unit_code, unit_path, project_id, project_code, submission_id, company_id, message_zh, message_en, data, raised_at, updated_at)
      select key, kind, severity, unit_code, unit_path, project_id, project_code, submission_id, company_id, message_zh, message_en, data, ${stamp}::timestamptz, ${stamp}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(inserts.slice(i, i + 5_000))}::jsonb) as x(key text, kind text, severity text, unit_code text, unit_path text, project_id uuid, project_code text, submission_id int, company_id uuid, message_zh text, message_en text, data jsonb)
      on conflict (key) where resolved_at is null do nothing`);
  }
  if (updates.length) {
    await tx.execute(sql`update ${alerts} a set severity = x.severity, message_zh = x.message_zh, message_en = x.message_en, data = x.data, unit_code = x.unit_code, unit_path = x.unit_path, updated_at = ${stamp}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(key text, severity text, unit_code text, unit_path text, message_zh text, message_en text, data jsonb)
      where a.key = x.key and a.resolved_at is null`);
  }
  if (resolved.length)
    await tx.execute(sql`update ${alerts} set resolved_at = ${stamp}::timestamptz where id = any(${sql.param(resolved)}::int[])`);
  return inserts.length + updates.length + resolved.length;
}

// After this many alerts changed in one evaluation the planner's statistics are refreshed at once: PGlite has no
// autovacuum, and with stale statistics it sorts every open alert for a page instead of reading the list's index.
const ANALYZE_AFTER_CHANGES = 1_000;

/**
 * Brings the stored alerts of a subtree up to date: raises what holds now, updates what still holds, resolves what
 * cleared. Unit-level 低于序时 alerts are evaluated for the subtree's root and its children.
 */
export async function evaluateAlerts(
  db: Db,
  unit: { code: string; name: string; level: string; path: string },
  now = clockNow(),
): Promise<void> {
  const [projectLevel, unitLevel, companyLevel] = await Promise.all([
    projectCandidates(db, unit.path, now),
    unitCandidates(db, unit, now),
    companyCandidates(db, unit.path, now),
  ]);
  const changed = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ALERTS_LOCK_KEY})`);
    const projectChanges = await reconcile(
      tx,
      projectLevel,
      sql`unit_path like ${subtreePattern(unit.path)} and kind = any(${sql.param(PROJECT_KINDS)}::text[]) and (project_id is not null or submission_id is not null)`,
    );
    const unitChanges = await reconcile(
      tx,
      unitLevel.candidates,
      sql`kind = 'behind_schedule' and project_id is null and submission_id is null and unit_code = any(${sql.param(unitLevel.codes)}::text[])`,
    );
    const companyChanges = await reconcile(
      tx,
      companyLevel,
      sql`unit_path like ${subtreePattern(unit.path)} and kind = 'next_step_overdue' and company_id is not null`,
    );
    return projectChanges + unitChanges + companyChanges;
  });
  if (changed >= ANALYZE_AFTER_CHANGES) await db.execute(sql`analyze ${alerts}`);
}

/**
 * What the alerts depend on, cheaply (index-only maxima and counts): today's date, the last change of every table a
 * condition reads, the token of the last deletion of a project (`projectDeletionTokenSql`: a deletion changes no
 * maximum), and how many reports have passed their deadline unsubmitted (a deadline passes without any write).
 * The companies' part is read beside it, on the pool.
 */
export async function dataSignature(db: Db, now = clockNow()): Promise<string> {
  const statement = db.execute(sql`select
      (select max(updated_at) from ${projects})::text as projects, ${projectDeletionTokenSql} as project_deletion,
      (select max(updated_at) from ${projectProgress})::text as progress, (select max(updated_at) from ${projectAnnualPlans})::text as plans,
      (select max(updated_at) from ${reportSubmissions})::text as submissions, (select max(updated_at) from ${reportTasks})::text as tasks,
      (select count(*) from ${reportSubmissions} where status in ('draft', 'returned') and due_at < ${now.toISOString()}::timestamptz) as overdue,
      (select max(updated_at) from ${targets})::text as targets, (select max(recorded_at) from ${projectArrivals})::text as arrivals,
      (select max(updated_at) from ${indicatorReports})::text as reports, (select max(updated_at) from ${indicatorDefinitions})::text as indicators,
      (select max(updated_at) from ${settings})::text as settings, (select max(updated_at) from ${units})::text as units`);
  const [result, companies] = await Promise.all([statement, companiesSignature(db)]);
  return JSON.stringify({ today: todayIso(now), ...rowsOf<Record<string, unknown>>(result)[0], companies });
}

/**
 * The alerts of a subtree, current as of now: evaluated unless nothing they depend on changed since the last evaluation
 * of the same subtree (the signature is read before evaluating, so a write racing with it triggers the next one).
 */
export async function refreshAlerts(
  db: Db,
  unit: { code: string; name: string; level: string; path: string },
  now = clockNow(),
): Promise<boolean> {
  // both before evaluating, side by side on the pool
  const [signature, [last]] = await Promise.all([
    dataSignature(db, now),
    db.select().from(alertEvaluations).where(eq(alertEvaluations.scopePath, unit.path)),
  ]);
  if (last?.signature === signature) return false;
  await evaluateAlerts(db, unit, now);
  await db
    .insert(alertEvaluations)
    .values({ scopePath: unit.path, signature, evaluatedAt: now })
    .onConflictDoUpdate({ target: alertEvaluations.scopePath, set: { signature, evaluatedAt: now } });
  return true;
}

/** Only the unit-level 低于序时 alerts of a unit and its children. */
export async function evaluateUnitAlerts(
  db: Db,
  unit: { code: string; name: string; level: string; path: string },
  now = clockNow(),
): Promise<void> {
  const unitLevel = await unitCandidates(db, unit, now);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ALERTS_LOCK_KEY})`);
    await reconcile(
      tx,
      unitLevel.candidates,
      sql`kind = 'behind_schedule' and project_id is null and submission_id is null and unit_code = any(${sql.param(unitLevel.codes)}::text[])`,
    );
  });
}

/** The scheduled job: every top-level subtree, and the unit-level alerts of every unit that has children with targets. */
export async function evaluateAllAlerts(db: Db, now = clockNow()): Promise<number> {
  const roots = await db
    .select({ code: units.code, name: units.name, level: units.level, path: units.path })
    .from(units)
    .where(and(sql`${units.parentCode} is null`, eq(units.active, true)));
  for (const root of roots) await refreshAlerts(db, root, now);
  // Unit-level figures of every parent: skipped when nothing changed since the job's last pass.
  const signature = await dataSignature(db, now);
  const [last] = await db.select().from(alertEvaluations).where(eq(alertEvaluations.scopePath, 'job:units'));
  if (last?.signature === signature) return roots.length;
  const parents =
    await db.execute(sql`select distinct u.code, u.name, u.level, u.path from ${units} u join ${units} c on c.parent_code = u.code join ${targets} t on t.unit_code = c.code and t.year = ${Number(todayIso(now).slice(0, 4))}
    where u.parent_code is not null and u.active`);
  const list = rowsOf<{ code: string; name: string; level: string; path: string }>(parents);
  for (const unit of list) await evaluateUnitAlerts(db, unit, now);
  await db
    .insert(alertEvaluations)
    .values({ scopePath: 'job:units', signature, evaluatedAt: now })
    .onConflictDoUpdate({ target: alertEvaluations.scopePath, set: { signature, evaluatedAt: now } });
  return roots.length + list.length;
}

/** The projects a condition held for within a subtree at the end of a past day (a bulletin as of its period's end). */
export async function projectConditionsOn(
  db: DbOrTx,
  scopePath: string,
  day: string,
  kinds: AlertKind[],
): Promise<{ kind: AlertKind; projectId: string; message: string; data: Record<string, unknown> }[]> {
  const candidates = await projectCandidates(db, scopePath, new Date(endOfDay(day).getTime() - 1), kinds);
  return candidates
    .filter((c) => c.project_id)
    .map((c) => ({ kind: c.kind, projectId: c.project_id!, message: c.message_zh, data: c.data }));
}
