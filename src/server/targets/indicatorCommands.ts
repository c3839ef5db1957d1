// Writes of the indicator catalog and of reported indicators' monthly values, each in one transaction with its audit row.
import { and, eq, sql } from 'drizzle-orm';
import { clockNow } from '../../shared/calendar.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import type { Db } from '../db/client.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import type { definitionValues } from './catalog.ts';
import { indicatorDefinitions, indicatorReports } from './schema.ts';

type DefinitionValues = ReturnType<typeof definitionValues>;

/** A user-defined indicator, owned by the creator's unit. */
export async function createIndicator(db: Db, actor: Actor, meta: RequestMeta, key: string, values: DefinitionValues): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(indicatorDefinitions)
      .values({ key, ...values, unitCode: actor.unitCode, unitPath: actor.unitPath, createdBy: actor.username });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'indicator.create',
      objectType: 'indicator',
      objectId: key,
      changes: diffFields(null, values, ['kind', 'labelZh', 'labelEn', 'unitZh', 'unitEn', 'dateField', 'measure', 'filter']),
    });
  });
}

/** Changes (or archives) a user-defined indicator. */
export async function updateIndicator(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  key: string,
  values: DefinitionValues & { archived: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(indicatorDefinitions).where(eq(indicatorDefinitions.key, key));
    await tx
      .update(indicatorDefinitions)
      .set({ ...values, updatedAt: clockNow(), version: sql`${indicatorDefinitions.version} + 1` })
      .where(eq(indicatorDefinitions.key, key));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'indicator.update',
      objectType: 'indicator',
      objectId: key,
      changes: diffFields(before ?? null, { ...before!, ...values }, [
        'kind',
        'labelZh',
        'labelEn',
        'unitZh',
        'unitEn',
        'dateField',
        'measure',
        'filter',
        'archived',
      ]),
    });
  });
}

/** The monthly value of a reported indicator (统计类) for a unit. */
export async function saveIndicatorReport(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  input: { unit: string; indicatorKey: string; month: string; value: number },
): Promise<void> {
  const { unit, month, value } = input;
  const indicatorKey = input.indicatorKey;
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(indicatorReports)
      .where(and(eq(indicatorReports.unitCode, unit), eq(indicatorReports.indicatorKey, indicatorKey), eq(indicatorReports.month, month)));
    await tx
      .insert(indicatorReports)
      .values({ unitCode: unit, indicatorKey: indicatorKey, month, value, updatedBy: actor.username })
      .onConflictDoUpdate({
        target: [indicatorReports.unitCode, indicatorReports.indicatorKey, indicatorReports.month],
        set: { value, updatedBy: actor.username, updatedAt: clockNow() },
      });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'indicator.report',
      objectType: 'indicator_report',
      objectId: `${unit}/${indicatorKey}/${month}`,
      changes: { value: { before: before?.value ?? null, after: value } },
    });
  });
}
