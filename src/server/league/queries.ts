// The league tables' SQL (擂台赛): schemes in scope, their check, the standings of every period of a year.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { leaguePeriods, schemeProblems, standings, type Contestant, type LeaguePeriod, type Standing } from '../../shared/league/score.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import type { Actor } from '../http/actor.ts';
import { AppError, notFound } from '../http/errors.ts';
import { readTierLadder } from '../settings/repository.ts';
import { indicatorCatalog, type CatalogEntry } from '../targets/catalog.ts';
import { indicatorMatrix, matrixWindow, seriesOf, throughMonth } from '../targets/matrix.ts';
import { targets } from '../targets/schema.ts';
import { scopePathFor } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { leagueAdjustments, leagueSchemes } from './schema.ts';
import type { SchemeInput } from '../../shared/api/league.ts';
import { isStaffIndicator, STAFF_INDICATOR_TARGET, STAFF_LEAGUE_INDICATORS } from '../../shared/staff/league.ts';
import { quotaMetRate } from '../../shared/staff/outOfCity.ts';
import { periodRange } from '../../shared/staff/scoreboard.ts';
import { withinSubtree } from '../db/scope.ts';
import { monthsOf, outOfCity } from '../trips/queries.ts';

export type SchemeRow = typeof leagueSchemes.$inferSelect;

/** A scheme the actor may see: its organizing unit must be in the actor's subtree. */
export async function schemeFor(db: Db, actor: Actor, id: number): Promise<SchemeRow> {
  const [row] = await db.select().from(leagueSchemes).where(eq(leagueSchemes.id, id));
  if (!row) throw notFound();
  await scopePathFor(db, actor, row.unitCode);
  return row;
}

export async function checkScheme(db: Db, body: SchemeInput, zh: boolean): Promise<void> {
  const problems = schemeProblems(body.items, body.groups, zh ? 'zh' : 'en');
  const catalog = await indicatorCatalog(db);
  for (const item of body.items)
    if (!catalog.some((i) => i.key === item.indicator) && !isStaffIndicator(item.indicator))
      problems.push(zh ? `指标“${item.indicator}”不存在` : `unknown indicator ${item.indicator}`);
  const listed = body.groups.flatMap((g) => g.units);
  if (listed.length) {
    const children = await db
      .select({ code: units.code })
      .from(units)
      .where(and(eq(units.parentCode, body.unit), inArray(units.code, listed)));
    for (const code of listed)
      if (!children.some((c) => c.code === code))
        problems.push(zh ? `单位 ${code} 不是本单位的直属下级，不能参赛` : `unit ${code} is not a direct child of ${body.unit}`);
  }
  if (problems.length) throw new AppError('VALIDATION', { detail: problems.join('；') });
}

export interface LeagueTable {
  period: LeaguePeriod;
  periods: LeaguePeriod[];
  rows: Standing[];
  indicators: CatalogEntry[];
}

/** Standings of every period of the year up to `asOf` (one pass over the ledger for all of them). */
export async function leagueHistory(
  db: Db,
  scheme: SchemeRow,
  year: number,
  asOf: string,
): Promise<{ periods: LeaguePeriod[]; tables: Standing[][]; indicators: CatalogEntry[] }> {
  const catalog = await indicatorCatalog(db, { includeArchived: true });
  const ledgerIndicators = scheme.items.map((item) => catalog.find((i) => i.key === item.indicator)).filter((i) => i !== undefined);
  const staffIndicators = STAFF_LEAGUE_INDICATORS.filter((i) => scheme.items.some((item) => item.indicator === i.key));
  const indicators: CatalogEntry[] = [...ledgerIndicators, ...staffIndicators];
  const [unit] = await db.select().from(units).where(eq(units.code, scheme.unitCode));
  if (!unit) throw notFound();
  const periods = leaguePeriods(year, scheme.periodKind as 'month' | 'quarter', asOf);
  const window = matrixWindow(year, asOf);
  const children = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.parentCode, unit.code), eq(units.active, true)))
    .orderBy(asc(units.code));
  const [matrix, targetRows, adjustments] = await Promise.all([
    indicatorMatrix(db, ledgerIndicators, unit.path, window, await readTierLadder(db)),
    indicators.length && children.length
      ? db
          .select()
          .from(targets)
          .where(
            and(
              eq(targets.year, year),
              inArray(
                targets.unitCode,
                children.map((c) => c.code),
              ),
              inArray(
                targets.indicatorKey,
                indicators.map((i) => i.key),
              ),
            ),
          )
      : Promise.resolve([]),
    db
      .select()
      .from(leagueAdjustments)
      .where(and(eq(leagueAdjustments.schemeId, scheme.id), sql`${leagueAdjustments.period} like ${`${year}-%`}`)),
  ]);
  const staff = staffIndicators.length ? await staffFigures(db, unit.path, year, window.to) : null;
  const tables: Standing[][] = [];
  let previous: Map<string, number> | undefined;
  for (const period of periods) {
    const month = Number(period.to.slice(5, 7));
    const contestants: Contestant[] = children.map((child) => ({
      unitCode: child.code,
      unitName: child.name,
      figures: Object.fromEntries(
        scheme.items.map((item) => {
          const target = targetRows.find((t) => t.unitCode === child.code && t.indicatorKey === item.indicator)?.annual ?? null;
          if (staff && isStaffIndicator(item.indicator))
            return [item.indicator, { actual: staff(child.code, period), target: target ?? STAFF_INDICATOR_TARGET }];
          return [
            item.indicator,
            { actual: Math.round(throughMonth(seriesOf(matrix, item.indicator, child.code).thisYear, month) * 10_000) / 10_000, target },
          ];
        }),
      ),
      adjustments: adjustments
        .filter((a) => a.unitCode === child.code && a.period === period.key)
        .map((a) => ({ points: a.points, reason: a.reason })),
    }));
    const table = standings(scheme.items, scheme.groups, contestants, previous);
    tables.push(table);
    previous = new Map(table.map((row) => [row.unitCode, row.rank]));
  }
  return { periods, tables, indicators };
}

/**
 * 市外招商时间达标率 of each child unit for a period: the out-of-city table of the organiser's subtree read once for
 * the year's months, each person placed under the child unit their unit belongs to. The quota is a month's (每月不少于),
 * so a period is judged on its own months — not cumulated from January as the ledger's counts are.
 */
async function staffFigures(db: Db, organiserPath: string, year: number, asOf: string) {
  const months = monthsOf({ year }, asOf);
  const [table, subtree] = await Promise.all([
    outOfCity(db, organiserPath, months),
    db.select({ code: units.code, path: units.path }).from(units).where(withinSubtree(units.path, organiserPath)),
  ]);
  const depth = organiserPath.split('/').filter(Boolean).length;
  const childOf = new Map(subtree.map((u) => [u.code, u.path.split('/').filter(Boolean)[depth] ?? '']));
  return (childCode: string, period: LeaguePeriod) => {
    const own = periodRange(period.key) ?? { first: period.from, last: period.to };
    const inPeriod = months.filter((m) => m >= own.first.slice(0, 7) && m <= own.last.slice(0, 7));
    return quotaMetRate(
      table.items.filter((p) => childOf.get(p.unitCode) === childCode),
      inPeriod,
    );
  };
}

export async function leagueTable(
  db: Db,
  scheme: SchemeRow,
  year: number,
  asOf: string,
  periodKey: string | undefined,
  zh: boolean,
): Promise<LeagueTable> {
  const { periods, tables, indicators } = await leagueHistory(db, scheme, year, asOf);
  if (!periods.length) throw new AppError('VALIDATION', { detail: zh ? `${year}年尚无可排名的期间` : `no period of ${year} has begun` });
  const index = periodKey ? periods.findIndex((p) => p.key === periodKey) : periods.length - 1;
  if (index < 0)
    throw new AppError('VALIDATION', {
      detail: zh ? `期间“${periodKey}”不在 ${year} 年已开始的期间内` : `period ${periodKey} is not a begun period of ${year}`,
    });
  return { period: periods[index]!, periods, rows: tables[index]!, indicators };
}

export async function listSchemes(db: DbOrTx, unitCode: string): Promise<SchemeRow[]> {
  return db.select().from(leagueSchemes).where(eq(leagueSchemes.unitCode, unitCode)).orderBy(asc(leagueSchemes.id));
}

/** The 加减分 of one period of a scheme, in the order they were given. */
export async function periodAdjustments(db: DbOrTx, schemeId: number, period: string) {
  return db
    .select()
    .from(leagueAdjustments)
    .where(and(eq(leagueAdjustments.schemeId, schemeId), eq(leagueAdjustments.period, period)))
    .orderBy(asc(leagueAdjustments.id));
}

export async function findAdjustment(db: DbOrTx, id: number) {
  const [row] = await db.select().from(leagueAdjustments).where(eq(leagueAdjustments.id, id));
  return row;
}
