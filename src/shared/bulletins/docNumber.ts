// 文号 of a bulletin (⚙ per issuing unit): a pattern with {year} and {n}, as offices number their documents —
// 扬商通〔{year}〕{n}号 → 扬商通〔2026〕12号. Pure.

export const DOC_NUMBER_PLACEHOLDERS = ['{year}', '{n}'] as const;

/** The default for a unit without a pattern of its own: its short name + 通. */
export const defaultDocNumberPattern = (shortName: string): string => `${shortName}通〔{year}〕{n}号`;

export function validDocNumberPattern(pattern: string): boolean {
  return pattern.length <= 40 && pattern.includes('{n}') && !/[{}]/.test(pattern.replace(/\{year\}|\{n\}/g, ''));
}

export function formatDocNumber(pattern: string, values: { year: number | string; n: number }): string {
  return pattern.replace(/\{year\}/g, String(values.year)).replace(/\{n\}/g, String(values.n));
}
