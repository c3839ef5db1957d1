// 外出招商 / 来访接待 and 岗位: each write in one transaction with its audit row. A trip names its people (the leader
// first, all within the submitter's scope), is kept by the leader's unit, and counts toward their out-of-city time.
import { z } from 'zod';
import { clockNow, daysBetween } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { STAFF_POST_LABELS, STAFF_POSTS, type StaffPost } from '../../shared/staff/posts.ts';
import { imageTypeOf } from '../../shared/images.ts';
import { isWithin } from '../../shared/units.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import { companiesMatching } from '../companies/repository.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { assertObjectInScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { findProjectByCode } from '../projects/repository.ts';
import { readSettings } from '../settings/repository.ts';
import { activeUsersByUsernames } from '../users/repository.ts';
import {
  AUDITED,
  countPhotos,
  deletePhotoRow,
  deleteTripRow,
  insertPhoto,
  insertTrip,
  lockTrip,
  projectIdsOfTrip,
  updateTripRow,
  writePost,
  writeTripDetails,
  type TripRow,
} from './repository.ts';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max: number) => z.string().trim().max(max).nullish();
export const tripBody = z.object({
  kind: z.enum(['trip', 'reception']).optional(),
  people: z.array(z.string().trim().min(1).max(60)).min(1).max(30),
  from: isoDay,
  to: isoDay,
  destination: z.string().trim().min(1).max(100),
  abroad: z.boolean().optional(),
  purpose: z.string().trim().min(1).max(1000),
  visitors: text(500),
  visits: z
    .array(z.object({ company: z.string().trim().min(1).max(200), summary: text(2000) }))
    .max(50)
    .optional(),
  results: text(2000),
  nextSteps: text(1000),
  projectCodes: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
});
export type TripInput = z.infer<typeof tripBody>;
export const reviewBody = z.object({ action: z.enum(['approve', 'return']), note: text(500) });
export const postBody = z.object({ post: z.string().trim().max(20).nullable() });

/** The longest trip taken as one record: a stay longer than this is several trips, or a posting (驻点), not a trip. */
const MAX_TRIP_DAYS = 92;

const invalid = (detail: string) => new AppError('VALIDATION', { detail });

/** The trip's dates, people, companies and projects checked and resolved; every problem named in the user's language. */
async function resolveTrip(db: DbOrTx, actor: Actor, meta: RequestMeta, input: TripInput) {
  const zh = meta.lang === 'zh';
  if (input.to < input.from) throw invalid(zh ? '结束日期不能早于开始日期' : 'the trip cannot end before it starts');
  if (daysBetween(input.from, input.to) >= MAX_TRIP_DAYS)
    throw invalid(zh ? `单次出行不超过 ${MAX_TRIP_DAYS} 天，请分次填报` : `a trip lasts at most ${MAX_TRIP_DAYS} days; log it as several`);
  if (input.from > todayIso()) throw invalid(zh ? '出行尚未开始，不能填报' : 'a trip is logged once it has started');
  const names = [...new Set(input.people.map((p) => p.toLowerCase()))];
  const found = await activeUsersByUsernames(db, names);
  const byName = new Map(found.map((u) => [u.username, u]));
  const missing = names.filter((n) => !byName.has(n) || !isWithin(byName.get(n)!.unitPath, actor.unitPath));
  if (missing.length)
    throw invalid(zh ? `人员不存在或不在本单位范围内：${missing.join('、')}` : `unknown or out-of-scope people: ${missing.join(', ')}`);
  const people = names.map((n, i) => ({ userId: byName.get(n)!.id, leader: i === 0 }));
  const leader = byName.get(names[0]!)!;

  const visits = input.visits ?? [];
  const known = await companiesMatching(
    db,
    [],
    visits.map((v) => v.company),
  );
  // a company of the register the submitter sees (its own subtree's, or a target kept above): linked; else by name
  const seen = known.filter(
    (c) =>
      isWithin(c.unitPath, actor.unitPath) ||
      (c.kind === 'target' && isWithin(actor.unitPath, c.unitPath)) ||
      (c.assignedUnitPath !== null && isWithin(c.assignedUnitPath, actor.unitPath)),
  );
  const resolvedVisits = visits.map((v) => ({
    companyId: seen.find((c) => c.name === v.company)?.id ?? null,
    companyName: v.company,
    summary: v.summary || null,
  }));

  const projectIds: string[] = [];
  for (const code of new Set(input.projectCodes ?? [])) {
    const project = await findProjectByCode(db, code);
    if (!project || !isWithin(project.unitPath, actor.unitPath))
      throw invalid(zh ? `项目“${code}”不存在或不在本单位范围内` : `no project ${code} in your scope`);
    projectIds.push(project.id);
  }
  return { people, leader, visits: resolvedVisits, projectIds };
}

const tripValues = (input: TripInput) => ({
  kind: input.kind ?? ('trip' as const),
  fromOn: input.from,
  toOn: input.to,
  destination: input.destination,
  abroad: input.abroad ?? false,
  purpose: input.purpose,
  visitors: input.visitors || null,
  results: input.results || null,
  nextSteps: input.nextSteps || null,
});

const detailsAudit = (details: Awaited<ReturnType<typeof resolveTrip>>) => ({
  people: { before: null, after: details.people.length },
  visits: { before: null, after: details.visits.map((v) => v.companyName) },
  projects: { before: null, after: details.projectIds.length },
});

export async function createTrip(db: Db, actor: Actor, meta: RequestMeta, input: TripInput) {
  const details = await resolveTrip(db, actor, meta, input);
  return db.transaction(async (tx) => {
    const created = await insertTrip(tx, {
      ...tripValues(input),
      unitCode: details.leader.unitCode,
      unitPath: details.leader.unitPath,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    await writeTripDetails(tx, created.id, details);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'trip.create',
      objectType: 'trip',
      objectId: created.id,
      changes: { ...diffFields(null, created, AUDITED), ...detailsAudit(details) },
    });
    return { id: created.id };
  });
}

async function loadWritable(tx: DbOrTx, actor: Actor, id: string): Promise<TripRow> {
  const trip = await lockTrip(tx, id);
  if (!trip) throw notFound();
  assertObjectInScope(actor, trip.unitPath);
  return trip;
}

export async function updateTrip(db: Db, actor: Actor, meta: RequestMeta, id: string, input: TripInput & { version: number }) {
  const details = await resolveTrip(db, actor, meta, input);
  return db.transaction(async (tx) => {
    const before = await loadWritable(tx, actor, id);
    if (before.version !== input.version) throw conflict({ version: before.version });
    // an approved trip edited goes back to the reviewer
    const after = await updateTripRow(tx, id, {
      ...tripValues(input),
      unitCode: details.leader.unitCode,
      unitPath: details.leader.unitPath,
      status: 'submitted',
      version: before.version + 1,
      updatedAt: clockNow(),
    });
    await writeTripDetails(tx, id, details);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'trip.update',
      objectType: 'trip',
      objectId: id,
      changes: { ...diffFields(before, after, AUDITED), ...detailsAudit(details) },
    });
    return { id };
  });
}

export async function deleteTrip(db: Db, actor: Actor, meta: RequestMeta, id: string) {
  await db.transaction(async (tx) => {
    const before = await loadWritable(tx, actor, id);
    const projects = await projectIdsOfTrip(tx, id);
    await deleteTripRow(tx, id);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'trip.delete',
      objectType: 'trip',
      objectId: id,
      changes: { ...diffFields(before, null, AUDITED), projects: { before: projects.length, after: null } },
    });
  });
}

/** A reviewer of the trip's unit or above approves it (it counts) or returns it with the reason. */
export async function reviewTrip(db: Db, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof reviewBody>) {
  const zh = meta.lang === 'zh';
  if (input.action === 'return' && !input.note) throw invalid(zh ? '退回须说明原因' : 'say why it is returned');
  const settings = await readSettings(db, ['staff.tripApproval']);
  if (settings['staff.tripApproval'] !== 'on') throw invalid(zh ? '未开启外出招商审核' : 'trip approval is not switched on');
  return db.transaction(async (tx) => {
    const before = await loadWritable(tx, actor, id);
    const after = await updateTripRow(tx, id, {
      status: input.action === 'approve' ? 'approved' : 'returned',
      reviewNote: input.note || null,
      reviewedBy: actor.userId,
      reviewedAt: clockNow(),
      version: before.version + 1,
      updatedAt: clockNow(),
    });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: input.action === 'approve' ? 'trip.approve' : 'trip.return',
      objectType: 'trip',
      objectId: id,
      changes: diffFields(before, after, AUDITED),
    });
    return { id };
  });
}

/** The post a code or its Chinese name means, or null for none. */
export function postOf(value: string | null): StaffPost | null | undefined {
  if (value === null || value === '') return null;
  return STAFF_POSTS.find((p) => p === value || STAFF_POST_LABELS[p].zh === value);
}

/** Sets a person's post (岗位), by a reviewer of their unit or above. */
export async function setPost(db: Db, actor: Actor, meta: RequestMeta, username: string, value: string | null) {
  const zh = meta.lang === 'zh';
  const post = postOf(value);
  if (post === undefined)
    throw invalid(
      zh ? `岗位须为：${STAFF_POSTS.map((p) => STAFF_POST_LABELS[p].zh).join('、')}` : `post: one of ${STAFF_POSTS.join(', ')}`,
    );
  const [user] = await activeUsersByUsernames(db, [username]);
  if (!user) throw notFound();
  assertObjectInScope(actor, user.unitPath);
  return db.transaction(async (tx) => {
    const before = await writePost(tx, user.id, post, clockNow());
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'staff.post',
      objectType: 'user',
      objectId: user.id,
      changes: { post: { before, after: post } },
    });
    return { username: user.username, post };
  });
}

/** The most photos one trip or reception keeps. */
export const MAX_TRIP_PHOTOS = 20;

/** A photo taken on the trip, checked to be one by its bytes, kept with the record. */
export async function addTripPhoto(db: Db, actor: Actor, meta: RequestMeta, id: string, file: { filename: string; data: Buffer }) {
  const type = imageTypeOf(file.data);
  if (!type) throw new AppError('UPLOAD_NOT_IMAGE');
  return db.transaction(async (tx) => {
    await loadWritable(tx, actor, id);
    if ((await countPhotos(tx, id)) >= MAX_TRIP_PHOTOS) throw new AppError('TOO_MANY_PHOTOS', { limit: MAX_TRIP_PHOTOS });
    const photo = await insertPhoto(tx, {
      tripId: id,
      filename: file.filename.slice(0, 200),
      mimeType: type,
      size: file.data.length,
      data: file.data,
      uploadedBy: actor.userId,
    });
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'trip.photo',
      objectType: 'trip',
      objectId: id,
      detail: `${file.filename.slice(0, 200)} (${file.data.length} bytes)`,
    });
    return photo;
  });
}

export async function deleteTripPhoto(db: Db, actor: Actor, meta: RequestMeta, id: string, photoId: string) {
  await db.transaction(async (tx) => {
    await loadWritable(tx, actor, id);
    if (!(await deletePhotoRow(tx, id, photoId))) throw notFound();
    await appendAudit(tx, subjectOf(actor), meta, { action: 'trip.photo.delete', objectType: 'trip', objectId: id, detail: photoId });
  });
}
