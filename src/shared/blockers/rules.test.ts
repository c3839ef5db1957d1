import { describe, expect, it } from 'vitest';
import { nextMilestone, planStanding } from './sponsor.ts';

describe('挂钩 project standing', () => {
  const today = '2026-11-22';
  it('is behind when a planned milestone passed unreached, ahead when the latest was reached early', () => {
    expect(planStanding([{ key: 'signed', planned: '2026-01-01', actual: null }], today)).toBe('behind');
    expect(planStanding([{ key: 'signed', planned: '2026-03-01', actual: '2026-02-01' }, { key: 'started', planned: '2027-01-01', actual: null }], today)).toBe('ahead');
    expect(planStanding([{ key: 'signed', planned: '2026-03-01', actual: '2026-03-05' }], today)).toBe('on_time');
    expect(planStanding([{ key: 'signed', planned: null, actual: null }], today)).toBe('on_time');
    expect(nextMilestone([{ key: 'signed', planned: '2026-03-01', actual: '2026-03-05' }, { key: 'started', planned: '2027-01-01', actual: null }])?.key).toBe('started');
  });
});
