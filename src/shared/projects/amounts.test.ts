import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount } from './amounts.ts';

const ok = (wan: number, currency: string | null = null) => ({ ok: true, wan, currency });

describe('parseAmount', () => {
  it.each([
    ['3.5亿元', ok(35_000, 'CNY')],
    ['12000万元', ok(12_000, 'CNY')],
    ['1.6亿美元', ok(16_000, 'USD')],
    ['3000万美元', ok(3_000, 'USD')],
    ['5,000', ok(5_000)],
    ['5000', ok(5_000)],
    ['３.５亿元', ok(35_000, 'CNY')],
    ['１２０００万元', ok(12_000, 'CNY')],
    ['三亿五千万元', ok(35_000, 'CNY')],
    ['十二亿元', ok(120_000, 'CNY')],
    ['一千二百万美元', ok(1_200, 'USD')],
    ['3亿5000万元', ok(35_000, 'CNY')],
    ['35000000元', ok(3_500, 'CNY')],
    ['5千万元', ok(5_000, 'CNY')],
    ['2.5 亿 元', ok(25_000, 'CNY')],
    ['人民币3亿元', ok(30_000, 'CNY')],
    ['8000万欧元', ok(8_000, 'EUR')],
    ['10亿港元', ok(100_000, 'HKD')],
    ['50亿日元', ok(500_000, 'JPY')],
    ['壹亿元整', ok(10_000, 'CNY')],
  ])('reads %s', (input, expected) => {
    expect(parseAmount(input)).toEqual(expected);
  });

  it.each([
    ['约3亿元', 'approximate'],
    ['3亿元左右', 'approximate'],
    ['10亿元以上', 'approximate'],
    ['3-5亿元', 'range'],
    ['3至5亿', 'range'],
    ['-5000', 'negative'],
    ['1亿元美元', 'two_currencies'],
    ['3.5.2亿', 'not_a_number'],
    ['1,2', 'not_a_number'],
    ['abc', 'not_a_number'],
    ['亿元', 'not_a_number'],
    ['0', 'not_positive'],
    ['', 'empty'],
    ['三千五千万', 'not_a_number'],
    ['100万亿元', 'too_large'],
  ])('refuses %s (%s)', (input, error) => {
    expect(parseAmount(input)).toEqual({ ok: false, error });
  });

  it('takes numbers from cells as 万', () => {
    expect(parseAmount(12_345.5)).toEqual(ok(12_345.5));
    expect(parseAmount(-1)).toEqual({ ok: false, error: 'negative' });
    expect(parseAmount(Number.NaN)).toEqual({ ok: false, error: 'not_a_number' });
  });
});

const toFullWidth = (text: string) => text.replace(/[0-9.,]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const DIGITS = '零一二三四五六七八九';
function chineseBelow10000(n: number): string {
  // 1234 → 一千二百三十四; 1005 → 一千零五
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out) zero = true;
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d]! + units[i]!;
  });
  return out;
}
function chineseNumeral(n: number): string {
  const yi = Math.floor(n / 1e8);
  const wan = Math.floor((n % 1e8) / 1e4);
  const rest = n % 1e4;
  let out = '';
  if (yi) out += `${chineseBelow10000(yi)}亿`;
  if (wan) out += `${yi && wan < 1000 ? '零' : ''}${chineseBelow10000(wan)}万`;
  if (rest) out += `${(yi || wan) && rest < 1000 ? '零' : ''}${chineseBelow10000(rest)}`;
  return out;
}

describe('parseAmount, properties', () => {
  const wanAmounts = fc.integer({ min: 1, max: 99_999_999 }).map((n) => n / 100); // 0.01 … 999,999.99 万

  it('reads any amount written as 万元, as 亿元, with commas and in full-width digits', () => {
    fc.assert(
      fc.property(wanAmounts, (wan) => {
        expect(parseAmount(`${wan}万元`)).toEqual(ok(wan, 'CNY'));
        const yi = parseAmount(`${wan / 1e4}亿元`);
        expect(yi.ok && Math.abs(yi.wan - wan) < 1e-3).toBe(true);
        expect(parseAmount(toFullWidth(`${wan}万美元`))).toEqual(ok(wan, 'USD'));
        const grouped = wan.toLocaleString('en-US', { maximumFractionDigits: 2 });
        expect(parseAmount(grouped)).toEqual(ok(wan));
      }),
    );
  });

  it('reads any whole amount written in Chinese numerals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999_999 }), (yuan) => {
        const parsed = parseAmount(`${chineseNumeral(yuan)}元`);
        expect(parsed).toEqual(ok(Math.round(yuan) / 1e4, 'CNY'));
      }),
    );
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const parsed = parseAmount(text);
        if (parsed.ok) expect(parsed.wan).toBeGreaterThan(0);
      }),
    );
  });
});
