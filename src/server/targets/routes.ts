import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { todayIso } from '../../shared/projects/dates.ts';
import { BUILT_IN_INDICATORS, type IndicatorDefinition } from '../../shared/targets/indicators.ts';
import { cohortRate, completionRate, pointsVsSchedule, sameDayLastYear, scheduleProgress, trafficLight, yearOnYear, type ScheduleMode } from '../../shared/targets/period.ts';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import { AppError, notFound } from '../http/errors.ts';
import { requireActor, type App } from '../http/platform.ts';
import { projects } from '../projects/schema.ts';
import { projectsWithin } from '../projects/repository.ts';
import { readSettings, readTierLadder } from '../settings/repository.ts';
import { findUnit, scopePathFor } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { indicatorValue } from './compute.ts';
import { indicatorReports, targets } from './schema.ts';

const unitCode = z.string().regex(/^\d{6,15}$/);
const year = z.coerce.number().int().min(2000).max(2100);
const isoDate = z.iso.date();

export function findIndicator(key: string): IndicatorDefinition | undefined {
  return BUILT_IN_INDICATORS.find((indicator) => indicator.key === key);
}

/** The period of `year` up to `asOf` (clamped to the year). */
function period(y: number, asOf: string): { from: string; to: string } {
  const from = `${y}-01-01`;
  const end = `${y}-12-31`;
  return { from, to: asOf < end ? asOf : end };
}

export function registerTargetRoutes(app: App, db: Db): void {
  app.get('/api/v1/indicators', { config: { access: 'business:read' }, schema: { tags: ['targets'], summary: '指标目录' } }, async () => ({
    items: BUILT_IN_INDICATORS.map((indicator) => ({ key: indicator.key, kind: indicator.kind, label: indicator.label, unit: indicator.unit, additive: indicator.additive })),
  }));

  app.get(
    '/api/v1/indicators/:key/values',
    {
      config: { access: 'business:read' },
      schema: { tags: ['targets'], summary: '指标值：实际、目标、完成率、序时进度、超/低于序时、同比、三色状态（比率为小数）', params: z.object({ key: z.string().max(60) }), querystring: z.object({ unit: unitCode.optional(), year: year.optional(), asOf: isoDate.optional() }) },
    },
    async (request) => {
      const actor = requireActor(request);
      const indicator = findIndicator(request.params.key);
      if (!indicator) throw notFound();
      const scopePath = await scopePathFor(db, actor, request.query.unit);
      const asOf = request.query.asOf ?? todayIso();
      const y = request.query.year ?? Number(asOf.slice(0, 4));
      const unit = request.query.unit ?? actor.unitCode;
      const config = await readSettings(db, ['targets.scheduleMode', 'targets.yellowPoints']);
      const ladder = await readTierLadder(db);
      const current = period(y, asOf);
      const previous = period(y - 1, sameDayLastYear(current.to));
      const [actual, lastYearActual, [target]] = await Promise.all([
        indicatorValue(db, indicator, scopePath, current.from, current.to, ladder),
        indicatorValue(db, indicator, scopePath, previous.from, previous.to, ladder),
        db.select().from(targets).where(and(eq(targets.unitCode, unit), eq(targets.year, y), eq(targets.indicatorKey, indicator.key))),
      ]);
      const completion = completionRate(actual, target?.annual);
      const schedule = scheduleProgress(y, asOf, config['targets.scheduleMode'] as ScheduleMode);
      return {
        indicator: indicator.key,
        unit,
        year: y,
        asOf,
        actual,
        target: target?.annual ?? null,
        completion,
        scheduleProgress: schedule,
        pointsVsSchedule: pointsVsSchedule(completion, schedule),
        lastYearActual,
        yoy: yearOnYear(actual, lastYearActual),
        status: trafficLight(completion, schedule, Number(config['targets.yellowPoints']) / 100),
      };
    },
  );

  app.put(
    '/api/v1/indicators/:key/reports',
    {
      config: { access: 'business:write' },
      schema: { tags: ['targets'], summary: '填报统计类指标的月度值（如实际使用外资、固定资产投资完成额）', params: z.object({ key: z.string().max(60) }), body: z.object({ unit: unitCode, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), value: z.number().min(0).max(1e12) }) },
    },
    async (request) => {
      const actor = requireActor(request);
      const indicator = findIndicator(request.params.key);
      if (!indicator) throw notFound();
      const zh = request.meta.lang === 'zh';
      if (indicator.kind !== 'reported') throw new AppError('VALIDATION', { detail: zh ? '该指标由项目台账自动计算，不能填报' : 'this indicator is computed from the ledger' });
      const { unit, month, value } = request.body;
      await scopePathFor(db, actor, unit);
      if (!(await findUnit(db, unit))) throw notFound();
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(indicatorReports).where(and(eq(indicatorReports.unitCode, unit), eq(indicatorReports.indicatorKey, indicator.key), eq(indicatorReports.month, month)));
        await tx
          .insert(indicatorReports)
          .values({ unitCode: unit, indicatorKey: indicator.key, month, value, updatedBy: actor.username })
          .onConflictDoUpdate({ target: [indicatorReports.unitCode, indicatorReports.indicatorKey, indicatorReports.month], set: { value, updatedBy: actor.username, updatedAt: new Date() } });
        await appendAudit(tx, subjectOf(actor), request.meta, { action: 'indicator.report', objectType: 'indicator_report', objectId: `${unit}/${indicator.key}/${month}`, changes: { value: { before: before?.value ?? null, after: value } } });
      });
      return { unit, indicator: indicator.key, month, value };
    },
  );

  app.put(
    '/api/v1/targets',
    {
      config: { access: 'business:write' },
      schema: {
        tags: ['targets'],
        summary: '设置年度目标（可含12个月的分解，合计须等于年度目标）',
        body: z.object({ unit: unitCode, year, indicator: z.string().max(60), annual: z.number().min(0).max(1e12), monthly: z.array(z.number().min(0)).length(12).nullish() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { unit, year: y, indicator: key, annual, monthly } = request.body;
      const zh = request.meta.lang === 'zh';
      const indicator = findIndicator(key);
      if (!indicator) throw new AppError('VALIDATION', { detail: zh ? `指标“${key}”不存在` : `unknown indicator ${key}` });
      const target = await findUnit(db, unit);
      if (!target) throw notFound();
      await scopePathFor(db, actor, unit);
      if (monthly && Math.abs(monthly.reduce((a, b) => a + b, 0) - annual) > 0.01) {
        throw new AppError('VALIDATION', { detail: zh ? `12个月的分解合计 ${monthly.reduce((a, b) => a + b, 0)} 与年度目标 ${annual} 不一致` : 'the months do not add up to the annual target' });
      }
      const saved = await db.transaction(async (tx) => {
        const [before] = await tx.select().from(targets).where(and(eq(targets.unitCode, unit), eq(targets.year, y), eq(targets.indicatorKey, key)));
        const [row] = await tx
          .insert(targets)
          .values({ unitCode: unit, year: y, indicatorKey: key, annual, monthly: monthly ?? null, updatedBy: actor.username })
          .onConflictDoUpdate({ target: [targets.unitCode, targets.year, targets.indicatorKey], set: { annual, monthly: monthly ?? null, updatedBy: actor.username, updatedAt: new Date(), version: sql`${targets.version} + 1` } })
          .returning();
        await appendAudit(tx, subjectOf(actor), request.meta, { action: 'target.set', objectType: 'target', objectId: `${unit}/${y}/${key}`, changes: { annual: { before: before?.annual ?? null, after: annual }, monthly: { before: before?.monthly ?? null, after: monthly ?? null } } });
        return row!;
      });
      // Children's targets should add up to the parent's: say so when they do not (a warning, not an error).
      const children = await db.select({ code: units.code }).from(units).where(eq(units.parentCode, unit));
      const childTargets = children.length ? await db.select().from(targets).where(and(inArray(targets.unitCode, children.map((c) => c.code)), eq(targets.year, y), eq(targets.indicatorKey, key))) : [];
      const childSum = childTargets.reduce((sum, t) => sum + t.annual, 0);
      const warnings = childTargets.length > 0 && Math.abs(childSum - annual) > 0.01 ? [zh ? `下级单位目标合计 ${childSum}，与本级目标 ${annual} 不一致` : `children add up to ${childSum}, not ${annual}`] : [];
      return { unit: saved.unitCode, year: saved.year, indicator: saved.indicatorKey, annual: saved.annual, monthly: saved.monthly, warnings };
    },
  );

  app.get(
    '/api/v1/targets',
    { config: { access: 'business:read' }, schema: { tags: ['targets'], summary: '某单位及其直属下级的年度目标', querystring: z.object({ unit: unitCode.optional(), year }) } },
    async (request) => {
      const actor = requireActor(request);
      const unit = request.query.unit ?? actor.unitCode;
      await scopePathFor(db, actor, unit);
      const children = await db.select({ code: units.code }).from(units).where(eq(units.parentCode, unit));
      const rows = await db.select().from(targets).where(and(inArray(targets.unitCode, [unit, ...children.map((c) => c.code)]), eq(targets.year, request.query.year)));
      return { items: rows.map((r) => ({ unit: r.unitCode, year: r.year, indicator: r.indicatorKey, annual: r.annual, monthly: r.monthly })) };
    },
  );

  app.get(
    '/api/v1/rates/cohort',
    {
      config: { access: 'business:read' },
      schema: { tags: ['targets'], summary: '按签约年份的落地率、开工率、投产率、列统率（招商口径）', querystring: z.object({ unit: unitCode.optional(), year: year.optional(), asOf: isoDate.optional() }) },
    },
    async (request) => {
      const actor = requireActor(request);
      const scopePath = await scopePathFor(db, actor, request.query.unit);
      const asOf = request.query.asOf ?? todayIso();
      const y = request.query.year ?? Number(asOf.slice(0, 4));
      const landedMilestone = String((await readSettings(db, ['targets.landedMilestone']))['targets.landedMilestone']);
      const d = sql`${asOf}::date`;
      // A milestone is reached when its date, or the date of any later stage (stages may be skipped), is on or before asOf.
      const reached = {
        registered: sql`least(${projects.registeredOn}, ${projects.startedOn}, ${projects.completedOn}, ${projects.producingOn}, ${projects.atCapacityOn}) <= ${d}`,
        started: sql`least(${projects.startedOn}, ${projects.completedOn}, ${projects.producingOn}, ${projects.atCapacityOn}) <= ${d}`,
        producing: sql`least(${projects.producingOn}, ${projects.atCapacityOn}) <= ${d}`,
        listed: sql`${projects.listedOn} <= ${d}`,
      };
      const landed = landedMilestone === 'started' ? reached.started : reached.registered;
      const [row] = rowsOf<Record<string, number>>(
        await db.execute(sql`select count(*)::int as signed,
          count(*) filter (where ${landed})::int as landed,
          count(*) filter (where ${reached.started})::int as started,
          count(*) filter (where ${reached.producing})::int as producing,
          count(*) filter (where ${reached.listed})::int as listed
          from ${projects} where ${projectsWithin(scopePath)} and ${projects.signedOn} >= ${`${y}-01-01`}::date and ${projects.signedOn} <= least(${`${y}-12-31`}::date, ${d})`),
      );
      const signed = Number(row?.signed ?? 0);
      const counts = { landed: Number(row?.landed ?? 0), started: Number(row?.started ?? 0), producing: Number(row?.producing ?? 0), listed: Number(row?.listed ?? 0) };
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
}
