// 市外招商时间: working days by the official calendar (holidays and 调休 from `chinese-days`), the working days a
// person spent away on trips, the share and the quota of their post. Pure rules, one function each.
import chineseDays from 'chinese-days';
import { addDays, daysBetween, monthEnd } from '../calendar.ts';

// the default export: the package is CommonJS to Node (no named exports seen from ESM) and ESM to bundlers
const { getHolidaysInRange, isWorkday } = chineseDays;

/** The days of a month `YYYY-MM`, as `YYYY-MM-DD`. */
export function daysOfMonth(month: string): string[] {
  const last = monthEnd(month);
  const days: string[] = [];
  for (let day = `${month}-01`; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

const known = new Map<string, boolean>();
/** A working day by the State Council's calendar: weekdays not on holiday, and the 调休 weekend days worked. */
export function isWorkingDay(day: string): boolean {
  // remembered: the library parses the date on every call, and a year's table asks about each day thousands of times
  let working = known.get(day);
  if (working === undefined) {
    working = isWorkday(day);
    if (known.size > 20_000) known.clear();
    known.set(day, working);
  }
  return working;
}

/**
 * Whether the official arrangement of a year is known (the library ships each year once the State Council publishes
 * it, in the November before): without it a year's working days are Monday to Friday, which the table says.
 */
export const calendarKnown = (year: number): boolean => getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;

/** The working days of a month. */
export const workdaysOf = (month: string): string[] => daysOfMonth(month).filter(isWorkingDay);

/**
 * The working days of a month covered by trips (each `from`–`to`, both days included): a day covered by two trips
 * counts once, a trip's weekend or holiday days not at all, a 调休 Saturday as a working day.
 */
export function daysAwayIn(month: string, trips: readonly { from: string; to: string }[]): number {
  const first = `${month}-01`;
  const last = monthEnd(month);
  const away = new Set<string>();
  for (const trip of trips) {
    const from = trip.from > first ? trip.from : first;
    const to = trip.to < last ? trip.to : last;
    for (let day = from; day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) away.add(day);
  }
  return away.size;
}

/** A period's days (consecutive months) as indexes from its first day: which are working days, and in which month. */
export interface PeriodCalendar {
  months: readonly string[];
  first: string;
  working: Uint8Array;
  monthOf: Uint16Array;
}

export function periodCalendar(months: readonly string[]): PeriodCalendar {
  const days = months.flatMap(daysOfMonth);
  return {
    months,
    first: days[0] ?? '9999-12-31',
    working: Uint8Array.from(days, (day) => (isWorkingDay(day) ? 1 : 0)),
    monthOf: Uint16Array.from(days, (day) => months.indexOf(day.slice(0, 7))),
  };
}

/**
 * The working days away in each month of a period, in one pass over a person's trips (a day covered by two trips
 * counts once): equal to `daysAwayIn` month by month, without dates in the loop (a city's year is ~18,000 trips).
 */
export function daysAwayByMonth(calendar: PeriodCalendar, trips: readonly { from: string; to: string }[]): number[] {
  const counts = new Array<number>(calendar.months.length).fill(0);
  const size = calendar.working.length;
  if (size === 0) return counts;
  const seen = new Uint8Array(size);
  for (const trip of trips) {
    const from = Math.max(0, daysBetween(calendar.first, trip.from));
    const to = Math.min(size - 1, daysBetween(calendar.first, trip.to));
    for (let i = from; i <= to; i++)
      if (calendar.working[i] && !seen[i]) {
        seen[i] = 1;
        counts[calendar.monthOf[i]!]!++;
      }
  }
  return counts;
}

/** The share of working time away, and whether it meets a quota (a fraction; null when the person has no post). */
export function outOfCityShare(daysAway: number, workdays: number, quota: number | null): { share: number; met: boolean | null } {
  const share = workdays > 0 ? daysAway / workdays : 0;
  // compared on whole days' fractions with a hair of tolerance: 1/3 of 21 days is met by 7
  return { share, met: quota === null ? null : share + 1e-9 >= quota };
}

/**
 * 市外招商时间达标率 of a group over some of the months: of those holding a post, the percentage whose share away
 * over those months meets their quota (0 when nobody holds one). The league tables (擂台赛) rank units by it.
 */
export function quotaMetRate(
  people: readonly { quota: number | null; months: readonly { month: string; workdays: number; daysAway: number }[] }[],
  months: readonly string[],
): number {
  const held = people.filter((p) => p.quota !== null);
  if (held.length === 0) return 0;
  const met = held.filter((p) => {
    const within = p.months.filter((m) => months.includes(m.month));
    const workdays = within.reduce((sum, m) => sum + m.workdays, 0);
    const away = within.reduce((sum, m) => sum + m.daysAway, 0);
    return outOfCityShare(away, workdays, p.quota).met === true;
  });
  return Math.round((met.length / held.length) * 10_000) / 100;
}
