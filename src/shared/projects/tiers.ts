// Investment tiers (GLOSSARY: Counting rules). Paired thresholds set by policy: 内资 is tested against the RMB
// threshold, 外资 and 中外合资 against the USD threshold — never a currency conversion of one into the other.

export const CAPITAL_TYPES = ['domestic', 'foreign', 'joint'] as const;
export type CapitalType = (typeof CAPITAL_TYPES)[number];
export const CAPITAL_TYPE_LABELS: Record<CapitalType, { zh: string; en: string }> = {
  domestic: { zh: '内资', en: 'Domestic' },
  foreign: { zh: '外资', en: 'Foreign' },
  joint: { zh: '中外合资', en: 'Sino-foreign' },
};
export function capitalTypeFromChinese(text: string): CapitalType | undefined {
  return (Object.keys(CAPITAL_TYPE_LABELS) as CapitalType[]).find((key) => CAPITAL_TYPE_LABELS[key].zh === text.trim());
}

export interface TierStep {
  /** RMB threshold in 亿元 */
  yi: number;
  /** paired USD threshold in 万美元 */
  usdWan: number;
}

/** Default ladder ⚙: 1亿元 / 1000万美元, 10亿元 / 1亿美元, 20亿元 / 2亿美元, 50亿元 / 5亿美元, 100亿元 / 10亿美元. */
export const DEFAULT_TIER_LADDER: TierStep[] = [
  { yi: 1, usdWan: 1_000 },
  { yi: 10, usdWan: 10_000 },
  { yi: 20, usdWan: 20_000 },
  { yi: 50, usdWan: 50_000 },
  { yi: 100, usdWan: 100_000 },
];

/** How many steps of the ladder a project reaches (0 = below the first). */
export function tierIndex(
  capitalType: CapitalType,
  totalInvestmentWan: number,
  totalInvestmentUsdWan: number | null,
  ladder: readonly TierStep[],
): number {
  let reached = 0;
  ladder.forEach((step, index) => {
    const passes =
      capitalType === 'domestic'
        ? totalInvestmentWan >= step.yi * 10_000
        : totalInvestmentUsdWan !== null && totalInvestmentUsdWan >= step.usdWan;
    if (passes) reached = index + 1;
  });
  return reached;
}

export function tierLabel(step: TierStep, lang: 'zh' | 'en' = 'zh'): string {
  const usd = step.usdWan >= 10_000 ? `${step.usdWan / 10_000}亿美元` : `${step.usdWan}万美元`;
  return lang === 'zh' ? `${step.yi}亿元以上（外资${usd}）` : `≥ ¥${step.yi}00M (foreign ≥ ${usd})`;
}

export function validLadder(ladder: unknown): ladder is TierStep[] {
  if (!Array.isArray(ladder) || ladder.length === 0 || ladder.length > 12) return false;
  let previous: TierStep | null = null;
  for (const step of ladder) {
    if (typeof step !== 'object' || step === null) return false;
    const { yi, usdWan } = step as TierStep;
    if (typeof yi !== 'number' || typeof usdWan !== 'number' || yi <= 0 || usdWan <= 0) return false;
    if (previous && (yi <= previous.yi || usdWan <= previous.usdWan)) return false;
    previous = { yi, usdWan };
  }
  return true;
}
