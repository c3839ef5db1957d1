// The meetings' SQL: a meeting in scope, the projects an agenda filter selects, the agenda with each project's facts.
import { milestoneStatuses } from '../../shared/projects/milestones.ts';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { overdueDays, type BlockerStatus } from '../../shared/blockers/rules.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { type Stage } from '../../shared/projects/stages.ts';
import { type DbOrTx } from '../db/client.ts';
import { blockers } from '../blockers/schema.ts';
import { departments } from '../departments/schema.ts';
import { inScope, type Actor } from '../http/actor.ts';
import { notFound, hiddenObject } from '../http/errors.ts';
import { projects } from '../projects/schema.ts';
import { units } from '../units/schema.ts';
import { meetingItems, meetings, type AgendaFilter } from './schema.ts';
import { withinSubtree } from '../db/scope.ts';
import type { AgendaItem } from '../../shared/api/meetings.ts';
import { yearProgressOf } from '../reporting/progress.ts';

export type MeetingRow = typeof meetings.$inferSelect;

export async function meetingFor(db: DbOrTx, actor: Actor, id: number): Promise<MeetingRow> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  if (!row) throw notFound();
  if (!inScope(actor, row.unitPath)) throw hiddenObject();
  return row;
}

/** The projects an agenda filter draws, largest first (at most 200: a meeting goes through them one by one). */
export async function agendaProjects(db: DbOrTx, path: string, filter: AgendaFilter): Promise<string[]> {
  const conditions: SQL[] = [withinSubtree(projects.unitPath, path), sql`${projects.status} <> 'terminated'`];
  if (filter.stages?.length) conditions.push(sql`${projects.stage} = any(${sql.param(filter.stages)}::text[])`);
  if (filter.levels?.length) conditions.push(sql`${projects.levels} && ${sql.param(filter.levels)}::text[]`);
  if (filter.sponsorLeader) conditions.push(eq(projects.sponsorLeader, filter.sponsorLeader));
  const rows = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(...conditions))
    .orderBy(desc(projects.totalInvestmentWan), asc(projects.code))
    .limit(200);
  return rows.map((r) => r.id);
}

/** Everything the presentation shows of each project: key facts, milestones planned vs actual, progress, open blockers, earlier decisions. */
export async function agendaOf(db: DbOrTx, meeting: MeetingRow): Promise<AgendaItem[]> {
  const today = todayIso();
  const year = Number(today.slice(0, 4));
  const items = await db
    .select({ item: meetingItems, project: projects, unitName: units.name })
    .from(meetingItems)
    .innerJoin(projects, eq(projects.id, meetingItems.projectId))
    .innerJoin(units, eq(units.code, projects.unitCode))
    .where(eq(meetingItems.meetingId, meeting.id))
    .orderBy(asc(meetingItems.position));
  if (!items.length) return [];
  const ids = items.map((i) => i.project.id);
  const [progress, blockerRows, earlier] = await Promise.all([
    yearProgressOf(db, ids, year),
    db
      .select()
      .from(blockers)
      .where(
        and(
          sql`${blockers.projectId} = any(${sql.param(ids)}::uuid[])`,
          sql`(${blockers.status} <> 'closed' or ${blockers.meetingId} = ${meeting.id})`,
        ),
      )
      .orderBy(asc(blockers.deadline), asc(blockers.id)),
    db
      .select({ projectId: meetingItems.projectId, decision: meetingItems.decision, title: meetings.title, heldOn: meetings.heldOn })
      .from(meetingItems)
      .innerJoin(meetings, eq(meetings.id, meetingItems.meetingId))
      .where(
        and(
          sql`${meetingItems.projectId} = any(${sql.param(ids)}::uuid[])`,
          sql`${meetingItems.meetingId} <> ${meeting.id}`,
          sql`${meetingItems.decision} is not null`,
          sql`${meetings.heldOn} <= ${meeting.heldOn}::date`,
        ),
      )
      .orderBy(desc(meetings.heldOn)),
  ]);
  const departmentIds = [...new Set(blockerRows.flatMap((b) => b.departmentIds))];
  const names = departmentIds.length
    ? await db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(sql`${departments.id} = any(${sql.param(departmentIds)}::uuid[])`)
    : [];
  return items.map(({ item, project: p, unitName }) => {
    const pr = progress.get(p.id);
    return {
      position: item.position,
      project: {
        code: p.code,
        name: p.name,
        unitName,
        stage: p.stage as Stage,
        totalInvestmentWan: p.totalInvestmentWan,
        investorName: p.investorName,
        sponsorLeader: p.sponsorLeader,
        content: p.content,
      },
      milestones: milestoneStatuses(p, today),
      progress: {
        year,
        planWan: pr?.planWan ?? null,
        ytdWan: pr?.ytdWan ?? 0,
        lastMonth: pr?.lastMonth ?? null,
        imageProgress: pr?.imageProgress ?? null,
      },
      blockers: blockerRows
        .filter((b) => b.projectId === p.id)
        .map((b) => ({
          id: b.id,
          type: b.type,
          description: b.description,
          departments: b.departmentIds.map((id) => names.find((n) => n.id === id)?.name ?? id),
          deadline: b.deadline,
          status: b.status as BlockerStatus,
          overdueDays: overdueDays(b.deadline, b.status as BlockerStatus, today),
          raisedHere: b.meetingId === meeting.id,
        })),
      decision: item.decision,
      earlierDecisions: earlier
        .filter((e) => e.projectId === p.id)
        .map((e) => ({ meetingTitle: e.title, heldOn: e.heldOn, decision: e.decision! })),
    };
  });
}

/** The meetings of a subtree, newest first (at most 200), with their unit's name and number of agenda items. */
export async function listMeetings(db: DbOrTx, path: string) {
  return db
    .select({
      meeting: meetings,
      unitName: units.name,
      items: sql<number>`(select count(*)::int from ${meetingItems} i where i.meeting_id = ${meetings.id})`,
    })
    .from(meetings)
    .innerJoin(units, eq(units.code, meetings.unitCode))
    .where(withinSubtree(meetings.unitPath, path))
    .orderBy(desc(meetings.heldOn), desc(meetings.id))
    .limit(200);
}
