// A list query turned into the repository's filter, scoped to the caller; `indicator=`, `rate=` and
// `investmentMonth=` links add the very conditions that computed the figure they come from.
import type { SQL } from 'drizzle-orm';
import { monthEnd } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import type { Stage } from '../../shared/projects/stages.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../http/actor.ts';
import { AppError } from '../http/errors.ts';
import { inInvestmentSchedule } from '../reporting/progress.ts';
import { readSettings, readTierLadder } from '../settings/repository.ts';
import { findIndicator } from '../targets/catalog.ts';
import { indicatorProjectsCondition, rateSetCondition, type Milestone } from '../targets/drilldown.ts';
import { scopePathFor } from '../units/repository.ts';
import { activeUsersByUsernames } from '../users/repository.ts';
import { leadCohort, reachedStep, type ProjectFilter } from './repository.ts';
import type { ListQuery } from './requests.ts';

/** Turns the query into a filter scoped to the caller (a unit outside the scope is refused). */
export async function scopedFilter(db: Db, actor: Actor, query: ListQuery): Promise<ProjectFilter> {
  const scopePath = await scopePathFor(db, actor, query.unit);
  let minTier: number | undefined;
  if (query.tier) {
    const ladder = await readTierLadder(db);
    const index = ladder.findIndex((step) => step.yi === query.tier);
    if (index < 0) throw new AppError('VALIDATION', { detail: `tier ${query.tier}: ${ladder.map((s) => s.yi).join(', ')}` });
    minTier = index + 1;
  }
  return {
    scopePath,
    parkCode: query.park,
    stages: query.stage as Stage[] | undefined,
    statuses: query.status,
    capitalTypes: query.capitalType,
    minTier,
    industrySection: query.industrySection,
    industryDivision: query.industryDivision,
    chain: query.chain,
    level: query.level,
    sponsorLeader: query.leader,
    leadSource: query.source,
    ownerUserId: query.owner ? ((await activeUsersByUsernames(db, [query.owner]))[0]?.id ?? null) : undefined,
    projectType: query.projectType,
    q: query.q?.trim() || undefined,
    dateRanges: query.dateField ? [{ key: query.dateField, from: query.from, to: query.to }] : [],
    extra: await drilldown(db, query),
  };
}

/** Conditions of `indicator=` / `rate=` links (cockpit, targets, rates): the same SQL that computed the figure. */
async function drilldown(db: Db, query: ListQuery): Promise<SQL[]> {
  if (!query.indicator && !query.rate && !query.investmentMonth && !query.sourceStep) return [];
  const asOf = query.asOf ?? todayIso();
  const year = query.year ?? Number(asOf.slice(0, 4));
  const conditions: SQL[] = [];
  if (query.indicator) {
    const indicator = await findIndicator(db, query.indicator);
    if (!indicator) throw new AppError('VALIDATION', { detail: `indicator ${query.indicator}` });
    if (indicator.kind !== 'computed')
      throw new AppError('VALIDATION', {
        detail: `${indicator.label.zh}：统计类指标没有对应的项目清单 / a reported indicator has no project list`,
      });
    conditions.push(indicatorProjectsCondition(indicator, year, asOf, await readTierLadder(db)));
  }
  if (query.investmentMonth) {
    const end = monthEnd(query.investmentMonth);
    conditions.push(inInvestmentSchedule(query.investmentMonth, query.asOf ?? (end < todayIso() ? end : todayIso())));
  }
  if (query.sourceStep) conditions.push(leadCohort(year), reachedStep(query.sourceStep));
  if (query.rate) {
    const landedMilestone = String((await readSettings(db, ['targets.landedMilestone']))['targets.landedMilestone']) as Milestone;
    conditions.push(rateSetCondition(query.rate, year, asOf, { landedMilestone }));
  }
  return conditions;
}
