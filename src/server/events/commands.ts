// 招商活动 / 集中签约: each write in one transaction with its audit row. An event is held by a unit within the
// submitter's scope; the projects it lists come from that unit's subtree, each once.
import { z } from 'zod';
import { clockNow } from '../../shared/calendar.ts';
import { EVENT_KIND_LABELS, EVENT_KINDS, eventKindOf, type EventKind } from '../../shared/staff/events.ts';
import { isWithin } from '../../shared/units.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { assertInScope, assertObjectInScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { projectLinesByCodes } from '../projects/repository.ts';
import { findUnit } from '../units/repository.ts';
import { AUDITED, deleteEventRow, insertEvent, lockEvent, projectsOfEvents, updateEventRow, writeEventProjects } from './repository.ts';

const text = (max: number) => z.string().trim().max(max).nullish();
/** The most projects one event lists (a province's 集中签约 runs to a few hundred). */
export const MAX_EVENT_PROJECTS = 1000;
export const eventBody = z.object({
  unit: z.string().regex(/^\d{6,15}$/),
  // a code, or its name as people write it (集中签约, 进博会 …)
  kind: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(200),
  on: z.iso.date(),
  place: text(200),
  organiser: text(200),
  note: text(2000),
  projectCodes: z.array(z.string().trim().min(1).max(40)).max(MAX_EVENT_PROJECTS).default([]),
  /** of projectCodes, those signed on the stage (现场签约) */
  onSiteCodes: z.array(z.string().trim().min(1).max(40)).max(MAX_EVENT_PROJECTS).optional(),
});
export type EventInput = z.infer<typeof eventBody>;

const invalid = (detail: string) => new AppError('VALIDATION', { detail });

/** The holding unit and the projects checked and resolved, every problem named in the user's language. */
async function resolveEvent(db: DbOrTx, actor: Actor, meta: RequestMeta, input: EventInput) {
  const zh = meta.lang === 'zh';
  const kind = eventKindOf(input.kind);
  if (!kind)
    throw invalid(
      zh ? `活动类型须为：${EVENT_KINDS.map((k) => EVENT_KIND_LABELS[k].zh).join('、')}` : `kind: one of ${EVENT_KINDS.join(', ')}`,
    );
  const unit = await findUnit(db, input.unit);
  if (!unit) throw invalid(zh ? `单位“${input.unit}”不存在` : `no unit ${input.unit}`);
  assertInScope(actor, unit.path);
  const codes = [...new Set(input.projectCodes)];
  const found = await projectLinesByCodes(db, codes);
  const byCode = new Map(found.map((p) => [p.code, p]));
  const missing = codes.filter((code) => !byCode.has(code) || !isWithin(byCode.get(code)!.unitPath, unit.path));
  if (missing.length)
    throw invalid(
      zh
        ? `以下项目不存在或不属于${unit.name}：${missing.slice(0, 20).join('、')}${missing.length > 20 ? ` 等 ${missing.length} 个` : ''}`
        : `not projects of ${unit.name}: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ` and ${missing.length - 20} more` : ''}`,
    );
  const onSite = new Set(input.onSiteCodes ?? []);
  const strays = [...onSite].filter((code) => !byCode.has(code) || !codes.includes(code));
  if (strays.length)
    throw invalid(zh ? `现场签约项目须在活动项目之中：${strays.join('、')}` : `on-site projects must be listed: ${strays.join(', ')}`);
  return { unit, kind, projects: codes.map((code) => ({ projectId: byCode.get(code)!.id, onSite: onSite.has(code) })) };
}

const eventValues = (input: EventInput, kind: EventKind) => ({
  kind,
  name: input.name,
  heldOn: input.on,
  place: input.place || null,
  organiser: input.organiser || null,
  note: input.note || null,
});

export async function createEvent(db: Db, actor: Actor, meta: RequestMeta, input: EventInput) {
  const resolved = await resolveEvent(db, actor, meta, input);
  return db.transaction(async (tx) => {
    const created = await insertEvent(tx, {
      ...eventValues(input, resolved.kind),
      unitCode: resolved.unit.code,
      unitPath: resolved.unit.path,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    await writeEventProjects(tx, created.id, resolved.projects);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'event.create',
      objectType: 'event',
      objectId: created.id,
      changes: { ...diffFields(null, created, AUDITED), projects: { before: null, after: resolved.projects.length } },
    });
    return { id: created.id };
  });
}

async function loadWritable(tx: DbOrTx, actor: Actor, id: string) {
  const event = await lockEvent(tx, id);
  if (!event) throw notFound();
  assertObjectInScope(actor, event.unitPath);
  return event;
}

export async function updateEvent(db: Db, actor: Actor, meta: RequestMeta, id: string, input: EventInput & { version: number }) {
  const resolved = await resolveEvent(db, actor, meta, input);
  return db.transaction(async (tx) => {
    const before = await loadWritable(tx, actor, id);
    if (before.version !== input.version) throw conflict({ version: before.version });
    const listed = (await projectsOfEvents(tx, [id])).get(id) ?? [];
    const after = await updateEventRow(tx, id, {
      ...eventValues(input, resolved.kind),
      unitCode: resolved.unit.code,
      unitPath: resolved.unit.path,
      version: before.version + 1,
      updatedAt: clockNow(),
    });
    await writeEventProjects(tx, id, resolved.projects);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'event.update',
      objectType: 'event',
      objectId: id,
      changes: { ...diffFields(before, after, AUDITED), projects: { before: listed.length, after: resolved.projects.length } },
    });
    return { id };
  });
}

export async function deleteEvent(db: Db, actor: Actor, meta: RequestMeta, id: string) {
  await db.transaction(async (tx) => {
    const before = await loadWritable(tx, actor, id);
    const listed = (await projectsOfEvents(tx, [id])).get(id) ?? [];
    await deleteEventRow(tx, id);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'event.delete',
      objectType: 'event',
      objectId: id,
      changes: { ...diffFields(before, null, AUDITED), projects: { before: listed.length, after: null } },
    });
  });
}
