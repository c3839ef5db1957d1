import { describe, expect, it } from 'vitest';
import { leaguePeriods, rankByTotal, schemeProblems, scoreItems, standings, type Contestant, type LeagueItem } from './score.ts';

const items: LeagueItem[] = [
  { indicator: 'signed_projects', weight: 60, cap: 1.2 },
  { indicator: 'started_projects', weight: 40, cap: 1.2 },
];

describe('擂台赛 scoring', () => {
  it('scores Σ min(achieved ÷ target, cap) × weight', () => {
    // 15 of 10 signings → 150%, capped at 120% → 72; 3 of 4 starts → 75% → 30.
    const scored = scoreItems(items, { signed_projects: { actual: 15, target: 10 }, started_projects: { actual: 3, target: 4 } });
    expect(scored.map((s) => s.score)).toEqual([72, 30]);
    expect(scored[0]!.ratio).toBe(1.5);
  });

  it('gives no points for an indicator without a target', () => {
    expect(scoreItems(items, { signed_projects: { actual: 5, target: null } })[0]).toMatchObject({ ratio: null, score: 0 });
    expect(scoreItems(items, {})[1]).toMatchObject({ actual: 0, target: null, score: 0 });
  });

  it('ranks ties together (1, 1, 3)', () => {
    expect(rankByTotal([{ total: 80 }, { total: 95 }, { total: 80 }]).map((r) => [r.total, r.rank])).toEqual([
      [95, 1],
      [80, 2],
      [80, 2],
    ]);
  });

  it('ranks within groups, adds bonus and penalty points and shows movement', () => {
    const contestants: Contestant[] = [
      {
        unitCode: 'A',
        unitName: '甲区',
        figures: { signed_projects: { actual: 10, target: 10 }, started_projects: { actual: 4, target: 4 } },
        adjustments: [],
      },
      {
        unitCode: 'B',
        unitName: '乙区',
        figures: { signed_projects: { actual: 9, target: 10 }, started_projects: { actual: 4, target: 4 } },
        adjustments: [{ points: 3, reason: '重大项目加分' }],
      },
      {
        unitCode: 'C',
        unitName: '丙园区',
        figures: { signed_projects: { actual: 1, target: 10 } },
        adjustments: [{ points: -2, reason: '报送迟报' }],
      },
      { unitCode: 'D', unitName: '未分组', figures: {}, adjustments: [] },
    ];
    const groups = [
      { name: 'I类', units: ['A', 'B'] },
      { name: 'II类', units: ['C'] },
    ];
    const result = standings(
      items,
      groups,
      contestants,
      new Map([
        ['A', 1],
        ['B', 2],
      ]),
    );
    // A: 60 + 40 = 100; B: 54 + 40 + 3 = 97; C: 6 − 2 = 4; D is in no group.
    expect(result.map((r) => [r.group, r.unitCode, r.total, r.rank, r.movement])).toEqual([
      ['I类', 'A', 100, 1, 0],
      ['I类', 'B', 97, 2, 0],
      ['II类', 'C', 4, 1, null],
    ]);
    const swapped = standings(
      items,
      groups,
      [{ ...contestants[0]!, adjustments: [{ points: -10, reason: '扣分' }] }, contestants[1]!],
      new Map([
        ['A', 1],
        ['B', 2],
      ]),
    );
    expect(swapped.map((r) => [r.unitCode, r.rank, r.movement])).toEqual([
      ['B', 1, 1],
      ['A', 2, -1],
    ]);
  });

  it('lists cumulative monthly and quarterly periods up to the date', () => {
    expect(leaguePeriods(2025, 'month', '2025-03-10')).toEqual([
      { key: '2025-01', from: '2025-01-01', to: '2025-01-31' },
      { key: '2025-02', from: '2025-01-01', to: '2025-02-28' },
      { key: '2025-03', from: '2025-01-01', to: '2025-03-10' },
    ]);
    expect(leaguePeriods(2024, 'quarter', '2026-01-01').map((p) => [p.key, p.to])).toEqual([
      ['2024-Q1', '2024-03-31'],
      ['2024-Q2', '2024-06-30'],
      ['2024-Q3', '2024-09-30'],
      ['2024-Q4', '2024-12-31'],
    ]);
  });

  it('explains what is wrong with a scheme', () => {
    expect(schemeProblems([], [], 'zh')).toEqual(['至少需要一项考核指标']);
    expect(
      schemeProblems(
        [{ indicator: 'x', weight: 0, cap: 0.5 }],
        [
          { name: 'I类', units: ['A'] },
          { name: 'II类', units: ['A'] },
        ],
        'zh',
      ),
    ).toEqual(['指标“x”的权重须大于 0', '指标“x”的封顶值不能低于 100%', '单位 A 同时在两个组别中']);
  });
});
