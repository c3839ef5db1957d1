import { z } from 'zod';
import { isStaffIndicator } from '../../shared/staff/league.ts';
import { PROJECT_LEVELS } from '../../shared/projects/classification.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { cohortRate } from '../../shared/targets/period.ts';
import type { Db } from '../db/client.ts';
import { AppError, notFound } from '../http/errors.ts';
import { requireActor, type App } from '../http/platform.ts';
import { readSettings, readTierLadder } from '../settings/repository.ts';
import { findUnit, scopedUnit, scopePathFor, unitNamesByCodes } from '../units/repository.ts';
import ExcelJS from 'exceljs';
import { addListSheet, exportedAt, sendWorkbook } from '../http/excel.ts';
import { childCodes } from '../units/repository.ts';
import { cohortCounts, constructionCounts, targetsOf } from './queries.ts';
import { createIndicator, saveIndicatorReport, updateIndicator } from './indicatorCommands.ts';
import { definitionValues, findIndicator, indicatorBody, indicatorCatalog, presentIndicator } from './catalog.ts';
import {
  type TargetIssueRow,
  childSumWarnings,
  issueTargets,
  latestIssues,
  listIssues,
  maySetOwnTargets,
  monthsProblem,
  setTargets,
} from './commands.ts';
import { type Milestone } from './drilldown.ts';
import { unitFigures } from './figures.ts';
import { indicatorMatrix, matrixWindow, seriesOf } from './matrix.ts';
import {
  figuresResponse,
  indicatorSchema,
  indicatorsByKeyReportsPutResponse,
  indicatorsByKeyValuesResponse,
  indicatorsResponse,
  ratesCohortResponse,
  ratesConstructionResponse,
  targetsIssuePostResponse,
  targetsIssuesResponse,
  targetsProfileResponse,
  targetsPutResponse,
  targetsResponse,
} from '../../shared/api/targets.ts';

const unitCode = z.string().regex(/^\d{6,15}$/);
const year = z.coerce.number().int().min(2000).max(2100);
const isoDate = z.iso.date();

export function registerTargetRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/indicators',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: indicatorsResponse },
        tags: ['targets'],
        summary: '指标目录（内置指标与自定义指标；includeArchived=true 含已停用）',
        querystring: z.object({ includeArchived: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request) => ({
      items: (
        await indicatorCatalog(db, {
          includeArchived: request.query.includeArchived === 'true',
          viewerPath: requireActor(request).unitPath,
        })
      ).map(presentIndicator),
    }),
  );

  app.get(
    '/api/v1/indicators.xlsx',
    {
      config: { access: 'business:export' },
      schema: { tags: ['targets'], summary: '导出指标目录（Excel：标题、序号、合计）' },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const items = (await indicatorCatalog(db, { includeArchived: true, viewerPath: actor.unitPath })).map(presentIndicator);
      const names = await unitNamesByCodes(
        db,
        items.map((i) => i.ownerUnit).filter((c): c is string => Boolean(c)),
      );
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const workbook = new ExcelJS.Workbook();
      addListSheet(workbook, zh ? '指标目录' : 'Indicators', {
        lang,
        title: zh ? '指标目录' : 'Indicator catalog',
        subtitle: exportedAt(lang),
        rows: items,
        columns: [
          { header: zh ? '指标名称' : 'Indicator', width: 30, value: (i) => i.label[lang] },
          { header: zh ? '指标代码' : 'Key', width: 26, value: (i) => i.key },
          {
            header: zh ? '计算方式' : 'How',
            width: 12,
            value: (i) => (i.kind === 'computed' ? (zh ? '台账计算' : 'From the ledger') : zh ? '按月填报' : 'Reported'),
          },
          { header: zh ? '计量单位' : 'Unit', width: 10, value: (i) => i.unit[lang] },
          {
            header: zh ? '来源' : 'Source',
            width: 16,
            value: (i) => (i.builtIn ? (zh ? '内置' : 'Built in') : (names.get(i.ownerUnit ?? '') ?? i.ownerUnit)),
          },
          { header: zh ? '状态' : 'State', width: 8, value: (i) => (i.archived ? (zh ? '已停用' : 'Archived') : zh ? '在用' : 'In use') },
        ],
      });
      return sendWorkbook(reply, `${zh ? '指标目录' : 'indicators'}-${todayIso()}.xlsx`, workbook);
    },
  );

  app.post(
    '/api/v1/indicators',
    {
      config: { access: 'business:review' },
      schema: {
        response: { 201: indicatorSchema },
        tags: ['targets'],
        summary: '新增自定义指标：计算类（台账筛选 + 计数或合计，按某里程碑日期计入期间）或填报类',
        body: indicatorBody.extend({ key: z.string().regex(/^[a-z][a-z0-9_]{2,40}$/) }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const { key, ...body } = request.body;
      if (await findIndicator(db, key)) throw new AppError('DUPLICATE', { what: zh ? `指标代码“${key}”` : `indicator ${key}` });
      const values = definitionValues(body, await readTierLadder(db), zh);
      await createIndicator(db, actor, request.meta, key, values);
      return reply.status(201).send(presentIndicator((await findIndicator(db, key))!));
    },
  );

  app.put(
    '/api/v1/indicators/:key',
    {
      config: { access: 'business:review' },
      schema: {
        response: { 200: indicatorSchema },
        tags: ['targets'],
        summary: '修改或停用自定义指标（内置指标不可改）',
        params: z.object({ key: z.string().max(60) }),
        body: indicatorBody.extend({ archived: z.boolean().optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const existing = await findIndicator(db, request.params.key, actor.unitPath);
      if (!existing) throw notFound();
      if (existing.builtIn) throw new AppError('VALIDATION', { detail: zh ? '内置指标不能修改' : 'built-in indicators cannot be changed' });
      // changed only by the unit that made it (one made before owners: only at the top of the tree)
      const owner = existing.owner?.unitCode ?? null;
      if (owner ? owner !== actor.unitCode : actor.unitPath.split('/').filter(Boolean).length > 1)
        throw new AppError('INDICATOR_OWNED_ELSEWHERE', {
          unit: owner ? ((await findUnit(db, owner))?.name ?? owner) : zh ? '省级' : 'the top level',
        });
      const { archived, ...body } = request.body;
      const values = { ...definitionValues(body, await readTierLadder(db), zh), archived: archived ?? existing.archived };
      await updateIndicator(db, actor, request.meta, existing.key, values);
      return presentIndicator((await findIndicator(db, existing.key))!);
    },
  );

  app.get(
    '/api/v1/indicators/:key/values',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: indicatorsByKeyValuesResponse },
        tags: ['targets'],
        summary: '指标值：实际、目标、完成率、序时进度、超/低于序时、同比、三色状态（比率为小数）',
        params: z.object({ key: z.string().max(60) }),
        querystring: z.object({ unit: unitCode.optional(), year: year.optional(), asOf: isoDate.optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const indicator = await findIndicator(db, request.params.key, requireActor(request).unitPath);
      if (!indicator) throw notFound();
      const code = request.query.unit ?? actor.unitCode;
      const unit = await scopedUnit(db, actor, code);
      const asOf = request.query.asOf ?? todayIso();
      const y = request.query.year ?? Number(asOf.slice(0, 4));
      // The same computation as the cockpit, the target grid and the league tables.
      const figures = await unitFigures(db, [indicator], unit, y, asOf);
      const figure = figures.self.figures[indicator.key]!;
      return { indicator: indicator.key, unit: code, year: y, asOf, ...figure, scheduleProgress: figures.scheduleProgress };
    },
  );

  app.put(
    '/api/v1/indicators/:key/reports',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: indicatorsByKeyReportsPutResponse },
        tags: ['targets'],
        summary: '填报统计类指标的月度值（如实际使用外资、固定资产投资完成额）',
        params: z.object({ key: z.string().max(60) }),
        body: z.object({ unit: unitCode, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), value: z.number().min(0).max(1e12) }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const indicator = await findIndicator(db, request.params.key, requireActor(request).unitPath);
      if (!indicator) throw notFound();
      const zh = request.meta.lang === 'zh';
      if (indicator.kind !== 'reported')
        throw new AppError('VALIDATION', {
          detail: zh ? '该指标由项目台账自动计算，不能填报' : 'this indicator is computed from the ledger',
        });
      const { unit, month, value } = request.body;
      await scopePathFor(db, actor, unit);
      if (!(await findUnit(db, unit))) throw notFound();
      await saveIndicatorReport(db, actor, request.meta, { unit, indicatorKey: indicator.key, month, value });
      return { unit, indicator: indicator.key, month, value };
    },
  );

  app.put(
    '/api/v1/targets',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: targetsPutResponse },
        tags: ['targets'],
        summary: '设置年度目标（可含12个月的分解，合计须等于年度目标）',
        body: z.object({
          unit: unitCode,
          year,
          indicator: z.string().max(60),
          annual: z.number().min(0).max(1e12),
          monthly: z.array(z.number().min(0)).length(12).nullish(),
          reason: z.string().trim().max(500).optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { unit, year: y, indicator: key, annual, monthly, reason } = request.body;
      const zh = request.meta.lang === 'zh';
      const indicator = await findIndicator(db, key, actor.unitPath);
      // the team's league indicators (a rate, 市外招商时间达标率) take a target too
      const staff = isStaffIndicator(key);
      if (!indicator && !staff) throw new AppError('VALIDATION', { detail: zh ? `指标“${key}”不存在` : `unknown indicator ${key}` });
      const target = await findUnit(db, unit);
      if (!target) throw notFound();
      await scopePathFor(db, actor, unit);
      const problem = monthsProblem(annual, monthly, zh);
      if (problem) throw new AppError('VALIDATION', { detail: problem });
      await setTargets(db, actor, request.meta, y, [{ unit, indicator: key, annual, monthly: monthly ?? null }], {
        reason: reason ?? null,
      });
      const [saved] = (await targetsOf(db, [unit], y)).filter((row) => row.indicatorKey === key);
      if (!saved) throw notFound();
      // Children's targets should add up to the parent's: say so when they do not, both below and above this unit.
      // a rate does not add up over units: no sum to check
      const warnings = staff
        ? []
        : await childSumWarnings(
            db,
            y,
            [{ unit, indicator: key }, ...(target.parentCode ? [{ unit: target.parentCode, indicator: key }] : [])],
            zh,
          );
      return {
        unit: saved.unitCode,
        year: saved.year,
        indicator: saved.indicatorKey,
        annual: saved.annual,
        monthly: saved.monthly,
        warnings,
      };
    },
  );

  app.post(
    '/api/v1/targets/issue',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 201: targetsIssuePostResponse },
        tags: ['targets'],
        summary: '下达：将下级单位本年度目标冻结为新版本（第N版）；此后调整须填写原因',
        body: z.object({ unit: unitCode, year, note: z.string().trim().max(500).optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await scopePathFor(db, actor, request.body.unit);
      const issued = await issueTargets(db, actor, request.meta, request.body.unit, request.body.year, request.body.note || null);
      return reply.status(201).send({
        unit: issued.unitCode,
        year: issued.year,
        version: issued.version,
        issuedAt: issued.issuedAt.toISOString(),
        issuedBy: issued.issuedBy,
        note: issued.note,
        targets: issued.snapshot.length,
      });
    },
  );

  app.get(
    '/api/v1/targets/issues',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: targetsIssuesResponse },
        tags: ['targets'],
        summary: '历次下达版本（含冻结的目标）',
        querystring: z.object({ unit: unitCode, year }),
      },
    },
    async (request) => {
      await scopePathFor(db, requireActor(request), request.query.unit);
      const rows = await listIssues(db, request.query.unit, request.query.year);
      return {
        items: rows.map((r) => ({
          version: r.version,
          issuedAt: r.issuedAt.toISOString(),
          issuedBy: r.issuedBy,
          note: r.note,
          targets: r.snapshot,
        })),
      };
    },
  );

  app.get(
    '/api/v1/targets',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: targetsResponse },
        tags: ['targets'],
        summary: '某单位及其直属下级的年度目标',
        querystring: z.object({ unit: unitCode.optional(), year }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const unit = request.query.unit ?? actor.unitCode;
      await scopePathFor(db, actor, unit);
      const rows = await targetsOf(db, [unit, ...(await childCodes(db, unit))], request.query.year);
      // the caller's own unit is read-only here when its targets come from above
      const readOnlyUnits = unit === actor.unitCode && !(await maySetOwnTargets(db, actor)) ? [unit] : [];
      const self = await findUnit(db, unit);
      const issues = await latestIssues(db, [unit, ...(self?.parentCode ? [self.parentCode] : [])], request.query.year);
      const present = (issue: TargetIssueRow | undefined) =>
        issue ? { version: issue.version, issuedAt: issue.issuedAt.toISOString(), issuedBy: issue.issuedBy, note: issue.note } : null;
      return {
        items: rows.map((r) => ({ unit: r.unitCode, year: r.year, indicator: r.indicatorKey, annual: r.annual, monthly: r.monthly })),
        readOnlyUnits,
        /** this unit's latest 下达 of its children's targets, and the one above that issued this unit's own */
        issued: present(issues.get(unit)),
        issuedAbove: present(self?.parentCode ? issues.get(self.parentCode) : undefined),
      };
    },
  );

  app.get(
    '/api/v1/rates/cohort',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: ratesCohortResponse },
        tags: ['targets'],
        summary: '按签约年份的落地率、开工率、投产率、列统率（招商口径）',
        querystring: z.object({ unit: unitCode.optional(), year: year.optional(), asOf: isoDate.optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scopePath = await scopePathFor(db, actor, request.query.unit);
      const asOf = request.query.asOf ?? todayIso();
      const y = request.query.year ?? Number(asOf.slice(0, 4));
      const landedMilestone = String((await readSettings(db, ['targets.landedMilestone']))['targets.landedMilestone']) as Milestone;
      const row = await cohortCounts(db, scopePath, y, asOf, landedMilestone);
      const signed = Number(row?.signed ?? 0);
      const counts = {
        landed: Number(row?.landed ?? 0),
        started: Number(row?.started ?? 0),
        producing: Number(row?.producing ?? 0),
        listed: Number(row?.listed ?? 0),
      };
      return {
        year: y,
        asOf,
        signed,
        ...counts,
        landingRate: cohortRate(counts.landed, signed),
        startRate: cohortRate(counts.started, signed),
        productionRate: cohortRate(counts.producing, signed),
        listingRate: cohortRate(counts.listed, signed),
      };
    },
  );

  app.get(
    '/api/v1/figures',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: figuresResponse },
        tags: ['targets'],
        summary: '某单位及其直属下级的多项指标：实际、目标、完成率、超/低于序时、同比、三色状态，以及逐月走势',
        querystring: z.object({
          unit: unitCode.optional(),
          year: year.optional(),
          asOf: isoDate.optional(),
          indicators: z.string().max(2000).optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      const unit = await scopedUnit(db, actor, code);
      const asOf = request.query.asOf ?? todayIso();
      const y = request.query.year ?? Number(asOf.slice(0, 4));
      const catalog = await indicatorCatalog(db, { viewerPath: requireActor(request).unitPath });
      const wanted = request.query.indicators
        ?.split(',')
        .map((k) => k.trim())
        .filter(Boolean);
      const unknown = wanted?.filter((k) => !catalog.some((i) => i.key === k)) ?? [];
      if (unknown.length)
        throw new AppError('VALIDATION', {
          detail: request.meta.lang === 'zh' ? `指标不存在：${unknown.join('、')}` : `unknown indicators: ${unknown.join(', ')}`,
        });
      const indicators = wanted ? catalog.filter((i) => wanted.includes(i.key)) : catalog;
      const figures = await unitFigures(db, indicators, unit, y, asOf);
      return {
        unit: { code: unit.code, name: unit.name },
        year: y,
        asOf,
        scheduleProgress: figures.scheduleProgress,
        self: figures.self,
        children: figures.children,
        trend: figures.trend,
      };
    },
  );

  app.get(
    '/api/v1/targets/profile',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: targetsProfileResponse },
        tags: ['targets'],
        summary: '上年逐月实绩（用于按上年月度节奏分解目标）',
        querystring: z.object({ unit: unitCode.optional(), year, indicator: z.string().max(60) }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scopePath = await scopePathFor(db, actor, request.query.unit);
      const indicator = await findIndicator(db, request.query.indicator, requireActor(request).unitPath);
      if (!indicator) throw notFound();
      const matrix = await indicatorMatrix(
        db,
        [indicator],
        scopePath,
        matrixWindow(request.query.year - 1, `${request.query.year - 1}-12-31`),
        await readTierLadder(db),
      );
      return { indicator: indicator.key, year: request.query.year - 1, monthly: seriesOf(matrix, indicator.key).thisYear };
    },
  );

  app.get(
    '/api/v1/rates/construction',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: ratesConstructionResponse },
        tags: ['targets'],
        summary: '建设口径开工率：年度重点项目清单中计划当年新开工项目的开工率，及应开工项目开工率（计划开工日期已到）',
        querystring: z.object({
          unit: unitCode.optional(),
          year: year.optional(),
          asOf: isoDate.optional(),
          level: z.enum(PROJECT_LEVELS).optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scopePath = await scopePathFor(db, actor, request.query.unit);
      const asOf = request.query.asOf ?? todayIso();
      const y = request.query.year ?? Number(asOf.slice(0, 4));
      const options = { landedMilestone: 'registered' as const, level: request.query.level };
      const row = await constructionCounts(db, scopePath, y, asOf, options);
      const planned = Number(row?.planned ?? 0);
      const startedCount = Number(row?.started ?? 0);
      const due = Number(row?.due ?? 0);
      const dueStarted = Number(row?.due_started ?? 0);
      return {
        year: y,
        asOf,
        level: request.query.level ?? null,
        planned,
        started: startedCount,
        startRate: cohortRate(startedCount, planned),
        due,
        dueStarted,
        dueStartRate: cohortRate(dueStarted, due),
      };
    },
  );
}
