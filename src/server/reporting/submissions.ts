import { clockNow } from '../../shared/calendar.ts';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import {
  checkRow,
  fieldsOf,
  normalizeRow,
  rowsAreProjects,
  type FieldDefinition,
  type RowProblem,
  type TaskForm,
  type TaskKind,
} from '../../shared/reporting/forms.ts';
import { compliance, periodByKey, type SubmissionStatus, type TaskPeriod } from '../../shared/reporting/periods.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { rowsOf, type Db, type DbOrTx } from '../db/client.ts';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import { can, inScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, forbidden, notFound, outOfScope, hiddenObject } from '../http/errors.ts';
import { projects } from '../projects/schema.ts';
import { applyToLedger, progressMonthOf } from './apply.ts';
import { projectAnnualPlans, projectProgress, reportRows, reportSubmissions, reportTasks, reportVersions } from './schema.ts';
import { scheduleOf, unitNamesOf, type TaskRow } from './tasks.ts';
import { subtreePattern, withinSubtree } from '../db/scope.ts';

export type SubmissionRow = typeof reportSubmissions.$inferSelect;
type Row = typeof reportRows.$inferSelect;

/** A submission its unit may still change: not yet submitted, or returned. */
const isEditable = (s: SubmissionRow) => s.status === 'draft' || s.status === 'returned';

/** A submission the actor may see (its unit in scope), with its task. */
export async function submissionFor(db: DbOrTx, actor: Actor, id: number): Promise<{ submission: SubmissionRow; task: TaskRow }> {
  const [found] = await db
    .select({ submission: reportSubmissions, task: reportTasks })
    .from(reportSubmissions)
    .innerJoin(reportTasks, eq(reportTasks.id, reportSubmissions.taskId))
    .where(eq(reportSubmissions.id, id));
  if (!found) throw notFound();
  if (!inScope(actor, found.submission.unitPath)) throw hiddenObject();
  return found;
}

/** Which projects make a task's rows, within the submitting unit. */
function selectionCondition(form: TaskForm, unitPath: string): SQL {
  const conditions: SQL[] = [sql`p.unit_path like ${subtreePattern(unitPath)}`, sql`p.status <> 'terminated'`];
  const selection = form.projects ?? {};
  if (selection.stages?.length) conditions.push(sql`p.stage = any(${sql.param(selection.stages)}::text[])`);
  if (selection.levels?.length) conditions.push(sql`p.levels && ${sql.param(selection.levels)}::text[]`);
  if (selection.minInvestmentYi) conditions.push(sql`p.total_investment_wan >= ${selection.minInvestmentYi * 10_000}`);
  return sql.join(conditions, sql` and `);
}

/**
 * Adds a row for every project the task selects that the submission does not hold yet (a project that entered the
 * selection since), prefilled from the ledger. Only while the submission is editable: a submitted one is frozen.
 */
export async function materializeRows(db: DbOrTx, submission: SubmissionRow, task: TaskRow): Promise<void> {
  if (!isEditable(submission) || !rowsAreProjects(task.kind as TaskKind)) return;
  const month = progressMonthOf(task, submission);
  const year = Number(month.slice(0, 4));
  const prefill =
    task.kind === 'monthly_progress'
      ? sql`jsonb_strip_nulls(jsonb_build_object('investedWan', pp.invested_wan, 'annualPlanWan', ap.planned_wan, 'imageProgress', pp.image_progress, 'problems', pp.problems, 'nextSteps', pp.next_steps, 'note', pp.note))`
      : task.kind === 'blocker_update'
        ? sql`jsonb_strip_nulls(jsonb_build_object('problems', pp.problems, 'nextSteps', pp.next_steps))`
        : sql`'{}'::jsonb`;
  await db.execute(sql`insert into ${reportRows} (submission_id, row_key, project_id, values)
    select ${submission.id}, p.id::text, p.id, ${prefill}
    from ${projects} p
      left join ${projectProgress} pp on pp.project_id = p.id and pp.month = ${month}
      left join ${projectAnnualPlans} ap on ap.project_id = p.id and ap.year = ${year}
    where ${selectionCondition(task.form, submission.unitPath)}
    on conflict (submission_id, row_key) do nothing`);
}

export interface RowContext {
  code: string | null;
  name: string;
  stage: string | null;
  totalInvestmentWan: number | null;
  startedOn: string | null;
  plannedStartedOn: string | null;
  completedOn: string | null;
  plannedCompletedOn: string | null;
  sponsorLeader: string | null;
  responsibleUnit: string | null;
  /** monthly progress: 年初至上月累计 and 开工至上月累计 (this row's month excluded) */
  ytdBeforeWan: number;
  sinceStartBeforeWan: number;
}

export interface PresentedRow {
  key: string;
  projectId: string | null;
  context: RowContext;
  values: Record<string, unknown>;
  returnComment: string | null;
  version: number;
  problems: RowProblem[];
}

/** The rows with their projects' facts and the cumulative figures before the reported month. */
export async function rowsWithContext(db: DbOrTx, submission: SubmissionRow, task: TaskRow): Promise<(Row & { context: RowContext })[]> {
  const month = progressMonthOf(task, submission);
  const result =
    await db.execute(sql`select r.submission_id, r.row_key, r.project_id::text as project_id, r.position, r.values, r.return_comment, r.version, r.updated_by, r.updated_at,
      p.code, p.name, p.stage, p.total_investment_wan, p.started_on::text as started_on, p.planned_started_on::text as planned_started_on, p.completed_on::text as completed_on,
      p.planned_completed_on::text as planned_completed_on, p.sponsor_leader, p.responsible_unit,
      coalesce((select sum(x.invested_wan) from ${projectProgress} x where x.project_id = r.project_id and x.month < ${month} and x.month >= ${`${month.slice(0, 4)}-01`}), 0)::float8 as ytd_before,
      coalesce((select sum(x.invested_wan) from ${projectProgress} x where x.project_id = r.project_id and x.month < ${month}), 0)::float8 as since_before
    from ${reportRows} r left join ${projects} p on p.id = r.project_id
    where r.submission_id = ${submission.id}
    order by p.total_investment_wan desc nulls last, p.code, r.position, r.row_key`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    submissionId: Number(r.submission_id),
    rowKey: String(r.row_key),
    projectId: (r.project_id as string | null) ?? null,
    position: Number(r.position),
    values: (typeof r.values === 'string' ? JSON.parse(r.values) : r.values) as Record<string, unknown>,
    returnComment: (r.return_comment as string | null) ?? null,
    version: Number(r.version),
    updatedBy: (r.updated_by as string | null) ?? null,
    updatedAt: new Date(String(r.updated_at)),
    context: {
      code: (r.code as string | null) ?? null,
      name: (r.name as string | null) ?? '',
      stage: (r.stage as string | null) ?? null,
      totalInvestmentWan: r.total_investment_wan === null || r.total_investment_wan === undefined ? null : Number(r.total_investment_wan),
      startedOn: (r.started_on as string | null) ?? null,
      plannedStartedOn: (r.planned_started_on as string | null) ?? null,
      completedOn: (r.completed_on as string | null) ?? null,
      plannedCompletedOn: (r.planned_completed_on as string | null) ?? null,
      sponsorLeader: (r.sponsor_leader as string | null) ?? null,
      responsibleUnit: (r.responsible_unit as string | null) ?? null,
      ytdBeforeWan: Number(r.ytd_before),
      sinceStartBeforeWan: Number(r.since_before),
    },
  }));
}

/** A row's problems (the shared rules the grid applies as the user types). */
export function rowProblems(
  task: TaskRow,
  fields: readonly FieldDefinition[],
  values: Record<string, unknown>,
  context: RowContext,
  partial: boolean,
): { values: Record<string, string | number>; problems: RowProblem[] } {
  return checkRow(task.kind as TaskKind, task.form, fields, values, context, partial);
}

export function periodOf(task: TaskRow, submission: SubmissionRow): TaskPeriod | null {
  return periodByKey(
    scheduleOf(task),
    submission.periodKey,
    todayIso(new Date(Math.max(clockNow().getTime(), Date.parse(`${submission.periodStart}T12:00:00Z`)))),
  );
}

export async function presentSubmission(db: DbOrTx, actor: Actor, submission: SubmissionRow, task: TaskRow) {
  const fields = fieldsOf(task.kind as TaskKind, task.form);
  const rows = await rowsWithContext(db, submission, task);
  const names = await unitNamesOf(db, [submission.unitCode, task.unitCode]);
  const period = periodOf(task, submission);
  return {
    ...presentSubmissionHeader(submission, task, names, period),
    fields,
    form: task.form,
    rowsAreProjects: rowsAreProjects(task.kind as TaskKind),
    progressMonth: task.kind === 'monthly_progress' || task.kind === 'blocker_update' ? progressMonthOf(task, submission) : null,
    editable: isEditable(submission) && can(actor, 'business:write') && inScope(actor, submission.unitPath),
    reviewable: submission.status === 'submitted' && can(actor, 'business:review') && inScope(actor, task.unitPath),
    unlockable: submission.status === 'approved' && can(actor, 'business:review') && inScope(actor, task.unitPath),
    rows: rows.map((row): PresentedRow => ({
      key: row.rowKey,
      projectId: row.projectId,
      context: row.context,
      values: row.values,
      returnComment: row.returnComment,
      version: row.version,
      problems: rowProblems(task, fields, row.values, row.context, true).problems,
    })),
  };
}

export function presentSubmissionHeader(
  submission: SubmissionRow,
  task: Pick<TaskRow, 'id' | 'name' | 'kind' | 'unitCode'>,
  names: Map<string, string>,
  period: TaskPeriod | null,
  now = clockNow(),
) {
  return {
    id: submission.id,
    task: { id: task.id, name: task.name, kind: task.kind, unit: task.unitCode, unitName: names.get(task.unitCode) ?? task.unitCode },
    unit: submission.unitCode,
    unitName: names.get(submission.unitCode) ?? submission.unitCode,
    periodKey: submission.periodKey,
    periodLabel: period?.label ?? { zh: submission.periodKey, en: submission.periodKey },
    periodStart: submission.periodStart,
    periodEnd: submission.periodEnd,
    dueAt: submission.dueAt.toISOString(),
    status: submission.status,
    revision: submission.revision,
    firstSubmittedAt: submission.firstSubmittedAt?.toISOString() ?? null,
    submittedAt: submission.submittedAt?.toISOString() ?? null,
    submittedBy: submission.submittedBy,
    reviewedAt: submission.reviewedAt?.toISOString() ?? null,
    reviewedBy: submission.reviewedBy,
    reviewComment: submission.reviewComment,
    compliance: compliance(submission.dueAt, submission.firstSubmittedAt, now),
    version: submission.version,
  };
}

/** A submission and its task, the submission's row locked until the transaction ends (every change takes this lock first). */
async function lockSubmission(tx: DbOrTx, id: number): Promise<{ submission: SubmissionRow; task: TaskRow }> {
  const [submission] = await tx.select().from(reportSubmissions).where(eq(reportSubmissions.id, id)).for('update');
  if (!submission) throw notFound();
  const [task] = await tx.select().from(reportTasks).where(eq(reportTasks.id, submission.taskId));
  return { submission, task: task! };
}

export interface RowEdit {
  key?: string | undefined;
  version?: number | undefined;
  values?: Record<string, unknown> | undefined;
  remove?: boolean | undefined;
}

function assertFiller(actor: Actor, submission: SubmissionRow, zh: boolean): void {
  if (!can(actor, 'business:write')) throw forbidden();
  if (!inScope(actor, submission.unitPath)) throw hiddenObject();
  if (!isEditable(submission))
    throw submission.status === 'approved'
      ? new AppError('LOCKED', { what: zh ? '该期填报' : 'This report' })
      : new AppError('VALIDATION', {
          detail: zh
            ? '该期填报已报送，等待审核；如需修改请联系审核人退回'
            : 'this report is submitted and awaits review; ask the reviewer to return it',
        });
}

/**
 * Saves draft rows. Each edited row carries the version it was read at: if another person changed that row since,
 * nothing is saved and the conflicting rows come back (409), so two people of one unit never overwrite each other.
 */
export async function saveRows(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  edits: RowEdit[],
): Promise<{ saved: number; versions: Record<string, number> }> {
  const zh = meta.lang === 'zh';
  return db.transaction(async (tx) => {
    const { submission, task } = await lockSubmission(tx, id);
    assertFiller(actor, submission, zh);
    const fields = fieldsOf(task.kind as TaskKind, task.form);
    const projectRows = rowsAreProjects(task.kind as TaskKind);
    const keys = edits.filter((e) => e.key).map((e) => e.key!);
    const current = keys.length
      ? await tx
          .select({ rowKey: reportRows.rowKey, version: reportRows.version, projectId: reportRows.projectId })
          .from(reportRows)
          .where(and(eq(reportRows.submissionId, id), sql`${reportRows.rowKey} = any(${sql.param(keys)}::text[])`))
      : [];
    const problems: { key: string; field: string; message: string }[] = [];
    const conflicts: { key: string; version: number }[] = [];
    const updates: { key: string; values: Record<string, string | number>; cleared: string[] }[] = [];
    const inserts: { key: string; values: Record<string, string | number> }[] = [];
    const removals: string[] = [];
    for (const edit of edits) {
      const existing = edit.key ? current.find((c) => c.rowKey === edit.key) : undefined;
      if (edit.key && !existing) {
        problems.push({ key: edit.key, field: '', message: zh ? '该行不属于本期填报' : 'no such row in this report' });
        continue;
      }
      if (existing && edit.version !== existing.version) {
        conflicts.push({ key: existing.rowKey, version: existing.version });
        continue;
      }
      if (edit.remove) {
        if (!existing) continue;
        if (projectRows || existing.projectId)
          problems.push({ key: existing.rowKey, field: '', message: zh ? '台账项目行不能删除' : 'a ledger project row cannot be removed' });
        else removals.push(existing.rowKey);
        continue;
      }
      if (!existing && projectRows) {
        problems.push({
          key: '',
          field: '',
          message: zh ? '本任务的行为台账项目，不能新增' : 'rows of this task are ledger projects; none can be added',
        });
        continue;
      }
      const normalized = normalizeRow(fields, edit.values ?? {}, { partial: true, minInvestmentYi: task.form.minInvestmentYi });
      const typeErrors = normalized.problems.filter((p) => !p.message.zh.startsWith('请填写'));
      for (const p of typeErrors) problems.push({ key: edit.key ?? '', field: p.field, message: p.message[meta.lang] });
      // a save merges the fields it sends: a field left out keeps its value, one sent empty (null, "") is cleared
      const sent = edit.values ?? {};
      const cleared = fields.filter((f) => f.key in sent && !(f.key in normalized.values)).map((f) => f.key);
      if (existing) updates.push({ key: existing.rowKey, values: normalized.values, cleared });
      else inserts.push({ key: `n-${randomUUID()}`, values: normalized.values });
    }
    if (conflicts.length) throw new AppError('CONFLICT', {}, { conflicts });
    if (problems.length) throw new AppError('VALIDATION', { detail: problems.map((p) => p.message).join('；') }, { problems });
    // Rows are checked against the versions read above under the submission's row lock (every save takes it first), so
    // no other save can slip in between; the new versions come back from the writes themselves.
    const versions: Record<string, number> = {};
    if (updates.length) {
      const updated =
        await tx.execute(sql`update ${reportRows} r set values = (r.values - x.cleared) || x.values, version = r.version + 1, updated_by = ${actor.username}, updated_at = now()
        from (select key, values, array(select jsonb_array_elements_text(cleared)) as cleared from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(key text, values jsonb, cleared jsonb)) as x
        where r.submission_id = ${id} and r.row_key = x.key
        returning r.row_key, r.version`);
      for (const row of rowsOf<{ row_key: string; version: number }>(updated)) versions[row.row_key] = Number(row.version);
    }
    if (inserts.length) {
      const [{ max } = { max: 0 }] = await tx
        .select({ max: sql<number>`coalesce(max(${reportRows.position}), 0)::int` })
        .from(reportRows)
        .where(eq(reportRows.submissionId, id));
      const added = await tx
        .insert(reportRows)
        .values(
          inserts.map((row, i) => ({
            submissionId: id,
            rowKey: row.key,
            position: max + i + 1,
            values: row.values,
            updatedBy: actor.username,
          })),
        )
        .returning({ rowKey: reportRows.rowKey, version: reportRows.version });
      for (const row of added) versions[row.rowKey] = row.version;
    }
    if (removals.length)
      await tx
        .delete(reportRows)
        .where(and(eq(reportRows.submissionId, id), sql`${reportRows.rowKey} = any(${sql.param(removals)}::text[])`));
    await tx.update(reportSubmissions).set({ updatedAt: clockNow() }).where(eq(reportSubmissions.id, id));
    // Last: the audit chain's lock is held from here to the commit.
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'report.save',
      objectType: 'report_submission',
      objectId: String(id),
      changes: { updated: updates.length, added: inserts.length, removed: removals.length },
    });
    return { saved: updates.length + inserts.length + removals.length, versions };
  });
}

/**
 * Submits: every row checked strictly (all problems reported at once, by row), the ledger updated from the rows, the
 * version frozen, all in one transaction. Resubmitting writes the same months and projects again: nothing is counted twice.
 */
export async function submit(db: Db, actor: Actor, meta: RequestMeta, id: number, version: number): Promise<SubmissionRow> {
  const zh = meta.lang === 'zh';
  return db.transaction(async (tx) => {
    const { submission, task } = await lockSubmission(tx, id);
    assertFiller(actor, submission, zh);
    if (submission.version !== version) throw conflict({ version: submission.version, status: submission.status });
    const fields = fieldsOf(task.kind as TaskKind, task.form);
    const rows = await rowsWithContext(tx, submission, task);
    const problems: { key: string; row: number; label: string; field: string; message: string }[] = [];
    const checked = rows.map((row, index) => {
      const result = rowProblems(task, fields, row.values, row.context, false);
      for (const p of result.problems)
        problems.push({
          key: row.rowKey,
          row: index + 1,
          label: row.context.name || String(row.values.name ?? ''),
          field: p.field,
          message: p.message[meta.lang],
        });
      return { row, values: result.values };
    });
    if (problems.length) {
      const head = problems
        .slice(0, 5)
        .map((p) => (zh ? `第 ${p.row} 行（${p.label}）：${p.message}` : `row ${p.row} (${p.label}): ${p.message}`));
      throw new AppError(
        'VALIDATION',
        {
          detail:
            head.join('；') + (problems.length > 5 ? (zh ? `；等 ${problems.length} 处` : `; ${problems.length} problems in all`) : ''),
        },
        { problems },
      );
    }
    const applied = await applyToLedger(tx, actor, meta, submission, task, checked);
    const revision = submission.revision + 1;
    await tx.insert(reportVersions).values({
      submissionId: id,
      revision,
      rows: checked.map(({ row, values }) => ({
        key: row.rowKey,
        projectId: applied.projectIds.get(row.rowKey) ?? row.projectId,
        label: row.context.name || String(values.name ?? ''),
        values,
      })),
      submittedBy: actor.username,
    });
    const now = clockNow();
    const [updated] = await tx
      .update(reportSubmissions)
      .set({
        status: 'submitted',
        revision,
        firstSubmittedAt: submission.firstSubmittedAt ?? now,
        submittedAt: now,
        submittedBy: actor.username,
        version: submission.version + 1,
        updatedAt: now,
      })
      .where(eq(reportSubmissions.id, id))
      .returning();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'report.submit',
      objectType: 'report_submission',
      objectId: String(id),
      changes: { revision, rows: rows.length, ...applied.summary },
    });
    return updated!;
  });
}

export type ReviewAction =
  | { action: 'return'; comment?: string | undefined; rows: { key: string; comment: string }[] }
  | { action: 'approve'; comment?: string | undefined }
  | { action: 'unlock'; reason: string };

/** 审核: return (with a comment on each row concerned), approve (locks the period), or unlock an approved one (with a reason). */
export async function review(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  version: number,
  input: ReviewAction,
): Promise<SubmissionRow> {
  const zh = meta.lang === 'zh';
  return db.transaction(async (tx) => {
    const { submission, task } = await lockSubmission(tx, id);
    if (!can(actor, 'business:review')) throw forbidden();
    if (!inScope(actor, task.unitPath)) throw outOfScope();
    if (submission.version !== version) throw conflict({ version: submission.version, status: submission.status });
    const expected = input.action === 'unlock' ? 'approved' : 'submitted';
    if (submission.status !== expected)
      throw new AppError('VALIDATION', {
        detail: zh
          ? input.action === 'unlock'
            ? '只有已审核通过的填报可以解锁'
            : '只有已报送、待审核的填报可以审核'
          : input.action === 'unlock'
            ? 'only an approved report can be unlocked'
            : 'only a submitted report can be reviewed',
      });
    const now = clockNow();
    let status: SubmissionStatus;
    let comment: string | null;
    if (input.action === 'return') {
      if (!input.rows.length && !input.comment?.trim())
        throw new AppError('VALIDATION', { detail: zh ? '退回须填写意见（整体或逐行）' : 'a return needs a comment, overall or on rows' });
      await tx.update(reportRows).set({ returnComment: null }).where(eq(reportRows.submissionId, id));
      if (input.rows.length) {
        const updated = await tx.execute(sql`update ${reportRows} r set return_comment = x.comment
          from jsonb_to_recordset(${JSON.stringify(input.rows)}::jsonb) as x(key text, comment text) where r.submission_id = ${id} and r.row_key = x.key returning r.row_key`);
        if (rowsOf(updated).length !== new Set(input.rows.map((r) => r.key)).size)
          throw new AppError('VALIDATION', { detail: zh ? '退回的行不属于本期填报' : 'a returned row is not in this report' });
      }
      status = 'returned';
      comment = input.comment?.trim() || null;
    } else if (input.action === 'approve') {
      await tx.update(reportRows).set({ returnComment: null }).where(eq(reportRows.submissionId, id));
      status = 'approved';
      comment = input.comment?.trim() || null;
    } else {
      status = 'returned';
      comment = zh ? `解锁：${input.reason.trim()}` : `Unlocked: ${input.reason.trim()}`;
    }
    const [updated] = await tx
      .update(reportSubmissions)
      .set({ status, reviewComment: comment, reviewedAt: now, reviewedBy: actor.username, version: submission.version + 1, updatedAt: now })
      .where(eq(reportSubmissions.id, id))
      .returning();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: `report.${input.action}`,
      objectType: 'report_submission',
      objectId: String(id),
      changes: { status: [submission.status, status], ...(input.action === 'return' ? { rows: input.rows } : {}) },
      ...(comment ? { detail: comment } : {}),
    });
    return updated!;
  });
}

export async function versionsOf(db: DbOrTx, id: number) {
  const rows = await db.select().from(reportVersions).where(eq(reportVersions.submissionId, id)).orderBy(asc(reportVersions.revision));
  return rows;
}

export interface RowDiff {
  key: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  fields: { field: string; before: unknown; after: unknown }[];
}

/** What changed between two submitted versions, row by row and field by field. */
export function compareVersions(
  before: { key: string; label: string; values: Record<string, unknown> }[],
  after: { key: string; label: string; values: Record<string, unknown> }[],
): RowDiff[] {
  const diffs: RowDiff[] = [];
  const old = new Map(before.map((r) => [r.key, r]));
  for (const row of after) {
    const prior = old.get(row.key);
    if (!prior) {
      diffs.push({
        key: row.key,
        label: row.label,
        change: 'added',
        fields: Object.entries(row.values).map(([field, value]) => ({ field, before: null, after: value })),
      });
      continue;
    }
    old.delete(row.key);
    const fields = [...new Set([...Object.keys(prior.values), ...Object.keys(row.values)])]
      .filter((field) => JSON.stringify(prior.values[field] ?? null) !== JSON.stringify(row.values[field] ?? null))
      .map((field) => ({ field, before: prior.values[field] ?? null, after: row.values[field] ?? null }));
    if (fields.length) diffs.push({ key: row.key, label: row.label, change: 'changed', fields });
  }
  for (const row of old.values())
    diffs.push({
      key: row.key,
      label: row.label,
      change: 'removed',
      fields: Object.entries(row.values).map(([field, value]) => ({ field, before: value, after: null })),
    });
  return diffs;
}

/** The submissions of a task within a subtree, newest period first. */
export async function submissionsOfTask(db: DbOrTx, taskId: number, unitPath: string, limit: number) {
  return db
    .select()
    .from(reportSubmissions)
    .where(and(eq(reportSubmissions.taskId, taskId), withinSubtree(reportSubmissions.unitPath, unitPath)))
    .orderBy(desc(reportSubmissions.periodStart), reportSubmissions.unitCode)
    .limit(limit);
}

export interface SubmissionFilter {
  taskId?: number | undefined;
  /** `open`: still to be submitted (draft or returned). */
  status?: 'draft' | 'submitted' | 'returned' | 'approved' | 'open' | undefined;
  /** only this unit's own submissions (the desk: what the caller's unit must fill) */
  ownUnit?: string | undefined;
  /** only those of tasks this unit issued (the desk: what the caller's unit must review) */
  taskUnit?: string | undefined;
  /** soonest due first (the desk) instead of latest */
  soonestFirst?: boolean | undefined;
  limit: number;
}

/** The submissions of a subtree with their tasks, latest due first. */
export async function listSubmissions(db: DbOrTx, scopePath: string, filter: SubmissionFilter) {
  const conditions: SQL[] = [withinSubtree(reportSubmissions.unitPath, scopePath)];
  if (filter.taskId) conditions.push(eq(reportSubmissions.taskId, filter.taskId));
  if (filter.status === 'open') conditions.push(sql`${reportSubmissions.status} in ('draft', 'returned')`);
  else if (filter.status) conditions.push(eq(reportSubmissions.status, filter.status));
  if (filter.ownUnit) conditions.push(eq(reportSubmissions.unitCode, filter.ownUnit));
  if (filter.taskUnit) conditions.push(eq(reportTasks.unitCode, filter.taskUnit));
  return db
    .select({ submission: reportSubmissions, task: reportTasks })
    .from(reportSubmissions)
    .innerJoin(reportTasks, eq(reportTasks.id, reportSubmissions.taskId))
    .where(and(...conditions))
    .orderBy(filter.soonestFirst ? asc(reportSubmissions.dueAt) : desc(reportSubmissions.dueAt), reportSubmissions.unitCode)
    .limit(filter.limit);
}

/** Per submission, how many of its rows the reviewer returned with a comment. */
export async function returnedRowCounts(db: DbOrTx, submissionIds: readonly number[]): Promise<Map<number, number>> {
  if (!submissionIds.length) return new Map();
  const rows = await db
    .select({ id: reportRows.submissionId, count: sql<number>`count(*)::int` })
    .from(reportRows)
    .where(
      and(sql`${reportRows.submissionId} = any(${sql.param([...submissionIds])}::int[])`, sql`${reportRows.returnComment} is not null`),
    )
    .groupBy(reportRows.submissionId);
  return new Map(rows.map((r) => [r.id, r.count]));
}
