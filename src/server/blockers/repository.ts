import { and, asc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { blockers } from './schema.ts';

export type BlockerRow = typeof blockers.$inferSelect;

/** The blockers of some projects not yet closed (销号), earliest deadline first. */
export async function openBlockersOfProjects(db: DbOrTx, projectIds: readonly string[]): Promise<BlockerRow[]> {
  if (!projectIds.length) return [];
  return db
    .select()
    .from(blockers)
    .where(and(sql`${blockers.projectId} = any(${sql.param([...projectIds])}::uuid[])`, sql`${blockers.status} <> 'closed'`))
    .orderBy(asc(blockers.deadline));
}
