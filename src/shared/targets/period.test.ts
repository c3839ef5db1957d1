import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cohortRate,
  completionRate,
  percent,
  pointsVsSchedule,
  sameDayLastYear,
  scheduleProgress,
  splitAnnual,
  trafficLight,
  yearOnYear,
} from './period.ts';

describe('序时进度', () => {
  it('is n/12 at the end of month n: 75% at the end of September', () => {
    expect(scheduleProgress(2026, '2026-09-30')).toBe(0.75);
    expect(scheduleProgress(2026, '2026-12-31')).toBe(1);
    expect(scheduleProgress(2026, '2026-01-31')).toBeCloseTo(1 / 12);
    expect(scheduleProgress(2026, '2026-09-15')).toBeCloseTo(8 / 12); // September not yet over
    expect(scheduleProgress(2026, '2025-12-31')).toBe(0);
    expect(scheduleProgress(2025, '2026-03-31')).toBe(1);
  });
  it('has half-month and day variants', () => {
    expect(scheduleProgress(2026, '2026-09-15', 'half_month')).toBeCloseTo(17 / 24);
    expect(scheduleProgress(2026, '2026-09-30', 'half_month')).toBe(0.75);
    expect(scheduleProgress(2026, '2026-07-02', 'day')).toBeCloseTo(183 / 365);
    expect(scheduleProgress(2024, '2024-12-31', 'day')).toBe(1);
  });
});

describe('rates and comparisons', () => {
  it('reproduces the published figures: 199 of 218 → 91.28%; 88 of 109 → 80.7%', () => {
    expect(percent(cohortRate(199, 218))).toBe('91.28%');
    expect(percent(completionRate(88, 109), 1)).toBe('80.7%');
    expect(cohortRate(0, 0)).toBeNull();
  });
  it('reports points against the schedule and the three colours', () => {
    const completion = completionRate(80, 100)!;
    expect(pointsVsSchedule(completion, 0.75)).toBeCloseTo(0.05);
    expect(trafficLight(0.8, 0.75)).toBe('green');
    expect(trafficLight(0.72, 0.75)).toBe('yellow');
    expect(trafficLight(0.6, 0.75)).toBe('red');
    expect(trafficLight(0.7, 0.75, 0.05)).toBe('yellow');
    expect(trafficLight(null, 0.75)).toBeNull();
  });
  it('computes 同比 on a comparable period, null on a zero base', () => {
    expect(yearOnYear(127.3, 100)).toBeCloseTo(0.273);
    expect(yearOnYear(94.9, 100)).toBeCloseTo(-0.051);
    expect(yearOnYear(5, 0)).toBeNull();
    expect(sameDayLastYear('2024-02-29')).toBe('2023-02-28');
    expect(sameDayLastYear('2026-09-30')).toBe('2025-09-30');
  });
  it('splits a count into whole projects, the remainder in the last months unless asked otherwise', () => {
    expect(splitAnnual(8, undefined, { whole: true })).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(splitAnnual(8, undefined, { whole: true, remainderAt: 'first' })).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(splitAnnual(106, undefined, { whole: true })).toEqual([8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
    // along last year's months: the largest remainders get the units left over
    const months = splitAnnual(10, [12, 7, 3, 6, 9, 8, 8, 9, 4, 6, 8, 10], { whole: true });
    expect(months.every(Number.isInteger)).toBe(true);
    expect(months.reduce((a, b) => a + b, 0)).toBe(10);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 12, maxLength: 12 }),
        (annual, profile) => {
          const split = splitAnnual(annual, profile, { whole: true });
          expect(split.every((m) => Number.isInteger(m) && m >= 0)).toBe(true);
          expect(split.reduce((a, b) => a + b, 0)).toBe(annual);
        },
      ),
    );
    // a non-integer count is split as an amount
    expect(splitAnnual(10.5, undefined, { whole: true }).reduce((a, b) => a + b, 0)).toBeCloseTo(10.5);
  });
  it('splits an annual target into months that add up exactly', () => {
    expect(splitAnnual(120)).toEqual(Array.from({ length: 12 }, () => 10));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 12, maxLength: 12 }),
        (annual, profile) => {
          const months = splitAnnual(annual, profile);
          expect(months).toHaveLength(12);
          expect(Math.round(months.reduce((a, b) => a + b, 0) * 100) / 100).toBe(Math.round(annual * 100) / 100);
        },
      ),
    );
  });
});
