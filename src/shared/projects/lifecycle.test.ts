import { describe, expect, it } from 'vitest';
import { isMajorProject, projectActions } from './lifecycle.ts';

describe('lifecycle actions', () => {
  it('opens advance while a later stage exists and the project is live, listing once after the start', () => {
    expect(projectActions({ stage: 'negotiating', status: 'normal', listedOn: null }, true)).toEqual([
      'advance',
      'correct',
      'arrival',
      'status',
      'edit',
    ]);
    expect(projectActions({ stage: 'started', status: 'normal', listedOn: null }, true)).toContain('listing');
    expect(projectActions({ stage: 'started', status: 'normal', listedOn: '2026-01-01' }, true)).not.toContain('listing');
    expect(projectActions({ stage: 'at_capacity', status: 'normal', listedOn: null }, true)).not.toContain('advance');
    expect(projectActions({ stage: 'signed', status: 'terminated', listedOn: null }, true)).not.toContain('advance');
    expect(projectActions({ stage: 'signed', status: 'normal', listedOn: null }, false)).toEqual([]);
  });

  it('calls a project 重特大 at the threshold and above', () => {
    expect(isMajorProject(500_000, 50)).toBe(true);
    expect(isMajorProject(499_999, 50)).toBe(false);
  });
});
