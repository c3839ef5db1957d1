// 擂台赛 / 赛马 scoring (GLOSSARY: Management practices): score = Σ min(achieved ÷ target, cap) × weight ± adjustments,
// ranked within groups (I类 / II类 …), monthly or quarterly. Pure functions.

export const LEAGUE_PERIOD_KINDS = ['month', 'quarter'] as const;
export type LeaguePeriodKind = (typeof LEAGUE_PERIOD_KINDS)[number];

export interface LeagueItem {
  indicator: string;
  /** points for 100% of the target */
  weight: number;
  /** cap on the completion ratio (1.2 = at most 120% counts) */
  cap: number;
}

export interface LeagueGroup {
  name: string;
  units: string[];
}

export interface LeaguePeriod {
  /** YYYY-MM or YYYY-Qn */
  key: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The periods of `year` that have begun by `asOf`, each running from 1 January to its end (capped at asOf): targets are yearly, so standings are cumulative. */
export function leaguePeriods(year: number, kind: LeaguePeriodKind, asOf: string): LeaguePeriod[] {
  const periods: LeaguePeriod[] = [];
  const count = kind === 'month' ? 12 : 4;
  for (let i = 1; i <= count; i++) {
    const endMonth = kind === 'month' ? i : i * 3;
    const startMonth = kind === 'month' ? i : i * 3 - 2;
    const start = `${year}-${pad(startMonth)}-01`;
    if (start > asOf) break;
    const end = `${year}-${pad(endMonth)}-${pad(lastDay(year, endMonth))}`;
    periods.push({ key: kind === 'month' ? `${year}-${pad(i)}` : `${year}-Q${i}`, from: `${year}-01-01`, to: end < asOf ? end : asOf });
  }
  return periods;
}

export function isPeriodKey(kind: LeaguePeriodKind, key: string): boolean {
  return kind === 'month' ? /^\d{4}-(0[1-9]|1[0-2])$/.test(key) : /^\d{4}-Q[1-4]$/.test(key);
}

export interface ItemFigure {
  actual: number;
  target: number | null;
}

export interface ItemScore extends ItemFigure {
  indicator: string;
  /** achieved ÷ target; null without a target */
  ratio: number | null;
  /** points earned: min(ratio, cap) × weight (0 without a target) */
  score: number;
}

export interface Contestant {
  unitCode: string;
  unitName: string;
  figures: Record<string, ItemFigure>;
  adjustments: { points: number; reason: string }[];
}

export interface Standing {
  unitCode: string;
  unitName: string;
  group: string;
  items: ItemScore[];
  adjustment: number;
  total: number;
  rank: number;
  previousRank: number | null;
  /** places gained since the previous period (positive = ↑); null in the first period */
  movement: number | null;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function scoreItems(items: readonly LeagueItem[], figures: Record<string, ItemFigure>): ItemScore[] {
  return items.map((item) => {
    const figure = figures[item.indicator] ?? { actual: 0, target: null };
    const ratio = figure.target && figure.target > 0 ? figure.actual / figure.target : null;
    return {
      indicator: item.indicator,
      actual: figure.actual,
      target: figure.target,
      ratio,
      score: ratio === null ? 0 : round(Math.min(ratio, item.cap) * item.weight),
    };
  });
}

/** Competition ranking (1, 1, 3): equal totals share a place. */
export function rankByTotal<T extends { total: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  return sorted.map((row) => ({ ...row, rank: sorted.findIndex((other) => Math.abs(other.total - row.total) < 1e-9) + 1 }));
}

/** The group of each unit: the first group that lists it; with no groups every contestant is in one group. */
export function groupOf(groups: readonly LeagueGroup[], unitCode: string): string | null {
  if (groups.length === 0) return '';
  return groups.find((group) => group.units.includes(unitCode))?.name ?? null;
}

/** Scores and ranks the contestants of one period, group by group; `previous` gives last period's ranks for the movement. */
export function standings(
  items: readonly LeagueItem[],
  groups: readonly LeagueGroup[],
  contestants: readonly Contestant[],
  previous?: ReadonlyMap<string, number>,
): Standing[] {
  const byGroup = new Map<string, Omit<Standing, 'rank' | 'previousRank' | 'movement'>[]>();
  for (const contestant of contestants) {
    const group = groupOf(groups, contestant.unitCode);
    if (group === null) continue;
    const scored = scoreItems(items, contestant.figures);
    const adjustment = round(contestant.adjustments.reduce((sum, a) => sum + a.points, 0));
    const total = round(scored.reduce((sum, s) => sum + s.score, 0) + adjustment);
    const list = byGroup.get(group) ?? [];
    list.push({ unitCode: contestant.unitCode, unitName: contestant.unitName, group, items: scored, adjustment, total });
    byGroup.set(group, list);
  }
  const order = groups.length ? groups.map((g) => g.name) : [''];
  return order.flatMap((group) =>
    rankByTotal(byGroup.get(group) ?? []).map((row) => {
      const previousRank = previous?.get(row.unitCode) ?? null;
      return { ...row, previousRank, movement: previousRank === null ? null : previousRank - row.rank };
    }),
  );
}

/** Checks a scheme's items and groups; returns the problems in the user's words (empty when valid). */
export function schemeProblems(items: readonly LeagueItem[], groups: readonly LeagueGroup[], lang: 'zh' | 'en'): string[] {
  const zh = lang === 'zh';
  const problems: string[] = [];
  if (items.length === 0) problems.push(zh ? '至少需要一项考核指标' : 'at least one indicator is needed');
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.indicator)) problems.push(zh ? `指标“${item.indicator}”重复` : `indicator ${item.indicator} appears twice`);
    seen.add(item.indicator);
    if (!(item.weight > 0)) problems.push(zh ? `指标“${item.indicator}”的权重须大于 0` : `weight of ${item.indicator} must be positive`);
    if (!(item.cap >= 1))
      problems.push(zh ? `指标“${item.indicator}”的封顶值不能低于 100%` : `cap of ${item.indicator} must be at least 100%`);
  }
  const names = new Set<string>();
  const placed = new Set<string>();
  for (const group of groups) {
    if (!group.name.trim()) problems.push(zh ? '组别名称不能为空' : 'a group needs a name');
    if (names.has(group.name)) problems.push(zh ? `组别“${group.name}”重复` : `group ${group.name} appears twice`);
    names.add(group.name);
    for (const unit of group.units) {
      if (placed.has(unit)) problems.push(zh ? `单位 ${unit} 同时在两个组别中` : `unit ${unit} is in two groups`);
      placed.add(unit);
    }
  }
  return problems;
}
