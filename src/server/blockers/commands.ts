import { clockNow } from '../../shared/calendar.ts';
import { and, eq, sql } from 'drizzle-orm';
import { allowedActions, BLOCKER_STATUS_LABELS, type BlockerAction, type BlockerStatus } from '../../shared/blockers/rules.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import { can, inScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, forbidden, notFound, hiddenObject } from '../http/errors.ts';
import { departments } from '../departments/schema.ts';
import { projectAttachments, projects } from '../projects/schema.ts';
import { units } from '../units/schema.ts';
import { blockerNotes, blockers } from './schema.ts';
import { meetings } from '../meetings/schema.ts';

export type { BlockerRow } from './repository.ts';
import type { BlockerRow } from './repository.ts';

export interface BlockerInput {
  type: string;
  description: string;
  departmentIds: string[];
  responsiblePerson?: string | null | undefined;
  coordinatingLeader?: string | null | undefined;
  deadline?: string | null | undefined;
}

/** A blocker the actor may see: its project is in scope, or it is assigned to the actor's department. */
export async function blockerFor(db: DbOrTx, actor: Actor, id: number): Promise<BlockerRow> {
  const [row] = await db.select().from(blockers).where(eq(blockers.id, id));
  if (!row) throw notFound();
  if (!inScope(actor, row.unitPath) && !(actor.departmentId && row.departmentIds.includes(actor.departmentId))) throw hiddenObject();
  return row;
}

/** Responsible departments must exist and belong to the project's unit or one above it (a city bureau handles a district's project). */
async function checkDepartments(db: DbOrTx, ids: string[], projectPath: string, zh: boolean): Promise<void> {
  if (!ids.length)
    throw new AppError('VALIDATION', { detail: zh ? '请指定至少一个责任部门' : 'assign at least one responsible department' });
  const found = await db
    .select({ id: departments.id, path: units.path, name: departments.name })
    .from(departments)
    .innerJoin(units, eq(units.code, departments.unitCode))
    .where(sql`${departments.id} = any(${sql.param(ids)}::uuid[]) and ${departments.active}`);
  for (const id of new Set(ids)) {
    const department = found.find((d) => d.id === id);
    if (!department) throw new AppError('VALIDATION', { detail: zh ? '责任部门不存在或已停用' : 'unknown or inactive department' });
    if (!projectPath.startsWith(department.path))
      throw new AppError('VALIDATION', {
        detail: zh
          ? `${department.name}不是项目所在单位或其上级单位的部门`
          : `${department.name} is not a department of the project's unit or above`,
      });
  }
}

const may = {
  /** raise and edit: officers, or reviewers (in a meeting), within scope */
  manage: (actor: Actor, row: { unitPath: string }) =>
    (can(actor, 'business:write') || can(actor, 'business:review')) && inScope(actor, row.unitPath),
  /** the responsible department's people, or those who manage the blocker */
  handle: (actor: Actor, row: BlockerRow) =>
    (actor.departmentId !== null && row.departmentIds.includes(actor.departmentId)) || may.manage(actor, row),
  /** confirm or reopen: the project's side (its owner, or officers over its unit) — not the department that resolved it */
  confirm: (actor: Actor, row: BlockerRow, ownerUserId: string | null) =>
    actor.userId === ownerUserId ||
    (can(actor, 'business:write') &&
      inScope(actor, row.unitPath) &&
      !(actor.departmentId && row.departmentIds.includes(actor.departmentId))),
};

/** What the actor may do to a blocker now (its status allows it and the actor's role does): the UI shows only these. */
export function permittedActions(actor: Actor, row: BlockerRow, ownerUserId: string | null): BlockerAction[] {
  return allowedActions(row.status as BlockerStatus).filter((action) =>
    action === 'confirm' || action === 'reopen'
      ? may.confirm(actor, row, ownerUserId)
      : action === 'edit'
        ? may.manage(actor, row)
        : may.handle(actor, row),
  );
}

export async function raiseBlocker(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  projectCode: string,
  input: BlockerInput & { meetingId?: number | null | undefined },
): Promise<BlockerRow> {
  const zh = meta.lang === 'zh';
  const [project] = await db.select().from(projects).where(eq(projects.code, projectCode));
  if (!project) throw notFound();
  if (!inScope(actor, project.unitPath)) throw hiddenObject();
  if (!may.manage(actor, project)) throw forbidden();
  await checkDepartments(db, input.departmentIds, project.unitPath, zh);
  if (input.meetingId) {
    const [meeting] = await db.select({ unitPath: meetings.unitPath }).from(meetings).where(eq(meetings.id, input.meetingId));
    if (!meeting || !inScope(actor, meeting.unitPath) || !project.unitPath.startsWith(meeting.unitPath))
      throw new AppError('VALIDATION', {
        detail: zh ? '会议不存在或项目不在该会议范围内' : 'unknown meeting, or the project is outside it',
      });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(blockers)
      .values({
        projectId: project.id,
        unitPath: project.unitPath,
        type: input.type,
        description: input.description.trim(),
        departmentIds: [...new Set(input.departmentIds)],
        responsiblePerson: input.responsiblePerson?.trim() || null,
        coordinatingLeader: input.coordinatingLeader?.trim() || null,
        deadline: input.deadline ?? null,
        meetingId: input.meetingId ?? null,
        raisedBy: actor.username,
        raisedAt: clockNow(),
        updatedAt: clockNow(),
      })
      .returning();
    await tx.insert(blockerNotes).values({
      blockerId: row!.id,
      kind: 'raise',
      text: row!.description,
      byUser: actor.username,
      byName: actor.displayName,
      at: row!.raisedAt,
    });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'blocker.raise',
      objectType: 'blocker',
      objectId: String(row!.id),
      changes: diffFields(null, row!, [
        'projectId',
        'type',
        'description',
        'departmentIds',
        'responsiblePerson',
        'coordinatingLeader',
        'deadline',
        'meetingId',
      ]),
    });
    return row!;
  });
}

function assertAction(row: BlockerRow, action: BlockerAction, zh: boolean): void {
  if (!allowedActions(row.status as BlockerStatus).includes(action)) {
    throw new AppError('VALIDATION', {
      detail: zh
        ? `问题当前为“${BLOCKER_STATUS_LABELS[row.status as BlockerStatus].zh}”，不能执行此操作`
        : `not possible while the blocker is ${BLOCKER_STATUS_LABELS[row.status as BlockerStatus].en}`,
    });
  }
}

async function attachmentsOf(tx: DbOrTx, projectId: string, ids: string[], zh: boolean): Promise<string[]> {
  if (!ids.length) return [];
  const found = await tx
    .select({ id: projectAttachments.id })
    .from(projectAttachments)
    .where(and(eq(projectAttachments.projectId, projectId), sql`${projectAttachments.id} = any(${sql.param(ids)}::uuid[])`));
  if (found.length !== new Set(ids).size)
    throw new AppError('VALIDATION', { detail: zh ? '附件须为本项目已上传的附件' : 'attachments must be the project’s own' });
  return [...new Set(ids)];
}

export type BlockerChange =
  | { action: 'note'; text: string; attachmentIds?: string[] | undefined }
  | { action: 'resolve'; version: number; resolution: string; attachmentIds?: string[] | undefined }
  | { action: 'confirm'; version: number; text?: string | undefined }
  | { action: 'reopen'; version: number; reason: string }
  | ({ action: 'edit'; version: number } & BlockerInput);

/**
 * One step of 对账销号, in one transaction with its history note and audit row: a progress note (the first one moves
 * 待办 to 办理中), the department's resolution (已办结), the owner's confirmation (已销号) or reopening with a reason.
 */
export async function changeBlocker(db: Db, actor: Actor, meta: RequestMeta, id: number, change: BlockerChange): Promise<BlockerRow> {
  const zh = meta.lang === 'zh';
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(blockers).where(eq(blockers.id, id)).for('update');
    if (!before) throw notFound();
    if (!inScope(actor, before.unitPath) && !(actor.departmentId && before.departmentIds.includes(actor.departmentId)))
      throw hiddenObject();
    if ('version' in change && change.version !== before.version) throw conflict({ version: before.version, status: before.status });
    assertAction(before, change.action, zh);
    const [project] = await tx
      .select({ ownerUserId: projects.ownerUserId, unitPath: projects.unitPath })
      .from(projects)
      .where(eq(projects.id, before.projectId));
    const now = clockNow();
    let set: Partial<typeof blockers.$inferInsert> = {};
    let note: { text: string | null; attachmentIds: string[] } = { text: null, attachmentIds: [] };
    switch (change.action) {
      case 'note':
        if (!may.handle(actor, before)) throw forbidden();
        note = { text: change.text.trim(), attachmentIds: await attachmentsOf(tx, before.projectId, change.attachmentIds ?? [], zh) };
        if (before.status === 'open') set = { status: 'in_progress' };
        break;
      case 'resolve':
        if (!may.handle(actor, before)) throw forbidden();
        note = { text: change.resolution.trim(), attachmentIds: await attachmentsOf(tx, before.projectId, change.attachmentIds ?? [], zh) };
        set = { status: 'resolved', resolution: change.resolution.trim(), resolvedAt: now, resolvedBy: actor.displayName };
        break;
      case 'confirm':
        if (!may.confirm(actor, before, project?.ownerUserId ?? null)) throw forbidden();
        note = { text: change.text?.trim() || null, attachmentIds: [] };
        set = { status: 'closed', closedAt: now, closedBy: actor.displayName };
        break;
      case 'reopen':
        if (!may.confirm(actor, before, project?.ownerUserId ?? null)) throw forbidden();
        note = { text: change.reason.trim(), attachmentIds: [] };
        set = { status: 'in_progress', reopenCount: before.reopenCount + 1, resolvedAt: null, resolvedBy: null };
        break;
      case 'edit': {
        if (!may.manage(actor, before)) throw forbidden();
        await checkDepartments(tx, change.departmentIds, project!.unitPath, zh);
        set = {
          type: change.type,
          description: change.description.trim(),
          departmentIds: [...new Set(change.departmentIds)],
          responsiblePerson: change.responsiblePerson?.trim() || null,
          coordinatingLeader: change.coordinatingLeader?.trim() || null,
          deadline: change.deadline ?? null,
        };
        break;
      }
    }
    const [after] = await tx
      .update(blockers)
      .set({ ...set, version: before.version + 1, updatedAt: now })
      .where(eq(blockers.id, id))
      .returning();
    await tx.insert(blockerNotes).values({
      blockerId: id,
      kind: change.action,
      text: note.text,
      attachmentIds: note.attachmentIds,
      byUser: actor.username,
      byName: actor.displayName,
      at: now,
    });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: `blocker.${change.action}`,
      objectType: 'blocker',
      objectId: String(id),
      changes: diffFields(before, after!, [
        'status',
        'type',
        'description',
        'departmentIds',
        'responsiblePerson',
        'coordinatingLeader',
        'deadline',
        'resolution',
      ]),
      ...(note.text ? { detail: note.text.slice(0, 500) } : {}),
    });
    return after!;
  });
}
