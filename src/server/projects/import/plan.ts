import { assignRows, ProjectMatcher, type MatchReason } from '../../../shared/projects/match.ts';
import { lifecycleChanges, needsCorrection, type LifecycleChange } from '../../../shared/projects/reconcile.ts';
import { STAGE_LABELS, STAGES, type Stage } from '../../../shared/projects/stages.ts';
import { diffFields } from '../../audit/recorder.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor, RequestMeta } from '../../http/actor.ts';
import { AUDITED_FIELDS, inputFromRow } from '../commands.ts';
import { DATE_FIELDS, normalizeProject, stageDatesOf, type NormalizeContext, type ProjectInput, type ProjectValues } from '../input.ts';
import { matchablesWithin, projectsByIds, type ProjectRow } from '../repository.ts';
import type { TemplateField } from './columns.ts';
import { headerResolver, type ImportError, type ParsedRow, type SheetColumn } from './parse.ts';

export type Matchable = Awaited<ReturnType<typeof matchablesWithin>>[number];

/** The user's decision for a 待确认 row: create a new project, or update the project with this code. */
export type Decision = 'create' | string;

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface CandidateView {
  code: string;
  name: string;
  unitCode: string;
  reasons: MatchReason[];
}

export interface ProjectEventSpec {
  kind: 'stage' | 'correction' | 'listed' | 'status' | 'imported';
  stage: string | null;
  fromStage?: string | null;
  eventDate: string | null;
  evidence?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

export type RowPlan =
  | { row: number; action: 'create'; values: ProjectValues; unitPath: string }
  | {
      row: number;
      action: 'update';
      before: ProjectRow;
      values: ProjectValues;
      unitPath: string;
      existsFrom: string;
      changes: FieldChange[];
      events: ProjectEventSpec[];
      reason: string | null;
    }
  | { row: number; action: 'unchanged'; before: ProjectRow }
  | { row: number; action: 'review'; name: string; unitCode: string; candidates: CandidateView[] };

export interface ImportPlan {
  rows: RowPlan[];
  errors: ImportError[];
  warnings: ImportError[];
  /** projects of the units the sheet covers that no row mentions (never deleted; listed so the user sees what the sheet left out) */
  missing: { code: string; name: string; unitCode: string }[];
}

export const IMPORT_EVIDENCE = 'Excel 导入';

interface PlanInput {
  actor: Actor;
  meta: RequestMeta;
  context: NormalizeContext;
  today: string;
  columns: SheetColumn[];
  parsed: ParsedRow[];
  unitPathOf: (code: string) => string | undefined;
  decisions: Record<string, Decision>;
  /** commit: a 待确认 row without a decision is an error */
  requireDecisions: boolean;
}

const milestoneColumn = (milestone: Stage | 'listed'): TemplateField =>
  milestone === 'listed' ? 'listedOn' : (`dates.${milestone}` as TemplateField);

/**
 * What every row of a sheet will do, against the ledger of the actor's scope: matched (update / unchanged), new
 * (create) or alike to projects a person must choose between (review). Nothing is written.
 */
export async function planImport(db: DbOrTx, input: PlanInput): Promise<ImportPlan> {
  const { actor, meta, context, today, columns, parsed, decisions } = input;
  const zh = meta.lang === 'zh';
  const headerOf = headerResolver(columns);
  const errors: ImportError[] = [];
  const warnings: ImportError[] = [];
  // one message per cell: the first problem found there (a set, so a sheet of 100,000 bad rows stays linear)
  const failedCells = new Set<string>();
  const addError = (error: ImportError): boolean => {
    const key = `${error.row}|${error.column}`;
    if (failedCells.has(key)) return false;
    failedCells.add(key);
    errors.push(error);
    return true;
  };
  for (const row of parsed) for (const error of row.errors) addError(error);
  const fail = (row: number, field: TemplateField | string, message: string) =>
    addError({ row, column: headerOf(field as TemplateField), message });

  const matcher = new ProjectMatcher(await matchablesWithin(db, actor.unitPath));
  const valid = parsed.filter((row) => {
    if (row.errors.length === 0) return true;
    // report the row's other problems too, so one round of corrections fixes them all
    for (const problem of normalizeProject(row.input, { ...context, today }).problems)
      if (problem.severity === 'error')
        addError({ row: row.row, column: headerOf(problem.field as TemplateField), message: problem.message });
    return false;
  });
  const byRow = new Map(valid.map((row) => [row.row, row]));
  const identities = valid.map((row) => ({
    row: row.row,
    code: row.code,
    creditCode: row.input.investorCreditCode ?? null,
    name: row.input.name ?? '',
    unitCode: row.input.unitCode ?? '',
    investorName: row.input.investorName ?? null,
  }));
  const assignments = assignRows(identities, matcher, decisions, input.requireDecisions);
  const candidateViews = (candidates: { project: Matchable; reasons: MatchReason[] }[]) =>
    candidates.map((c) => ({ code: c.project.code, name: c.project.name, unitCode: c.project.unitCode, reasons: c.reasons }));

  type Target = { row: ParsedRow; project: Matchable | null };
  const targets: Target[] = [];
  const reviews: RowPlan[] = [];
  for (const assignment of assignments) {
    const row = byRow.get(assignment.row)!;
    switch (assignment.kind) {
      case 'update':
        targets.push({ row, project: assignment.project });
        break;
      case 'create':
        targets.push({ row, project: null });
        break;
      case 'review':
        reviews.push({
          row: row.row,
          action: 'review',
          name: row.input.name ?? '',
          unitCode: row.input.unitCode ?? '',
          candidates: candidateViews(assignment.candidates),
        });
        break;
      case 'unknown_code':
        fail(row.row, 'code', zh ? `项目编号“${row.code}”不存在或不在您的管辖范围内（新项目请留空）` : `unknown project code ${row.code}`);
        break;
      case 'unknown_decision':
        fail(
          row.row,
          'code',
          zh
            ? `所选项目“${assignment.code}”不存在或不在您的管辖范围内`
            : `the chosen project ${assignment.code} is unknown or outside your scope`,
        );
        break;
      case 'same_project':
        fail(
          row.row,
          row.code ? 'code' : 'name',
          zh
            ? `与第 ${assignment.earlier} 行对应同一个项目（${assignment.project.code} ${assignment.project.name}）`
            : `row ${assignment.earlier} is the same project (${assignment.project.code} ${assignment.project.name})`,
        );
        break;
      case 'same_new_project':
        fail(
          row.row,
          'name',
          zh ? `与第 ${assignment.earlier} 行重复（同一单位、同名项目）` : `duplicates row ${assignment.earlier} (same unit and name)`,
        );
        break;
      case 'undecided': {
        const listed = assignment.candidates
          .map((c) => (zh ? `${c.project.code}（${c.project.name}）` : c.project.code))
          .join(zh ? '、' : ', ');
        fail(
          row.row,
          'name',
          zh
            ? `待确认：与已有项目 ${listed} 相似，请选择更新哪个项目或新建项目`
            : `needs a decision: alike to ${listed}; choose the project to update or create a new one`,
        );
        break;
      }
    }
  }
  const claimed = new Set(assignments.flatMap((a) => (a.kind === 'update' ? [a.project.id] : [])));

  const full = new Map(
    (
      await projectsByIds(
        db,
        targets.filter((t) => t.project).map((t) => t.project!.id),
      )
    ).map((p) => [p.id, p]),
  );
  const plans: RowPlan[] = [...reviews];
  for (const { row, project } of targets) {
    const report = (problems: { field: string; message: string; severity: 'error' | 'warning' }[]) => {
      let failed = false;
      for (const problem of problems) {
        const entry = { row: row.row, column: headerOf(problem.field as TemplateField), message: problem.message };
        if (problem.severity === 'warning') warnings.push(entry);
        else {
          addError(entry);
          failed = true;
        }
      }
      return failed;
    };
    if (!project) {
      const { values, problems } = normalizeProject(row.input, { ...context, today });
      if (report(problems) || !values) continue;
      plans.push({ row: row.row, action: 'create', values, unitPath: input.unitPathOf(values.unitCode)! });
      continue;
    }
    const before = full.get(project.id);
    if (!before) continue; // removed meanwhile: the commit's version check reports it
    const merged = mergeInput(inputFromRow(before), row);
    const { values, problems } = normalizeProject(merged, { ...context, today });
    if (report(problems) || !values) continue;
    const unitPath = values.unitCode === before.unitCode ? before.unitPath : input.unitPathOf(values.unitCode);
    if (!unitPath) {
      fail(row.row, 'unitCode', zh ? '所属单位不在您的管辖范围内' : 'the unit is outside your scope');
      continue;
    }
    // as an edit does: exists_from keeps the original entry day when nothing earlier is known
    const existsFrom = values.firstReportedOn || STAGES.some((s) => values[DATE_FIELDS[s]]) ? values.existsFrom : before.existsFrom;
    const diff = diffFields(
      before as unknown as Record<string, unknown>,
      { ...before, ...values, existsFrom } as unknown as Record<string, unknown>,
      AUDITED_FIELDS as unknown as string[],
    );
    const changes = Object.entries(diff).map(([field, change]) => ({ field, from: change.before, to: change.after }));
    if (changes.length === 0) {
      plans.push({ row: row.row, action: 'unchanged', before });
      continue;
    }
    const lifecycle = lifecycleChanges(
      { stage: before.stage as Stage, dates: stageDatesOf(before), listedOn: before.listedOn, status: before.status },
      {
        stage: values.stage as Stage,
        dates: stageDatesOf(values as ProjectRow),
        listedOn: values.listedOn ?? null,
        status: values.status ?? 'normal',
      },
    );
    const rewrites = lifecycle.filter(needsCorrection);
    if (rewrites.length > 0 && !row.correctionNote) {
      for (const change of rewrites) {
        if (change.kind === 'stage_back')
          fail(
            row.row,
            'stage',
            zh
              ? `阶段不能倒退（台账中为“${STAGE_LABELS[change.from].zh}”，表中为“${STAGE_LABELS[change.to].zh}”）；确需更正请在“更正说明”列写明原因`
              : `the stage cannot move back (${change.from} → ${change.to}); state the reason in the 更正说明 column to correct it`,
          );
        else if (change.kind === 'date_changed')
          fail(
            row.row,
            milestoneColumn(change.milestone),
            zh
              ? `已到达阶段的日期不能修改（台账中为 ${change.from}，表中为 ${change.to ?? '空'}）；确需更正请在“更正说明”列写明原因`
              : `a reached stage's date cannot change (${change.from} → ${change.to ?? 'blank'}); state the reason in the 更正说明 column`,
          );
      }
      continue;
    }
    plans.push({
      row: row.row,
      action: 'update',
      before,
      values,
      unitPath,
      existsFrom,
      changes,
      events: eventsOf(lifecycle, values, row.correctionNote, today),
      reason: rewrites.length > 0 ? row.correctionNote : null,
    });
  }

  const covered = new Set(parsed.map((p) => p.input.unitCode).filter((code): code is string => Boolean(code)));
  // a 待确认 row's candidates are mentioned too: the user is deciding about them
  const offered = new Set(reviews.flatMap((plan) => (plan.action === 'review' ? plan.candidates.map((c) => c.code) : [])));
  const missing = matcher
    .all()
    .filter((p) => covered.has(p.unitCode) && !claimed.has(p.id) && !offered.has(p.code))
    .map((p) => ({ code: p.code, name: p.name, unitCode: p.unitCode }));
  plans.sort((a, b) => a.row - b.row);
  return { rows: plans, errors: errors.sort((a, b) => a.row - b.row), warnings, missing };
}

/** The stored record with the sheet's columns laid over it: a column the sheet lacks keeps the ledger's value. */
function mergeInput(base: ProjectInput, row: ParsedRow): ProjectInput {
  const merged: ProjectInput = { ...base };
  for (const key of row.present) {
    if (key === 'dates') merged.dates = { ...base.dates, ...row.input.dates };
    else (merged as Record<string, unknown>)[key] = row.input[key];
  }
  // a new currency takes the rate of its own date, not the old currency's
  if (row.present.has('currency') && row.input.currency && row.input.currency !== base.currency) {
    merged.exchangeRate = null;
    merged.rateDate = null;
  }
  return merged;
}

/** The events a row's lifecycle changes leave in the project's history: dated, with "Excel 导入" as evidence. */
function eventsOf(changes: LifecycleChange[], values: ProjectValues, correction: string | null, today: string): ProjectEventSpec[] {
  const events: ProjectEventSpec[] = [];
  for (const change of changes) {
    if (change.kind === 'advance')
      events.push({ kind: 'stage', stage: change.to, fromStage: change.from, eventDate: change.on ?? today, evidence: IMPORT_EVIDENCE });
    else if (change.kind === 'stage_back')
      events.push({
        kind: 'correction',
        stage: change.to,
        fromStage: change.from,
        eventDate: today,
        reason: correction,
        evidence: IMPORT_EVIDENCE,
      });
    else if (change.kind === 'date_changed')
      events.push({
        kind: 'correction',
        stage: change.milestone,
        eventDate: change.to,
        reason: correction,
        evidence: IMPORT_EVIDENCE,
        details: { before: change.from },
      });
    else if (change.kind === 'date_added' && change.milestone === 'listed')
      events.push({ kind: 'listed', stage: 'listed', eventDate: change.on, evidence: IMPORT_EVIDENCE });
    else if (change.kind === 'status')
      events.push({
        kind: 'status',
        stage: change.to,
        eventDate: values.terminatedOn ?? today,
        reason: values.terminationReason ?? null,
        evidence: IMPORT_EVIDENCE,
      });
  }
  if (events.length === 0) events.push({ kind: 'imported', stage: values.stage, eventDate: today, evidence: IMPORT_EVIDENCE });
  return events;
}
