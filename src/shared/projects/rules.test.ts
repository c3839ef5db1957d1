import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from './creditCode.ts';
import { parseFlexibleDate } from './dates.ts';
import { queryTokens, searchTokens } from './search.ts';
import { checkLifecycle, existsFrom, stageAsOf } from './stages.ts';
import { DEFAULT_TIER_LADDER, tierIndex } from './tiers.ts';

describe('统一社会信用代码', () => {
  it('accepts codes with a correct check character and refuses others', () => {
    // 91320000134766571A: a real-shaped code; its check character is computed, then tampered with
    const base = '91321000MA1MXXXX0';
    const check = creditCodeCheckChar(base.replace(/X/g, '1'))!;
    const valid = `${base.replace(/X/g, '1')}${check}`;
    expect(isValidCreditCode(valid)).toBe(true);
    expect(isValidCreditCode(valid.toLowerCase())).toBe(true);
    const wrong = valid.slice(0, 17) + (check === '0' ? '1' : '0');
    expect(isValidCreditCode(wrong)).toBe(false);
    expect(isValidCreditCode('91320000134766571')).toBe(false); // 17 characters
    expect(isValidCreditCode('91320000134766571I')).toBe(false); // I is not in the charset
  });
  it('agrees with published codes', () => {
    expect(isValidCreditCode('91110000100001139C')).toBe(false);
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });
});

describe('tiers: paired RMB and USD thresholds', () => {
  it('tests 内资 against the RMB ladder', () => {
    expect(tierIndex('domestic', 9_999, null, DEFAULT_TIER_LADDER)).toBe(0);
    expect(tierIndex('domestic', 10_000, null, DEFAULT_TIER_LADDER)).toBe(1);
    expect(tierIndex('domestic', 200_000, null, DEFAULT_TIER_LADDER)).toBe(3);
    expect(tierIndex('domestic', 1_000_000, null, DEFAULT_TIER_LADDER)).toBe(5);
  });
  it('tests 外资 and 中外合资 against the USD ladder, not a conversion of the RMB one', () => {
    // 1000万美元 ≈ 7100万元: below 1亿元, yet a 亿元以上 project by policy
    expect(tierIndex('foreign', 7_100, 1_000, DEFAULT_TIER_LADDER)).toBe(1);
    expect(tierIndex('joint', 7_000, 999, DEFAULT_TIER_LADDER)).toBe(0); // 999万美元: below 1000万美元
    expect(tierIndex('foreign', 142_000, 20_000, DEFAULT_TIER_LADDER)).toBe(3);
  });
});

describe('lifecycle rules', () => {
  it('needs the current stage’s date from 签约 on, and no date after the current stage', () => {
    expect(checkLifecycle('negotiating', {}, null, 1000)).toEqual([]);
    expect(checkLifecycle('signed', {}, null, 1000)).toContainEqual({ field: 'signed', severity: 'error', code: 'date_required' });
    expect(checkLifecycle('signed', { signed: '2024-03-08', started: '2024-05-01' }, null, 1000)).toContainEqual({
      field: 'started',
      severity: 'error',
      code: 'date_after_stage',
    });
  });
  it('lets stages be skipped (a missing earlier date is a warning) but never go backwards', () => {
    const skipped = checkLifecycle('started', { started: '2024-05-01' }, null, 1000);
    expect(skipped.filter((p) => p.severity === 'error')).toEqual([]);
    expect(skipped).toContainEqual({ field: 'signed', severity: 'warning', code: 'earlier_date_missing' });
    expect(checkLifecycle('started', { signed: '2024-06-01', started: '2024-05-01' }, null, 1000)).toContainEqual({
      field: 'started',
      severity: 'error',
      code: 'date_order',
    });
  });
  it('allows 入库列统 only after 开工 and from 500万元', () => {
    expect(checkLifecycle('signed', { signed: '2024-01-01' }, '2024-02-01', 1000)).toContainEqual({
      field: 'listed',
      severity: 'error',
      code: 'listed_needs_start',
    });
    expect(checkLifecycle('started', { started: '2024-05-01' }, '2024-04-01', 1000)).toContainEqual({
      field: 'listed',
      severity: 'error',
      code: 'listed_before_start',
    });
    expect(checkLifecycle('started', { started: '2024-05-01' }, '2024-06-01', 499)).toContainEqual({
      field: 'listed',
      severity: 'error',
      code: 'listed_threshold',
    });
    expect(checkLifecycle('started', { started: '2024-05-01' }, '2024-06-01', 500)).toEqual([
      expect.objectContaining({ severity: 'warning' }),
    ]);
  });
  it('finds the stage a project was in on a past date', () => {
    const dates = { negotiating: '2023-11-02', signed: '2024-03-08', registered: '2024-04-10', started: '2024-09-01' };
    expect(stageAsOf('started', dates, '2024-01-01')).toBe('negotiating');
    expect(stageAsOf('started', dates, '2024-03-08')).toBe('signed');
    expect(stageAsOf('started', dates, '2024-06-30')).toBe('registered');
    expect(stageAsOf('started', dates, '2025-01-01')).toBe('started');
    expect(stageAsOf('lead', {}, '2025-01-01')).toBe('lead');
    expect(existsFrom(null, dates, '2025-01-05')).toBe('2023-11-02');
    expect(existsFrom('2023-10-01', dates, '2025-01-05')).toBe('2023-10-01');
    expect(existsFrom(null, {}, '2025-01-05')).toBe('2025-01-05');
  });
});

describe('dates from spreadsheets', () => {
  it.each([
    ['2024-03-08', '2024-03-08'],
    ['2024/3/8', '2024-03-08'],
    ['2024.3.8', '2024-03-08'],
    ['2024年3月8日', '2024-03-08'],
    ['２０２４年３月８日', '2024-03-08'],
    ['20240308', '2024-03-08'],
    [new Date(Date.UTC(2024, 2, 8)), '2024-03-08'],
    [45359, '2024-03-08'],
    ['2024-02-30', null],
    ['3/8/2024', null],
    ['明天', null],
  ])('%s → %s', (input, expected) => {
    expect(parseFlexibleDate(input)).toBe(expected);
  });
});

describe('search tokens', () => {
  it('finds two-character terms through bigrams', () => {
    const tokens = searchTokens('年产5000万套精密轴承项目', '江苏某某芯片有限公司');
    for (const term of ['轴承', '芯片', '精密轴承']) expect(queryTokens(term).every((t) => tokens.includes(t))).toBe(true);
    expect(queryTokens('轴').every((t) => tokens.includes(t))).toBe(true);
    expect(queryTokens('电池').every((t) => tokens.includes(t))).toBe(false);
  });
});
