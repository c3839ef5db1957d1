import { sql } from 'drizzle-orm';
import { todayIso } from '../../shared/projects/dates.ts';
import type { DbOrTx } from '../db/client.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { AppError } from '../http/errors.ts';
import { insertProject, loadNormalizeContext, updateProjectIn, validationError } from '../projects/commands.ts';
import { normalizeProject, type ProjectInput } from '../projects/input.ts';
import { matchablesWithin } from '../projects/repository.ts';
import { ProjectMatcher } from '../../shared/projects/match.ts';
import { lockedMonths } from './progress.ts';
import { projectAnnualPlans, projectProgress, reportRows, type reportSubmissions, type reportTasks } from './schema.ts';

type Task = typeof reportTasks.$inferSelect;
type Submission = typeof reportSubmissions.$inferSelect;

/** The month a submission's progress belongs to: its period for a monthly task, the month its period ends in otherwise. */
export const progressMonthOf = (task: Pick<Task, 'recurrence'>, submission: Pick<Submission, 'periodKey' | 'periodEnd'>): string =>
  task.recurrence === 'monthly' ? submission.periodKey : submission.periodEnd.slice(0, 7);

interface CheckedRow {
  row: { rowKey: string; projectId: string | null; context: { name: string } };
  values: Record<string, string | number>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/**
 * Writes a submission into the ledger, inside the submit's transaction: progress becomes the month's progress, newly
 * reported projects become (or update) ledger projects. Keyed so that a resubmission rewrites, never duplicates.
 */
export async function applyToLedger(
  tx: DbOrTx,
  actor: Actor,
  meta: RequestMeta,
  submission: Submission,
  task: Task,
  rows: CheckedRow[],
): Promise<{ projectIds: Map<string, string>; summary: Record<string, number> }> {
  const zh = meta.lang === 'zh';
  const projectIds = new Map<string, string>();
  const month = progressMonthOf(task, submission);
  if (task.kind === 'monthly_progress' || task.kind === 'blocker_update') {
    const withProject = rows.filter((r) => r.row.projectId);
    const locked = await lockedMonths(
      tx,
      withProject.map((r) => r.row.projectId!),
      [month],
    );
    const lockedRow = withProject.find((r) => locked.has(`${r.row.projectId}|${month}`));
    if (lockedRow)
      throw new AppError('LOCKED', {
        what: zh
          ? `${lockedRow.row.context.name} ${month} 的月报（另一已审核的填报）`
          : `The ${month} report of ${lockedRow.row.context.name} (another approved report)`,
      });
    const progress = withProject.map((r) => ({
      project_id: r.row.projectId,
      invested_wan: num(r.values.investedWan),
      image_progress: text(r.values.imageProgress),
      problems: text(r.values.problems),
      next_steps: text(r.values.nextSteps),
      note: text(r.values.note),
    }));
    if (progress.length) {
      const full = task.kind === 'monthly_progress';
      await tx.execute(sql`insert into ${projectProgress} (project_id, month, invested_wan, image_progress, problems, next_steps, note, submission_id, updated_by, updated_at)
        select x.project_id, ${month}, coalesce(x.invested_wan, 0), x.image_progress, x.problems, x.next_steps, x.note, ${submission.id}, ${actor.username}, now()
        from jsonb_to_recordset(${JSON.stringify(progress)}::jsonb) as x(project_id uuid, invested_wan float8, image_progress text, problems text, next_steps text, note text)
        on conflict (project_id, month) do update set
          ${full ? sql`invested_wan = excluded.invested_wan, image_progress = excluded.image_progress, note = excluded.note,` : sql``}
          problems = excluded.problems, next_steps = excluded.next_steps, submission_id = excluded.submission_id,
          updated_by = excluded.updated_by, updated_at = now(), version = ${projectProgress.version} + 1`);
      const plans = withProject
        .filter((r) => num(r.values.annualPlanWan) !== null)
        .map((r) => ({ project_id: r.row.projectId, planned_wan: num(r.values.annualPlanWan) }));
      if (plans.length) {
        await tx.execute(sql`insert into ${projectAnnualPlans} (project_id, year, planned_wan, updated_by, updated_at)
          select x.project_id, ${Number(month.slice(0, 4))}, x.planned_wan, ${actor.username}, now() from jsonb_to_recordset(${JSON.stringify(plans)}::jsonb) as x(project_id uuid, planned_wan float8)
          on conflict (project_id, year) do update set planned_wan = excluded.planned_wan, updated_by = excluded.updated_by, updated_at = now()`);
      }
    }
    return { projectIds, summary: { progressRows: progress.length } };
  }
  if (task.kind === 'negotiating_major') {
    const context = await loadNormalizeContext(tx, meta.lang);
    const today = todayIso();
    let created = 0;
    let updated = 0;
    let matcher: ProjectMatcher<Matchable> | undefined;
    for (const [index, { row, values }] of rows.entries()) {
      const investment = num(values.investmentYi);
      const changes: ProjectInput = {
        name: text(values.name),
        investorName: text(values.investorName),
        totalInvestment: investment === null ? null : Math.round(investment * 10_000 * 10_000) / 10_000,
        content: text(values.content),
        chain: text(values.chain),
        landMu: num(values.landMu),
        remarks: text(values.progressNote),
        ...(text(values.contact) ? { contacts: [{ name: text(values.contact)! }] } : {}),
        planned: { signed: text(values.expectedSignOn) },
      };
      try {
        // the same negotiation reported in an earlier period (or typed into the ledger) is that project, found as the import finds it
        matcher ??= await unitMatcher(tx, submission);
        const known = row.projectId ?? sameProject(matcher, submission, changes);
        if (known) {
          await updateProjectIn(tx, actor, meta, known, context, changes, 'project.update');
          if (!row.projectId)
            await tx.execute(
              sql`update ${reportRows} set project_id = ${known} where submission_id = ${submission.id} and row_key = ${row.rowKey}`,
            );
          projectIds.set(row.rowKey, known);
          updated++;
        } else {
          const input: ProjectInput = {
            ...changes,
            unitCode: submission.unitCode,
            capitalType: 'domestic',
            currency: 'CNY',
            stage: 'negotiating',
            dates: { negotiating: today },
            firstReportedOn: today,
          };
          const { values: normalized, problems } = normalizeProject(input, context);
          if (!normalized) throw validationError(problems, meta.lang);
          const { id } = await insertProject(tx, actor, meta, normalized);
          await tx.execute(
            sql`update ${reportRows} set project_id = ${id} where submission_id = ${submission.id} and row_key = ${row.rowKey}`,
          );
          projectIds.set(row.rowKey, id);
          created++;
        }
      } catch (error) {
        if (error instanceof AppError && error.code === 'VALIDATION') {
          const label = row.context.name || text(values.name) || '';
          throw new AppError(
            'VALIDATION',
            {
              detail: zh
                ? `第 ${index + 1} 行（${label}）：${String(error.params.detail)}`
                : `row ${index + 1} (${label}): ${String(error.params.detail)}`,
            },
            error.details,
          );
        }
        throw error;
      }
    }
    return { projectIds, summary: { created, updated } };
  }
  return { projectIds, summary: {} };
}

type Matchable = Awaited<ReturnType<typeof matchablesWithin>>[number];
const unitMatcher = async (tx: DbOrTx, submission: Submission) =>
  new ProjectMatcher((await matchablesWithin(tx, submission.unitPath)).filter((p) => p.unitCode === submission.unitCode));

/** The unit's project this row names (unit + name after normalization, as the ledger import matches), if exactly one. */
function sameProject(matcher: ProjectMatcher<Matchable>, submission: Submission, changes: ProjectInput): string | null {
  if (!changes.name) return null;
  const outcome = matcher.match({
    code: null,
    creditCode: null,
    name: changes.name,
    unitCode: submission.unitCode,
    investorName: changes.investorName ?? null,
  });
  return outcome.kind === 'matched' ? outcome.project.id : null;
}
