import { clockNow } from '../../shared/calendar.ts';
import { and, eq, sql } from 'drizzle-orm';
import { type Db } from '../db/client.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { projects } from '../projects/schema.ts';
import { meetingItems, meetings, type AgendaFilter } from './schema.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import type { MeetingDetails } from '../../shared/api/meetings.ts';
import type { MeetingRow } from './queries.ts';

/** A new meeting with its agenda (the projects of its filter, in order), audited. */
export async function createMeeting(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  unit: { code: string; path: string },
  details: MeetingDetails & { filter: AgendaFilter },
  ids: string[],
): Promise<MeetingRow> {
  const rest = details;
  const filter = details.filter;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(meetings)
      .values({
        unitCode: unit.code,
        unitPath: unit.path,
        ...rest,
        location: rest.location ?? null,
        chair: rest.chair ?? null,
        filter,
        createdBy: actor.username,
      })
      .returning();
    if (ids.length)
      await tx.insert(meetingItems).values(ids.map((projectId, i) => ({ meetingId: created!.id, projectId, position: i + 1 })));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'meeting.create',
      objectType: 'meeting',
      objectId: String(created!.id),
      changes: {
        ...diffFields(null, created!, ['title', 'heldOn', 'location', 'chair', 'attendees', 'filter']),
        items: [null, ids.length],
      },
    });
    return created!;
  });
}

/** Changes a meeting's details and, given projectCodes, its agenda (keeping the decisions of projects that stay). */
export async function updateMeeting(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  before: MeetingRow,
  input: MeetingDetails & { version: number; notes?: string | null; projectCodes?: string[] },
): Promise<MeetingRow> {
  const { version, projectCodes, ...rest } = input;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(meetings)
      .set({
        ...rest,
        location: rest.location ?? null,
        chair: rest.chair ?? null,
        notes: rest.notes ?? null,
        version: sql`${meetings.version} + 1`,
        updatedAt: clockNow(),
      })
      .where(and(eq(meetings.id, before.id), eq(meetings.version, version)))
      .returning();
    if (!updated) throw conflict({ version: before.version });
    if (projectCodes) {
      const found = projectCodes.length
        ? await tx
            .select({ id: projects.id, code: projects.code, unitPath: projects.unitPath })
            .from(projects)
            .where(sql`${projects.code} = any(${sql.param(projectCodes)}::text[])`)
        : [];
      for (const code of projectCodes) {
        const project = found.find((p) => p.code === code);
        if (!project || !project.unitPath.startsWith(before.unitPath))
          throw new AppError('VALIDATION', {
            detail: meta.lang === 'zh' ? `项目 ${code} 不在本次会议单位范围内` : `project ${code} is outside the meeting's unit`,
          });
      }
      const existing = await tx.select().from(meetingItems).where(eq(meetingItems.meetingId, before.id));
      await tx.delete(meetingItems).where(eq(meetingItems.meetingId, before.id));
      const unique = [...new Set(projectCodes)];
      if (unique.length)
        await tx.insert(meetingItems).values(
          unique.map((code, i) => {
            const id = found.find((p) => p.code === code)!.id;
            const kept = existing.find((e) => e.projectId === id);
            return {
              meetingId: before.id,
              projectId: id,
              position: i + 1,
              decision: kept?.decision ?? null,
              decidedBy: kept?.decidedBy ?? null,
              decidedAt: kept?.decidedAt ?? null,
            };
          }),
        );
    }
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'meeting.update',
      objectType: 'meeting',
      objectId: String(before.id),
      changes: {
        ...diffFields(before, updated, ['title', 'heldOn', 'location', 'chair', 'attendees', 'notes']),
        ...(projectCodes ? { agenda: projectCodes } : {}),
      },
    });
    return updated;
  });
}

/** Records what the meeting decided on one project of its agenda (议定事项), audited. */
export async function recordDecision(db: Db, actor: Actor, meta: RequestMeta, meeting: MeetingRow, code: string, text: string | null) {
  const [project] = await db.select({ id: projects.id }).from(projects).where(eq(projects.code, code));
  if (!project) throw notFound();
  const decision = text?.trim() || null;
  await db.transaction(async (tx) => {
    const [item] = await tx
      .update(meetingItems)
      .set({ decision, decidedBy: actor.displayName, decidedAt: clockNow() })
      .where(and(eq(meetingItems.meetingId, meeting.id), eq(meetingItems.projectId, project.id)))
      .returning();
    if (!item)
      throw new AppError('VALIDATION', {
        detail: meta.lang === 'zh' ? '该项目不在本次会议议程中' : 'the project is not on this agenda',
      });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'meeting.decision',
      objectType: 'meeting',
      objectId: `${meeting.id}/${code}`,
      changes: { decision: [null, decision] },
    });
  });
  return { decision };
}
