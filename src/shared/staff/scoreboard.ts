// 招商人员考核: what each person of the promotion team did in a period, weighted into a score and ranked. The
// weights, the period and who is scored are the unit's settings (a unit without its own takes its nearest parent's).
import { monthEnd } from '../calendar.ts';

export const SCORE_METRICS = ['trips', 'companiesVisited', 'receptions', 'leads', 'negotiating', 'signed', 'signedInvestmentYi'] as const;
export type ScoreMetric = (typeof SCORE_METRICS)[number];
export const SCORE_METRIC_LABELS: Record<ScoreMetric, { zh: string; en: string }> = {
  trips: { zh: '外出招商（次）', en: 'Trips' },
  companiesVisited: { zh: '拜访企业（家）', en: 'Companies met' },
  receptions: { zh: '来访接待（批）', en: 'Receptions' },
  leads: { zh: '新增线索（个）', en: 'New leads' },
  negotiating: { zh: '推进在谈（个）', en: 'Brought to negotiation' },
  signed: { zh: '签约项目（个）', en: 'Signed' },
  signedInvestmentYi: { zh: '签约投资（亿元）', en: 'Signed investment (CNY 100M)' },
};
/** Points per unit of each measure (a trip, a company, …, 1亿元 signed): the defaults a unit starts from. */
export const DEFAULT_WEIGHTS: Record<ScoreMetric, number> = {
  trips: 2,
  companiesVisited: 1,
  receptions: 1,
  leads: 3,
  negotiating: 5,
  signed: 10,
  signedInvestmentYi: 1,
};

export const SCORE_PERIODS = ['month', 'quarter', 'year'] as const;
export type ScorePeriod = (typeof SCORE_PERIODS)[number];
/** Who is on the board: everyone of the team (officers, reviewers, leaders), or only those holding a post. */
export const SCORED_GROUPS = ['team', 'posts'] as const;
export type ScoredGroup = (typeof SCORED_GROUPS)[number];
export const SCORED_GROUP_LABELS: Record<ScoredGroup, { zh: string; en: string }> = {
  team: { zh: '全体招商人员', en: 'The whole team' },
  posts: { zh: '仅有岗位要求的人员', en: 'Only those holding a post' },
};
export const SCORE_PERIOD_LABELS: Record<ScorePeriod, { zh: string; en: string }> = {
  month: { zh: '按月', en: 'Monthly' },
  quarter: { zh: '按季', en: 'Quarterly' },
  year: { zh: '按年', en: 'Yearly' },
};

export type ScoreMetrics = Record<ScoreMetric, number>;

/** Σ weight × measure, to two decimals. */
export function staffScore(metrics: ScoreMetrics, weights: Record<ScoreMetric, number>): number {
  const total = SCORE_METRICS.reduce((sum, m) => sum + metrics[m] * (weights[m] ?? 0), 0);
  return Math.round(total * 100) / 100;
}

/** Competition ranking (1, 2, 2, 4) by score, highest first. */
export function ranks(scores: readonly number[]): number[] {
  return scores.map((s) => 1 + scores.filter((o) => o > s).length);
}

/** A period as written in a link — `2026-11`, `2026-Q4` or `2026` — with its first and last day; null if malformed. */
export function periodRange(value: string): { kind: ScorePeriod; first: string; last: string } | null {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (m) return { kind: 'month', first: `${value}-01`, last: monthEnd(value) };
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) {
    const start = (Number(m[2]) - 1) * 3 + 1;
    const pad = (n: number) => String(n).padStart(2, '0');
    return { kind: 'quarter', first: `${m[1]}-${pad(start)}-01`, last: monthEnd(`${m[1]}-${pad(start + 2)}`) };
  }
  m = /^(\d{4})$/.exec(value);
  if (m) return { kind: 'year', first: `${value}-01-01`, last: `${value}-12-31` };
  return null;
}

/** The period of that kind holding a day: `2026-11`, `2026-Q4`, `2026`. */
export function periodOfDay(kind: ScorePeriod, day: string): string {
  if (kind === 'month') return day.slice(0, 7);
  if (kind === 'year') return day.slice(0, 4);
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}
