import { addDays } from '../../shared/calendar.ts';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { TierStep } from '../../shared/projects/tiers.ts';
import { sameDayLastYear } from '../../shared/targets/period.ts';
import type { ComputedIndicator, IndicatorDefinition } from '../../shared/targets/indicators.ts';
import { rowsOf, type DbOrTx } from '../db/client.ts';
import { projectArrivals, projects } from '../projects/schema.ts';
import { DATE_COLUMNS, projectsWithin } from '../projects/repository.ts';
import { units } from '../units/schema.ts';
import { aggregateOf, filterConditions } from './compute.ts';
import { indicatorReports } from './schema.ts';
import { projectProgress } from '../reporting/schema.ts';
import { withinSubtree } from '../db/scope.ts';

/** One indicator for one bucket (a child unit, or '' for the unit itself): month by month this year and last year. */
export interface MonthlySeries {
  /** Jan…Dec of the year, up to the as-of date (later months 0) */
  thisYear: number[];
  /** Jan…Dec of last year, whole months */
  lastYear: number[];
  /** last year from 1 January to the same day as the as-of date (同比 base) */
  lastYearToDate: number;
}

/** indicator key → bucket → series. */
export type IndicatorMatrix = Map<string, Map<string, MonthlySeries>>;

export interface MatrixWindow {
  year: number;
  /** the as-of date capped to the year's end */
  to: string;
  /** the same day last year */
  lastYearTo: string;
}

export function matrixWindow(year: number, asOf: string): MatrixWindow {
  const end = `${year}-12-31`;
  const to = asOf < end ? asOf : end;
  return { year, to, lastYearTo: sameDayLastYear(to) };
}

const emptySeries = (): MonthlySeries => ({ thisYear: Array<number>(12).fill(0), lastYear: Array<number>(12).fill(0), lastYearToDate: 0 });

/** The child of `scopePath` a project or unit path falls under ('' for the unit itself): the next path segment. */
const childSegment = (pathColumn: SQL, scopePath: string): SQL =>
  sql`split_part(${pathColumn}, '/', ${scopePath.split('/').filter(Boolean).length + 2})`;

interface Row {
  bucket: string;
  key: string;
  /** index into the window's month slots (width_bucket) */
  slot: number;
  value: number;
}

interface Slot {
  year: number;
  month: number;
  /** on or before the same day last year */
  early: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const nextDay = (iso: string) => addDays(iso, 1);

/**
 * The window cut into slots by month (and last year's as-of month cut again after the same day), as the sorted
 * boundaries `width_bucket` takes: slot i holds dates from boundary i − 1 up to boundary i. Integer buckets avoid
 * per-row calendar arithmetic in SQL, which costs more than the scan itself at province scale.
 */
function slotsOf(window: MatrixWindow): { boundaries: string[]; slots: Slot[] } {
  const starts: string[] = [];
  for (const year of [window.year - 1, window.year]) for (let month = 1; month <= 12; month++) starts.push(`${year}-${pad(month)}-01`);
  const split = nextDay(window.lastYearTo);
  const boundaries = [...new Set([...starts, split])].filter((d) => d <= `${window.year}-12-31`).sort();
  const slots: Slot[] = [{ year: 0, month: 0, early: false }]; // slot 0: before the window (never selected)
  for (const start of boundaries) slots.push({ year: Number(start.slice(0, 4)), month: Number(start.slice(5, 7)), early: start < split });
  return { boundaries, slots };
}

function add(matrix: IndicatorMatrix, slots: readonly Slot[], window: MatrixWindow, row: Row): void {
  const byBucket = matrix.get(row.key);
  const slot = slots[Number(row.slot)];
  if (!byBucket || !slot || slot.year === 0) return;
  const series = byBucket.get(row.bucket) ?? emptySeries();
  byBucket.set(row.bucket, series);
  const value = Number(row.value);
  if (slot.year === window.year) series.thisYear[slot.month - 1]! += value;
  else {
    series.lastYear[slot.month - 1]! += value;
    if (slot.early) series.lastYearToDate += value;
  }
}

/**
 * Every requested indicator of a unit subtree, by child unit and by month, for this year (to the as-of date) and last
 * year, in one pass over the ledger (plus one over arrivals and one over reported figures). The cockpit, the league
 * tables and the target grid all read their figures from here, straight from the live tables: nothing cached, so a
 * write is visible in the next request.
 */
export async function indicatorMatrix(
  db: DbOrTx,
  indicators: readonly IndicatorDefinition[],
  scopePath: string,
  window: MatrixWindow,
  ladder: readonly TierStep[],
): Promise<IndicatorMatrix> {
  const matrix: IndicatorMatrix = new Map(indicators.map((indicator) => [indicator.key, new Map<string, MonthlySeries>()]));
  const from = `${window.year - 1}-01-01`;
  const computed = indicators.filter((i): i is ComputedIndicator => i.kind === 'computed');
  const onLedger = computed.filter((i) => i.dateField !== 'arrival' && i.dateField !== 'progress');
  const onProgress = computed.filter((i) => i.dateField === 'progress');
  const onArrivals = computed.filter((i) => i.dateField === 'arrival');
  const reported = indicators.filter((i) => i.kind === 'reported');
  const condition = (indicator: ComputedIndicator, extra: SQL[] = []) => {
    const conditions = [...filterConditions(indicator.filter, ladder), ...extra];
    return conditions.length ? sql`(${and(...conditions)})` : sql`true`;
  };

  const { boundaries, slots } = slotsOf(window);
  const slotOf = (date: SQL) =>
    sql`width_bucket(${date}, array[${sql.join(
      boundaries.map((d) => sql`${d}`),
      sql`, `,
    )}]::date[])`;
  // One row per child and month slot, one column per indicator (aggregates with FILTER: far cheaper than a row per indicator).
  const collect = (indicators: readonly ComputedIndicator[]) => (result: unknown) =>
    rowsOf<Record<string, string | number>>(result as Parameters<typeof rowsOf>[0]).forEach((row) =>
      indicators.forEach((indicator, i) =>
        add(matrix, slots, window, {
          bucket: String(row.bucket ?? ''),
          key: indicator.key,
          slot: Number(row.slot),
          value: Number(row[`v${i}`] ?? 0),
        }),
      ),
    );
  const columnsOf = (indicators: readonly ComputedIndicator[], extra: (indicator: ComputedIndicator) => SQL[] = () => []) =>
    sql.join(
      indicators.map(
        (indicator, i) => sql`${aggregateOf(indicator, condition(indicator, extra(indicator)))} as ${sql.identifier(`v${i}`)}`,
      ),
      sql`, `,
    );
  const jobs: Promise<void>[] = [];
  // One query per milestone: its date column bounds the scan, and on PostgreSQL the queries run side by side.
  const byDate = new Map<string, ComputedIndicator[]>();
  for (const indicator of onLedger) byDate.set(indicator.dateField, [...(byDate.get(indicator.dateField) ?? []), indicator]);
  for (const [field, group] of byDate) {
    const column = DATE_COLUMNS[field as keyof typeof DATE_COLUMNS];
    jobs.push(
      db
        .execute(
          sql`select ${childSegment(sql`${projects.unitPath}`, scopePath)} as bucket, ${slotOf(sql`${column}`)} as slot, ${columnsOf(group)}
          from ${projects}
          where ${projectsWithin(scopePath)} and ${column} between ${from}::date and ${window.to}::date
          group by 1, 2`,
        )
        .then(collect(group)),
    );
  }
  if (onArrivals.length) {
    jobs.push(
      db
        .execute(
          sql`select ${childSegment(sql`${projects.unitPath}`, scopePath)} as bucket, ${slotOf(sql`${projectArrivals.arrivedOn}`)} as slot, ${columnsOf(onArrivals, (indicator) => (indicator.measure === 'sum_arrival_usd_wan' ? [eq(projectArrivals.isForeign, 1)] : []))}
          from ${projectArrivals} join ${projects} on ${projects.id} = ${projectArrivals.projectId}
          where ${projectsWithin(scopePath)} and ${projectArrivals.arrivedOn} between ${from}::date and ${window.to}::date
          group by 1, 2`,
        )
        .then(collect(onArrivals)),
    );
  }
  if (onProgress.length) {
    // A report month counts whole, like a statistics month: dated by its first day.
    jobs.push(
      db
        .execute(
          sql`select ${childSegment(sql`${projects.unitPath}`, scopePath)} as bucket, ${slotOf(sql`to_date(${projectProgress.month} || '-01', 'YYYY-MM-DD')`)} as slot, ${columnsOf(onProgress)}
          from ${projectProgress} join ${projects} on ${projects.id} = ${projectProgress.projectId}
          where ${projectsWithin(scopePath)} and ${projectProgress.month} between ${from.slice(0, 7)} and ${window.to.slice(0, 7)}
          group by 1, 2`,
        )
        .then(collect(onProgress)),
    );
  }
  if (reported.length) {
    // A reported month counts whole, as the statistics bureau publishes it.
    const lastYearMonth = window.lastYearTo.slice(0, 7);
    jobs.push(
      db
        .execute(
          sql`select ${childSegment(sql`${units.path}`, scopePath)} as bucket, ${indicatorReports.indicatorKey} as key, ${indicatorReports.month} as month, sum(${indicatorReports.value})::float8 as value
          from ${indicatorReports} join ${units} on ${units.code} = ${indicatorReports.unitCode}
          where ${withinSubtree(units.path, scopePath)} and ${indicatorReports.indicatorKey} in (${sql.join(
            reported.map((i) => sql`${i.key}`),
            sql`, `,
          )}) and ${indicatorReports.month} between ${from.slice(0, 7)} and ${window.to.slice(0, 7)}
          group by 1, 2, 3`,
        )
        .then((result) =>
          rowsOf<{ bucket: string; key: string; month: string; value: number }>(result).forEach((row) => {
            const slot = { year: Number(row.month.slice(0, 4)), month: Number(row.month.slice(5, 7)), early: row.month <= lastYearMonth };
            const index = slots.findIndex((s) => s.year === slot.year && s.month === slot.month && s.early === slot.early);
            const extra = index >= 0 ? index : slots.push(slot) - 1;
            add(matrix, slots, window, { bucket: row.bucket, key: row.key, slot: extra, value: row.value });
          }),
        ),
    );
  }
  await Promise.all(jobs);
  return matrix;
}

/** The series of the whole subtree (all buckets added), or of one bucket. */
export function seriesOf(matrix: IndicatorMatrix, key: string, bucket?: string): MonthlySeries {
  const total = emptySeries();
  for (const [code, series] of matrix.get(key) ?? []) {
    if (bucket !== undefined && code !== bucket) continue;
    series.thisYear.forEach((v, i) => (total.thisYear[i]! += v));
    series.lastYear.forEach((v, i) => (total.lastYear[i]! += v));
    total.lastYearToDate += series.lastYearToDate;
  }
  return total;
}

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Cumulative value from January to the end of `month` (1–12). */
export const throughMonth = (values: readonly number[], month: number): number => sum(values.slice(0, month));
