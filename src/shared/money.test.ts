import { describe, expect, it } from 'vitest';
import { usdWanLabel, yiLabel } from './money.ts';

describe('money labels', () => {
  it('says 亿元 and 万美元 in English words', () => {
    expect(yiLabel(12, 'zh')).toBe('12亿元');
    expect(yiLabel(1, 'en')).toBe('CNY 100M');
    expect(yiLabel(20, 'en')).toBe('CNY 2bn');
    expect(yiLabel(0.35, 'en')).toBe('CNY 35M');
    expect(usdWanLabel(3000, 'en')).toBe('USD 30M');
    expect(usdWanLabel(50, 'en')).toBe('USD 500k');
  });
});
