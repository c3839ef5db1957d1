// The events tables' SQL (their owner): an event with its projects in order; a page of a subtree's events.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { EventKind } from '../../shared/staff/events.ts';
import type { DbOrTx } from '../db/client.ts';
import { withinSubtree } from '../db/scope.ts';
import { units } from '../units/schema.ts';
import { eventProjects, events } from './schema.ts';

export type EventRow = typeof events.$inferSelect;
export const AUDITED = ['unitCode', 'kind', 'name', 'heldOn', 'place', 'organiser', 'note'] as const;

export interface EventFilter {
  scopePath: string;
  kind?: EventKind | undefined;
  /** held in this year */
  year?: number | undefined;
  /** events that list this project */
  projectId?: string | undefined;
}

function eventConditions(filter: EventFilter): SQL[] {
  const conditions = [withinSubtree(events.unitPath, filter.scopePath)];
  if (filter.kind) conditions.push(eq(events.kind, filter.kind));
  if (filter.year) conditions.push(sql`${events.heldOn} between ${`${filter.year}-01-01`}::date and ${`${filter.year}-12-31`}::date`);
  if (filter.projectId)
    conditions.push(
      sql`exists (select 1 from ${eventProjects} ep where ep.event_id = ${events.id} and ep.project_id = ${filter.projectId}::uuid)`,
    );
  return conditions;
}

export async function listEvents(db: DbOrTx, filter: EventFilter, page: { page: number; pageSize: number }) {
  const where = and(...eventConditions(filter));
  const [rows, [total]] = await Promise.all([
    db
      .select({ event: events, unitName: units.name })
      .from(events)
      .innerJoin(units, eq(units.code, events.unitCode))
      .where(where)
      .orderBy(desc(events.heldOn), desc(events.createdAt))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(events)
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findEvent(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ event: events, unitName: units.name })
    .from(events)
    .innerJoin(units, eq(units.code, events.unitCode))
    .where(eq(events.id, id));
  return row;
}

export async function lockEvent(db: DbOrTx, id: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(events).where(eq(events.id, id)).for('update');
  return row;
}

/** The projects listed by events, in announced order, by event. */
export async function projectsOfEvents(db: DbOrTx, ids: readonly string[]) {
  const byEvent = new Map<string, { projectId: string; onSite: boolean }[]>();
  if (ids.length === 0) return byEvent;
  const rows = await db
    .select()
    .from(eventProjects)
    .where(inArray(eventProjects.eventId, [...ids]))
    .orderBy(asc(eventProjects.eventId), asc(eventProjects.position));
  for (const row of rows) {
    const list = byEvent.get(row.eventId) ?? [];
    list.push({ projectId: row.projectId, onSite: row.onSite });
    byEvent.set(row.eventId, list);
  }
  return byEvent;
}

export async function insertEvent(db: DbOrTx, values: typeof events.$inferInsert): Promise<EventRow> {
  const [row] = await db.insert(events).values(values).returning();
  return row!;
}

export async function updateEventRow(db: DbOrTx, id: string, values: Partial<typeof events.$inferInsert>): Promise<EventRow> {
  const [row] = await db.update(events).set(values).where(eq(events.id, id)).returning();
  return row!;
}

export async function deleteEventRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(events).where(eq(events.id, id));
}

/** Replaces an event's projects with these, in this order. */
export async function writeEventProjects(db: DbOrTx, id: string, list: { projectId: string; onSite: boolean }[]): Promise<void> {
  await db.delete(eventProjects).where(eq(eventProjects.eventId, id));
  if (list.length)
    await db.insert(eventProjects).values(list.map((p, position) => ({ eventId: id, projectId: p.projectId, onSite: p.onSite, position })));
}

/** A project merged into another: the events that listed it list the one kept (once). */
export async function moveProjectListings(db: DbOrTx, fromId: string, toId: string): Promise<void> {
  await db.execute(sql`update ${eventProjects} ep set project_id = ${toId}::uuid
    where ep.project_id = ${fromId}::uuid
      and not exists (select 1 from ${eventProjects} o where o.event_id = ep.event_id and o.project_id = ${toId}::uuid)`);
  await db.delete(eventProjects).where(eq(eventProjects.projectId, fromId));
}
