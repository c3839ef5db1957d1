import { z } from 'zod';
import { todayIso } from '../../shared/projects/dates.ts';
import { isPeriodKey } from '../../shared/league/score.ts';
import type { Db } from '../db/client.ts';
import { AppError, notFound } from '../http/errors.ts';
import { attachmentHeader } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { findUnit, scopePathFor } from '../units/repository.ts';
import { schemeBody, unitCode } from '../../shared/api/league.ts';
import { addAdjustment, createScheme, deleteAdjustment, updateScheme } from './commands.ts';
import { tableWorkbook } from './excel.ts';
import { presentScheme } from './presenter.ts';
import { checkScheme, findAdjustment, leagueHistory, leagueTable, listSchemes, periodAdjustments, schemeFor } from './queries.ts';
import { findChildUnit } from '../units/repository.ts';
import {
  leagueSchemesByIdAdjustmentsPostResponse,
  leagueSchemesByIdHistoryResponse,
  leagueSchemesByIdStandingsResponse,
  leagueSchemesResponse,
  schemeSchema,
} from '../../shared/api/league.ts';

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  period: z.string().max(10).optional(),
  asOf: z.iso.date().optional(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });

export function registerLeagueRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/league/schemes',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: leagueSchemesResponse },
        tags: ['league'],
        summary: '擂台赛方案（某单位组织的）',
        querystring: z.object({ unit: unitCode.optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      await scopePathFor(db, actor, code);
      const rows = await listSchemes(db, code);
      return { items: rows.map(presentScheme) };
    },
  );

  app.post(
    '/api/v1/league/schemes',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 201: schemeSchema },
        tags: ['league'],
        summary: '新建擂台赛方案：指标、权重、完成率封顶、组别（I类/II类）、按月或按季',
        body: schemeBody,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      await scopePathFor(db, actor, request.body.unit);
      if (!(await findUnit(db, request.body.unit))) throw notFound();
      await checkScheme(db, request.body, zh);
      const row = await createScheme(db, actor, request.meta, request.body);
      return reply.status(201).send(presentScheme(row));
    },
  );

  app.put(
    '/api/v1/league/schemes/:id',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: schemeSchema },
        tags: ['league'],
        summary: '修改擂台赛方案（version 防止覆盖他人修改）',
        params: idParams,
        body: schemeBody.extend({ version: z.number().int() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const before = await schemeFor(db, actor, request.params.id);
      const { version, unit, ...rest } = request.body;
      if (unit !== before.unitCode)
        throw new AppError('VALIDATION', { detail: zh ? '方案的组织单位不能更改' : 'the organizing unit cannot change' });
      await checkScheme(db, request.body, zh);
      const row = await updateScheme(db, actor, request.meta, before, version, rest);
      return presentScheme(row);
    },
  );

  app.get(
    '/api/v1/league/schemes/:id/standings',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: leagueSchemesByIdStandingsResponse },
        tags: ['league'],
        summary: '擂台赛某期排名（累计至期末；含得分明细、加减分、名次升降）',
        params: idParams,
        querystring: query,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scheme = await schemeFor(db, actor, request.params.id);
      const asOf = request.query.asOf ?? todayIso();
      const year = request.query.year ?? Number(asOf.slice(0, 4));
      const table = await leagueTable(db, scheme, year, asOf, request.query.period, request.meta.lang === 'zh');
      const adjustments = await periodAdjustments(db, scheme.id, table.period.key);
      return {
        scheme: presentScheme(scheme),
        year,
        period: table.period,
        periods: table.periods.map((p) => p.key),
        rows: table.rows,
        adjustments: adjustments.map((a) => ({
          id: a.id,
          unit: a.unitCode,
          period: a.period,
          points: a.points,
          reason: a.reason,
          createdBy: a.createdBy,
        })),
      };
    },
  );

  app.get(
    '/api/v1/league/schemes/:id/history',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: leagueSchemesByIdHistoryResponse },
        tags: ['league'],
        summary: '擂台赛历次排名（各期名次与总分）',
        params: idParams,
        querystring: query.omit({ period: true }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scheme = await schemeFor(db, actor, request.params.id);
      const asOf = request.query.asOf ?? todayIso();
      const year = request.query.year ?? Number(asOf.slice(0, 4));
      const { periods, tables } = await leagueHistory(db, scheme, year, asOf);
      const last = tables[tables.length - 1] ?? [];
      return {
        periods: periods.map((p) => p.key),
        units: last.map((row) => ({
          code: row.unitCode,
          name: row.unitName,
          group: row.group,
          ranks: tables.map((t) => t.find((r) => r.unitCode === row.unitCode)?.rank ?? null),
          totals: tables.map((t) => t.find((r) => r.unitCode === row.unitCode)?.total ?? null),
        })),
      };
    },
  );

  app.get(
    '/api/v1/league/schemes/:id/standings.xlsx',
    {
      config: { access: 'business:export' },
      schema: { tags: ['league'], summary: '导出擂台赛某期排名（xlsx）', params: idParams, querystring: query },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const scheme = await schemeFor(db, actor, request.params.id);
      const asOf = request.query.asOf ?? todayIso();
      const year = request.query.year ?? Number(asOf.slice(0, 4));
      const table = await leagueTable(db, scheme, year, asOf, request.query.period, zh);
      const buffer = await tableWorkbook(scheme, table, zh).xlsx.writeBuffer();
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(`${scheme.name}-${table.period.key}.xlsx`))
        .send(Buffer.from(buffer as ArrayBuffer));
    },
  );

  app.post(
    '/api/v1/league/schemes/:id/adjustments',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 201: leagueSchemesByIdAdjustmentsPostResponse },
        tags: ['league'],
        summary: '加分 / 扣分（某单位某期，注明原因）',
        params: idParams,
        body: z.object({
          unit: unitCode,
          period: z.string().max(10),
          points: z
            .number()
            .min(-100)
            .max(100)
            .refine((v) => v !== 0),
          reason: z.string().trim().min(1).max(200),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const scheme = await schemeFor(db, actor, request.params.id);
      const { unit, period, points, reason } = request.body;
      if (!isPeriodKey(scheme.periodKind as 'month' | 'quarter', period))
        throw new AppError('VALIDATION', {
          detail: zh
            ? `期间格式应为 ${scheme.periodKind === 'month' ? '2026-09' : '2026-Q3'}`
            : `period must look like ${scheme.periodKind === 'month' ? '2026-09' : '2026-Q3'}`,
        });
      const child = await findChildUnit(db, scheme.unitCode, unit);
      if (!child)
        throw new AppError('VALIDATION', { detail: zh ? `单位 ${unit} 不是参赛单位` : `unit ${unit} does not compete in this scheme` });
      const row = await addAdjustment(db, actor, request.meta, scheme.id, { unit, period, points, reason });
      return reply.status(201).send({ id: row.id, unit, period, points, reason });
    },
  );

  app.delete(
    '/api/v1/league/adjustments/:id',
    { config: { access: 'business:write' }, schema: { tags: ['league'], summary: '撤销一条加减分', params: idParams } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await findAdjustment(db, request.params.id);
      if (!row) throw notFound();
      await schemeFor(db, actor, row.schemeId);
      await deleteAdjustment(db, actor, request.meta, row);
      return reply.status(204).send();
    },
  );
}
