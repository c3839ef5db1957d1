// 挂钩领导: how a sponsored project stands against its plan. Pure.
import type { Milestone } from '../projects/milestones.ts';
import { cohortRate } from '../targets/period.ts';

export type PlanStanding = 'ahead' | 'on_time' | 'behind';

export const PLAN_STANDING_LABELS: Record<PlanStanding, { zh: string; en: string }> = {
  ahead: { zh: '超前', en: 'Ahead' },
  on_time: { zh: '按计划', en: 'On time' },
  behind: { zh: '滞后', en: 'Behind' },
};

export interface MilestonePlan {
  key: Milestone;
  planned: string | null;
  actual: string | null;
}

/**
 * Behind when a planned milestone has passed unreached; ahead when the latest reached milestone was reached before its
 * planned date (and nothing is behind); on time otherwise (including projects without a plan).
 */
export function planStanding(milestones: readonly MilestonePlan[], today: string): PlanStanding {
  if (milestones.some((m) => !m.actual && m.planned !== null && m.planned < today)) return 'behind';
  const reached = milestones.filter((m) => m.actual && m.planned);
  const latest = reached[reached.length - 1];
  return latest && latest.actual! < latest.planned! ? 'ahead' : 'on_time';
}

/** The next milestone to reach, with its planned date (null when all are reached or none is planned). */
export function nextMilestone(milestones: readonly MilestonePlan[]): MilestonePlan | null {
  return milestones.find((m) => !m.actual && m.planned) ?? null;
}

/** What a leader's sponsored projects add up to: standings, open blockers, 开工率 and 投资完成率. */
export function sponsorCounts(
  items: readonly {
    standing: PlanStanding;
    blockers: readonly unknown[];
    plannedStartThisYear: boolean;
    started: boolean;
    planWan: number | null;
    ytdWan: number;
  }[],
) {
  const plannedStarts = items.filter((i) => i.plannedStartThisYear);
  const started = plannedStarts.filter((i) => i.started).length;
  const planWan = items.reduce((sum, i) => sum + (i.planWan ?? 0), 0);
  // 投资完成率 of the projects with an annual plan only
  const ytdWan = items.reduce((sum, i) => sum + (i.planWan ? i.ytdWan : 0), 0);
  return {
    counts: {
      total: items.length,
      ahead: items.filter((i) => i.standing === 'ahead').length,
      onTime: items.filter((i) => i.standing === 'on_time').length,
      behind: items.filter((i) => i.standing === 'behind').length,
      openBlockers: items.reduce((sum, i) => sum + i.blockers.length, 0),
    },
    // 开工率 of the sponsored projects planned to start this year
    startRate: { planned: plannedStarts.length, started, rate: cohortRate(started, plannedStarts.length) },
    investment: { planWan, ytdWan, rate: planWan > 0 ? ytdWan / planWan : null },
  };
}
