import { describe, expect, it } from 'vitest';
import { defaultDocNumberPattern, formatDocNumber, validDocNumberPattern } from './docNumber.ts';

describe('文号', () => {
  it('fills the year and the number into the unit’s pattern', () => {
    expect(formatDocNumber('扬商通〔{year}〕{n}号', { year: 2026, n: 12 })).toBe('扬商通〔2026〕12号');
    expect(formatDocNumber(defaultDocNumberPattern('扬州'), { year: 2026, n: 1 })).toBe('扬州通〔2026〕1号');
  });
  it('accepts a pattern only with its number and known placeholders', () => {
    expect(validDocNumberPattern('扬商通〔{year}〕{n}号')).toBe(true);
    expect(validDocNumberPattern('扬商通〔2026〕号')).toBe(false);
    expect(validDocNumberPattern('扬商通〔{yr}〕{n}号')).toBe(false);
  });
});
