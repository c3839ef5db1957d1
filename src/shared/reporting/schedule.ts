// 倒排工期: from a target date for a milestone, propose planned dates for the milestones before it, backwards.

export const PLAN_MILESTONES = ['signed', 'registered', 'started', 'completed', 'producing', 'at_capacity'] as const;
export type PlanMilestone = (typeof PLAN_MILESTONES)[number];

/** ⚙ months between a milestone and the next one (signed→registered … producing→at capacity). */
export type MilestoneGaps = Record<Exclude<PlanMilestone, 'signed'>, number>;
export const DEFAULT_GAPS: MilestoneGaps = { registered: 2, started: 4, completed: 18, producing: 3, at_capacity: 12 };

const pad = (n: number) => String(n).padStart(2, '0');

/** `date` moved by whole months, the day kept where the month has it (31 → the month's last day). */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return `${y}-${pad(m + 1)}-${pad(Math.min(Number(date.slice(8, 10)), last))}`;
}

export interface ProposedDate {
  milestone: PlanMilestone;
  date: string;
  /** already reached: the actual date, not a plan */
  reached: boolean;
  /** planned before today although not reached: the deadline cannot be met at the usual pace */
  tight: boolean;
}

/**
 * Planned dates for `target` at `targetDate` and every milestone before it, each `gaps` months before the next;
 * milestones already reached keep their actual dates and are not planned.
 */
export function proposeSchedule(
  target: PlanMilestone,
  targetDate: string,
  reached: Partial<Record<PlanMilestone, string | null>>,
  today: string,
  gaps: MilestoneGaps = DEFAULT_GAPS,
): ProposedDate[] {
  const index = PLAN_MILESTONES.indexOf(target);
  const result: ProposedDate[] = [];
  let next = targetDate;
  for (let i = index; i >= 0; i--) {
    const milestone = PLAN_MILESTONES[i]!;
    const date = i === index ? targetDate : addMonths(next, -gaps[PLAN_MILESTONES[i + 1] as keyof MilestoneGaps]);
    const actual = reached[milestone];
    result.unshift(
      actual ? { milestone, date: actual, reached: true, tight: false } : { milestone, date, reached: false, tight: date < today },
    );
    next = date;
  }
  return result;
}
