import { and, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { TierStep } from '../../shared/projects/tiers.ts';
import type { ComputedIndicator } from '../../shared/targets/indicators.ts';
import { projectArrivals, projects } from '../projects/schema.ts';
import { DATE_COLUMNS } from '../projects/repository.ts';
import { projectProgress } from '../reporting/schema.ts';
import { filterConditions } from './compute.ts';
import { MILESTONE_FIELDS, reachingMilestones, type Milestone as LifecycleMilestone } from '../../shared/projects/milestones.ts';

// The projects behind a figure. The same conditions compute the figure and list its projects, so a number on screen
// and the list it opens always agree.

export const MILESTONES = ['registered', 'started', 'producing', 'listed'] as const; // the cohort rates' milestones
export type Milestone = (typeof MILESTONES)[number];

/** A milestone is reached by `asOf` when its date, or the date of any later stage (stages may be skipped), is on or before it. */
export function reachedBy(milestone: Milestone, asOf: string): SQL {
  if (milestone === 'listed') return sql`${projects.listedOn} <= ${asOf}::date`;
  return sql`${reachedOnSql(milestone)} <= ${asOf}::date`;
}

/** The day a lifecycle milestone was reached, in SQL: the earliest of its own and the later stages' dates (the shared rule). */
export const reachedOnSql = (milestone: LifecycleMilestone): SQL =>
  sql`least(${sql.join(
    reachingMilestones(milestone).map((m) => projects[MILESTONE_FIELDS[m].actual]),
    sql`, `,
  )})`;

const yearEnd = (year: number, asOf: string) => (asOf < `${year}-12-31` ? asOf : `${year}-12-31`);

/** 招商口径 cohort: the projects signed in `year` up to `asOf`. */
export const signedCohort = (year: number, asOf: string): SQL =>
  sql`${projects.signedOn} >= ${`${year}-01-01`}::date and ${projects.signedOn} <= ${yearEnd(year, asOf)}::date`;

/** 建设口径: the year's list (any level, or one) of planned new starts, lost projects left out. */
export const plannedStarts = (year: number, level?: string | null): SQL =>
  sql`${level ? sql`${level} = any(${projects.levels})` : sql`cardinality(${projects.levels}) > 0`} and ${projects.status} <> 'terminated' and ${projects.plannedStartedOn} between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`;

export const dueBy = (asOf: string): SQL => sql`${projects.plannedStartedOn} <= ${asOf}::date`;

export const RATE_SETS = [
  'cohort_signed',
  'cohort_landed',
  'cohort_started',
  'cohort_producing',
  'cohort_listed',
  'plan_planned',
  'plan_started',
  'plan_due',
  'plan_due_started',
] as const;
export type RateSet = (typeof RATE_SETS)[number];

/** The projects counted by one side of a rate (its denominator or its numerator). */
export function rateSetCondition(
  set: RateSet,
  year: number,
  asOf: string,
  options: { landedMilestone: Milestone; level?: string | null | undefined },
): SQL {
  switch (set) {
    case 'cohort_signed':
      return signedCohort(year, asOf);
    case 'cohort_landed':
      return sql`${signedCohort(year, asOf)} and ${reachedBy(options.landedMilestone, asOf)}`;
    case 'cohort_started':
      return sql`${signedCohort(year, asOf)} and ${reachedBy('started', asOf)}`;
    case 'cohort_producing':
      return sql`${signedCohort(year, asOf)} and ${reachedBy('producing', asOf)}`;
    case 'cohort_listed':
      return sql`${signedCohort(year, asOf)} and ${reachedBy('listed', asOf)}`;
    case 'plan_planned':
      return plannedStarts(year, options.level);
    case 'plan_started':
      return sql`${plannedStarts(year, options.level)} and ${reachedBy('started', asOf)}`;
    case 'plan_due':
      return sql`${plannedStarts(year, options.level)} and ${dueBy(asOf)}`;
    case 'plan_due_started':
      return sql`${plannedStarts(year, options.level)} and ${dueBy(asOf)} and ${reachedBy('started', asOf)}`;
  }
}

/** The projects a computed indicator counts in `year` up to `asOf` (for arrivals: projects with an arrival in the period). */
export function indicatorProjectsCondition(indicator: ComputedIndicator, year: number, asOf: string, ladder: readonly TierStep[]): SQL {
  const from = `${year}-01-01`;
  const to = yearEnd(year, asOf);
  const conditions = filterConditions(indicator.filter, ladder);
  if (indicator.dateField === 'arrival') {
    const foreignOnly = indicator.measure === 'sum_arrival_usd_wan' ? sql` and ${projectArrivals.isForeign} = 1` : sql``;
    conditions.push(
      sql`exists (select 1 from ${projectArrivals} where ${projectArrivals.projectId} = ${projects.id} and ${projectArrivals.arrivedOn} between ${from}::date and ${to}::date${foreignOnly})`,
    );
  } else if (indicator.dateField === 'progress') {
    conditions.push(
      sql`exists (select 1 from ${projectProgress} where ${projectProgress.projectId} = ${projects.id} and ${projectProgress.investedWan} > 0 and ${projectProgress.month} between ${from.slice(0, 7)} and ${to.slice(0, 7)})`,
    );
  } else {
    const column = DATE_COLUMNS[indicator.dateField];
    conditions.push(gte(column, from), lte(column, to));
  }
  return and(...conditions)!;
}
