// The unit's scoreboard settings, written by a reviewer of the unit (or above) in one transaction with its audit row.
import { z } from 'zod';
import { clockNow } from '../../shared/calendar.ts';
import { SCORE_METRICS, SCORE_PERIODS, SCORED_GROUPS } from '../../shared/staff/scoreboard.ts';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import type { Db } from '../db/client.ts';
import { assertInScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError } from '../http/errors.ts';
import { findUnit } from '../units/repository.ts';
import { lockProfile, writeProfile } from './repository.ts';

const weight = z.number().min(0).max(1000);
export const profileBody = z.object({
  unit: z.string().regex(/^\d{6,15}$/),
  weights: z.object(Object.fromEntries(SCORE_METRICS.map((m) => [m, weight])) as Record<(typeof SCORE_METRICS)[number], typeof weight>),
  period: z.enum(SCORE_PERIODS),
  scored: z.enum(SCORED_GROUPS),
});

export async function saveProfile(db: Db, actor: Actor, meta: RequestMeta, input: z.infer<typeof profileBody>) {
  const unit = await findUnit(db, input.unit);
  if (!unit) throw new AppError('VALIDATION', { detail: meta.lang === 'zh' ? `单位“${input.unit}”不存在` : `no unit ${input.unit}` });
  assertInScope(actor, unit.path);
  return db.transaction(async (tx) => {
    const before = await lockProfile(tx, unit.code);
    const after = await writeProfile(tx, {
      unitCode: unit.code,
      weights: input.weights,
      period: input.period,
      scored: input.scored,
      updatedBy: actor.userId,
      updatedAt: clockNow(),
    });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'staff.scoreProfile',
      objectType: 'unit',
      objectId: unit.code,
      changes: {
        weights: { before: before?.weights ?? null, after: after.weights },
        period: { before: before?.period ?? null, after: after.period },
        scored: { before: before?.scored ?? null, after: after.scored },
      },
    });
    return unit;
  });
}
