import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  completionRate,
  pointsVsSchedule,
  scheduleProgress,
  trafficLight,
  yearOnYear,
  type ScheduleMode,
  type TrafficLight,
} from '../../shared/targets/period.ts';
import type { IndicatorDefinition } from '../../shared/targets/indicators.ts';
import type { DbOrTx } from '../db/client.ts';
import { readSettings, readTierLadder } from '../settings/repository.ts';
import { units } from '../units/schema.ts';
import { indicatorMatrix, matrixWindow, seriesOf, sum, type IndicatorMatrix, type MatrixWindow, type MonthlySeries } from './matrix.ts';
import { targets } from './schema.ts';

export interface Figure {
  actual: number;
  target: number | null;
  completion: number | null;
  pointsVsSchedule: number | null;
  lastYearActual: number;
  yoy: number | null;
  status: TrafficLight | null;
}

export interface UnitRow {
  code: string;
  name: string;
  level: string;
  figures: Record<string, Figure>;
}

export interface Figures {
  year: number;
  asOf: string;
  scheduleProgress: number;
  window: MatrixWindow;
  /** the unit itself (the whole subtree) */
  self: UnitRow;
  /** its direct children, each with its subtree */
  children: UnitRow[];
  /** per indicator: the subtree's months this year and last year, and the monthly target split */
  trend: Record<string, { thisYear: (number | null)[]; lastYear: number[]; targetMonthly: number[] | null }>;
  matrix: IndicatorMatrix;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Actual, target, completion, 序时, points, 同比 and colour of each indicator for a unit and each of its children, as of
 * a date: one pass over the ledger for all of them (see indicatorMatrix).
 */
export async function unitFigures(
  db: DbOrTx,
  indicators: readonly IndicatorDefinition[],
  unit: { code: string; name: string; level: string; path: string },
  year: number,
  asOf: string,
): Promise<Figures> {
  const window = matrixWindow(year, asOf);
  const [settings, ladder, children] = await Promise.all([
    readSettings(db, ['targets.scheduleMode', 'targets.yellowPoints']),
    readTierLadder(db),
    db
      .select({ code: units.code, name: units.name, level: units.level })
      .from(units)
      .where(and(eq(units.parentCode, unit.code), eq(units.active, true)))
      .orderBy(asc(units.code)),
  ]);
  const keys = indicators.map((indicator) => indicator.key);
  const [matrix, targetRows] = await Promise.all([
    indicatorMatrix(db, indicators, unit.path, window, ladder),
    keys.length
      ? db
          .select()
          .from(targets)
          .where(
            and(
              inArray(targets.unitCode, [unit.code, ...children.map((c) => c.code)]),
              eq(targets.year, year),
              inArray(targets.indicatorKey, keys),
            ),
          )
      : Promise.resolve([]),
  ]);
  const schedule = scheduleProgress(year, asOf, settings['targets.scheduleMode'] as ScheduleMode);
  const yellow = Number(settings['targets.yellowPoints']) / 100;
  const targetOf = (code: string, key: string) => targetRows.find((t) => t.unitCode === code && t.indicatorKey === key);
  const figure = (series: MonthlySeries, target: number | null): Figure => {
    const actual = round(sum(series.thisYear));
    const completion = completionRate(actual, target);
    const lastYearActual = round(series.lastYearToDate);
    return {
      actual,
      target,
      completion,
      pointsVsSchedule: pointsVsSchedule(completion, schedule),
      lastYearActual,
      yoy: yearOnYear(actual, lastYearActual),
      status: trafficLight(completion, schedule, yellow),
    };
  };
  const rowOf = (code: string, name: string, level: string, bucket?: string): UnitRow => ({
    code,
    name,
    level,
    figures: Object.fromEntries(
      indicators.map((indicator) => [
        indicator.key,
        figure(seriesOf(matrix, indicator.key, bucket), targetOf(code, indicator.key)?.annual ?? null),
      ]),
    ),
  });
  const toMonth = Number(window.to.slice(5, 7));
  const trend: Figures['trend'] = {};
  for (const indicator of indicators) {
    const series = seriesOf(matrix, indicator.key);
    trend[indicator.key] = {
      thisYear: series.thisYear.map((v, i) => (asOf >= `${year}-01-01` && i < toMonth ? round(v) : null)),
      lastYear: series.lastYear.map(round),
      targetMonthly: targetOf(unit.code, indicator.key)?.monthly ?? null,
    };
  }
  return {
    year,
    asOf,
    scheduleProgress: schedule,
    window,
    self: rowOf(unit.code, unit.name, unit.level),
    children: children.map((child) => rowOf(child.code, child.name, child.level, child.code)),
    trend,
    matrix,
  };
}
