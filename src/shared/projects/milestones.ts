// A project's milestones (节点): each has a planned and an actual date. One rule, used by targets, alerts, sponsors,
// meetings and bulletins alike: a milestone counts as reached when its own date or the date of any later stage is set
// — stages may be skipped (a project that starts without registering has registered by then).

import { STAGE_LABELS } from './stages.ts';

export const MILESTONES = ['signed', 'registered', 'started', 'completed', 'producing', 'at_capacity'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** A milestone is named as the stage it reaches. */
export const MILESTONE_LABELS = Object.fromEntries(MILESTONES.map((m) => [m, STAGE_LABELS[m]])) as Record<
  Milestone,
  { zh: string; en: string }
>;

/** The project fields of each milestone's actual and planned date, and their database columns. */
export const MILESTONE_FIELDS = {
  signed: { actual: 'signedOn', planned: 'plannedSignedOn', actualColumn: 'signed_on', plannedColumn: 'planned_signed_on' },
  registered: {
    actual: 'registeredOn',
    planned: 'plannedRegisteredOn',
    actualColumn: 'registered_on',
    plannedColumn: 'planned_registered_on',
  },
  started: { actual: 'startedOn', planned: 'plannedStartedOn', actualColumn: 'started_on', plannedColumn: 'planned_started_on' },
  completed: { actual: 'completedOn', planned: 'plannedCompletedOn', actualColumn: 'completed_on', plannedColumn: 'planned_completed_on' },
  producing: { actual: 'producingOn', planned: 'plannedProducingOn', actualColumn: 'producing_on', plannedColumn: 'planned_producing_on' },
  at_capacity: {
    actual: 'atCapacityOn',
    planned: 'plannedAtCapacityOn',
    actualColumn: 'at_capacity_on',
    plannedColumn: 'planned_at_capacity_on',
  },
} as const satisfies Record<Milestone, { actual: string; planned: string; actualColumn: string; plannedColumn: string }>;

type ActualField = (typeof MILESTONE_FIELDS)[Milestone]['actual'];
type PlannedField = (typeof MILESTONE_FIELDS)[Milestone]['planned'];
export type MilestoneDates = { [K in ActualField | PlannedField]?: string | null };

/** The milestone and every later one: the stages whose date shows it reached. */
export const reachingMilestones = (milestone: Milestone): Milestone[] => MILESTONES.slice(MILESTONES.indexOf(milestone));

/** The database columns whose date shows a milestone reached (its own and every later stage's). */
export const reachingColumns = (milestone: Milestone): string[] =>
  reachingMilestones(milestone).map((m) => MILESTONE_FIELDS[m].actualColumn);

/** The day a milestone was reached: the earliest of its own and the later stages' dates, or null. */
export function reachedOn(milestone: Milestone, project: MilestoneDates): string | null {
  let earliest: string | null = null;
  for (const m of reachingMilestones(milestone)) {
    const day = project[MILESTONE_FIELDS[m].actual];
    if (day && (earliest === null || day < earliest)) earliest = day;
  }
  return earliest;
}

export interface MilestoneStatus {
  key: Milestone;
  planned: string | null;
  actual: string | null;
  /** planned before today and not reached */
  late: boolean;
}

/** Every milestone of a project, planned against reached, as of a day. */
export function milestoneStatuses(project: MilestoneDates, today: string): MilestoneStatus[] {
  return MILESTONES.map((key) => {
    const planned = project[MILESTONE_FIELDS[key].planned] ?? null;
    const actual = reachedOn(key, project);
    return { key, planned, actual, late: actual === null && planned !== null && planned < today };
  });
}
