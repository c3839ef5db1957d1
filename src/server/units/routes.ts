import ExcelJS from 'exceljs';
import { z } from 'zod';
import { UNIT_KIND_LABELS, UNIT_LEVEL_LABELS, UNIT_LEVELS, type UnitKind, type UnitLevel } from '../../shared/units.ts';
import { unitDetailSchema, unitListSchema, unitOverviewSchema, unitSchema } from '../../shared/api/units.ts';
import type { Db } from '../db/client.ts';
import { appendAuditSoon, subjectOf } from '../audit/recorder.ts';
import { assertInScope } from '../http/actor.ts';
import { notFound } from '../http/errors.ts';
import { addSheet, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { createUnit, deleteUnit, updateUnit } from './commands.ts';
import { presentUnit } from './presenter.ts';
import { findUnit, listUnits, subtreeCounts, unitUsage } from './repository.ts';

const codeParam = z.object({ code: z.string().regex(/^\d{6,15}$/) });
const listQuery = z.object({
  parent: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  level: z.enum(UNIT_LEVELS).optional(),
  q: z.string().max(50).optional(),
  includeInactive: z.coerce.boolean().optional(),
});

export function registerUnitRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/units',
    {
      config: { access: 'org:read' },
      schema: { response: { 200: unitListSchema }, tags: ['units'], summary: '单位列表（本人管辖范围内）', querystring: listQuery },
    },
    async (request) => {
      const actor = requireActor(request);
      const q = request.query;
      const rows = await listUnits(db, {
        scopePath: actor.unitPath,
        parentCode: q.parent,
        level: q.level,
        q: q.q,
        includeInactive: q.includeInactive,
      });
      return { items: rows.map(presentUnit), rootCode: actor.unitCode };
    },
  );

  app.get(
    '/api/v1/units/export',
    { config: { access: 'org:export' }, schema: { tags: ['units'], summary: '导出单位（xlsx）' } },
    async (request, reply) => {
      const actor = requireActor(request);
      const rows = await listUnits(db, { scopePath: actor.unitPath, includeInactive: true });
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const workbook = new ExcelJS.Workbook();
      addSheet(
        workbook,
        zh ? '单位' : 'Units',
        [
          { header: zh ? '单位编码' : 'Code', value: (u) => u.code },
          { header: zh ? '单位名称' : 'Name', width: 30, value: (u) => u.name },
          { header: zh ? '简称' : 'Short name', value: (u) => u.shortName },
          { header: zh ? '层级' : 'Level', value: (u) => UNIT_LEVEL_LABELS[u.level as UnitLevel]?.[lang] ?? u.level },
          { header: zh ? '类型' : 'Kind', value: (u) => UNIT_KIND_LABELS[u.kind as UnitKind]?.[lang] ?? u.kind },
          { header: zh ? '上级编码' : 'Parent code', value: (u) => u.parentCode },
          { header: zh ? '状态' : 'Status', value: (u) => (u.active ? (zh ? '启用' : 'active') : zh ? '停用' : 'inactive') },
        ],
        rows,
      );
      await appendAuditSoon(db, subjectOf(actor), request.meta, {
        action: 'unit.export',
        objectType: 'unit',
        objectId: actor.unitCode,
        detail: `${rows.length} rows`,
      });
      return sendWorkbook(reply, zh ? '单位.xlsx' : 'units.xlsx', workbook);
    },
  );

  app.get(
    '/api/v1/units/:code',
    {
      config: { access: 'org:read' },
      schema: { response: { 200: unitDetailSchema }, tags: ['units'], summary: '单位详情', params: codeParam },
    },
    async (request) => {
      const actor = requireActor(request);
      const unit = await findUnit(db, request.params.code);
      if (!unit) throw notFound();
      assertInScope(actor, unit.path);
      const parent = unit.parentCode ? await findUnit(db, unit.parentCode) : undefined;
      return { ...presentUnit(unit), parentName: parent?.name ?? null, usage: await unitUsage(db, unit.code) };
    },
  );

  app.get(
    '/api/v1/units/:code/overview',
    {
      config: { access: 'org:read' },
      schema: { response: { 200: unitOverviewSchema }, tags: ['units'], summary: '单位概况：下级单位、部门、用户数', params: codeParam },
    },
    async (request) => {
      const actor = requireActor(request);
      const unit = await findUnit(db, request.params.code);
      if (!unit) throw notFound();
      assertInScope(actor, unit.path);
      const children = await listUnits(db, { scopePath: unit.path, parentCode: unit.code });
      return { unit: presentUnit(unit), counts: await subtreeCounts(db, unit.path), children: children.map(presentUnit) };
    },
  );

  app.post(
    '/api/v1/units',
    {
      config: { access: 'org:write' },
      schema: {
        response: { 201: unitSchema },
        tags: ['units'],
        summary: '新增园区或镇(街道)',
        body: z.object({
          parentCode: z.string().regex(/^\d{6,15}$/),
          level: z.enum(['park', 'town']),
          kind: z.string().min(1).max(40),
          name: z.string().trim().min(2).max(60),
          shortName: z.string().trim().max(30).optional(),
          code: z
            .string()
            .regex(/^\d{9,15}$/)
            .optional(),
        }),
      },
    },
    async (request, reply) => {
      const unit = await createUnit(db, requireActor(request), request.meta, request.body);
      return reply.status(201).send(presentUnit(unit));
    },
  );

  app.patch(
    '/api/v1/units/:code',
    {
      config: { access: 'org:write' },
      schema: {
        response: { 200: unitSchema },
        tags: ['units'],
        summary: '修改单位',
        params: codeParam,
        body: z.object({
          version: z.number().int(),
          name: z.string().trim().min(2).max(60).optional(),
          shortName: z.string().trim().min(1).max(30).optional(),
          kind: z.string().max(40).optional(),
          active: z.boolean().optional(),
        }),
      },
    },
    async (request) => presentUnit(await updateUnit(db, requireActor(request), request.meta, request.params.code, request.body)),
  );

  app.delete(
    '/api/v1/units/:code',
    {
      config: { access: 'org:delete' },
      schema: { tags: ['units'], summary: '删除单位（仅限无下级、无部门、无用户的自建单位）', params: codeParam },
    },
    async (request, reply) => {
      await deleteUnit(db, requireActor(request), request.meta, request.params.code);
      return reply.status(204).send();
    },
  );
}
