// Saved views of the ledger (a user's named filters and columns): read, saved and deleted by their owner only,
// each write with its audit row.
import { and, asc, eq } from 'drizzle-orm';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import type { Db } from '../db/client.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { savedViews } from './schema.ts';

export interface ViewInput {
  name: string;
  filters: Record<string, unknown>;
  columns: string[];
}

export async function viewsOf(db: Db, userId: string) {
  const rows = await db.select().from(savedViews).where(eq(savedViews.userId, userId)).orderBy(asc(savedViews.name));
  // saved by saveView, which takes a JSON object (the request schema)
  return rows.map((r) => ({ id: r.id, name: r.name, filters: r.filters as Record<string, unknown>, columns: r.columns }));
}

/** Saves under the name (a second save of the same name replaces its filters and columns). */
export async function saveView(db: Db, actor: Actor, meta: RequestMeta, input: ViewInput): Promise<{ id: string; name: string }> {
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(savedViews)
      .values({ userId: actor.userId, name: input.name, filters: input.filters, columns: input.columns })
      .onConflictDoUpdate({ target: [savedViews.userId, savedViews.name], set: { filters: input.filters, columns: input.columns } })
      .returning();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'view.save',
      objectType: 'saved_view',
      objectId: saved!.id,
      changes: { name: { before: null, after: saved!.name }, filters: { before: null, after: input.filters } },
    });
    return { id: saved!.id, name: saved!.name };
  });
}

/** Deletes one of the caller's own views; another user's (or a missing) view is left alone silently. */
export async function deleteView(db: Db, actor: Actor, meta: RequestMeta, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(savedViews)
      .where(and(eq(savedViews.id, id), eq(savedViews.userId, actor.userId)))
      .returning();
    if (removed.length > 0)
      await appendAudit(tx, subjectOf(actor), meta, {
        action: 'view.delete',
        objectType: 'saved_view',
        objectId: id,
        changes: { name: { before: removed[0]!.name, after: null } },
      });
  });
}
