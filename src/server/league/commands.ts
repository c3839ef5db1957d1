import { clockNow } from '../../shared/calendar.ts';
import { and, eq, sql } from 'drizzle-orm';
import { type LeagueGroup, type LeagueItem } from '../../shared/league/score.ts';
import type { Db } from '../db/client.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { AppError } from '../http/errors.ts';
import { escapeLike } from '../db/scope.ts';
import { leagueAdjustments, leagueSchemes } from './schema.ts';
import type { SchemeInput } from '../../shared/api/league.ts';
import type { SchemeRow } from './queries.ts';
import { presentScheme } from './presenter.ts';

/** A new 擂台赛 scheme, audited. */
export async function createScheme(db: Db, actor: Actor, meta: RequestMeta, input: SchemeInput): Promise<SchemeRow> {
  const { unit, ...rest } = input;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(leagueSchemes)
      .values({
        unitCode: unit,
        ...rest,
        items: rest.items as LeagueItem[],
        groups: rest.groups as LeagueGroup[],
        createdBy: actor.username,
      })
      .returning();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'league.create',
      objectType: 'league_scheme',
      objectId: String(created!.id),
      changes: diffFields(null, { unit, ...rest }, ['unit', 'name', 'periodKind', 'items', 'groups']),
    });
    return created!;
  });
}

/** Changes a scheme if nobody changed it since `version` (409 with the current one otherwise), audited. */
export async function updateScheme(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  before: SchemeRow,
  version: number,
  rest: Omit<SchemeInput, 'unit'>,
): Promise<SchemeRow> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(leagueSchemes)
      .set({
        ...rest,
        items: rest.items as LeagueItem[],
        groups: rest.groups as LeagueGroup[],
        version: sql`${leagueSchemes.version} + 1`,
        updatedAt: clockNow(),
      })
      .where(and(eq(leagueSchemes.id, before.id), eq(leagueSchemes.version, version)))
      .returning();
    if (!updated) throw new AppError('CONFLICT', {}, { current: presentScheme(before) });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'league.update',
      objectType: 'league_scheme',
      objectId: String(before.id),
      changes: diffFields(before, { ...before, ...rest }, ['name', 'periodKind', 'items', 'groups']),
    });
    return updated;
  });
}

/** 加分 / 扣分 for one unit in one period, with its reason, audited. */
export async function addAdjustment(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  schemeId: number,
  input: { unit: string; period: string; points: number; reason: string },
) {
  const { unit, period, points, reason } = input;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(leagueAdjustments)
      .values({ schemeId, unitCode: unit, period, points, reason, createdBy: actor.username })
      .returning();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'league.adjust',
      objectType: 'league_adjustment',
      objectId: String(created!.id),
      changes: diffFields(null, { scheme: schemeId, unit, period, points, reason }, ['scheme', 'unit', 'period', 'points', 'reason']),
    });
    return created!;
  });
}

export async function deleteAdjustment(db: Db, actor: Actor, meta: RequestMeta, row: typeof leagueAdjustments.$inferSelect): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(leagueAdjustments).where(eq(leagueAdjustments.id, row.id));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'league.adjust.delete',
      objectType: 'league_adjustment',
      objectId: String(row.id),
      changes: diffFields({ unit: row.unitCode, period: row.period, points: row.points, reason: row.reason }, null, [
        'unit',
        'period',
        'points',
        'reason',
      ]),
    });
  });
}

/**
 * Replaces the adjustments of one period whose reason starts with `reasonPrefix` (a month's 报送 compliance counted
 * again replaces its earlier count, never adds to it), in one transaction with its audit row.
 */
export async function replaceAdjustments(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  scheme: { id: number; period: string; reasonPrefix: string },
  adjustments: { unitCode: string; points: number; reason: string }[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .delete(leagueAdjustments)
      .where(
        and(
          eq(leagueAdjustments.schemeId, scheme.id),
          eq(leagueAdjustments.period, scheme.period),
          sql`${leagueAdjustments.reason} like ${`${escapeLike(scheme.reasonPrefix)}%`}`,
        ),
      );
    if (adjustments.length)
      await tx
        .insert(leagueAdjustments)
        .values(adjustments.map((a) => ({ schemeId: scheme.id, period: scheme.period, createdBy: actor.username, ...a })));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'league.compliance',
      objectType: 'league_scheme',
      objectId: String(scheme.id),
      changes: { period: scheme.period, adjustments },
    });
  });
}
