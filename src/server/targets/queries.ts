// The targets' and rates' SQL: the targets of some units, the cohort (招商口径) and construction (建设口径) counts.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../db/client.ts';
import { projectsWithin } from '../projects/repository.ts';
import { projects } from '../projects/schema.ts';
import { plannedStarts, rateSetCondition, signedCohort, type Milestone, type RateSet } from './drilldown.ts';
import { targets } from './schema.ts';
import type { ProjectLevel } from '../../shared/projects/classification.ts';

export async function targetsOf(db: DbOrTx, unitCodes: string[], year: number) {
  return db
    .select()
    .from(targets)
    .where(and(inArray(targets.unitCode, unitCodes), eq(targets.year, year)));
}

/** The projects signed in `year` up to `asOf` in a subtree, and how many of them landed, started, produce, are listed. */
export async function cohortCounts(db: DbOrTx, scopePath: string, y: number, asOf: string, landedMilestone: Milestone) {
  const side = (set: RateSet) => sql`count(*) filter (where ${rateSetCondition(set, y, asOf, { landedMilestone })})::int`;
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`select count(*)::int as signed, ${side('cohort_landed')} as landed, ${side('cohort_started')} as started, ${side('cohort_producing')} as producing, ${side('cohort_listed')} as listed
      from ${projects} where ${projectsWithin(scopePath)} and ${signedCohort(y, asOf)}`),
  );
  return row;
}

/** The projects planned to start in `year` (年度重点项目清单), how many started, were due and started when due. */
export async function constructionCounts(
  db: DbOrTx,
  scopePath: string,
  y: number,
  asOf: string,
  options: { landedMilestone: 'registered'; level: ProjectLevel | undefined },
) {
  const side = (set: RateSet) => sql`count(*) filter (where ${rateSetCondition(set, y, asOf, options)})::int`;
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`select count(*)::int as planned, ${side('plan_started')} as started, ${side('plan_due')} as due, ${side('plan_due_started')} as due_started
      from ${projects} where ${projectsWithin(scopePath)} and ${plannedStarts(y, options.level)}`),
  );
  return row;
}
