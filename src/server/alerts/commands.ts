import { appendAudit, subjectOf } from '../audit/recorder.ts';
import type { Db } from '../db/client.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { insertReadMarks } from './queries.ts';

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
