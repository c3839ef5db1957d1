import { clockNow } from '../../shared/calendar.ts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { todayIso } from '../../shared/projects/dates.ts';
import {
  isPeriodKey,
  LEAGUE_PERIOD_KINDS,
  leaguePeriods,
  schemeProblems,
  standings,
  type Contestant,
  type LeagueGroup,
  type LeagueItem,
  type LeaguePeriod,
  type Standing,
} from '../../shared/league/score.ts';
import type { Db } from '../db/client.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import type { Actor } from '../http/actor.ts';
import { AppError, notFound } from '../http/errors.ts';
import { attachmentHeader, safeCell } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { readTierLadder } from '../settings/repository.ts';
import { indicatorCatalog, type CatalogEntry } from '../targets/catalog.ts';
import { indicatorMatrix, matrixWindow, seriesOf, throughMonth } from '../targets/matrix.ts';
import { targets } from '../targets/schema.ts';
import { findUnit, scopePathFor } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { leagueAdjustments, leagueSchemes } from './schema.ts';

const unitCode = z.string().regex(/^\d{6,15}$/);
const schemeBody = z.object({
  unit: unitCode,
  name: z.string().trim().min(1).max(60),
  periodKind: z.enum(LEAGUE_PERIOD_KINDS),
  items: z.array(z.object({ indicator: z.string().max(60), weight: z.number().min(0).max(1000), cap: z.number().min(0).max(10) })).max(20),
  groups: z.array(z.object({ name: z.string().trim().max(20), units: z.array(unitCode).max(200) })).max(10),
});
type SchemeRow = typeof leagueSchemes.$inferSelect;

function presentScheme(row: SchemeRow) {
  return {
    id: row.id,
    unit: row.unitCode,
    name: row.name,
    periodKind: row.periodKind,
    items: row.items,
    groups: row.groups,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A scheme the actor may see: its organizing unit must be in the actor's subtree. */
async function schemeFor(db: Db, actor: Actor, id: number): Promise<SchemeRow> {
  const [row] = await db.select().from(leagueSchemes).where(eq(leagueSchemes.id, id));
  if (!row) throw notFound();
  await scopePathFor(db, actor, row.unitCode);
  return row;
}

async function checkScheme(db: Db, body: z.infer<typeof schemeBody>, zh: boolean): Promise<void> {
  const problems = schemeProblems(body.items, body.groups, zh ? 'zh' : 'en');
  const catalog = await indicatorCatalog(db);
  for (const item of body.items)
    if (!catalog.some((i) => i.key === item.indicator))
      problems.push(zh ? `指标“${item.indicator}”不存在` : `unknown indicator ${item.indicator}`);
  const listed = body.groups.flatMap((g) => g.units);
  if (listed.length) {
    const children = await db
      .select({ code: units.code })
      .from(units)
      .where(and(eq(units.parentCode, body.unit), inArray(units.code, listed)));
    for (const code of listed)
      if (!children.some((c) => c.code === code))
        problems.push(zh ? `单位 ${code} 不是本单位的直属下级，不能参赛` : `unit ${code} is not a direct child of ${body.unit}`);
  }
  if (problems.length) throw new AppError('VALIDATION', { detail: problems.join('；') });
}

export interface LeagueTable {
  period: LeaguePeriod;
  periods: LeaguePeriod[];
  rows: Standing[];
  indicators: CatalogEntry[];
}

/** Standings of every period of the year up to `asOf` (one pass over the ledger for all of them). */
export async function leagueHistory(
  db: Db,
  scheme: SchemeRow,
  year: number,
  asOf: string,
): Promise<{ periods: LeaguePeriod[]; tables: Standing[][]; indicators: CatalogEntry[] }> {
  const catalog = await indicatorCatalog(db, { includeArchived: true });
  const indicators = scheme.items.map((item) => catalog.find((i) => i.key === item.indicator)).filter((i) => i !== undefined);
  const [unit] = await db.select().from(units).where(eq(units.code, scheme.unitCode));
  if (!unit) throw notFound();
  const periods = leaguePeriods(year, scheme.periodKind as 'month' | 'quarter', asOf);
  const window = matrixWindow(year, asOf);
  const children = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.parentCode, unit.code), eq(units.active, true)))
    .orderBy(asc(units.code));
  const [matrix, targetRows, adjustments] = await Promise.all([
    indicatorMatrix(db, indicators, unit.path, window, await readTierLadder(db)),
    indicators.length && children.length
      ? db
          .select()
          .from(targets)
          .where(
            and(
              eq(targets.year, year),
              inArray(
                targets.unitCode,
                children.map((c) => c.code),
              ),
              inArray(
                targets.indicatorKey,
                indicators.map((i) => i.key),
              ),
            ),
          )
      : Promise.resolve([]),
    db
      .select()
      .from(leagueAdjustments)
      .where(and(eq(leagueAdjustments.schemeId, scheme.id), sql`${leagueAdjustments.period} like ${`${year}-%`}`)),
  ]);
  const tables: Standing[][] = [];
  let previous: Map<string, number> | undefined;
  for (const period of periods) {
    const month = Number(period.to.slice(5, 7));
    const contestants: Contestant[] = children.map((child) => ({
      unitCode: child.code,
      unitName: child.name,
      figures: Object.fromEntries(
        scheme.items.map((item) => [
          item.indicator,
          {
            actual: Math.round(throughMonth(seriesOf(matrix, item.indicator, child.code).thisYear, month) * 10_000) / 10_000,
            target: targetRows.find((t) => t.unitCode === child.code && t.indicatorKey === item.indicator)?.annual ?? null,
          },
        ]),
      ),
      adjustments: adjustments
        .filter((a) => a.unitCode === child.code && a.period === period.key)
        .map((a) => ({ points: a.points, reason: a.reason })),
    }));
    const table = standings(scheme.items, scheme.groups, contestants, previous);
    tables.push(table);
    previous = new Map(table.map((row) => [row.unitCode, row.rank]));
  }
  return { periods, tables, indicators };
}

async function leagueTable(
  db: Db,
  scheme: SchemeRow,
  year: number,
  asOf: string,
  periodKey: string | undefined,
  zh: boolean,
): Promise<LeagueTable> {
  const { periods, tables, indicators } = await leagueHistory(db, scheme, year, asOf);
  if (!periods.length) throw new AppError('VALIDATION', { detail: zh ? `${year}年尚无可排名的期间` : `no period of ${year} has begun` });
  const index = periodKey ? periods.findIndex((p) => p.key === periodKey) : periods.length - 1;
  if (index < 0)
    throw new AppError('VALIDATION', {
      detail: zh ? `期间“${periodKey}”不在 ${year} 年已开始的期间内` : `period ${periodKey} is not a begun period of ${year}`,
    });
  return { period: periods[index]!, periods, rows: tables[index]!, indicators };
}

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  period: z.string().max(10).optional(),
  asOf: z.iso.date().optional(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });

function tableWorkbook(scheme: SchemeRow, table: LeagueTable, zh: boolean): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(zh ? '排名' : 'Standings', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const label = (key: string) => {
    const indicator = table.indicators.find((i) => i.key === key);
    return indicator ? (zh ? indicator.label.zh : indicator.label.en) : key;
  };
  const headers = [zh ? '组别' : 'Group', zh ? '排名' : 'Rank', zh ? '升降' : 'Move', zh ? '单位' : 'Unit'];
  for (const item of scheme.items)
    headers.push(
      `${label(item.indicator)}${zh ? '完成' : ' actual'}`,
      zh ? '目标' : 'target',
      zh ? '完成率' : 'ratio',
      `${zh ? '得分' : 'points'}（${item.weight}）`,
    );
  headers.push(zh ? '加减分' : 'Adjustment', zh ? '总分' : 'Total');
  const title = sheet.addRow([safeCell(`${scheme.name} ${table.period.key}（${zh ? '截至' : 'to'} ${table.period.to}）`)]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, headers.length);
  title.alignment = { horizontal: 'center' };
  const headerRow = sheet.addRow(headers);
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const row of table.rows) {
    const move = row.movement === null ? '' : row.movement > 0 ? `↑${row.movement}` : row.movement < 0 ? `↓${-row.movement}` : '—';
    const cells: unknown[] = [row.group || (zh ? '全部' : 'All'), row.rank, move, row.unitName];
    for (const item of row.items)
      cells.push(item.actual, item.target, item.ratio === null ? null : Math.round(item.ratio * 10_000) / 10_000, item.score);
    cells.push(row.adjustment, row.total);
    const added = sheet.addRow(cells.map(safeCell));
    row.items.forEach((_, i) => (added.getCell(4 + i * 4 + 3).numFmt = '0.0%'));
  }
  sheet.columns.forEach((column, i) => (column.width = i === 3 ? 22 : 11));
  sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: 4 }];
  return workbook;
}

export function registerLeagueRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/league/schemes',
    {
      config: { access: 'business:read' },
      schema: { tags: ['league'], summary: '擂台赛方案（某单位组织的）', querystring: z.object({ unit: unitCode.optional() }) },
    },
    async (request) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      await scopePathFor(db, actor, code);
      const rows = await db.select().from(leagueSchemes).where(eq(leagueSchemes.unitCode, code)).orderBy(asc(leagueSchemes.id));
      return { items: rows.map(presentScheme) };
    },
  );

  app.post(
    '/api/v1/league/schemes',
    {
      config: { access: 'business:write' },
      schema: { tags: ['league'], summary: '新建擂台赛方案：指标、权重、完成率封顶、组别（I类/II类）、按月或按季', body: schemeBody },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      await scopePathFor(db, actor, request.body.unit);
      if (!(await findUnit(db, request.body.unit))) throw notFound();
      await checkScheme(db, request.body, zh);
      const { unit, ...rest } = request.body;
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(leagueSchemes)
          .values({
            unitCode: unit,
            ...rest,
            items: rest.items as LeagueItem[],
            groups: rest.groups as LeagueGroup[],
            createdBy: actor.username,
          })
          .returning();
        await appendAudit(tx, subjectOf(actor), request.meta, {
          action: 'league.create',
          objectType: 'league_scheme',
          objectId: String(created!.id),
          changes: diffFields(null, { unit, ...rest }, ['unit', 'name', 'periodKind', 'items', 'groups']),
        });
        return created!;
      });
      return reply.status(201).send(presentScheme(row));
    },
  );

  app.put(
    '/api/v1/league/schemes/:id',
    {
      config: { access: 'business:write' },
      schema: {
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
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(leagueSchemes)
          .set({
            ...rest,
            items: rest.items as LeagueItem[],
            groups: rest.groups as LeagueGroup[],
            version: sql`${leagueSchemes.version} + 1`,
            updatedAt: clockNow(),
          })
          .where(and(eq(leagueSchemes.id, before.id), eq(leagueSchemes.version, version)))
          .returning();
        if (!updated) throw new AppError('CONFLICT', {}, { current: presentScheme(before) });
        await appendAudit(tx, subjectOf(actor), request.meta, {
          action: 'league.update',
          objectType: 'league_scheme',
          objectId: String(before.id),
          changes: diffFields(before, { ...before, ...rest }, ['name', 'periodKind', 'items', 'groups']),
        });
        return updated;
      });
      return presentScheme(row);
    },
  );

  app.get(
    '/api/v1/league/schemes/:id/standings',
    {
      config: { access: 'business:read' },
      schema: {
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
      const adjustments = await db
        .select()
        .from(leagueAdjustments)
        .where(and(eq(leagueAdjustments.schemeId, scheme.id), eq(leagueAdjustments.period, table.period.key)))
        .orderBy(asc(leagueAdjustments.id));
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
      const [child] = await db
        .select()
        .from(units)
        .where(and(eq(units.code, unit), eq(units.parentCode, scheme.unitCode)));
      if (!child)
        throw new AppError('VALIDATION', { detail: zh ? `单位 ${unit} 不是参赛单位` : `unit ${unit} does not compete in this scheme` });
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(leagueAdjustments)
          .values({ schemeId: scheme.id, unitCode: unit, period, points, reason, createdBy: actor.username })
          .returning();
        await appendAudit(tx, subjectOf(actor), request.meta, {
          action: 'league.adjust',
          objectType: 'league_adjustment',
          objectId: String(created!.id),
          changes: diffFields(null, { scheme: scheme.id, unit, period, points, reason }, ['scheme', 'unit', 'period', 'points', 'reason']),
        });
        return created!;
      });
      return reply.status(201).send({ id: row.id, unit, period, points, reason });
    },
  );

  app.delete(
    '/api/v1/league/adjustments/:id',
    { config: { access: 'business:write' }, schema: { tags: ['league'], summary: '撤销一条加减分', params: idParams } },
    async (request, reply) => {
      const actor = requireActor(request);
      const [row] = await db.select().from(leagueAdjustments).where(eq(leagueAdjustments.id, request.params.id));
      if (!row) throw notFound();
      await schemeFor(db, actor, row.schemeId);
      await db.transaction(async (tx) => {
        await tx.delete(leagueAdjustments).where(eq(leagueAdjustments.id, row.id));
        await appendAudit(tx, subjectOf(actor), request.meta, {
          action: 'league.adjust.delete',
          objectType: 'league_adjustment',
          objectId: String(row.id),
          changes: diffFields({ unit: row.unitCode, period: row.period, points: row.points, reason: row.reason }, null, [
            'unit',
            'period',
            'points',
            'reason',
          ]),
        });
      });
      return reply.status(204).send();
    },
  );
}
