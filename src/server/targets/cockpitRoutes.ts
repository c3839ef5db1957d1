import { z } from 'zod';
import { todayIso } from '../../shared/projects/dates.ts';
import { STAGES } from '../../shared/projects/stages.ts';
import type { Db } from '../db/client.ts';
import { requireActor, type App } from '../http/platform.ts';
import { largestProjects, stageCountsAsOf, tierCounts } from '../projects/repository.ts';
import { readStringList, readTierLadder } from '../settings/repository.ts';
import { scopedUnit } from '../units/repository.ts';
import { indicatorCatalog, presentIndicator } from './catalog.ts';
import { signedCohort } from './drilldown.ts';
import { unitFigures, type UnitRow } from './figures.ts';
import { cockpitResponse } from '../../shared/api/targets.ts';

const STATUS_ORDER = { red: 0, yellow: 1 } as const;

/** The red and yellow list: each unit × indicator below 序时, the furthest behind first. */
function watchlist(rows: readonly UnitRow[]) {
  return rows
    .flatMap((row) =>
      Object.entries(row.figures)
        .filter(([, f]) => f.status === 'red' || f.status === 'yellow')
        .map(([indicator, f]) => ({
          unitCode: row.code,
          unitName: row.name,
          indicator,
          status: f.status as 'red' | 'yellow',
          actual: f.actual,
          target: f.target,
          completion: f.completion,
          pointsVsSchedule: f.pointsVsSchedule,
        })),
    )
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.pointsVsSchedule ?? 0) - (b.pointsVsSchedule ?? 0));
}

export function registerCockpitRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/cockpit',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: cockpitResponse },
        tags: ['targets'],
        summary: '领导驾驶舱：指标卡（对目标与序时）、下级单位对比、阶段漏斗、档次分布、月度走势（对上年）、本年签约最大项目、红黄灯清单',
        querystring: z.object({
          unit: z
            .string()
            .regex(/^\d{6,15}$/)
            .optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          asOf: z.iso.date().optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      const unit = await scopedUnit(db, actor, code);
      const scopePath = unit.path;
      const asOf = request.query.asOf ?? todayIso();
      const year = request.query.year ?? Number(asOf.slice(0, 4));
      const cutoff = asOf < `${year}-12-31` ? asOf : `${year}-12-31`;
      const [catalog, keys, ladder] = await Promise.all([
        indicatorCatalog(db, { viewerPath: actor.unitPath }),
        readStringList(db, 'targets.cockpitIndicators'),
        readTierLadder(db),
      ]);
      const indicators = keys.map((key) => catalog.find((i) => i.key === key)).filter((i) => i !== undefined);
      const cohort = signedCohort(year, asOf);
      const [figures, byStage, tiers, largest] = await Promise.all([
        unitFigures(db, indicators, unit, year, asOf),
        stageCountsAsOf(db, scopePath, cutoff),
        tierCounts(db, scopePath, cohort),
        largestProjects(db, scopePath, cohort, 10),
      ]);
      return {
        unit: { code: unit.code, name: unit.name, level: unit.level },
        year,
        asOf,
        scheduleProgress: figures.scheduleProgress,
        indicators: indicators.map(presentIndicator),
        self: figures.self,
        children: figures.children,
        trend: figures.trend,
        funnel: STAGES.map((stage) => ({ stage, count: byStage[stage] })),
        // Tier 0 is below the first ladder step; tier i is "at least step i, below step i + 1".
        tiers: [0, ...ladder.map((_, i) => i + 1)].map((tier) => {
          const row = tiers.find((t) => Number(t.tier) === tier);
          return {
            tier,
            fromYi: tier === 0 ? 0 : ladder[tier - 1]!.yi,
            toYi: ladder[tier]?.yi ?? null,
            count: Number(row?.count ?? 0),
            investmentWan: Math.round(Number(row?.investment ?? 0) * 100) / 100,
          };
        }),
        largest,
        watchlist: watchlist([figures.self, ...figures.children]),
      };
    },
  );
}
