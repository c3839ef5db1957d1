// Amounts as the two languages say them: Chinese counts in 万 and 亿 (10^4, 10^8), English in thousands, millions
// and billions. One place for the English words, so no English page shows 亿元 or 万美元.

const trim = (value: number): string => String(Math.round(value * 100) / 100);

/** An amount in 亿元 as a label: `12亿元`, `CNY 1.2bn`, `CNY 500M`. */
export function yiLabel(yi: number, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return `${trim(yi)}亿元`;
  return yi >= 10 ? `CNY ${trim(yi / 10)}bn` : `CNY ${trim(yi * 100)}M`;
}

/** An amount in 万美元 as a label: `3000万美元`, `USD 30M`. */
export function usdWanLabel(usdWan: number, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return `${trim(usdWan)}万美元`;
  return usdWan >= 100 ? `USD ${trim(usdWan / 100)}M` : `USD ${trim(usdWan * 10)}k`;
}

/** The unit words of the figures' columns. */
export const MONEY_UNITS = {
  yi: { zh: '亿元', en: 'CNY 100M' },
  wan: { zh: '万元', en: 'CNY 10k' },
  usdWan: { zh: '万美元', en: 'USD 10k' },
} as const;
