import { describe, expect, it } from 'vitest';
import { nextMilestone, planStanding } from './sponsor.ts';
import { overdueDays, statusAt } from './rules.ts';

describe('挂钩 project standing', () => {
  const today = '2026-11-22';
  it('is behind when a planned milestone passed unreached, ahead when the latest was reached early', () => {
    expect(planStanding([{ key: 'signed', planned: '2026-01-01', actual: null }], today)).toBe('behind');
    expect(
      planStanding(
        [
          { key: 'signed', planned: '2026-03-01', actual: '2026-02-01' },
          { key: 'started', planned: '2027-01-01', actual: null },
        ],
        today,
      ),
    ).toBe('ahead');
    expect(planStanding([{ key: 'signed', planned: '2026-03-01', actual: '2026-03-05' }], today)).toBe('on_time');
    expect(planStanding([{ key: 'signed', planned: null, actual: null }], today)).toBe('on_time');
    expect(
      nextMilestone([
        { key: 'signed', planned: '2026-03-01', actual: '2026-03-05' },
        { key: 'started', planned: '2027-01-01', actual: null },
      ])?.key,
    ).toBe('started');
  });
});

describe('a blocker as of a day', () => {
  const at = (iso: string) => new Date(iso);
  const history = [
    { kind: 'raise', at: at('2026-11-10T02:00:00Z') },
    { kind: 'note', at: at('2026-11-15T02:00:00Z') },
    { kind: 'resolve', at: at('2026-11-28T02:00:00Z') },
    { kind: 'reopen', at: at('2026-11-29T02:00:00Z') },
    { kind: 'resolve', at: at('2026-12-02T02:00:00Z') },
    { kind: 'confirm', at: at('2026-12-02T03:00:00Z') },
  ];
  it('replays its history up to the instant', () => {
    expect(statusAt(history, at('2026-11-01T00:00:00Z'))).toBeNull();
    expect(statusAt(history, at('2026-11-12T00:00:00Z'))).toBe('open');
    expect(statusAt(history, at('2026-11-20T00:00:00Z'))).toBe('in_progress');
    expect(statusAt(history, at('2026-11-28T12:00:00Z'))).toBe('resolved');
    // end of 30 November, Beijing time: reopened, not yet closed (closed on 2 December)
    expect(statusAt(history, at('2026-11-30T16:00:00Z'))).toBe('in_progress');
    expect(statusAt([...history].reverse(), at('2026-12-03T00:00:00Z'))).toBe('closed');
  });
  it('counts overdue days to the day asked, not to today', () => {
    expect(overdueDays('2026-11-12', 'in_progress', '2026-11-30')).toBe(18);
    expect(overdueDays('2026-11-12', 'resolved', '2026-11-30')).toBe(0);
  });
});
