import { addDays, today } from '../../shared/calendar.ts';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import type { Db } from '../db/client.ts';
import { inScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, hiddenObject } from '../http/errors.ts';
import { readSettings } from '../settings/repository.ts';
import { handlersOf } from '../users/repository.ts';
import { alertWithTriage, insertReadMarks, upsertTriage } from './queries.ts';

/** Marks alerts read for the caller (ids, or all open ones in the caller's subtree), audited with the count. */
export async function markAlertsRead(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  input: { ids?: number[]; all?: boolean },
): Promise<{ marked: number }> {
  const ids = input.all ? 'all' : input.ids?.length ? input.ids : null;
  if (!ids) return { marked: 0 };
  return db.transaction(async (tx) => {
    const marked = await insertReadMarks(tx, actor.userId, actor.unitPath, ids);
    if (marked)
      await appendAudit(tx, subjectOf(actor), meta, {
        action: 'alert.read',
        objectType: 'alert',
        objectId: ids === 'all' ? 'all' : ids.slice(0, 20).join(','),
        changes: { marked },
      });
    return { marked };
  });
}

export type TriageInput =
  { action: 'assign'; assigneeId: string | null } | { action: 'snooze'; until: string; reason: string } | { action: 'wake' };

/**
 * 预警处置: assigns an open alert of the caller's subtree to a person who sees it (or to nobody), snoozes it until a day
 * with a reason (⚙ alerts.snoozeMaxDays at most), or wakes it; one transaction with its audit row.
 */
export async function triageAlert(db: Db, actor: Actor, meta: RequestMeta, id: number, input: TriageInput): Promise<void> {
  await db.transaction(async (tx) => {
    const found = await alertWithTriage(tx, id);
    if (!found || !inScope(actor, found.alert.unitPath)) throw hiddenObject();
    if (found.alert.resolvedAt) throw new AppError('ALERT_RESOLVED');
    const next = {
      alertId: id,
      assigneeId: found.triage?.assigneeId ?? null,
      snoozedUntil: found.triage?.snoozedUntil ?? null,
      snoozeReason: found.triage?.snoozeReason ?? null,
      updatedBy: actor.userId,
    };
    if (input.action === 'assign') {
      if (input.assigneeId) {
        const handlers = await handlersOf(tx, found.alert.unitPath, actor.unitPath);
        if (!handlers.some((h) => h.id === input.assigneeId)) throw new AppError('ALERT_ASSIGNEE');
      }
      next.assigneeId = input.assigneeId;
    } else if (input.action === 'snooze') {
      const day = today();
      const maxDays = Number((await readSettings(tx, ['alerts.snoozeMaxDays']))['alerts.snoozeMaxDays']);
      const latest = addDays(day, maxDays);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.until) || input.until < day || input.until > latest)
        throw new AppError('SNOOZE_UNTIL', { today: day, latest });
      const reason = input.reason.trim();
      if (reason.length < 2 || reason.length > 200) throw new AppError('SNOOZE_REASON');
      next.snoozedUntil = input.until;
      next.snoozeReason = reason;
    } else {
      next.snoozedUntil = null;
      next.snoozeReason = null;
    }
    await upsertTriage(tx, next);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: `alert.${input.action}`,
      objectType: 'alert',
      objectId: String(id),
      changes: {
        assigneeId: { before: found.triage?.assigneeId ?? null, after: next.assigneeId },
        snoozedUntil: { before: found.triage?.snoozedUntil ?? null, after: next.snoozedUntil },
        snoozeReason: { before: found.triage?.snoozeReason ?? null, after: next.snoozeReason },
      },
    });
  });
}
