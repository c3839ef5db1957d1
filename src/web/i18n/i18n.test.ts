import { describe, expect, it } from 'vitest';
import { FEATURE_MESSAGES, translate } from './index.tsx';

// Texts whose English names a Chinese word on purpose: the app's name in the authenticator, a document number's form,
// examples of names a user types in Chinese. Money in English is CNY/USD 10k, 100M (docs/DECISIONS.md).
const KEEPS_CHINESE = new Set(['totpCodeHint', 'documentNumberPatternHint', 'parkNameExample', 'townNameExample']);

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the dictionary', () => {
  it('defines each key in one feature file only', () => {
    const owners = new Map<string, string[]>();
    for (const [feature, messages] of Object.entries(FEATURE_MESSAGES))
      for (const key of Object.keys(messages)) owners.set(key, [...(owners.get(key) ?? []), feature]);
    const twice = [...owners].filter(([, features]) => features.length > 1).map(([key, features]) => `${key}: ${features.join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('has both languages of every text, with the same placeholders', () => {
    const problems: string[] = [];
    for (const messages of Object.values(FEATURE_MESSAGES))
      for (const [key, [zh, en]] of Object.entries(messages)) {
        if (!zh.trim() || !en.trim()) problems.push(`${key}: empty`);
        if (placeholders(zh).join() !== placeholders(en).join()) problems.push(`${key}: {${placeholders(zh)}} vs {${placeholders(en)}}`);
        if (!KEEPS_CHINESE.has(key) && /[\u4e00-\u9fff]/.test(en)) problems.push(`${key}: Chinese in English`);
      }
    expect(problems).toEqual([]);
  });

  it('fills placeholders and reads the label tables by code', () => {
    expect(translate('zh', 'weekday.5')).toBe('周五');
    expect(translate('en', 'stage.signed')).toBe('Signed');
    expect(translate('zh', 'stage.signed')).toBe('签约');
  });
});
