// The indicator catalog as the UI sees it, and links from any figure to the projects behind it.

import type { IndicatorDateField, IndicatorFilter, IndicatorMeasure } from '../shared/targets/indicators.ts';
import type { z } from 'zod';
import type { Translate } from './i18n/index.tsx';
import type { figureSchema, unitFiguresSchema } from '../shared/api/targets.ts';
import { query } from './api/client.ts';
import { useApi } from './api/hooks.ts';
import { OUT_OF_CITY_INDICATOR, STAFF_LEAGUE_INDICATORS } from '../shared/staff/league.ts';

export interface Indicator {
  key: string;
  kind: 'computed' | 'reported';
  label: { zh: string; en: string };
  unit: { zh: string; en: string };
  additive: boolean;
  builtIn: boolean;
  archived: boolean;
  /** the unit that made a custom indicator: only it may change it */
  ownerUnit: string | null;
  dateField?: IndicatorDateField;
  measure?: IndicatorMeasure;
  filter?: IndicatorFilter;
}

export type Figure = z.infer<typeof figureSchema>;
export type UnitFigures = z.infer<typeof unitFiguresSchema>;

export interface Trend {
  thisYear: (number | null)[];
  lastYear: number[];
  targetMonthly: number[] | null;
}

export function useIndicators(includeArchived = false) {
  return useApi('GET /api/v1/indicators', { query: { includeArchived: includeArchived || undefined } }, { staleTime: 60_000 });
}

/** What a league table can rank by: the ledger's indicators and the team's (市外招商时间达标率). */
export function useLeagueIndicators(includeArchived = false) {
  return useApi(
    'GET /api/v1/indicators',
    { query: { includeArchived: includeArchived || undefined } },
    { staleTime: 60_000, select: (data) => ({ ...data, items: [...data.items, ...STAFF_LEAGUE_INDICATORS] }) },
  );
}

/** Where a staff indicator's figure opens: the unit's out-of-city table of the period. */
export function staffIndicatorLink(key: string, unit: string, period: string): string | null {
  if (key !== OUT_OF_CITY_INDICATOR) return null;
  return /^\d{4}-\d{2}$/.test(period)
    ? `/staff/out-of-city${query({ unit, month: period })}`
    : `/staff/out-of-city${query({ unit, year: period.slice(0, 4) })}`;
}

/** The ledger filtered to the projects an indicator counts for a unit, year and date; null for a reported indicator. */
export function indicatorProjectsLink(
  indicator: Pick<Indicator, 'key' | 'kind'> | undefined,
  unit: string,
  year: number,
  asOf: string,
): string | null {
  if (!indicator || indicator.kind !== 'computed') return null;
  return `/projects${query({ unit, indicator: indicator.key, year, asOf })}`;
}

/** The ledger filtered to one side of a rate (e.g. rate=cohort_started). */
export const rateProjectsLink = (rate: string, unit: string, year: number, asOf: string, extra: Record<string, string | undefined> = {}) =>
  `/projects${query({ unit, rate, year, asOf, ...extra })}`;

export const STATUS_COLORS = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' } as const;
export const STATUS_TAG_COLORS = { green: 'green', yellow: 'gold', red: 'red' } as const;

/** A figure as officials print it: counts whole, money with thousands separators. */
export function formatFigure(indicator: Pick<Indicator, 'unit'> | undefined, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (indicator?.unit.zh === '个') return String(Math.round(value));
  return value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

/** "超 3.2" / "低 5.0" points against 序时. */
export function pointsText(points: number | null | undefined, t: Translate): string {
  if (points === null || points === undefined) return '—';
  return t(points >= 0 ? 'pointsAhead' : 'pointsBehind', { value: Math.abs(points * 100).toFixed(1) });
}

/**
 * A link's promise that it opens exactly this many projects (`data-count`), for the figures that count projects — the
 * browser test follows every such link and checks the list's total.
 */
export function countOf(indicator: Pick<Indicator, 'measure'> | undefined, value: number | null | undefined): { 'data-count'?: number } {
  return indicator?.measure === 'count' && value !== null && value !== undefined ? { 'data-count': Math.round(value) } : {};
}
