// 市外招商时间: the team of a subtree with each person's working days, days away, share and quota, for a month or a
// year (the year: the sum over its months up to the current one).
import { monthEnd, shiftMonth } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { calendarKnown, daysAwayByMonth, outOfCityShare, periodCalendar } from '../../shared/staff/outOfCity.ts';
import { quotaSetting, STAFF_POSTS, type StaffPost } from '../../shared/staff/posts.ts';
import type { DbOrTx } from '../db/client.ts';
import { readSettings } from '../settings/repository.ts';
import { teamWithin } from '../users/repository.ts';
import { postsOf, tripsCovering } from './repository.ts';

export interface OutOfCityRow {
  userId: string;
  username: string;
  displayName: string;
  unitCode: string;
  unitName: string;
  post: StaffPost | null;
  workdays: number;
  daysAway: number;
  share: number;
  quota: number | null;
  met: boolean | null;
  months: { month: string; workdays: number; daysAway: number }[];
}

/** The months a period covers: one month, or a year's months up to this one (a year not begun has none). */
export function monthsOf(period: { month: string } | { year: number }, today = todayIso()): string[] {
  if ('month' in period) return [period.month];
  const last = String(period.year) === today.slice(0, 4) ? today.slice(0, 7) : `${period.year}-12`;
  const months: string[] = [];
  for (let m = `${period.year}-01`; m <= last; m = shiftMonth(m, 1)) months.push(m);
  return months;
}

export async function outOfCity(db: DbOrTx, scopePath: string, months: readonly string[]) {
  const settings = await readSettings(db, ['staff.tripApproval', ...STAFF_POSTS.map(quotaSetting)]);
  const approvedOnly = settings['staff.tripApproval'] === 'on';
  const quotas = new Map(STAFF_POSTS.map((p) => [p, Number(settings[quotaSetting(p)]) / 100]));
  const team = await teamWithin(db, scopePath);
  const ids = team.map((u) => u.id);
  const first = months.length ? `${months[0]}-01` : '9999-12-31';
  const last = months.length ? monthEnd(months[months.length - 1]!) : '0001-01-01';
  const [posts, covering] = await Promise.all([postsOf(db, ids), months.length ? tripsCovering(db, ids, first, last, approvedOnly) : []]);
  const tripsBy = new Map<string, { from: string; to: string }[]>();
  for (const trip of covering) {
    const list = tripsBy.get(trip.userId) ?? [];
    list.push({ from: trip.from, to: trip.to });
    tripsBy.set(trip.userId, list);
  }
  const calendar = periodCalendar(months);
  const workdays = months.map((_, i) => calendar.working.reduce((sum, w, d) => sum + (calendar.monthOf[d] === i ? w : 0), 0));
  const items: OutOfCityRow[] = team.map((user) => {
    const own = tripsBy.get(user.id) ?? [];
    const away = daysAwayByMonth(calendar, own);
    const perMonth = months.map((month, i) => ({ month, workdays: workdays[i]!, daysAway: away[i]! }));
    const totalWorkdays = perMonth.reduce((sum, m) => sum + m.workdays, 0);
    const daysAway = perMonth.reduce((sum, m) => sum + m.daysAway, 0);
    const post = posts.get(user.id) ?? null;
    const quota = post ? quotas.get(post)! : null;
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      unitCode: user.unitCode,
      unitName: user.unitName,
      post,
      workdays: totalWorkdays,
      daysAway,
      ...outOfCityShare(daysAway, totalWorkdays, quota),
      quota,
      months: perMonth,
    };
  });
  const unknownYears = [...new Set(months.map((m) => Number(m.slice(0, 4))))].filter((y) => !calendarKnown(y));
  return { approvedOnly, workdays: workdays.reduce((a, b) => a + b, 0), unknownYears, items };
}
