// 外出招商 / 来访接待 and 市外招商时间: routes only — validation, policy, a call, the presenter.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { STAFF_POST_LABELS } from '../../shared/staff/posts.ts';
import { TRIP_KIND_LABELS, TRIP_KINDS, TRIP_STATUS_LABELS, TRIP_STATUSES } from '../../shared/staff/trips.ts';
import { outOfCitySchema, postSetSchema, teamSchema, tripCreatedSchema, tripSchema, tripsResponse } from '../../shared/api/trips.ts';
import { monthEnd } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import type { Stage } from '../../shared/projects/stages.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../http/actor.ts';
import { hiddenObject, notFound } from '../http/errors.ts';
import { addSheet, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { projectsBriefByIds } from '../projects/repository.ts';
import { readSettings } from '../settings/repository.ts';
import { scopePathFor } from '../units/repository.ts';
import { activeUsersByUsernames, teamWithin } from '../users/repository.ts';
import { isWithin } from '../../shared/units.ts';
import {
  addTripPhoto,
  createTrip,
  deleteTrip,
  deleteTripPhoto,
  postBody,
  reviewBody,
  reviewTrip,
  setPost,
  tripBody,
  updateTrip,
} from './commands.ts';
import { receiveFile, uploadPolicy } from '../http/upload.ts';
import { presentTrip, presentTripSummary } from './presenter.ts';
import { monthsOf, outOfCity } from './queries.ts';
import {
  findTrip,
  listTrips,
  peopleOfTrips,
  photoOf,
  photosOfTrip,
  postsOf,
  projectIdsOfTrip,
  tripsInBatches,
  visitsOfTrip,
  type TripFilter,
} from './repository.ts';

const idParam = z.object({ id: z.uuid() });
const unitCode = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const listQuery = z.object({
  unit: unitCode,
  user: z.string().trim().max(60).optional(),
  month: month.optional(),
  kind: z.enum(TRIP_KINDS).optional(),
  status: z.enum(TRIP_STATUSES).optional(),
  /** a period instead of a month (the trips overlapping it), as the scoreboard links it */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** only those that count (approved ones when ⚙ approval is on, else all but returned) */
  counted: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const outOfCityQuery = z.object({ unit: unitCode, month: month.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

async function filterOf(db: Db, actor: Actor, query: z.infer<typeof listQuery>): Promise<TripFilter | null> {
  const scopePath = await scopePathFor(db, actor, query.unit);
  let userId: string | undefined;
  if (query.user) {
    const [user] = await activeUsersByUsernames(db, [query.user]);
    if (!user) return null; // nobody of that name: no trips
    userId = user.id;
  }
  const approvedOnly = query.counted === 'true' && (await readSettings(db, ['staff.tripApproval']))['staff.tripApproval'] === 'on';
  return {
    scopePath,
    kind: query.kind,
    status: query.status,
    userId,
    month: query.month
      ? { first: `${query.month}-01`, last: monthEnd(query.month) }
      : query.from || query.to
        ? { first: query.from ?? '1900-01-01', last: query.to ?? '2999-12-31' }
        : undefined,
    countedOnly: query.counted === 'true' ? { approvedOnly } : undefined,
  };
}

/** A trip is read by its unit and the units above it. */
async function readableTrip(db: Db, actor: Actor, id: string) {
  const found = await findTrip(db, id);
  if (!found) throw notFound();
  if (!isWithin(found.trip.unitPath, actor.unitPath)) throw hiddenObject();
  return found;
}

/** The period asked: a month, else a year, else this month. */
const periodOf = (query: z.infer<typeof outOfCityQuery>, today: string) =>
  query.month ? { month: query.month } : query.year ? { year: query.year } : { month: today.slice(0, 7) };

export function registerTripRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/trips',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: tripsResponse }, tags: ['staff'], summary: '外出招商与来访接待记录', querystring: listQuery },
    },
    async (request) => {
      const actor = requireActor(request);
      const filter = await filterOf(db, actor, request.query);
      if (!filter) return { total: 0, items: [] };
      const { rows, total } = await listTrips(db, filter, request.query);
      const people = await peopleOfTrips(
        db,
        rows.map((r) => r.trip.id),
      );
      return { total, items: rows.map((r) => presentTripSummary(r.trip, r.unitName, people.get(r.trip.id) ?? [])) };
    },
  );

  app.get(
    '/api/v1/trips/export',
    {
      config: { access: 'business:export' },
      schema: { tags: ['staff'], summary: '导出外出招商与来访接待记录（xlsx）', querystring: listQuery },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const filter = await filterOf(db, actor, request.query);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      type Row = ReturnType<typeof presentTripSummary> & { n: number };
      const rows: Row[] = [];
      if (filter)
        for await (const batch of tripsInBatches(db, filter)) {
          const people = await peopleOfTrips(
            db,
            batch.map((r) => r.trip.id),
          );
          for (const r of batch) rows.push({ ...presentTripSummary(r.trip, r.unitName, people.get(r.trip.id) ?? []), n: rows.length + 1 });
        }
      const workbook = new ExcelJS.Workbook();
      addSheet<Row>(
        workbook,
        zh ? '外出招商' : 'Trips',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (r) => r.n },
          { header: zh ? '类型' : 'Kind', width: 10, value: (r) => TRIP_KIND_LABELS[r.kind][lang] },
          { header: zh ? '人员' : 'People', width: 24, value: (r) => r.people.map((p) => p.displayName).join('、') },
          { header: zh ? '单位' : 'Unit', value: (r) => r.unitName },
          { header: zh ? '开始日期' : 'From', width: 12, value: (r) => r.from },
          { header: zh ? '结束日期' : 'To', width: 12, value: (r) => r.to },
          { header: zh ? '天数' : 'Days', width: 6, value: (r) => r.days },
          { header: zh ? '目的地' : 'Destination', value: (r) => r.destination },
          { header: zh ? '事由' : 'Purpose', width: 30, value: (r) => r.purpose },
          { header: zh ? '成效' : 'Results', width: 30, value: (r) => r.results },
          { header: zh ? '状态' : 'Status', width: 8, value: (r) => TRIP_STATUS_LABELS[r.status][lang] },
        ],
        rows,
      );
      return sendWorkbook(reply, zh ? '外出招商.xlsx' : 'trips.xlsx', workbook);
    },
  );

  app.get(
    '/api/v1/trips/:id',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: tripSchema }, tags: ['staff'], summary: '一次外出招商或来访接待', params: idParam },
    },
    async (request) => {
      const { trip, unitName } = await readableTrip(db, requireActor(request), request.params.id);
      const [people, visits, projectIds, settings, photos] = await Promise.all([
        peopleOfTrips(db, [trip.id]),
        visitsOfTrip(db, trip.id),
        projectIdsOfTrip(db, trip.id),
        readSettings(db, ['staff.tripApproval']),
        photosOfTrip(db, trip.id),
      ]);
      const projects = await projectsBriefByIds(db, projectIds);
      return presentTrip(
        trip,
        unitName,
        people.get(trip.id) ?? [],
        visits,
        [...projects.values()].map((p) => ({ code: p.code, name: p.name, stage: p.stage as Stage })),
        settings['staff.tripApproval'] === 'on',
        photos,
      );
    },
  );

  app.post(
    '/api/v1/trips',
    {
      config: { access: 'business:write' },
      schema: { response: { 201: tripCreatedSchema }, tags: ['staff'], summary: '填报外出招商或来访接待', body: tripBody },
    },
    async (request, reply) => reply.status(201).send(await createTrip(db, requireActor(request), request.meta, request.body)),
  );

  app.put(
    '/api/v1/trips/:id',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: tripCreatedSchema },
        tags: ['staff'],
        summary: '修改外出招商记录（已审核的退回待审）',
        params: idParam,
        body: tripBody.extend({ version: z.number().int() }),
      },
    },
    async (request) => updateTrip(db, requireActor(request), request.meta, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/trips/:id',
    { config: { access: 'business:delete' }, schema: { tags: ['staff'], summary: '删除外出招商记录', params: idParam } },
    async (request, reply) => {
      await deleteTrip(db, requireActor(request), request.meta, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/trips/:id/review',
    {
      config: { access: 'business:review' },
      schema: {
        response: { 200: tripCreatedSchema },
        tags: ['staff'],
        summary: '审核外出招商记录（通过或退回）',
        params: idParam,
        body: reviewBody,
      },
    },
    async (request) => reviewTrip(db, requireActor(request), request.meta, request.params.id, request.body),
  );

  app.post(
    '/api/v1/trips/:id/photos',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 201: tripCreatedSchema },
        tags: ['staff'],
        summary: '上传外出招商或接待照片（multipart 字段 file；JPEG、PNG、WebP、HEIC）',
        params: idParam,
      },
    },
    async (request, reply) => {
      const file = await receiveFile(request, (await uploadPolicy(db, 'attachment')).maxFileBytes);
      const photo = await addTripPhoto(db, requireActor(request), request.meta, request.params.id, {
        filename: file.filename,
        data: file.buffer,
      });
      return reply.status(201).send(photo);
    },
  );

  app.get(
    '/api/v1/trips/:id/photos/:photoId',
    {
      config: { access: 'business:read' },
      schema: { tags: ['staff'], summary: '查看外出招商照片', params: idParam.extend({ photoId: z.uuid() }) },
    },
    async (request, reply) => {
      const { trip } = await readableTrip(db, requireActor(request), request.params.id);
      const photo = await photoOf(db, trip.id, request.params.photoId);
      if (!photo) throw notFound();
      return reply
        .header('content-type', photo.mimeType)
        .header('cache-control', 'private, max-age=86400')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(photo.filename)}`)
        .send(photo.data);
    },
  );

  app.delete(
    '/api/v1/trips/:id/photos/:photoId',
    {
      config: { access: 'business:write' },
      schema: { tags: ['staff'], summary: '删除外出招商照片', params: idParam.extend({ photoId: z.uuid() }) },
    },
    async (request, reply) => {
      await deleteTripPhoto(db, requireActor(request), request.meta, request.params.id, request.params.photoId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/staff/out-of-city',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: outOfCitySchema },
        tags: ['staff'],
        summary: '市外招商时间：每人工作日、在外工作日、占比与岗位要求',
        querystring: outOfCityQuery,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scopePath = await scopePathFor(db, actor, request.query.unit);
      const months = monthsOf(periodOf(request.query, todayIso()));
      const table = await outOfCity(db, scopePath, months);
      return {
        approvedOnly: table.approvedOnly,
        months,
        workdays: table.workdays,
        unknownYears: table.unknownYears,
        // the person by username, as everywhere in the API (the id stays inside)
        items: table.items.map((item) => ({
          username: item.username,
          displayName: item.displayName,
          unitCode: item.unitCode,
          unitName: item.unitName,
          post: item.post,
          workdays: item.workdays,
          daysAway: item.daysAway,
          share: item.share,
          quota: item.quota,
          met: item.met,
          months: item.months,
        })),
      };
    },
  );

  app.get(
    '/api/v1/staff/out-of-city.xlsx',
    {
      config: { access: 'business:export' },
      schema: { tags: ['staff'], summary: '导出市外招商时间表（xlsx）', querystring: outOfCityQuery },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const scopePath = await scopePathFor(db, actor, request.query.unit);
      const period = periodOf(request.query, todayIso());
      const months = monthsOf(period);
      const table = await outOfCity(db, scopePath, months);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      type Row = (typeof table.items)[number] & { n: number };
      const rows: Row[] = table.items.map((item, i) => ({ ...item, n: i + 1 }));
      const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
      const workbook = new ExcelJS.Workbook();
      const sheet = addSheet<Row>(
        workbook,
        zh ? '市外招商时间' : 'Out-of-city time',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (r) => r.n },
          { header: zh ? '姓名' : 'Name', width: 12, value: (r) => r.displayName },
          { header: zh ? '用户名' : 'Username', width: 14, value: (r) => r.username },
          { header: zh ? '单位' : 'Unit', width: 20, value: (r) => r.unitName },
          { header: zh ? '岗位' : 'Post', width: 16, value: (r) => (r.post ? STAFF_POST_LABELS[r.post][lang] : null) },
          { header: zh ? '工作日' : 'Working days', width: 10, value: (r) => r.workdays },
          { header: zh ? '市外工作日' : 'Days away', width: 10, value: (r) => r.daysAway },
          { header: zh ? '占比(%)' : 'Share (%)', width: 10, value: (r) => pct(r.share) },
          { header: zh ? '要求(%)' : 'Quota (%)', width: 10, value: (r) => pct(r.quota) },
          {
            header: zh ? '是否达标' : 'Met',
            width: 10,
            value: (r) => (r.met === null ? null : r.met ? (zh ? '达标' : 'met') : zh ? '未达标' : 'missed'),
          },
        ],
        rows,
      );
      // red where a quota is missed, as the table on screen
      rows.forEach((row, i) => {
        if (row.met === false) sheet.getRow(i + 2).font = { color: { argb: 'FFCF1322' } };
      });
      const label = 'month' in period ? period.month : String(period.year);
      return sendWorkbook(reply, zh ? `市外招商时间-${label}.xlsx` : `out-of-city-${label}.xlsx`, workbook);
    },
  );

  app.get(
    '/api/v1/staff/team',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: teamSchema },
        tags: ['staff'],
        summary: '招商队伍：本单位及下级单位的业务人员与岗位',
        querystring: z.object({ unit: unitCode }),
      },
    },
    async (request) => {
      const scopePath = await scopePathFor(db, requireActor(request), request.query.unit);
      const team = await teamWithin(db, scopePath);
      const posts = await postsOf(
        db,
        team.map((u) => u.id),
      );
      return {
        items: team.map((u) => ({
          username: u.username,
          displayName: u.displayName,
          unitCode: u.unitCode,
          unitName: u.unitName,
          post: posts.get(u.id) ?? null,
        })),
      };
    },
  );

  app.put(
    '/api/v1/staff/:username/post',
    {
      config: { access: 'business:review' },
      schema: {
        response: { 200: postSetSchema },
        tags: ['staff'],
        summary: '设置人员岗位（决定市外招商时间要求）',
        params: z.object({ username: z.string().trim().min(1).max(60) }),
        body: postBody,
      },
    },
    async (request) => setPost(db, requireActor(request), request.meta, request.params.username, request.body.post),
  );
}
