// 招商活动 / 集中签约: routes only — validation, policy, a call, the presenter.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { eventCreatedSchema, eventSchema, eventsResponse } from '../../shared/api/events.ts';
import { STAGE_LABELS } from '../../shared/projects/stages.ts';
import { CAPITAL_TYPE_LABELS, type CapitalType } from '../../shared/projects/tiers.ts';
import { EVENT_KIND_LABELS, EVENT_KINDS, eventAnnouncement } from '../../shared/staff/events.ts';
import { isWithin } from '../../shared/units.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../http/actor.ts';
import { hiddenObject, notFound } from '../http/errors.ts';
import { addSheet, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { findProjectByCode, projectLinesByIds } from '../projects/repository.ts';
import { scopePathFor } from '../units/repository.ts';
import { createEvent, deleteEvent, eventBody, updateEvent } from './commands.ts';
import { listedLines, presentEvent, presentEventSummary } from './presenter.ts';
import { findEvent, listEvents, projectsOfEvents, type EventFilter } from './repository.ts';

const idParam = z.object({ id: z.uuid() });
const listQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(EVENT_KINDS).optional(),
  project: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

async function filterOf(db: Db, actor: Actor, query: z.infer<typeof listQuery>): Promise<EventFilter | null> {
  const filter: EventFilter = { scopePath: await scopePathFor(db, actor, query.unit), kind: query.kind, year: query.year };
  if (query.project) {
    const project = await findProjectByCode(db, query.project);
    if (!project) return null;
    filter.projectId = project.id;
  }
  return filter;
}

/** Events with their listed projects (one read of the ledger for the page). */
async function withProjects(db: Db, rows: { event: { id: string } }[]) {
  const listed = await projectsOfEvents(
    db,
    rows.map((r) => r.event.id),
  );
  const lines = await projectLinesByIds(
    db,
    [...listed.values()].flat().map((l) => l.projectId),
  );
  return (id: string) => listedLines(listed.get(id) ?? [], lines);
}

/** An event is read by its unit and the units above it. */
async function readableEvent(db: Db, actor: Actor, id: string) {
  const found = await findEvent(db, id);
  if (!found) throw notFound();
  if (!isWithin(found.event.unitPath, actor.unitPath)) throw hiddenObject();
  return found;
}

export function registerEventRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/events',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: eventsResponse }, tags: ['events'], summary: '招商活动与集中签约', querystring: listQuery },
    },
    async (request) => {
      const filter = await filterOf(db, requireActor(request), request.query);
      if (!filter) return { total: 0, items: [] };
      const { rows, total } = await listEvents(db, filter, request.query);
      const projectsOf = await withProjects(db, rows);
      return { total, items: rows.map((r) => presentEventSummary(r.event, r.unitName, projectsOf(r.event.id))) };
    },
  );

  app.get(
    '/api/v1/events/export',
    {
      config: { access: 'business:export' },
      schema: { tags: ['events'], summary: '导出招商活动清单（xlsx）', querystring: listQuery.omit({ page: true, pageSize: true }) },
    },
    async (request, reply) => {
      const filter = await filterOf(db, requireActor(request), { ...request.query, page: 1, pageSize: 200 });
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      type Row = ReturnType<typeof presentEventSummary> & { n: number };
      const rows: Row[] = [];
      for (let page = 1; filter; page++) {
        const { rows: batch } = await listEvents(db, filter, { page, pageSize: 200 });
        const projectsOf = await withProjects(db, batch);
        for (const r of batch) rows.push({ ...presentEventSummary(r.event, r.unitName, projectsOf(r.event.id)), n: rows.length + 1 });
        if (batch.length < 200) break;
      }
      const workbook = new ExcelJS.Workbook();
      addSheet<Row>(
        workbook,
        zh ? '招商活动' : 'Events',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (r) => r.n },
          { header: zh ? '活动名称' : 'Event', width: 36, value: (r) => r.name },
          { header: zh ? '类型' : 'Kind', width: 12, value: (r) => EVENT_KIND_LABELS[r.kind][lang] },
          { header: zh ? '日期' : 'Date', width: 12, value: (r) => r.on },
          { header: zh ? '地点' : 'Place', width: 20, value: (r) => r.place },
          { header: zh ? '主办单位' : 'Organiser', width: 20, value: (r) => r.organiser },
          { header: zh ? '所属单位' : 'Unit', width: 16, value: (r) => r.unitName },
          { header: zh ? '项目数' : 'Projects', width: 8, value: (r) => r.count },
          { header: zh ? '现场签约' : 'On stage', width: 8, value: (r) => r.onSiteCount },
          { header: zh ? '总投资(亿元)' : 'Investment (100M CNY)', width: 14, value: (r) => round2(r.totalInvestmentWan / 10_000) },
          { header: zh ? '外资项目数' : 'Foreign projects', width: 10, value: (r) => r.foreignCount },
          { header: zh ? '外资总投资(亿美元)' : 'Foreign (100M USD)', width: 16, value: (r) => round2(r.foreignUsdWan / 10_000) },
        ],
        rows,
      );
      return sendWorkbook(reply, zh ? '招商活动.xlsx' : 'events.xlsx', workbook);
    },
  );

  app.get(
    '/api/v1/events/:id',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: eventSchema }, tags: ['events'], summary: '一次招商活动及其签约项目与合计', params: idParam },
    },
    async (request) => {
      const { event, unitName } = await readableEvent(db, requireActor(request), request.params.id);
      const projectsOf = await withProjects(db, [{ event }]);
      return presentEvent(event, unitName, projectsOf(event.id));
    },
  );

  app.get(
    '/api/v1/events/:id/xlsx',
    {
      config: { access: 'business:export' },
      schema: { tags: ['events'], summary: '导出活动签约项目表（xlsx）', params: idParam },
    },
    async (request, reply) => {
      const { event, unitName } = await readableEvent(db, requireActor(request), request.params.id);
      const projectsOf = await withProjects(db, [{ event }]);
      const sheetData = presentEvent(event, unitName, projectsOf(event.id));
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      type Row = (typeof sheetData.projects)[number] & { n: number };
      const rows: Row[] = sheetData.projects.map((p, i) => ({ ...p, n: i + 1 }));
      const workbook = new ExcelJS.Workbook();
      const sheet = addSheet<Row>(
        workbook,
        zh ? '签约项目' : 'Projects',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (r) => r.n },
          { header: zh ? '项目编号' : 'Code', width: 18, value: (r) => r.code },
          { header: zh ? '项目名称' : 'Project', width: 36, value: (r) => r.name },
          { header: zh ? '投资方' : 'Investor', width: 28, value: (r) => r.investorName },
          { header: zh ? '所在地' : 'Unit', width: 14, value: (r) => r.unitName },
          {
            header: zh ? '内外资' : 'Capital',
            width: 10,
            value: (r) => CAPITAL_TYPE_LABELS[r.capitalType as CapitalType]?.[lang] ?? r.capitalType,
          },
          { header: zh ? '总投资(亿元)' : 'Investment (100M CNY)', width: 14, value: (r) => round2(r.totalInvestmentWan / 10_000) },
          {
            header: zh ? '总投资(万美元)' : 'Investment (10k USD)',
            width: 14,
            value: (r) => (r.totalInvestmentUsdWan === null ? null : round2(r.totalInvestmentUsdWan)),
          },
          { header: zh ? '产业链' : 'Chain', width: 14, value: (r) => r.chain },
          { header: zh ? '签约日期' : 'Signed on', width: 12, value: (r) => r.signedOn },
          { header: zh ? '阶段' : 'Stage', width: 10, value: (r) => STAGE_LABELS[r.stage][lang] },
          { header: zh ? '现场签约' : 'On stage', width: 8, value: (r) => (r.onSite ? (zh ? '是' : 'yes') : null) },
        ],
        rows,
      );
      // the title and the announced totals above the table, as the sheet is handed out
      sheet.spliceRows(1, 0, [sheetData.name], [eventAnnouncement(sheetData, lang)], []);
      sheet.getRow(1).font = { bold: true, size: 14 };
      return sendWorkbook(reply, `${sheetData.name.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`, workbook);
    },
  );

  app.post(
    '/api/v1/events',
    {
      config: { access: 'business:write' },
      schema: { response: { 201: eventCreatedSchema }, tags: ['events'], summary: '登记招商活动（集中签约等）', body: eventBody },
    },
    async (request, reply) => reply.status(201).send(await createEvent(db, requireActor(request), request.meta, request.body)),
  );

  app.put(
    '/api/v1/events/:id',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: eventCreatedSchema },
        tags: ['events'],
        summary: '修改招商活动',
        params: idParam,
        body: eventBody.extend({ version: z.number().int() }),
      },
    },
    async (request) => updateEvent(db, requireActor(request), request.meta, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/events/:id',
    { config: { access: 'business:delete' }, schema: { tags: ['events'], summary: '删除招商活动', params: idParam } },
    async (request, reply) => {
      await deleteEvent(db, requireActor(request), request.meta, request.params.id);
      return reply.status(204).send();
    },
  );
}

const round2 = (v: number) => Math.round(v * 100) / 100;
