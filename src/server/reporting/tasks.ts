import { clockNow } from '../../shared/calendar.ts';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { PROJECT_LEVELS } from '../../shared/projects/classification.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { STAGES } from '../../shared/projects/stages.ts';
import { formProblems, TASK_KINDS, type TaskForm, type TaskKind } from '../../shared/reporting/forms.ts';
import { periodsUntil, RECURRENCES, type TaskSchedule } from '../../shared/reporting/periods.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import { inScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, notFound, outOfScope, hiddenObject } from '../http/errors.ts';
import { findUnit } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { reportSubmissions, reportTasks } from './schema.ts';
import { subtreePattern, withinSubtree } from '../db/scope.ts';

export type TaskRow = typeof reportTasks.$inferSelect;

const unitCode = z.string().regex(/^\d{6,15}$/);
const isoDate = z.iso.date();

export const taskBody = z.object({
  unit: unitCode,
  name: z.string().trim().min(1).max(80),
  kind: z.enum(TASK_KINDS),
  recurrence: z.enum(RECURRENCES),
  startOn: isoDate,
  dueWeekday: z.number().int().min(1).max(7).nullish(),
  dueDay: z.number().int().min(1).max(28).nullish(),
  dueMonthOffset: z.number().int().min(0).max(1).nullish(),
  dueOn: isoDate.nullish(),
  dueTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM'),
  targetUnits: z.array(unitCode).min(1).max(500),
  form: z.object({
    projects: z
      .object({
        stages: z.array(z.enum(STAGES)).max(8).optional(),
        levels: z.array(z.enum(PROJECT_LEVELS)).max(3).optional(),
        minInvestmentYi: z.number().min(0).max(100_000).optional(),
      })
      .optional(),
    minInvestmentYi: z.number().min(0).max(100_000).optional(),
    customFields: z
      .array(
        z.object({ key: z.string().max(31), label: z.string().max(40), type: z.enum(['number', 'text', 'date']), required: z.boolean() }),
      )
      .max(30)
      .optional(),
  }),
});
export type TaskBody = z.infer<typeof taskBody>;

export const scheduleOf = (
  task: Pick<TaskRow, 'recurrence' | 'startOn' | 'dueWeekday' | 'dueDay' | 'dueMonthOffset' | 'dueOn' | 'dueTime'>,
): TaskSchedule => ({
  recurrence: task.recurrence as TaskSchedule['recurrence'],
  startOn: task.startOn,
  dueWeekday: task.dueWeekday,
  dueDay: task.dueDay,
  dueMonthOffset: task.dueMonthOffset,
  dueOn: task.dueOn,
  dueTime: task.dueTime,
});

export function presentTask(row: TaskRow, unitNames: Map<string, string>) {
  return {
    id: row.id,
    unit: row.unitCode,
    unitName: unitNames.get(row.unitCode) ?? row.unitCode,
    name: row.name,
    kind: row.kind as TaskKind,
    recurrence: row.recurrence,
    startOn: row.startOn,
    dueWeekday: row.dueWeekday,
    dueDay: row.dueDay,
    dueMonthOffset: row.dueMonthOffset,
    dueOn: row.dueOn,
    dueTime: row.dueTime,
    targetUnits: row.targetUnits.map((code) => ({ code, name: unitNames.get(code) ?? code })),
    form: row.form,
    active: row.active,
    version: row.version,
    createdBy: row.createdBy,
  };
}

export async function unitNamesOf(db: DbOrTx, codes: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(codes)];
  if (!list.length) return new Map();
  const rows = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(sql`${units.code} = any(${sql.param(list)}::text[])`);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The schedule's own rules, the form's, and the addressees (units below the issuing one). */
async function checkTask(db: DbOrTx, body: TaskBody, issuerPath: string, zh: boolean): Promise<void> {
  const problems = formProblems(body.kind, body.form as TaskForm, zh ? 'zh' : 'en');
  if ((body.recurrence === 'weekly' || body.recurrence === 'biweekly') && !body.dueWeekday)
    problems.push(zh ? '每周 / 每两周任务须指定截止星期几' : 'a weekly task needs a due weekday');
  if (body.recurrence === 'monthly' && !body.dueDay) problems.push(zh ? '每月任务须指定截止日' : 'a monthly task needs a due day');
  if (body.recurrence === 'once' && (!body.dueOn || body.dueOn < body.startOn))
    problems.push(zh ? '一次性任务须指定不早于开始日期的截止日期' : 'a one-off task needs a due date on or after its start');
  const found = await db
    .select({ code: units.code, path: units.path })
    .from(units)
    .where(sql`${units.code} = any(${sql.param(body.targetUnits)}::text[])`);
  for (const code of new Set(body.targetUnits)) {
    const unit = found.find((u) => u.code === code);
    if (!unit) problems.push(zh ? `单位 ${code} 不存在` : `unknown unit ${code}`);
    else if (!unit.path.startsWith(issuerPath) || unit.path === issuerPath)
      problems.push(zh ? `单位 ${code} 不是本单位的下级，不能下发任务` : `unit ${code} is not below the issuing unit`);
  }
  if (problems.length) throw new AppError('VALIDATION', { detail: problems.join('；') });
}

const taskValues = (body: TaskBody) => ({
  name: body.name,
  kind: body.kind,
  recurrence: body.recurrence,
  startOn: body.startOn,
  dueWeekday: body.recurrence === 'weekly' || body.recurrence === 'biweekly' ? (body.dueWeekday ?? null) : null,
  dueDay: body.recurrence === 'monthly' ? (body.dueDay ?? null) : null,
  dueMonthOffset: body.recurrence === 'monthly' ? (body.dueMonthOffset ?? 1) : null,
  dueOn: body.recurrence === 'once' ? (body.dueOn ?? null) : null,
  dueTime: body.dueTime,
  targetUnits: [...new Set(body.targetUnits)],
  form: body.form as TaskForm,
});

const AUDITED = [
  'name',
  'kind',
  'recurrence',
  'startOn',
  'dueWeekday',
  'dueDay',
  'dueMonthOffset',
  'dueOn',
  'dueTime',
  'targetUnits',
  'form',
  'active',
] as const;

export async function createTask(db: Db, actor: Actor, meta: RequestMeta, body: TaskBody): Promise<TaskRow> {
  const issuer = await findUnit(db, body.unit);
  if (!issuer) throw notFound();
  if (!inScope(actor, issuer.path)) throw outOfScope();
  await checkTask(db, body, issuer.path, meta.lang === 'zh');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reportTasks)
      .values({ unitCode: issuer.code, unitPath: issuer.path, ...taskValues(body), createdBy: actor.username })
      .returning();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'report_task.create',
      objectType: 'report_task',
      objectId: String(row!.id),
      changes: diffFields(null, row!, AUDITED),
    });
    await materializeSubmissions(tx, row!, todayIso());
    return row!;
  });
}

export async function taskFor(db: DbOrTx, actor: Actor, id: number): Promise<TaskRow> {
  const [row] = await db.select().from(reportTasks).where(eq(reportTasks.id, id));
  if (!row) throw notFound();
  if (!inScope(actor, row.unitPath)) {
    // the units a task goes to see it too
    const [assigned] = await db
      .select({ code: units.code })
      .from(units)
      .where(and(sql`${units.code} = any(${sql.param(row.targetUnits)}::text[])`, withinSubtree(units.path, actor.unitPath)))
      .limit(1);
    if (!assigned) throw hiddenObject();
  }
  return row;
}

export async function updateTask(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  body: TaskBody & { version: number; active: boolean },
): Promise<TaskRow> {
  const before = await taskFor(db, actor, id);
  if (!inScope(actor, before.unitPath)) throw hiddenObject();
  const zh = meta.lang === 'zh';
  if (body.unit !== before.unitCode)
    throw new AppError('VALIDATION', { detail: zh ? '任务的下发单位不能更改' : 'the issuing unit cannot change' });
  if (body.kind !== before.kind)
    throw new AppError('VALIDATION', { detail: zh ? '任务类型不能更改（已有的填报按原类型保存）' : 'the kind of a task cannot change' });
  await checkTask(db, body, before.unitPath, zh);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(reportTasks)
      .set({ ...taskValues(body), active: body.active, version: sql`${reportTasks.version} + 1`, updatedAt: clockNow() })
      .where(and(eq(reportTasks.id, id), eq(reportTasks.version, body.version)))
      .returning();
    if (!row) throw conflict({ version: before.version });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'report_task.update',
      objectType: 'report_task',
      objectId: String(id),
      changes: diffFields(before, row, AUDITED),
    });
    return row;
  });
}

/** Tasks issued within the actor's scope, and tasks addressed to a unit within it. */
export async function visibleTasks(db: DbOrTx, actor: Actor): Promise<{ issued: TaskRow[]; assigned: TaskRow[] }> {
  const within = subtreePattern(actor.unitPath);
  const rows = await db
    .select()
    .from(reportTasks)
    .where(
      sql`${reportTasks.unitPath} like ${within} or exists (select 1 from ${units} u where u.code = any(${reportTasks.targetUnits}) and u.path like ${within})`,
    )
    .orderBy(desc(reportTasks.id));
  return {
    issued: rows.filter((r) => r.unitPath.startsWith(actor.unitPath)),
    assigned: rows.filter((r) => !r.unitPath.startsWith(actor.unitPath)),
  };
}

/**
 * One submission per addressed unit and begun period (the latest `recent` periods), created if missing. Idempotent
 * and safe to run from several instances at once (insert … on conflict do nothing).
 */
export async function materializeSubmissions(db: DbOrTx, task: TaskRow, today: string, recent = 24): Promise<void> {
  await materializeTasks(db, [task], today, recent);
}

/** The same for many tasks in one statement: every (task, unit, period) as one JSON parameter. */
async function materializeTasks(db: DbOrTx, tasks: TaskRow[], today: string, recent = 24): Promise<void> {
  const periods = tasks
    .filter((task) => task.active)
    .flatMap((task) =>
      periodsUntil(scheduleOf(task), today, recent).map((period) => ({ ...period, taskId: task.id, units: task.targetUnits })),
    );
  if (!periods.length) return;
  await db.execute(sql`insert into ${reportSubmissions} (task_id, unit_code, unit_path, period_key, period_start, period_end, due_at)
    select (p->>'taskId')::int, u.code, u.path, p->>'key', (p->>'start')::date, (p->>'end')::date, (p->>'dueAt')::timestamptz
    from jsonb_array_elements(${JSON.stringify(periods)}::jsonb) p join ${units} u on u.code in (select jsonb_array_elements_text(p->'units')) and u.active
    on conflict (task_id, unit_code, period_key) do nothing`);
}

/** Every active task's submissions up to today (the scheduled job; lists call it for the tasks they show). */
export async function materializeAll(db: DbOrTx, today: string, scopePath?: string): Promise<void> {
  const tasks = await db
    .select()
    .from(reportTasks)
    .where(
      and(
        eq(reportTasks.active, true),
        scopePath
          ? sql`(${withinSubtree(reportTasks.unitPath, scopePath)} or exists (select 1 from ${units} u where u.code = any(${reportTasks.targetUnits}) and u.path like ${subtreePattern(scopePath)}))`
          : sql`true`,
      ),
    );
  await materializeTasks(db, tasks, today);
}
