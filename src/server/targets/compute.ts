import { sql, type SQL } from 'drizzle-orm';
import type { ComputedIndicator, IndicatorFilter } from '../../shared/targets/indicators.ts';
import type { TierStep } from '../../shared/projects/tiers.ts';
import { projectArrivals, projects } from '../projects/schema.ts';
import { projectProgress } from '../reporting/schema.ts';

// The SQL pieces of a computed indicator: which projects it counts and what each adds. Used by the indicator matrix
// (the figures) and the drill-down (their project lists).

/** 亿元以上 on the paired ladder: 内资 against the RMB threshold, 外资 against its USD pair (10:1 when the step is not on the ladder). */
function tierCondition(minTierYi: number, ladder: readonly TierStep[]): SQL {
  const usdWan = ladder.find((step) => step.yi === minTierYi)?.usdWan ?? minTierYi * 1_000;
  return sql`((${projects.capitalType} = 'domestic' and ${projects.totalInvestmentWan} >= ${minTierYi * 10_000}) or (${projects.capitalType} <> 'domestic' and coalesce(${projects.totalInvestmentUsdWan}, 0) >= ${usdWan}))`;
}

const anyOf = (column: SQL | typeof projects.capitalType, values: readonly string[]) =>
  sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

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
function measureOf(indicator: ComputedIndicator): SQL {
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
    case 'sum_progress_wan':
      return sql`coalesce(${projectProgress.investedWan}, 0)::float8`;
  }
}

/** The indicator's value over the rows that meet `condition`: a count counts them (count(*) runs a fifth faster than a sum of ones). */
export function aggregateOf(indicator: ComputedIndicator, condition: SQL): SQL {
  return indicator.measure === 'count'
    ? sql`count(*) filter (where ${condition})::float8`
    : sql`coalesce(sum(${measureOf(indicator)}) filter (where ${condition}), 0)::float8`;
}
