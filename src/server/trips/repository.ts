// The trips tables' and staff_posts' SQL (their owner): a trip with its people, visits and projects; a page of a
// subtree's trips; the trips that cover a month for a set of people; posts.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { StaffPost } from '../../shared/staff/posts.ts';
import type { DbOrTx } from '../db/client.ts';
import { withinSubtree } from '../db/scope.ts';
import { units } from '../units/schema.ts';
import { users } from '../users/schema.ts';
import { staffPosts, tripPeople, tripPhotos, tripProjects, trips, tripVisits } from './schema.ts';

export type TripRow = typeof trips.$inferSelect;
export const AUDITED = [
  'kind',
  'unitCode',
  'fromOn',
  'toOn',
  'destination',
  'abroad',
  'purpose',
  'visitors',
  'results',
  'nextSteps',
  'status',
  'reviewNote',
] as const;

export interface TripFilter {
  scopePath: string;
  kind?: 'trip' | 'reception' | undefined;
  userId?: string | undefined;
  /** the trips that overlap the month (or any period: the scoreboard's) */
  month?: { first: string; last: string } | undefined;
  status?: string | undefined;
  /** only the trips that count toward out-of-city time and the scoreboard */
  countedOnly?: { approvedOnly: boolean } | undefined;
}

function tripConditions(filter: TripFilter): SQL[] {
  const conditions = [withinSubtree(trips.unitPath, filter.scopePath)];
  if (filter.kind) conditions.push(eq(trips.kind, filter.kind));
  if (filter.status) conditions.push(sql`${trips.status} = ${filter.status}`);
  if (filter.month) conditions.push(sql`${trips.fromOn} <= ${filter.month.last}::date and ${trips.toOn} >= ${filter.month.first}::date`);
  if (filter.countedOnly) conditions.push(countedStatus(filter.countedOnly.approvedOnly));
  if (filter.userId)
    conditions.push(sql`exists (select 1 from ${tripPeople} tp where tp.trip_id = ${trips.id} and tp.user_id = ${filter.userId}::uuid)`);
  return conditions;
}

export async function listTrips(db: DbOrTx, filter: TripFilter, page: { page: number; pageSize: number }) {
  const where = and(...tripConditions(filter));
  const [rows, [total]] = await Promise.all([
    db
      .select({ trip: trips, unitName: units.name })
      .from(trips)
      .innerJoin(units, eq(units.code, trips.unitCode))
      .where(where)
      .orderBy(desc(trips.fromOn), desc(trips.createdAt))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(trips)
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Every trip of a filter, in batches (the export). */
export async function* tripsInBatches(db: DbOrTx, filter: TripFilter, size = 2000) {
  for (let page = 1; ; page++) {
    const { rows } = await listTrips(db, filter, { page, pageSize: size });
    if (rows.length) yield rows;
    if (rows.length < size) return;
  }
}

export async function findTrip(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ trip: trips, unitName: units.name })
    .from(trips)
    .innerJoin(units, eq(units.code, trips.unitCode))
    .where(eq(trips.id, id));
  return row;
}

export async function lockTrip(db: DbOrTx, id: string): Promise<TripRow | undefined> {
  const [row] = await db.select().from(trips).where(eq(trips.id, id)).for('update');
  return row;
}

/** The people of trips (leader first, then by name), by trip. */
export async function peopleOfTrips(db: DbOrTx, ids: readonly string[]) {
  const byTrip = new Map<string, { userId: string; username: string; displayName: string; leader: boolean }[]>();
  if (ids.length === 0) return byTrip;
  const rows = await db
    .select({
      tripId: tripPeople.tripId,
      userId: tripPeople.userId,
      leader: tripPeople.leader,
      username: users.username,
      displayName: users.displayName,
    })
    .from(tripPeople)
    .innerJoin(users, eq(users.id, tripPeople.userId))
    .where(inArray(tripPeople.tripId, [...ids]))
    .orderBy(desc(tripPeople.leader), users.username);
  for (const row of rows) {
    const list = byTrip.get(row.tripId) ?? [];
    list.push({ userId: row.userId, username: row.username, displayName: row.displayName, leader: row.leader });
    byTrip.set(row.tripId, list);
  }
  return byTrip;
}

export async function visitsOfTrip(db: DbOrTx, id: string) {
  return db.select().from(tripVisits).where(eq(tripVisits.tripId, id)).orderBy(tripVisits.id);
}

export async function projectIdsOfTrip(db: DbOrTx, id: string): Promise<string[]> {
  const rows = await db.select({ id: tripProjects.projectId }).from(tripProjects).where(eq(tripProjects.tripId, id));
  return rows.map((row) => row.id);
}

export async function insertTrip(db: DbOrTx, values: typeof trips.$inferInsert): Promise<TripRow> {
  const [row] = await db.insert(trips).values(values).returning();
  return row!;
}

export async function updateTripRow(db: DbOrTx, id: string, values: Partial<typeof trips.$inferInsert>): Promise<TripRow> {
  const [row] = await db.update(trips).set(values).where(eq(trips.id, id)).returning();
  return row!;
}

export async function deleteTripRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(trips).where(eq(trips.id, id));
}

/** Replaces a trip's people, visits and projects with these. */
export async function writeTripDetails(
  db: DbOrTx,
  id: string,
  details: {
    people: { userId: string; leader: boolean }[];
    visits: { companyId: string | null; companyName: string; summary: string | null }[];
    projectIds: string[];
  },
): Promise<void> {
  await db.delete(tripPeople).where(eq(tripPeople.tripId, id));
  await db.delete(tripVisits).where(eq(tripVisits.tripId, id));
  await db.delete(tripProjects).where(eq(tripProjects.tripId, id));
  if (details.people.length) await db.insert(tripPeople).values(details.people.map((p) => ({ tripId: id, ...p })));
  if (details.visits.length) await db.insert(tripVisits).values(details.visits.map((v) => ({ tripId: id, ...v })));
  if (details.projectIds.length)
    await db.insert(tripProjects).values([...new Set(details.projectIds)].map((projectId) => ({ tripId: id, projectId })));
}

/**
 * The trips (外出招商, not receptions) of these people that overlap a period: the counted ones only — approved ones
 * when approval is on, else all but those returned.
 */
export async function tripsCovering(db: DbOrTx, userIds: readonly string[], first: string, last: string, approvedOnly: boolean) {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: tripPeople.userId, from: trips.fromOn, to: trips.toOn })
    .from(tripPeople)
    .innerJoin(trips, eq(trips.id, tripPeople.tripId))
    .where(
      and(
        sql`${tripPeople.userId} = any(${sql.param([...userIds])}::uuid[])`,
        eq(trips.kind, 'trip'),
        sql`${trips.fromOn} <= ${last}::date and ${trips.toOn} >= ${first}::date`,
        countedStatus(approvedOnly),
      ),
    );
}

export async function postsOf(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, StaffPost>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: staffPosts.userId, post: staffPosts.post })
    .from(staffPosts)
    .where(sql`${staffPosts.userId} = any(${sql.param([...userIds])}::uuid[])`);
  return new Map(rows.map((row) => [row.userId, row.post]));
}

/** Sets a person's post (null clears it); the post before. */
export async function writePost(db: DbOrTx, userId: string, post: StaffPost | null, stamp: Date): Promise<StaffPost | null> {
  const [before] = await db.select({ post: staffPosts.post }).from(staffPosts).where(eq(staffPosts.userId, userId)).for('update');
  if (post === null) await db.delete(staffPosts).where(eq(staffPosts.userId, userId));
  else
    await db
      .insert(staffPosts)
      .values({ userId, post, updatedAt: stamp })
      .onConflictDoUpdate({ target: staffPosts.userId, set: { post, updatedAt: stamp } });
  return before?.post ?? null;
}

/**
 * The scoreboard's trip measures of these people over a period: trips and receptions they were on that overlap it
 * (the counted ones, as for out-of-city time), and the distinct companies met on them. The same conditions as the
 * trip list filtered by person and `from`/`to`, so a figure opens exactly its trips.
 */
export async function tripMeasures(db: DbOrTx, userIds: readonly string[], first: string, last: string, approvedOnly: boolean) {
  const result = new Map<string, { trips: number; receptions: number; companiesVisited: number }>();
  if (userIds.length === 0) return result;
  const rows = await db
    .select({
      userId: tripPeople.userId,
      trips: sql<number>`count(distinct ${trips.id}) filter (where ${trips.kind} = 'trip')::int`,
      receptions: sql<number>`count(distinct ${trips.id}) filter (where ${trips.kind} = 'reception')::int`,
      companies: sql<number>`count(distinct coalesce(${tripVisits.companyId}::text, lower(${tripVisits.companyName})))::int`,
    })
    .from(tripPeople)
    .innerJoin(trips, eq(trips.id, tripPeople.tripId))
    .leftJoin(tripVisits, eq(tripVisits.tripId, trips.id))
    .where(
      and(
        sql`${tripPeople.userId} = any(${sql.param([...userIds])}::uuid[])`,
        sql`${trips.fromOn} <= ${last}::date and ${trips.toOn} >= ${first}::date`,
        countedStatus(approvedOnly),
      ),
    )
    .groupBy(tripPeople.userId);
  for (const row of rows) result.set(row.userId, { trips: row.trips, receptions: row.receptions, companiesVisited: row.companies });
  return result;
}

/** The trips that count: approved ones when approval is on, else all but those returned. */
export const countedStatus = (approvedOnly: boolean): SQL =>
  approvedOnly ? eq(trips.status, 'approved') : sql`${trips.status} <> 'returned'`;

export async function photosOfTrip(db: DbOrTx, tripId: string) {
  return db
    .select({ id: tripPhotos.id, filename: tripPhotos.filename, size: tripPhotos.size, uploadedAt: tripPhotos.uploadedAt })
    .from(tripPhotos)
    .where(eq(tripPhotos.tripId, tripId))
    .orderBy(tripPhotos.uploadedAt);
}

export async function countPhotos(db: DbOrTx, tripId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tripPhotos)
    .where(eq(tripPhotos.tripId, tripId));
  return row?.n ?? 0;
}

export async function photoOf(db: DbOrTx, tripId: string, id: string) {
  const [row] = await db
    .select()
    .from(tripPhotos)
    .where(and(eq(tripPhotos.tripId, tripId), eq(tripPhotos.id, id)));
  return row;
}

export async function insertPhoto(db: DbOrTx, values: typeof tripPhotos.$inferInsert): Promise<{ id: string }> {
  const [row] = await db.insert(tripPhotos).values(values).returning({ id: tripPhotos.id });
  return row!;
}

export async function deletePhotoRow(db: DbOrTx, tripId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(tripPhotos)
    .where(and(eq(tripPhotos.tripId, tripId), eq(tripPhotos.id, id)))
    .returning({ id: tripPhotos.id });
  return rows.length > 0;
}
