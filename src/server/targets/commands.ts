import { AppError } from '../http/errors.ts';
import { readSettings } from '../settings/repository.ts';
import { clockNow } from '../../shared/calendar.ts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { appendAuditBatch, subjectOf, type AuditEntry } from '../audit/recorder.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { units } from '../units/schema.ts';
import { targets } from './schema.ts';

export interface TargetInput {
  unit: string;
  indicator: string;
  annual: number;
  monthly: number[] | null;
}

const same = (a: number[] | null, b: number[] | null) => (a === null || b === null ? a === b : a.length === b.length && a.every((v, i) => Math.abs(v - b[i]!) < 1e-9));

/** Months must add up to the annual target (to the cent). */
export function monthsProblem(annual: number, monthly: readonly number[] | null | undefined, zh: boolean): string | null {
  if (!monthly) return null;
  const total = Math.round(monthly.reduce((a, b) => a + b, 0) * 100) / 100;
  return Math.abs(total - annual) > 0.01 ? (zh ? `12个月的分解合计 ${total} 与年度目标 ${annual} 不一致` : `the months add up to ${total}, not ${annual}`) : null;
}

/** Sets many targets of one year in one transaction, with one audit row per changed target. */
/** A unit's own targets are set by the unit above it (⚙ targets.setBy); the top of the tree has none above. */
export async function maySetOwnTargets(db: DbOrTx, actor: Actor): Promise<boolean> {
  const setBy = (await readSettings(db, ['targets.setBy']))['targets.setBy'];
  return setBy === 'self' || actor.unitPath.split('/').filter(Boolean).length <= 1;
}

export async function setTargets(db: Db, actor: Actor, meta: RequestMeta, year: number, inputs: readonly TargetInput[]): Promise<{ saved: number; unchanged: number }> {
  const mayOwn = await maySetOwnTargets(db, actor);
  return db.transaction(async (tx) => {
    const existing = inputs.length ? await tx.select().from(targets).where(and(eq(targets.year, year), inArray(targets.unitCode, [...new Set(inputs.map((i) => i.unit))]))) : [];
    const entries: AuditEntry[] = [];
    let unchanged = 0;
    for (const input of inputs) {
      const before = existing.find((t) => t.unitCode === input.unit && t.indicatorKey === input.indicator);
      if (before && Math.abs(before.annual - input.annual) < 1e-9 && same(before.monthly, input.monthly)) {
        unchanged++;
        continue;
      }
      if (input.unit === actor.unitCode && !mayOwn) throw new AppError('TARGET_SET_ABOVE');
      await tx
        .insert(targets)
        .values({ unitCode: input.unit, year, indicatorKey: input.indicator, annual: input.annual, monthly: input.monthly, updatedBy: actor.username })
        .onConflictDoUpdate({ target: [targets.unitCode, targets.year, targets.indicatorKey], set: { annual: input.annual, monthly: input.monthly, updatedBy: actor.username, updatedAt: clockNow(), version: sql`${targets.version} + 1` } });
      entries.push({ action: 'target.set', objectType: 'target', objectId: `${input.unit}/${year}/${input.indicator}`, changes: { annual: { before: before?.annual ?? null, after: input.annual }, monthly: { before: before?.monthly ?? null, after: input.monthly } } });
    }
    if (entries.length) await appendAuditBatch(tx, subjectOf(actor), meta, entries);
    return { saved: entries.length, unchanged };
  });
}

/** Where children's targets do not add up to their parent's (a warning, never an error: some cities set stretch targets below). Three queries whatever the number of pairs. */
export async function childSumWarnings(db: Db, year: number, parents: readonly { unit: string; indicator: string }[], zh: boolean): Promise<string[]> {
  if (parents.length === 0) return [];
  const parentCodes = [...new Set(parents.map((p) => p.unit))];
  const keys = [...new Set(parents.map((p) => p.indicator))];
  const [parentTargets, children] = await Promise.all([
    db.select().from(targets).where(and(eq(targets.year, year), inArray(targets.unitCode, parentCodes), inArray(targets.indicatorKey, keys))),
    db.select({ code: units.code, parentCode: units.parentCode }).from(units).where(inArray(units.parentCode, parentCodes)),
  ]);
  const childTargets = children.length ? await db.select().from(targets).where(and(eq(targets.year, year), inArray(targets.unitCode, children.map((c) => c.code)), inArray(targets.indicatorKey, keys))) : [];
  const warnings: string[] = [];
  for (const { unit, indicator } of parents) {
    const parent = parentTargets.find((t) => t.unitCode === unit && t.indicatorKey === indicator);
    const childCodes = new Set(children.filter((c) => c.parentCode === unit).map((c) => c.code));
    const rows = childTargets.filter((t) => childCodes.has(t.unitCode) && t.indicatorKey === indicator);
    if (!parent || rows.length === 0) continue;
    const childSum = Math.round(rows.reduce((s, t) => s + t.annual, 0) * 100) / 100;
    if (Math.abs(childSum - parent.annual) > 0.01) warnings.push(zh ? `${unit} 的“${indicator}”：下级单位目标合计 ${childSum}，与本级目标 ${parent.annual} 不一致` : `${unit} ${indicator}: children add up to ${childSum}, not ${parent.annual}`);
  }
  return warnings;
}
