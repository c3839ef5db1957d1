// The advisors tables' SQL (their owner): the register a caller sees, attributions, the reward ledger's frozen rows.
import { and, asc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { escapeLike, withinSubtree } from '../db/scope.ts';
import { units } from '../units/schema.ts';
import { advisorProjects, advisorRewards, advisors } from './schema.ts';

export type AdvisorRow = typeof advisors.$inferSelect;
export type RewardRow = typeof advisorRewards.$inferSelect;
export const AUDITED = [
  'unitCode',
  'name',
  'organisation',
  'title',
  'field',
  'phone',
  'appointedOn',
  'termEnd',
  'publicServant',
  'note',
] as const;

export interface AdvisorFilter {
  /** advisors appointed within this subtree */
  scopePath: string;
  /** and those appointed by the units above the caller, whose advisors work for it too */
  callerPath?: string | undefined;
  q?: string | undefined;
  /** in term on this day */
  activeOn?: string | undefined;
}

function advisorConditions(filter: AdvisorFilter): SQL[] {
  const scope = filter.callerPath
    ? (or(withinSubtree(advisors.unitPath, filter.scopePath), sql`starts_with(${filter.callerPath}, ${advisors.unitPath})`) as SQL)
    : withinSubtree(advisors.unitPath, filter.scopePath);
  const conditions = [scope];
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(or(ilike(advisors.name, pattern), ilike(advisors.organisation, pattern), ilike(advisors.field, pattern)) as SQL);
  }
  if (filter.activeOn)
    conditions.push(
      sql`${advisors.appointedOn} <= ${filter.activeOn}::date and (${advisors.termEnd} is null or ${advisors.termEnd} >= ${filter.activeOn}::date)`,
    );
  return conditions;
}

export async function listAdvisors(db: DbOrTx, filter: AdvisorFilter) {
  return db
    .select({
      advisor: advisors,
      unitName: units.name,
      projects: sql<number>`(select count(*)::int from ${advisorProjects} ap where ap.advisor_id = ${advisors.id})`,
    })
    .from(advisors)
    .innerJoin(units, eq(units.code, advisors.unitCode))
    .where(and(...advisorConditions(filter)))
    .orderBy(asc(advisors.unitPath), asc(advisors.appointedOn), asc(advisors.name))
    .limit(2000);
}

export async function findAdvisor(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ advisor: advisors, unitName: units.name })
    .from(advisors)
    .innerJoin(units, eq(units.code, advisors.unitCode))
    .where(eq(advisors.id, id));
  return row;
}

export async function lockAdvisor(db: DbOrTx, id: string): Promise<AdvisorRow | undefined> {
  const [row] = await db.select().from(advisors).where(eq(advisors.id, id)).for('update');
  return row;
}

export async function insertAdvisor(db: DbOrTx, values: typeof advisors.$inferInsert): Promise<AdvisorRow> {
  const [row] = await db.insert(advisors).values(values).returning();
  return row!;
}

export async function updateAdvisorRow(db: DbOrTx, id: string, values: Partial<typeof advisors.$inferInsert>): Promise<AdvisorRow> {
  const [row] = await db.update(advisors).set(values).where(eq(advisors.id, id)).returning();
  return row!;
}

export async function deleteAdvisorRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(advisors).where(eq(advisors.id, id));
}

/** The projects attributed to advisors, with the day, by advisor. */
export async function attributionsOf(db: DbOrTx, advisorIds: readonly string[]) {
  const byAdvisor = new Map<string, { projectId: string; attributedOn: string }[]>();
  if (advisorIds.length === 0) return byAdvisor;
  const rows = await db
    .select()
    .from(advisorProjects)
    .where(inArray(advisorProjects.advisorId, [...advisorIds]))
    .orderBy(asc(advisorProjects.attributedOn));
  for (const row of rows) {
    const list = byAdvisor.get(row.advisorId) ?? [];
    list.push({ projectId: row.projectId, attributedOn: row.attributedOn });
    byAdvisor.set(row.advisorId, list);
  }
  return byAdvisor;
}

/** The advisor a project is attributed to, if any (locked for the caller's transaction). */
export async function attributionOfProject(db: DbOrTx, projectId: string) {
  const [row] = await db.select().from(advisorProjects).where(eq(advisorProjects.projectId, projectId)).for('update');
  return row;
}

export async function attribute(db: DbOrTx, values: typeof advisorProjects.$inferInsert): Promise<void> {
  await db.insert(advisorProjects).values(values);
}

export async function detach(db: DbOrTx, projectId: string): Promise<void> {
  await db.delete(advisorProjects).where(eq(advisorProjects.projectId, projectId));
}

/** The frozen reward rows of an advisor's projects: the year's and the earlier years' (for the cap). */
export async function rewardRowsUpTo(db: DbOrTx, projectIds: readonly string[], year: number): Promise<RewardRow[]> {
  if (projectIds.length === 0) return [];
  return db
    .select()
    .from(advisorRewards)
    .where(and(inArray(advisorRewards.projectId, [...projectIds]), sql`${advisorRewards.year} <= ${year}`))
    .orderBy(asc(advisorRewards.year));
}

export async function lockReward(db: DbOrTx, projectId: string, year: number): Promise<RewardRow | undefined> {
  const [row] = await db
    .select()
    .from(advisorRewards)
    .where(and(eq(advisorRewards.projectId, projectId), eq(advisorRewards.year, year)))
    .for('update');
  return row;
}

export async function earlierRewardsWan(db: DbOrTx, projectId: string, year: number): Promise<number> {
  const [row] = await db
    .select({ wan: sql<number>`coalesce(sum(${advisorRewards.amountWan}), 0)::float8` })
    .from(advisorRewards)
    .where(and(eq(advisorRewards.projectId, projectId), lt(advisorRewards.year, year)));
  return row?.wan ?? 0;
}

export async function insertReward(db: DbOrTx, values: typeof advisorRewards.$inferInsert): Promise<RewardRow> {
  const [row] = await db.insert(advisorRewards).values(values).returning();
  return row!;
}

export async function markPaid(db: DbOrTx, projectId: string, year: number, paidOn: string, paidBy: string): Promise<RewardRow> {
  const [row] = await db
    .update(advisorRewards)
    .set({ paidOn, paidBy })
    .where(and(eq(advisorRewards.projectId, projectId), eq(advisorRewards.year, year)))
    .returning();
  return row!;
}

export async function deleteReward(db: DbOrTx, projectId: string, year: number): Promise<void> {
  await db.delete(advisorRewards).where(and(eq(advisorRewards.projectId, projectId), eq(advisorRewards.year, year)));
}

export async function hasRewards(db: DbOrTx, advisorId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`1` })
    .from(advisorRewards)
    .where(eq(advisorRewards.advisorId, advisorId))
    .limit(1);
  return Boolean(row);
}

/** A project merged into another: its advisor and rewards go to the one kept, unless that one has its own. */
export async function moveProjectAttribution(db: DbOrTx, fromId: string, toId: string): Promise<void> {
  await db.execute(sql`update ${advisorProjects} set project_id = ${toId}::uuid
    where project_id = ${fromId}::uuid and not exists (select 1 from ${advisorProjects} where project_id = ${toId}::uuid)`);
  await db.execute(sql`update ${advisorRewards} r set project_id = ${toId}::uuid
    where r.project_id = ${fromId}::uuid
      and not exists (select 1 from ${advisorRewards} o where o.project_id = ${toId}::uuid and o.year = r.year)`);
  await db.delete(advisorProjects).where(eq(advisorProjects.projectId, fromId));
}
