import { AppError } from '../http/errors.ts';
import { readSettings } from '../settings/repository.ts';
import { clockNow } from '../../shared/calendar.ts';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { appendAuditBatch, subjectOf, type AuditEntry } from '../audit/recorder.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { units } from '../units/schema.ts';
import { targetIssues, targets } from './schema.ts';

export type TargetIssueRow = typeof targetIssues.$inferSelect;

export interface TargetInput {
  unit: string;
  indicator: string;
  annual: number;
  monthly: number[] | null;
}

const same = (a: number[] | null, b: number[] | null) =>
  a === null || b === null ? a === b : a.length === b.length && a.every((v, i) => Math.abs(v - b[i]!) < 1e-9);

/** Months must add up to the annual target (to the cent). */
export function monthsProblem(annual: number, monthly: readonly number[] | null | undefined, zh: boolean): string | null {
  if (!monthly) return null;
  const total = Math.round(monthly.reduce((a, b) => a + b, 0) * 100) / 100;
  return Math.abs(total - annual) > 0.01
    ? zh
      ? `12个月的分解合计 ${total} 与年度目标 ${annual} 不一致`
      : `the months add up to ${total}, not ${annual}`
    : null;
}

/** Sets many targets of one year in one transaction, with one audit row per changed target. */
/** A unit's own targets are set by the unit above it (⚙ targets.setBy); the top of the tree has none above. */
export async function maySetOwnTargets(db: DbOrTx, actor: Actor): Promise<boolean> {
  const setBy = (await readSettings(db, ['targets.setBy']))['targets.setBy'];
  return setBy === 'self' || actor.unitPath.split('/').filter(Boolean).length <= 1;
}

/** The latest 下达 of each of these issuing units for a year. */
export async function latestIssues(db: DbOrTx, unitCodes: readonly string[], year: number): Promise<Map<string, TargetIssueRow>> {
  if (!unitCodes.length) return new Map();
  const rows = await db
    .select()
    .from(targetIssues)
    .where(and(inArray(targetIssues.unitCode, [...unitCodes]), eq(targetIssues.year, year)));
  const latest = new Map<string, typeof targetIssues.$inferSelect>();
  for (const row of rows) if ((latest.get(row.unitCode)?.version ?? 0) < row.version) latest.set(row.unitCode, row);
  return latest;
}

/** Every 下达 of a unit for a year, newest first. */
export async function listIssues(db: DbOrTx, unitCode: string, year: number): Promise<(typeof targetIssues.$inferSelect)[]> {
  return db
    .select()
    .from(targetIssues)
    .where(and(eq(targetIssues.unitCode, unitCode), eq(targetIssues.year, year)))
    .orderBy(desc(targetIssues.version));
}

/**
 * 下达: freezes the children's targets of `unit` for the year as the next version. From then on a change to one of
 * them is a revision with a reason.
 */
export async function issueTargets(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  unitCode: string,
  year: number,
  note: string | null,
): Promise<typeof targetIssues.$inferSelect> {
  return db.transaction(async (tx) => {
    // one version number at a time per unit and year
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('target_issue'), hashtext(${`${unitCode}/${year}`}))`);
    const children = await tx.select({ code: units.code }).from(units).where(eq(units.parentCode, unitCode));
    const rows = children.length
      ? await tx
          .select()
          .from(targets)
          .where(
            and(
              eq(targets.year, year),
              inArray(
                targets.unitCode,
                children.map((c) => c.code),
              ),
            ),
          )
      : [];
    if (!rows.length)
      throw new AppError('VALIDATION', {
        detail: meta.lang === 'zh' ? '下级单位尚无本年度目标，无可下达' : 'no child unit has a target for this year yet',
      });
    const previous = (await latestIssues(tx, [unitCode], year)).get(unitCode);
    const snapshot = rows
      .map((r) => ({ unit: r.unitCode, indicator: r.indicatorKey, annual: r.annual, monthly: r.monthly }))
      .sort((a, b) => a.unit.localeCompare(b.unit) || a.indicator.localeCompare(b.indicator));
    const [issued] = await tx
      .insert(targetIssues)
      .values({ unitCode, year, version: (previous?.version ?? 0) + 1, note, snapshot, issuedBy: actor.username, issuedAt: clockNow() })
      .returning();
    await appendAuditBatch(tx, subjectOf(actor), meta, [
      {
        action: 'target.issue',
        objectType: 'target_issue',
        objectId: `${unitCode}/${year}/v${issued!.version}`,
        detail: `${snapshot.length} targets${note ? `: ${note}` : ''}`,
      },
    ]);
    return issued!;
  });
}

export async function setTargets(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  year: number,
  inputs: readonly TargetInput[],
  options: { reason?: string | null } = {},
): Promise<{ saved: number; unchanged: number }> {
  const mayOwn = await maySetOwnTargets(db, actor);
  const reason = options.reason?.trim() || null;
  return db.transaction(async (tx) => {
    const existing = inputs.length
      ? await tx
          .select()
          .from(targets)
          .where(and(eq(targets.year, year), inArray(targets.unitCode, [...new Set(inputs.map((i) => i.unit))])))
      : [];
    // a target its parent has issued (下达) changes only as a revision with a reason
    const parents = inputs.length
      ? await tx
          .select({ code: units.code, parentCode: units.parentCode })
          .from(units)
          .where(inArray(units.code, [...new Set(inputs.map((i) => i.unit))]))
      : [];
    const parentOf = new Map(parents.map((p) => [p.code, p.parentCode]));
    const issues = await latestIssues(tx, [...new Set(parents.map((p) => p.parentCode).filter((c): c is string => Boolean(c)))], year);
    const entries: AuditEntry[] = [];
    let unchanged = 0;
    for (const input of inputs) {
      const before = existing.find((t) => t.unitCode === input.unit && t.indicatorKey === input.indicator);
      if (before && Math.abs(before.annual - input.annual) < 1e-9 && same(before.monthly, input.monthly)) {
        unchanged++;
        continue;
      }
      if (input.unit === actor.unitCode && !mayOwn) throw new AppError('TARGET_SET_ABOVE');
      const issue = issues.get(parentOf.get(input.unit) ?? '');
      if (issue && !reason) throw new AppError('TARGET_REVISION_NEEDS_REASON', { version: issue.version });
      await tx
        .insert(targets)
        .values({
          unitCode: input.unit,
          year,
          indicatorKey: input.indicator,
          annual: input.annual,
          monthly: input.monthly,
          updatedBy: actor.username,
        })
        .onConflictDoUpdate({
          target: [targets.unitCode, targets.year, targets.indicatorKey],
          set: {
            annual: input.annual,
            monthly: input.monthly,
            updatedBy: actor.username,
            updatedAt: clockNow(),
            version: sql`${targets.version} + 1`,
          },
        });
      const revised = issues.get(parentOf.get(input.unit) ?? '');
      entries.push({
        action: revised ? 'target.revise' : 'target.set',
        objectType: 'target',
        objectId: `${input.unit}/${year}/${input.indicator}`,
        changes: {
          annual: { before: before?.annual ?? null, after: input.annual },
          monthly: { before: before?.monthly ?? null, after: input.monthly },
        },
        ...(revised ? { detail: `第${revised.version}版下达后调整：${reason}` } : {}),
      });
    }
    if (entries.length) await appendAuditBatch(tx, subjectOf(actor), meta, entries);
    return { saved: entries.length, unchanged };
  });
}

/** Where children's targets do not add up to their parent's (a warning, never an error: some cities set stretch targets below). Three queries whatever the number of pairs. */
export async function childSumWarnings(
  db: Db,
  year: number,
  parents: readonly { unit: string; indicator: string }[],
  zh: boolean,
): Promise<string[]> {
  if (parents.length === 0) return [];
  const parentCodes = [...new Set(parents.map((p) => p.unit))];
  const keys = [...new Set(parents.map((p) => p.indicator))];
  const [parentTargets, children] = await Promise.all([
    db
      .select()
      .from(targets)
      .where(and(eq(targets.year, year), inArray(targets.unitCode, parentCodes), inArray(targets.indicatorKey, keys))),
    db.select({ code: units.code, parentCode: units.parentCode }).from(units).where(inArray(units.parentCode, parentCodes)),
  ]);
  const childTargets = children.length
    ? await db
        .select()
        .from(targets)
        .where(
          and(
            eq(targets.year, year),
            inArray(
              targets.unitCode,
              children.map((c) => c.code),
            ),
            inArray(targets.indicatorKey, keys),
          ),
        )
    : [];
  const warnings: string[] = [];
  for (const { unit, indicator } of parents) {
    const parent = parentTargets.find((t) => t.unitCode === unit && t.indicatorKey === indicator);
    const childCodes = new Set(children.filter((c) => c.parentCode === unit).map((c) => c.code));
    const rows = childTargets.filter((t) => childCodes.has(t.unitCode) && t.indicatorKey === indicator);
    if (!parent || rows.length === 0) continue;
    const childSum = Math.round(rows.reduce((s, t) => s + t.annual, 0) * 100) / 100;
    if (Math.abs(childSum - parent.annual) > 0.01)
      warnings.push(
        zh
          ? `${unit} 的“${indicator}”：下级单位目标合计 ${childSum}，与本级目标 ${parent.annual} 不一致`
          : `${unit} ${indicator}: children add up to ${childSum}, not ${parent.annual}`,
      );
  }
  return warnings;
}
