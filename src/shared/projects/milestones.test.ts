import { describe, expect, it } from 'vitest';
import { milestoneStatuses, reachedOn, reachingColumns } from './milestones.ts';

describe('milestones', () => {
  it('counts a milestone reached by its own date or any later stage', () => {
    expect(reachedOn('registered', { registeredOn: '2025-02-01' })).toBe('2025-02-01');
    expect(reachedOn('registered', { startedOn: '2025-06-01' })).toBe('2025-06-01'); // started without registering
    expect(reachedOn('started', { registeredOn: '2025-02-01' })).toBeNull();
    expect(reachedOn('signed', { signedOn: null, producingOn: '2025-10-01', startedOn: '2025-03-01' })).toBe('2025-03-01'); // earliest
    expect(reachingColumns('producing')).toEqual(['producing_on', 'at_capacity_on']);
  });

  it('marks a planned milestone late only when it is past and unreached', () => {
    const statuses = milestoneStatuses(
      { plannedRegisteredOn: '2025-03-01', startedOn: '2025-06-01', plannedCompletedOn: '2026-01-01' },
      '2026-12-02',
    );
    expect(statuses.find((s) => s.key === 'registered')).toEqual({
      key: 'registered',
      planned: '2025-03-01',
      actual: '2025-06-01',
      late: false,
    });
    expect(statuses.find((s) => s.key === 'completed')).toMatchObject({ late: true, actual: null });
    expect(milestoneStatuses({ plannedCompletedOn: '2026-12-02' }, '2026-12-02').find((s) => s.key === 'completed')?.late).toBe(false);
  });
});
