import { and, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import type { ComputedIndicator, IndicatorDefinition, IndicatorFilter } from '../../shared/targets/indicators.ts';
import type { TierStep } from '../../shared/projects/tiers.ts';
import { rowsOf, type DbOrTx } from '../db/client.ts';
import { projectArrivals, projects } from '../projects/schema.ts';
import { DATE_COLUMNS, projectsWithin } from '../projects/repository.ts';
import { units } from '../units/schema.ts';
import { indicatorReports } from './schema.ts';

/** 亿元以上 on the paired ladder: 内资 against the RMB threshold, 外资 against its USD pair (10:1 when the step is not on the ladder). */
function tierCondition(minTierYi: number, ladder: readonly TierStep[]): SQL {
  const usdWan = ladder.find((step) => step.yi === minTierYi)?.usdWan ?? minTierYi * 1_000;
  return sql`((${projects.capitalType} = 'domestic' and ${projects.totalInvestmentWan} >= ${minTierYi * 10_000}) or (${projects.capitalType} <> 'domestic' and coalesce(${projects.totalInvestmentUsdWan}, 0) >= ${usdWan}))`;
}

const anyOf = (column: SQL | typeof projects.capitalType, values: readonly string[]) => sql`${column} in (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

/** The ledger conditions of an indicator's filter (the same for the single figure and for the cockpit's matrix). */
export function filterConditions(filter: IndicatorFilter | undefined, ladder: readonly TierStep[]): SQL[] {
  const conditions: SQL[] = [];
  if (!filter) return conditions;
  if (filter.minTierYi) conditions.push(tierCondition(filter.minTierYi, ladder));
  if (filter.capitalTypes?.length) conditions.push(anyOf(projects.capitalType, filter.capitalTypes));
  if (filter.levels?.length) conditions.push(sql`${projects.levels} && ${sql.param(filter.levels)}::text[]`);
  if (filter.chains?.length) conditions.push(anyOf(sql`${projects.chain}`, filter.chains));
  if (filter.industrySections?.length) conditions.push(anyOf(sql`${projects.industrySection}`, filter.industrySections));
  if (filter.projectTypes?.length) conditions.push(anyOf(sql`${projects.projectType}`, filter.projectTypes));
  return conditions;
}

/** What a project adds to a computed indicator (1 for a count). */
export function measureOf(indicator: ComputedIndicator): SQL {
  switch (indicator.measure) {
    case 'count':
      return sql`1::float8`;
    case 'sum_total_wan':
      return sql`coalesce(${projects.totalInvestmentWan}, 0)::float8`;
    case 'sum_contract_foreign_usd_wan':
      return sql`coalesce(${projects.contractForeignCapitalUsdWan}, 0)::float8`;
    case 'sum_arrival_usd_wan':
      return sql`coalesce(${projectArrivals.amountUsdWan}, 0)::float8`;
    case 'sum_arrival_wan':
      return sql`coalesce(${projectArrivals.amountWan}, 0)::float8`;
  }
}

/**
 * The value of a computed indicator for a unit subtree over [from, to]: the projects whose milestone falls in the
 * period (a signing counts in its period even if the project was later lost), counted or summed.
 */
export async function computeIndicator(db: DbOrTx, indicator: ComputedIndicator, scopePath: string, from: string, to: string, ladder: readonly TierStep[]): Promise<number> {
  const conditions: SQL[] = [projectsWithin(scopePath), ...filterConditions(indicator.filter, ladder)];
  if (indicator.dateField === 'arrival') {
    const measure = indicator.measure === 'sum_arrival_usd_wan' ? sql`coalesce(sum(${projectArrivals.amountUsdWan}), 0)` : sql`coalesce(sum(${projectArrivals.amountWan}), 0)`;
    const [row] = await db
      .select({ value: sql<number>`${measure}::float8` })
      .from(projectArrivals)
      .innerJoin(projects, eq(projects.id, projectArrivals.projectId))
      .where(and(...conditions, gte(projectArrivals.arrivedOn, from), lte(projectArrivals.arrivedOn, to), ...(indicator.measure === 'sum_arrival_usd_wan' ? [eq(projectArrivals.isForeign, 1)] : [])));
    return Number(row?.value ?? 0);
  }
  const column = DATE_COLUMNS[indicator.dateField];
  const measure =
    indicator.measure === 'count'
      ? sql`count(*)`
      : indicator.measure === 'sum_total_wan'
        ? sql`coalesce(sum(${projects.totalInvestmentWan}), 0)`
        : sql`coalesce(sum(${projects.contractForeignCapitalUsdWan}), 0)`;
  const [row] = await db
    .select({ value: sql<number>`${measure}::float8` })
    .from(projects)
    .where(and(...conditions, gte(column, from), lte(column, to)));
  return Number(row?.value ?? 0);
}

/** A reported indicator: the monthly figures of the subtree's units, from the month of `from` to the month of `to`. */
export async function reportedIndicator(db: DbOrTx, key: string, scopePath: string, from: string, to: string): Promise<number> {
  const rows = rowsOf<{ value: number }>(
    await db.execute(sql`select coalesce(sum(${indicatorReports.value}), 0)::float8 as value from ${indicatorReports}
      join ${units} on ${units.code} = ${indicatorReports.unitCode}
      where ${indicatorReports.indicatorKey} = ${key} and ${like(units.path, `${scopePath}%`)} and ${indicatorReports.month} >= ${from.slice(0, 7)} and ${indicatorReports.month} <= ${to.slice(0, 7)}`),
  );
  return Number(rows[0]?.value ?? 0);
}

export async function indicatorValue(db: DbOrTx, indicator: IndicatorDefinition, scopePath: string, from: string, to: string, ladder: readonly TierStep[]): Promise<number> {
  return indicator.kind === 'computed' ? computeIndicator(db, indicator, scopePath, from, to, ladder) : reportedIndicator(db, indicator.key, scopePath, from, to);
}
