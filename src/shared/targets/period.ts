// Period maths of targets and indicators (GLOSSARY: Rates and progress). Pure functions on ISO dates.

export const SCHEDULE_MODES = ['month', 'half_month', 'day'] as const;
export type ScheduleMode = (typeof SCHEDULE_MODES)[number];

function parts(iso: string): { year: number; month: number; day: number } {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * 序时进度 of `year` on `asOf`: n/12 at the end of month n (75% at the end of September). ⚙ variants: by half
 * months (the 15th closes the first half), or by day. Before the year 0, after it 1.
 */
export function scheduleProgress(year: number, asOf: string, mode: ScheduleMode = 'month'): number {
  const { year: y, month, day } = parts(asOf);
  if (y < year) return 0;
  if (y > year) return 1;
  const lastDay = daysInMonth(y, month);
  if (mode === 'day') {
    const dayOfYear = (Date.UTC(y, month - 1, day) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
    return dayOfYear / (isLeap(y) ? 366 : 365);
  }
  if (mode === 'half_month') {
    const halves = (month - 1) * 2 + (day >= lastDay ? 2 : day >= 15 ? 1 : 0);
    return halves / 24;
  }
  const months = month - (day >= lastDay ? 0 : 1);
  return months / 12;
}

/** 完成率: achieved ÷ target; null without a positive target. */
export function completionRate(actual: number, target: number | null | undefined): number | null {
  return target && target > 0 ? actual / target : null;
}

/** 超 / 低于序时 X 个百分点 = 完成率 − 序时进度, as a fraction (0.05 = 5 points). */
export function pointsVsSchedule(completion: number | null, schedule: number): number | null {
  return completion === null ? null : completion - schedule;
}

/** 同比 = (this period − same period last year) ÷ same period last year; null on a zero base. */
export function yearOnYear(current: number, lastYear: number | null | undefined): number | null {
  return lastYear ? (current - lastYear) / lastYear : null;
}

export type TrafficLight = 'green' | 'yellow' | 'red';

/** 三色预警 ⚙: green at or above 序时, yellow within `yellowPoints` below it, red further below. */
export function trafficLight(completion: number | null, schedule: number, yellowPoints = 0.05): TrafficLight | null {
  if (completion === null) return null;
  const gap = completion - schedule;
  if (gap >= -1e-9) return 'green';
  return gap >= -yellowPoints - 1e-9 ? 'yellow' : 'red';
}

/** The same date one year earlier (29 Feb → 28 Feb), for 同比 on a comparable period. */
export function sameDayLastYear(asOf: string): string {
  const { year, month, day } = parts(asOf);
  const d = Math.min(day, daysInMonth(year - 1, month));
  return `${year - 1}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A ratio as officials print it: 91.28% (two decimals) or 80.7% (one). */
export function percent(value: number | null, decimals = 2): string {
  return value === null ? '—' : `${(value * 100).toFixed(decimals)}%`;
}

/** A cohort rate (落地率 / 开工率 / 投产率 / 列统率): reached ÷ cohort size; null for an empty cohort. */
export function cohortRate(reached: number, cohort: number): number | null {
  return cohort > 0 ? reached / cohort : null;
}

/** Where the units left over go when a count is split in whole numbers (⚙ per split; default the last months). */
export type RemainderAt = 'last' | 'first';

/**
 * Splits an annual target into 12 monthly amounts — evenly, or along a profile (e.g. last year's months) — that add up
 * exactly to the annual figure. A count (`whole`) splits into whole projects: each month gets its share rounded down
 * and the units left over go to the months with the largest remainders, ties to the last months (or the first);
 * an amount splits to two decimals, the rounding drift in December.
 */
export function splitAnnual(
  annual: number,
  profile?: readonly number[],
  options: { whole?: boolean; remainderAt?: RemainderAt } = {},
): number[] {
  const weights =
    profile && profile.length === 12 && profile.some((w) => w > 0)
      ? profile.map((w) => Math.max(0, w))
      : Array.from({ length: 12 }, () => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (annual * w) / total);
  if (options.whole && Number.isInteger(annual) && annual >= 0) {
    const months = raw.map((v) => Math.floor(v + 1e-9));
    let left = annual - months.reduce((a, b) => a + b, 0);
    const order = raw
      .map((v, i) => ({ i, remainder: v - Math.floor(v + 1e-9) }))
      .sort((a, b) => b.remainder - a.remainder || (options.remainderAt === 'first' ? a.i - b.i : b.i - a.i));
    for (const { i } of order) {
      if (left <= 0) break;
      months[i]!++;
      left--;
    }
    return months;
  }
  const rounded = raw.map((v) => Math.round(v * 100) / 100);
  const drift = Math.round((annual - rounded.reduce((a, b) => a + b, 0)) * 100) / 100;
  rounded[11] = Math.round((rounded[11]! + drift) * 100) / 100;
  return rounded;
}
