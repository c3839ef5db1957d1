// 招商顾问 / 招商大使: the reward an advisor earns on a project they brought, by the unit's ⚙ rule — a per-mille of
// the project's year's 实际到位固定资产投资 (月报完成投资) or 实际到资, up to a cap per project over all years, with
// 增资扩产 projects and advisors who are public servants (公职人员) excluded when the rule says so.

export const REWARD_BASES = ['invested', 'arrived'] as const;
export type RewardBasis = (typeof REWARD_BASES)[number];
export const REWARD_BASIS_LABELS: Record<RewardBasis, { zh: string; en: string }> = {
  invested: { zh: '实际到位固定资产投资（月报完成投资）', en: 'Fixed-asset investment completed (monthly progress)' },
  arrived: { zh: '实际到资', en: 'Capital actually paid in' },
};

export const REWARD_STATUSES = ['computed', 'approved', 'paid'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];
export const REWARD_STATUS_LABELS: Record<RewardStatus, { zh: string; en: string }> = {
  computed: { zh: '待审定', en: 'To approve' },
  approved: { zh: '已审定', en: 'Approved' },
  paid: { zh: '已兑现', en: 'Paid' },
};

export const REWARD_EXCLUSIONS = ['expansion', 'public_servant', 'not_signed'] as const;
export type RewardExclusion = (typeof REWARD_EXCLUSIONS)[number];
export const REWARD_EXCLUSION_LABELS: Record<RewardExclusion, { zh: string; en: string }> = {
  expansion: { zh: '增资扩产项目不予奖励', en: 'Expansions of existing firms earn no reward' },
  public_servant: { zh: '公职人员不予奖励', en: 'Public servants earn no reward' },
  not_signed: { zh: '项目未签约或已终止', en: 'The project is not signed or was terminated' },
};

export interface RewardRule {
  basis: RewardBasis;
  /** 千分比: the reward is basis × perMille ÷ 1000 */
  perMille: number;
  /** the most one project earns over all years, 万元 (0: no cap) */
  capWan: number;
  excludeExpansion: boolean;
  excludePublicServants: boolean;
}

export interface RewardCase {
  /** the year's basis amount of the project, 万元 */
  basisWan: number;
  /** what earlier years of the same project earned (approved or paid), 万元 */
  earlierWan: number;
  projectType: string;
  signed: boolean;
  publicServant: boolean;
}

/** 万元 to the yuan: rewards are paid in whole yuan. */
const toYuan = (wan: number) => Math.round(wan * 10_000) / 10_000;

/** The reward of one project in one year by the rule, with why it is nothing when it is. */
export function rewardFor(rule: RewardRule, c: RewardCase): { amountWan: number; capped: boolean; exclusion: RewardExclusion | null } {
  if (!c.signed) return { amountWan: 0, capped: false, exclusion: 'not_signed' };
  if (rule.excludePublicServants && c.publicServant) return { amountWan: 0, capped: false, exclusion: 'public_servant' };
  if (rule.excludeExpansion && c.projectType === 'expansion') return { amountWan: 0, capped: false, exclusion: 'expansion' };
  const raw = (Math.max(0, c.basisWan) * rule.perMille) / 1000;
  if (rule.capWan <= 0) return { amountWan: toYuan(raw), capped: false, exclusion: null };
  const room = Math.max(0, rule.capWan - c.earlierWan);
  return { amountWan: toYuan(Math.min(raw, room)), capped: raw > room, exclusion: null };
}

/** 聘期: whether the appointment stands on a day (from its start to its end, both included; no end: open). */
export const inTerm = (day: string, appointedOn: string, termEnd: string | null): boolean =>
  day >= appointedOn && (termEnd === null || day <= termEnd);
