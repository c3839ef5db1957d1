// 挂钩领导: how a sponsored project stands against its plan. Pure.

export type PlanStanding = 'ahead' | 'on_time' | 'behind';

export const PLAN_STANDING_LABELS: Record<PlanStanding, { zh: string; en: string }> = {
  ahead: { zh: '超前', en: 'Ahead' },
  on_time: { zh: '按计划', en: 'On time' },
  behind: { zh: '滞后', en: 'Behind' },
};

export interface MilestonePlan {
  key: string;
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
