import { describe, expect, it } from 'vitest';
import { inTerm, rewardFor, type RewardRule } from './advisors.ts';

const RULE: RewardRule = { basis: 'invested', perMille: 3, capWan: 100, excludeExpansion: true, excludePublicServants: true };
const CASE = { basisWan: 20_000, earlierWan: 0, projectType: 'new', signed: true, publicServant: false };

describe('an advisor’s reward', () => {
  it('is the per-mille of the year’s basis', () => {
    expect(rewardFor(RULE, CASE)).toEqual({ amountWan: 60, capped: false, exclusion: null });
    expect(rewardFor({ ...RULE, perMille: 1.5 }, { ...CASE, basisWan: 12_345.67 }).amountWan).toBe(18.5185);
  });
  it('stops at the cap over all the project’s years', () => {
    expect(rewardFor(RULE, { ...CASE, basisWan: 50_000 })).toEqual({ amountWan: 100, capped: true, exclusion: null });
    expect(rewardFor(RULE, { ...CASE, earlierWan: 80 })).toEqual({ amountWan: 20, capped: true, exclusion: null });
    expect(rewardFor(RULE, { ...CASE, earlierWan: 120 }).amountWan).toBe(0);
    expect(rewardFor({ ...RULE, capWan: 0 }, { ...CASE, basisWan: 50_000 }).amountWan).toBe(150);
  });
  it('excludes expansions, public servants and projects not signed, as the rule says', () => {
    expect(rewardFor(RULE, { ...CASE, projectType: 'expansion' }).exclusion).toBe('expansion');
    expect(rewardFor({ ...RULE, excludeExpansion: false }, { ...CASE, projectType: 'expansion' }).amountWan).toBe(60);
    expect(rewardFor(RULE, { ...CASE, publicServant: true }).exclusion).toBe('public_servant');
    expect(rewardFor({ ...RULE, excludePublicServants: false }, { ...CASE, publicServant: true }).amountWan).toBe(60);
    expect(rewardFor(RULE, { ...CASE, signed: false })).toEqual({ amountWan: 0, capped: false, exclusion: 'not_signed' });
  });
  it('reads a term with both ends included', () => {
    expect(inTerm('2026-01-01', '2026-01-01', '2027-12-31')).toBe(true);
    expect(inTerm('2027-12-31', '2026-01-01', '2027-12-31')).toBe(true);
    expect(inTerm('2028-01-01', '2026-01-01', '2027-12-31')).toBe(false);
    expect(inTerm('2025-12-31', '2026-01-01', null)).toBe(false);
    expect(inTerm('2040-01-01', '2026-01-01', null)).toBe(true);
  });
});
