import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar.ts';
import {
  calendarKnown,
  daysAwayByMonth,
  daysAwayIn,
  isWorkingDay,
  outOfCityShare,
  periodCalendar,
  quotaMetRate,
  workdaysOf,
} from './outOfCity.ts';

describe('out-of-city time by the official calendar', () => {
  it('knows the holidays and the 调休 working weekends', () => {
    expect(workdaysOf('2026-10')).toHaveLength(18); // 国庆 1–7 off, Saturday the 10th worked
    expect(workdaysOf('2026-02')).toHaveLength(16); // 春节 15–23 off, Saturdays the 14th and 28th worked
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-10-05')).toBe(false);
    expect(isWorkingDay('2026-09-20')).toBe(true); // a Sunday worked before 国庆
    expect(calendarKnown(2026)).toBe(true);
    expect(calendarKnown(2099)).toBe(false);
  });

  it('counts the working days a month’s trips cover, overlaps once', () => {
    const trips = [
      { from: '2026-09-29', to: '2026-10-10' }, // 9-29, 9-30 | 10-08, 10-09, 10-10
      { from: '2026-10-09', to: '2026-10-14' }, // 10-09, 10-10 again | 10-12, 10-13, 10-14
    ];
    expect(daysAwayIn('2026-10', trips)).toBe(6);
    expect(daysAwayIn('2026-09', trips)).toBe(2); // 9-29 and 9-30
    expect(daysAwayIn('2026-10', [{ from: '2026-10-01', to: '2026-10-07' }])).toBe(0); // a holiday week away is no working time
  });

  it('gives the same counts month by month in one pass over a year', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const trips = Array.from({ length: 60 }, () => {
      const from = addDays('2026-01-01', Math.floor(random() * 360));
      return { from, to: addDays(from, Math.floor(random() * 6)) };
    });
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    const byMonth = daysAwayByMonth(periodCalendar(months), trips);
    months.forEach((month, i) => expect(byMonth[i]).toBe(daysAwayIn(month, trips)));
    // trips reaching outside the period count only inside it
    expect(daysAwayByMonth(periodCalendar(['2026-10']), [{ from: '2026-09-01', to: '2026-11-30' }])).toEqual([18]);
  });

  it('meets a third of the time with whole days', () => {
    expect(outOfCityShare(7, 21, 1 / 3)).toEqual({ share: 1 / 3, met: true });
    expect(outOfCityShare(8, 21, 0.4)).toMatchObject({ met: false });
    expect(outOfCityShare(0, 0, 0.4)).toEqual({ share: 0, met: false });
    expect(outOfCityShare(3, 21, null).met).toBeNull();
  });
});

describe('the out-of-city quota met rate (a league indicator)', () => {
  const person = (quota: number | null, ...months: [string, number, number][]) => ({
    quota,
    months: months.map(([month, workdays, daysAway]) => ({ month, workdays, daysAway })),
  });
  it('is the percentage of those holding a post who met it over the months asked', () => {
    const people = [
      person(0.4, ['2026-10', 18, 8], ['2026-11', 21, 6]),
      person(0.6, ['2026-10', 18, 11], ['2026-11', 21, 13]),
      person(null, ['2026-10', 18, 0]),
    ];
    expect(quotaMetRate(people, ['2026-10'])).toBe(100); // 8/18 ≥ 40%, 11/18 ≥ 60%
    expect(quotaMetRate(people, ['2026-11'])).toBe(50); // 6/21 < 40%, 13/21 ≥ 60%
    expect(quotaMetRate(people, ['2026-10', '2026-11'])).toBe(50); // 14/39 < 40%; 24/39 ≥ 60%
    expect(quotaMetRate([person(null)], ['2026-10'])).toBe(0);
  });
});
