import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, periodOfDay, periodRange, ranks, staffScore } from './scoreboard.ts';

describe('the staff scoreboard’s rules', () => {
  it('weights each measure', () => {
    const metrics = { trips: 3, companiesVisited: 5, receptions: 2, leads: 1, negotiating: 1, signed: 1, signedInvestmentYi: 2.345 };
    // 6 + 5 + 2 + 3 + 5 + 10 + 2.345
    expect(staffScore(metrics, DEFAULT_WEIGHTS)).toBe(33.35);
    expect(staffScore(metrics, { ...DEFAULT_WEIGHTS, signed: 0, signedInvestmentYi: 10 })).toBe(44.45);
  });
  it('ranks ties alike', () => {
    expect(ranks([10, 30, 30, 5])).toEqual([3, 1, 1, 4]);
  });
  it('reads months, quarters and years', () => {
    expect(periodRange('2026-02')).toEqual({ kind: 'month', first: '2026-02-01', last: '2026-02-28' });
    expect(periodRange('2024-Q1')).toEqual({ kind: 'quarter', first: '2024-01-01', last: '2024-03-31' });
    expect(periodRange('2026-Q4')).toEqual({ kind: 'quarter', first: '2026-10-01', last: '2026-12-31' });
    expect(periodRange('2026')).toEqual({ kind: 'year', first: '2026-01-01', last: '2026-12-31' });
    expect(periodRange('2026-13')).toBeNull();
    expect(periodRange('2026-Q5')).toBeNull();
    expect(periodOfDay('quarter', '2026-11-05')).toBe('2026-Q4');
    expect(periodOfDay('month', '2026-11-05')).toBe('2026-11');
    expect(periodOfDay('year', '2026-11-05')).toBe('2026');
  });
});
