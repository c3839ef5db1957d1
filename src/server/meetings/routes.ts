import { z } from 'zod';
import { type Db } from '../db/client.ts';
import { inScope } from '../http/actor.ts';
import { AppError, notFound, outOfScope } from '../http/errors.ts';
import ExcelJS from 'exceljs';
import { todayIso } from '../../shared/projects/dates.ts';
import { addListSheet, attachmentHeader, sendWorkbook, exportedAt } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { findUnit, scopePathFor } from '../units/repository.ts';
import { agendaFilter, meetingDetails, meetingIdParams } from '../../shared/api/meetings.ts';
import { createMeeting, recordDecision, updateMeeting } from './commands.ts';
import { minutesDocx } from './minutes.ts';
import { presentMeeting } from './presenter.ts';
import { agendaOf, agendaProjects, listMeetings, meetingFor } from './queries.ts';
import { meetingsByIdItemsByCodePutResponse, meetingDetailSchema, meetingSchema, meetingsResponse } from '../../shared/api/meetings.ts';

export function registerMeetingRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/meetings',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: meetingsResponse },
        tags: ['meetings'],
        summary: '调度会列表（本单位及下级）',
        querystring: z.object({ unit: z.string().max(15).optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const path = await scopePathFor(db, actor, request.query.unit);
      const rows = await listMeetings(db, path);
      return { items: rows.map((r) => ({ ...presentMeeting(r.meeting, r.unitName), items: r.items })) };
    },
  );

  app.get(
    '/api/v1/meetings/export',
    {
      config: { access: 'business:export' },
      schema: {
        tags: ['meetings'],
        summary: '导出调度会列表（Excel：标题、序号、合计）',
        querystring: z.object({ unit: z.string().max(15).optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      const path = await scopePathFor(db, actor, code);
      const [rows, unit] = await Promise.all([listMeetings(db, path), findUnit(db, code)]);
      const zh = request.meta.lang === 'zh';
      const workbook = new ExcelJS.Workbook();
      addListSheet(workbook, zh ? '调度会' : 'Meetings', {
        lang: request.meta.lang,
        title: zh ? `${unit?.name ?? ''}项目调度会` : `Scheduling meetings · ${unit?.name ?? ''}`,
        subtitle: zh ? `${exportedAt('zh')}` : `${exportedAt('en')}`,
        rows,
        columns: [
          { header: zh ? '会议日期' : 'Held on', width: 12, value: (r) => r.meeting.heldOn },
          { header: zh ? '会议名称' : 'Meeting', width: 36, value: (r) => r.meeting.title },
          { header: zh ? '召开单位' : 'Unit', width: 16, value: (r) => r.unitName },
          { header: zh ? '地点' : 'Place', width: 20, value: (r) => r.meeting.location },
          { header: zh ? '主持' : 'Chair', width: 12, value: (r) => r.meeting.chair },
          { header: zh ? '议题(个)' : 'Agenda items', width: 10, value: (r) => r.items, sum: true },
        ],
      });
      return sendWorkbook(reply, `${zh ? '调度会' : 'meetings'}-${todayIso()}.xlsx`, workbook);
    },
  );

  app.post(
    '/api/v1/meetings',
    {
      config: { access: ['business:write', 'business:review'] },
      schema: {
        response: { 201: meetingSchema },
        tags: ['meetings'],
        summary: '新建调度会：议程按筛选条件生成（如某园区的在谈、在手、在建项目，或某领导挂钩的项目）',
        body: meetingDetails.extend({ unit: z.string().regex(/^\d{6,15}$/), agenda: agendaFilter }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { unit: code, agenda: filter, ...rest } = request.body;
      const unit = await findUnit(db, code);
      if (!unit) throw notFound();
      if (!inScope(actor, unit.path)) throw outOfScope();
      const scope = filter.unit ? await findUnit(db, filter.unit) : unit;
      if (!scope) throw notFound();
      if (!scope.path.startsWith(unit.path))
        throw new AppError('VALIDATION', {
          detail: request.meta.lang === 'zh' ? '议程范围须在会议单位之内' : 'the agenda scope must be within the meeting’s unit',
        });
      const ids = await agendaProjects(db, scope.path, filter);
      const row = await createMeeting(db, actor, request.meta, unit, { ...rest, filter }, ids);
      return reply.status(201).send(presentMeeting(row, unit.name));
    },
  );

  app.get(
    '/api/v1/meetings/:id',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: meetingDetailSchema },
        tags: ['meetings'],
        summary: '调度会：议程（逐个项目的关键信息、计划与实际、未销号问题、以往议定事项）',
        params: meetingIdParams,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await meetingFor(db, actor, request.params.id);
      const unit = await findUnit(db, row.unitCode);
      return { ...presentMeeting(row, unit?.name ?? row.unitCode), agenda: await agendaOf(db, row) };
    },
  );

  app.put(
    '/api/v1/meetings/:id',
    {
      config: { access: ['business:write', 'business:review'] },
      schema: {
        response: { 200: meetingDetailSchema },
        tags: ['meetings'],
        summary: '修改会议信息与议程顺序（projectCodes 为新的顺序，可增删）',
        params: meetingIdParams,
        body: meetingDetails.extend({
          version: z.number().int(),
          notes: z.string().max(5000).nullish(),
          projectCodes: z.array(z.string().max(40)).max(300).optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const before = await meetingFor(db, actor, request.params.id);
      const row = await updateMeeting(db, actor, request.meta, before, request.body);
      const unit = await findUnit(db, row.unitCode);
      return { ...presentMeeting(row, unit?.name ?? row.unitCode), agenda: await agendaOf(db, row) };
    },
  );

  app.put(
    '/api/v1/meetings/:id/items/:code',
    {
      config: { access: ['business:write', 'business:review'] },
      schema: {
        response: { 200: meetingsByIdItemsByCodePutResponse },
        tags: ['meetings'],
        summary: '记录会议对某项目的议定事项',
        params: z.object({ id: z.coerce.number().int().positive(), code: z.string().max(40) }),
        body: z.object({ decision: z.string().max(5000).nullable() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const meeting = await meetingFor(db, actor, request.params.id);
      return recordDecision(db, actor, request.meta, meeting, request.params.code, request.body.decision);
    },
  );

  app.get(
    '/api/v1/meetings/:id/minutes.docx',
    { config: { access: 'business:read' }, schema: { tags: ['meetings'], summary: '会议纪要（Word，公文格式）', params: meetingIdParams } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await meetingFor(db, actor, request.params.id);
      const unit = await findUnit(db, row.unitCode);
      const buffer = await minutesDocx(row, unit?.name ?? row.unitCode, await agendaOf(db, row));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', attachmentHeader(`${row.title}会议纪要.docx`))
        .send(buffer);
    },
  );
}
