import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { TierStep } from '../../shared/projects/tiers.ts';
import { sameDayLastYear } from '../../shared/targets/period.ts';
import type { ComputedIndicator, IndicatorDefinition } from '../../shared/targets/indicators.ts';
import { rowsOf, type DbOrTx } from '../db/client.ts';
import { projectArrivals, projects } from '../projects/schema.ts';
import { DATE_COLUMNS, escapeLike, projectsWithin } from '../projects/repository.ts';
import { units } from '../units/schema.ts';
import { filterConditions, measureOf } from './compute.ts';
import { indicatorReports } from './schema.ts';

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
const childSegment = (pathColumn: SQL, scopePath: string): SQL => sql`split_part(${pathColumn}, '/', ${scopePath.split('/').filter(Boolean).length + 2})`;

interface Row {
  bucket: string;
  key: string;
  y: number;
  m: number;
  early: boolean;
  value: number;
}

function add(matrix: IndicatorMatrix, window: MatrixWindow, row: Row): void {
  const byBucket = matrix.get(row.key);
  if (!byBucket) return;
  const series = byBucket.get(row.bucket) ?? emptySeries();
  byBucket.set(row.bucket, series);
  const value = Number(row.value);
  if (Number(row.y) === window.year) series.thisYear[Number(row.m) - 1]! += value;
  else {
    series.lastYear[Number(row.m) - 1]! += value;
    if (row.early) series.lastYearToDate += value;
  }
}

/**
 * Every requested indicator of a unit subtree, by child unit and by month, for this year (to the as-of date) and last
 * year, in one pass over the ledger (plus one over arrivals and one over reported figures). The cockpit, the league
 * tables and the target grid all read their figures from here, straight from the live tables: nothing cached, so a
 * write is visible in the next request.
 */
export async function indicatorMatrix(db: DbOrTx, indicators: readonly IndicatorDefinition[], scopePath: string, window: MatrixWindow, ladder: readonly TierStep[]): Promise<IndicatorMatrix> {
  const matrix: IndicatorMatrix = new Map(indicators.map((indicator) => [indicator.key, new Map<string, MonthlySeries>()]));
  const from = `${window.year - 1}-01-01`;
  const computed = indicators.filter((i): i is ComputedIndicator => i.kind === 'computed');
  const onLedger = computed.filter((i) => i.dateField !== 'arrival');
  const onArrivals = computed.filter((i) => i.dateField === 'arrival');
  const reported = indicators.filter((i) => i.kind === 'reported');
  const condition = (indicator: ComputedIndicator, extra: SQL[] = []) => {
    const conditions = [...filterConditions(indicator.filter, ladder), ...extra];
    return conditions.length ? sql`(${and(...conditions)})` : sql`true`;
  };

  const jobs: Promise<void>[] = [];
  if (onLedger.length) {
    const dateOf = (indicator: ComputedIndicator) => DATE_COLUMNS[indicator.dateField as Exclude<ComputedIndicator['dateField'], 'arrival'>];
    const entries = onLedger.map((indicator) => sql`(${indicator.key}::text, ${dateOf(indicator)}, ${measureOf(indicator)}, ${condition(indicator)})`);
    const columns = [...new Set(onLedger.map((indicator) => indicator.dateField))].map((field) => DATE_COLUMNS[field as keyof typeof DATE_COLUMNS]);
    // The OR over the date columns lets the planner skip projects with no milestone in the two years.
    const anyInWindow = sql.join(columns.map((column) => sql`${column} between ${from}::date and ${window.to}::date`), sql` or `);
    jobs.push(
      db
        .execute(
          sql`select ${childSegment(sql`${projects.unitPath}`, scopePath)} as bucket, x.k as key, extract(year from x.d)::int as y, extract(month from x.d)::int as m, (x.d <= ${window.lastYearTo}::date) as early, sum(x.v)::float8 as value
          from ${projects} cross join lateral (values ${sql.join(entries, sql`, `)}) as x(k, d, v, ok)
          where ${projectsWithin(scopePath)} and (${anyInWindow}) and x.ok and x.d between ${from}::date and ${window.to}::date
          group by 1, 2, 3, 4, 5`,
        )
        .then((result) => rowsOf<Row>(result).forEach((row) => add(matrix, window, row))),
    );
  }
  if (onArrivals.length) {
    const entries = onArrivals.map((indicator) => sql`(${indicator.key}::text, ${measureOf(indicator)}, ${condition(indicator, indicator.measure === 'sum_arrival_usd_wan' ? [eq(projectArrivals.isForeign, 1)] : [])})`);
    jobs.push(
      db
        .execute(
          sql`select ${childSegment(sql`${projects.unitPath}`, scopePath)} as bucket, x.k as key, extract(year from ${projectArrivals.arrivedOn})::int as y, extract(month from ${projectArrivals.arrivedOn})::int as m, (${projectArrivals.arrivedOn} <= ${window.lastYearTo}::date) as early, sum(x.v)::float8 as value
          from ${projectArrivals} join ${projects} on ${projects.id} = ${projectArrivals.projectId} cross join lateral (values ${sql.join(entries, sql`, `)}) as x(k, v, ok)
          where ${projectsWithin(scopePath)} and x.ok and ${projectArrivals.arrivedOn} between ${from}::date and ${window.to}::date
          group by 1, 2, 3, 4, 5`,
        )
        .then((result) => rowsOf<Row>(result).forEach((row) => add(matrix, window, row))),
    );
  }
  if (reported.length) {
    // A reported month counts whole, as the statistics bureau publishes it.
    jobs.push(
      db
        .execute(
          sql`select ${childSegment(sql`${units.path}`, scopePath)} as bucket, ${indicatorReports.indicatorKey} as key, substr(${indicatorReports.month}, 1, 4)::int as y, substr(${indicatorReports.month}, 6, 2)::int as m, (${indicatorReports.month} <= ${window.lastYearTo.slice(0, 7)}) as early, sum(${indicatorReports.value})::float8 as value
          from ${indicatorReports} join ${units} on ${units.code} = ${indicatorReports.unitCode}
          where ${units.path} like ${`${escapeLike(scopePath)}%`} and ${indicatorReports.indicatorKey} in (${sql.join(reported.map((i) => sql`${i.key}`), sql`, `)}) and ${indicatorReports.month} between ${from.slice(0, 7)} and ${window.to.slice(0, 7)}
          group by 1, 2, 3, 4, 5`,
        )
        .then((result) => rowsOf<Row>(result).forEach((row) => add(matrix, window, row))),
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
