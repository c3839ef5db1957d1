import { and, eq, sql } from 'drizzle-orm';
import { splitAnnual } from '../../shared/targets/period.ts';
import { isCountIndicator } from '../../shared/targets/indicators.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import type { Db } from '../db/client.ts';
import { appendAudit } from '../audit/recorder.ts';
import { bulkInsert } from '../db/bulk.ts';
import { leagueSchemes } from '../league/schema.ts';
import { readTierLadder } from '../settings/repository.ts';
import { findIndicator } from '../targets/catalog.ts';
import { indicatorMatrix, matrixWindow, seriesOf, sum } from '../targets/matrix.ts';
import { targets } from '../targets/schema.ts';
import { units } from '../units/schema.ts';
import { seededRandom } from './random.ts';

const DEMO_TARGET_INDICATORS = [
  'signed_projects',
  'signed_projects_1yi',
  'signed_projects_10yi',
  'signed_investment',
  'started_projects',
  'producing_projects',
  'listed_projects',
  'contract_foreign_capital',
];
const SUBJECT = { userId: null, username: 'system:demo', unitCode: null };

/**
 * This year's targets for the province, every city and their districts and parks: last year's result raised by 0–35%
 * (some units are ambitious, so the cockpit shows every colour), split to months along last year's profile; a parent's
 * target is the sum of its children's. Plus a monthly 擂台赛 for Yangzhou. Re-running replaces the demo's targets.
 */
export async function loadDemoTargets(db: Db, today = todayIso()): Promise<number> {
  const year = Number(today.slice(0, 4));
  const random = seededRandom(year);
  const ladder = await readTierLadder(db);
  const indicators = (await Promise.all(DEMO_TARGET_INDICATORS.map((key) => findIndicator(db, key)))).filter((i) => i !== undefined);
  const [province] = await db.select().from(units).where(eq(units.level, 'province'));
  if (!province) return 0;
  const cities = await db
    .select()
    .from(units)
    .where(and(eq(units.parentCode, province.code), eq(units.active, true)));
  const rows: (typeof targets.$inferInsert)[] = [];
  const provinceTotals = new Map<string, { annual: number; profile: number[] }>();
  const round = (key: string, value: number) =>
    key.endsWith('_projects') || key.includes('_projects_') ? Math.max(1, Math.round(value)) : Math.max(100, Math.round(value / 100) * 100);
  for (const city of cities) {
    const matrix = await indicatorMatrix(db, indicators, city.path, matrixWindow(year - 1, `${year - 1}-12-31`), ladder);
    const children = await db
      .select()
      .from(units)
      .where(and(eq(units.parentCode, city.code), eq(units.active, true)));
    for (const indicator of indicators) {
      let cityAnnual = 0;
      for (const child of children) {
        const lastYear = sum(seriesOf(matrix, indicator.key, child.code).thisYear);
        if (lastYear <= 0) continue;
        const annual = round(indicator.key, lastYear * (1 + random() * 0.35));
        cityAnnual += annual;
        rows.push({ unitCode: child.code, year, indicatorKey: indicator.key, annual, monthly: null, updatedBy: 'system:demo' });
      }
      if (cityAnnual <= 0) continue;
      const profile = seriesOf(matrix, indicator.key).thisYear;
      rows.push({
        unitCode: city.code,
        year,
        indicatorKey: indicator.key,
        annual: cityAnnual,
        monthly: splitAnnual(cityAnnual, profile, { whole: isCountIndicator(indicator) }),
        updatedBy: 'system:demo',
      });
      const total = provinceTotals.get(indicator.key) ?? { annual: 0, profile: Array<number>(12).fill(0) };
      total.annual += cityAnnual;
      profile.forEach((v, i) => (total.profile[i]! += v));
      provinceTotals.set(indicator.key, total);
    }
  }
  for (const [key, total] of provinceTotals)
    rows.push({
      unitCode: province.code,
      year,
      indicatorKey: key,
      annual: total.annual,
      monthly: splitAnnual(total.annual, total.profile, { whole: indicators.some((i) => i.key === key && isCountIndicator(i)) }),
      updatedBy: 'system:demo',
    });
  await db.transaction(async (tx) => {
    await bulkInsert(
      tx,
      targets,
      rows,
      [],
      'on conflict (unit_code, year, indicator_key) do update set annual = excluded.annual, monthly = excluded.monthly, updated_by = excluded.updated_by, updated_at = now()',
    );
    const yangzhou = '321000';
    const existing = await tx.select({ id: leagueSchemes.id }).from(leagueSchemes).where(eq(leagueSchemes.unitCode, yangzhou));
    if (existing.length === 0) {
      const parks = await tx
        .select({ code: units.code })
        .from(units)
        .where(and(eq(units.parentCode, yangzhou), eq(units.level, 'park')));
      const districts = await tx
        .select({ code: units.code })
        .from(units)
        .where(and(eq(units.parentCode, yangzhou), sql`${units.level} <> 'park'`));
      await tx.insert(leagueSchemes).values({
        unitCode: yangzhou,
        name: `${year}年扬州市招商引资擂台赛`,
        periodKind: 'month',
        items: [
          { indicator: 'signed_projects', weight: 30, cap: 1.2 },
          { indicator: 'signed_projects_10yi', weight: 30, cap: 1.2 },
          { indicator: 'started_projects', weight: 25, cap: 1.2 },
          { indicator: 'listed_projects', weight: 15, cap: 1.2 },
        ],
        groups: [
          { name: 'I类（县市区）', units: districts.map((d) => d.code) },
          { name: 'II类（功能区）', units: parks.map((p) => p.code) },
        ],
        createdBy: 'system:demo',
      });
    }
    await appendAudit(
      tx,
      SUBJECT,
      { ip: null },
      { action: 'demo.targets', objectType: 'demo', detail: `year=${year}; targets ${rows.length}` },
    );
  });
  return rows.length;
}
