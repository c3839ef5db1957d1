// Money as officials type it: `3.5亿元`, `12000万元`, `1.6亿美元`, `3000万美元`, `5,000` (万), full-width digits,
// Chinese numerals (`三亿五千万元`). Internally amounts are 万 of their currency (万元, 万美元 …).

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const CURRENCY_LABELS: Record<Currency, { zh: string; en: string }> = {
  CNY: { zh: '人民币', en: 'CNY' },
  USD: { zh: '美元', en: 'USD' },
  EUR: { zh: '欧元', en: 'EUR' },
  HKD: { zh: '港元', en: 'HKD' },
  JPY: { zh: '日元', en: 'JPY' },
};
export function currencyFromChinese(text: string): Currency | undefined {
  const t = text.trim().toUpperCase();
  const aliases: Record<string, Currency> = {
    人民币: 'CNY',
    元: 'CNY',
    RMB: 'CNY',
    CNY: 'CNY',
    美元: 'USD',
    美金: 'USD',
    USD: 'USD',
    欧元: 'EUR',
    EUR: 'EUR',
    港元: 'HKD',
    港币: 'HKD',
    HKD: 'HKD',
    日元: 'JPY',
    JPY: 'JPY',
  };
  return aliases[t];
}

export type AmountError = 'empty' | 'negative' | 'not_positive' | 'approximate' | 'range' | 'two_currencies' | 'not_a_number' | 'too_large';

export const AMOUNT_ERROR_MESSAGES: Record<AmountError, { zh: string; en: string }> = {
  empty: { zh: '金额为空', en: 'the amount is empty' },
  negative: { zh: '金额不能为负数', en: 'the amount cannot be negative' },
  not_positive: { zh: '金额须大于0', en: 'the amount must be above zero' },
  approximate: { zh: '金额须为确数，不能写“约、左右、以上”等', en: 'give an exact amount, not an approximate one' },
  range: { zh: '金额不能是区间（如“3-5亿”），请填写一个确数', en: 'give one amount, not a range' },
  two_currencies: { zh: '金额中出现了两种币种', en: 'the amount names two currencies' },
  not_a_number: {
    zh: '无法识别的金额，示例：3.5亿元、12000万元、3000万美元、5000（单位万）',
    en: 'unreadable amount; examples: 3.5亿元, 12000万元, 3000万美元, 5000 (in 万)',
  },
  too_large: { zh: '金额过大，请检查单位', en: 'the amount is implausibly large; check the unit' },
};

export type ParsedAmount = { ok: true; wan: number; currency: Currency | null } | { ok: false; error: AmountError };

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
export function toHalfWidth(text: string): string {
  return text
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/。/g, '.');
}

const CURRENCY_TOKENS: [RegExp, Currency][] = [
  [/人民币/g, 'CNY'],
  [/美元|美金/g, 'USD'],
  [/欧元/g, 'EUR'],
  [/港元|港币/g, 'HKD'],
  [/日元|円/g, 'JPY'],
  [/RMB|CNY/gi, 'CNY'],
  [/USD|US\$/gi, 'USD'],
  [/EUR|€/gi, 'EUR'],
  [/HKD|HK\$/gi, 'HKD'],
  [/JPY/gi, 'JPY'],
  [/\$/g, 'USD'],
  [/[¥￥]/g, 'CNY'],
  [/元/g, 'CNY'],
];

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** A section below 万: arabic (with thousands commas), Chinese numerals, or a mix such as `3千5百`. */
function parseSmall(text: string): number | null {
  if (text === '') return 0;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ''));
  const tokens = text.match(/\d+(?:\.\d+)?|[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟]/g);
  if (!tokens || tokens.join('') !== text) return null;
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  for (const token of tokens) {
    const unit = SMALL_UNITS[token];
    if (unit !== undefined) {
      if (unit >= lastUnit) return null; // 三千五千
      if (pending === null && !(unit === 10 && total === 0)) return null;
      total += (pending ?? 1) * unit;
      pending = null;
      lastUnit = unit;
    } else if (token === '零' || token === '〇') {
      if (pending !== null) return null;
    } else {
      if (pending !== null) return null; // two numbers in a row
      pending = /^\d/.test(token) ? Number(token) : CHINESE_DIGITS[token]!;
    }
  }
  return total + (pending ?? 0);
}

function parseBelowYi(text: string): number | null {
  const parts = text.split('万');
  if (parts.length > 2) return null;
  if (parts.length === 2) {
    const high = parseSmall(parts[0]!);
    const low = parseSmall(parts[1]!);
    if (high === null || low === null || parts[0] === '') return null;
    return high * 1e4 + low;
  }
  return parseSmall(text);
}

/** Value in base units (元, 美元 …) of a text with optional 亿 / 万 / 千 / 百 / 十. */
function parseMagnitude(text: string): number | null {
  const parts = text.split('亿');
  if (parts.length > 2) return null;
  if (parts.length === 2) {
    if (parts[0] === '') return null;
    const high = parseBelowYi(parts[0]!);
    const low = parseBelowYi(parts[1]!);
    if (high === null || low === null) return null;
    return high * 1e8 + low;
  }
  return parseBelowYi(text);
}

const MAX_WAN = 1e8; // 1万亿 of any currency: anything above is a unit mistake

/**
 * Parses an amount into 万 of its currency. A bare number (no 万/亿, no currency) is already in 万, as the
 * ledger's columns are; an amount with a currency but no magnitude (`35000000元`) is in base units.
 */
export function parseAmount(input: string | number | null | undefined): ParsedAmount {
  if (input === null || input === undefined) return { ok: false, error: 'empty' };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, error: 'not_a_number' };
    if (input < 0) return { ok: false, error: 'negative' };
    if (input === 0) return { ok: false, error: 'not_positive' };
    if (input > MAX_WAN) return { ok: false, error: 'too_large' };
    return { ok: true, wan: round4(input), currency: null };
  }
  let text = toHalfWidth(input).replace(/\s+/g, '');
  if (text === '') return { ok: false, error: 'empty' };
  if (/约|大约|近|超|逾|左右|多|余|以上|以下|不到|不少于|不低于/.test(text)) return { ok: false, error: 'approximate' };
  if (/^-/.test(text)) return { ok: false, error: 'negative' };
  if (/[~～至到—–-]/.test(text)) return { ok: false, error: 'range' };
  const found = new Set<Currency>();
  for (const [pattern, currency] of CURRENCY_TOKENS) {
    if (pattern.test(text)) {
      found.add(currency);
      text = text.replace(pattern, '');
    }
    pattern.lastIndex = 0;
  }
  if (found.size > 1) return { ok: false, error: 'two_currencies' };
  text = text.replace(/整$/, '');
  if (text === '') return { ok: false, error: 'not_a_number' };
  const value = parseMagnitude(text);
  if (value === null || !Number.isFinite(value)) return { ok: false, error: 'not_a_number' };
  const hasMagnitude = /[亿万]/.test(text);
  const currency = found.size === 1 ? [...found][0]! : null;
  const wan = hasMagnitude || currency ? value / 1e4 : value;
  if (wan <= 0) return { ok: false, error: 'not_positive' };
  if (wan > MAX_WAN) return { ok: false, error: 'too_large' };
  return { ok: true, wan: round4(wan), currency };
}

export const round4 = (value: number): number => Math.round(value * 1e4) / 1e4;
export const round2 = (value: number): number => Math.round(value * 100) / 100;

/** 万 → 亿 with two decimals, as reports show large amounts. */
export function formatYi(wan: number | null | undefined): string {
  if (wan === null || wan === undefined) return '—';
  return (wan / 1e4).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatWan(wan: number | null | undefined): string {
  if (wan === null || wan === undefined) return '—';
  return wan.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}
