import type { Messages } from './messages.ts';

export const leagueMessages = {
  defaultLeagueName: ['{year}年招商引资擂台赛', '{year} investment promotion league'],
  leagueGroupExample: ['I类', 'e.g. Group I'],

  addGroup: ['添加组别', 'Add a group'],
  addItem: ['添加考核指标', 'Add an indicator'],
  adjustment: ['加减分', 'Adjustment'],
  adjustments: ['加分 / 扣分', 'Bonus / penalty'],
  cap: ['封顶', 'Cap'],
  confirmRemove: ['确定删除？', 'Remove it?'],
  cumulativeTo: ['累计至 {date}', 'cumulative to {date}'],
  editScheme: ['修改方案', 'Edit scheme'],
  group: ['组别', 'Group'],
  groups: ['分组（可选）', 'Groups (optional)'],
  groupsHelp: [
    '如 I类（县市区）、II类（功能区）；不分组则所有直属下级一起排名。分组后只有列入组别的单位参赛。',
    'e.g. Group I (districts) and Group II (parks); without groups every unit below competes together.',
  ],
  movement: ['升降', 'Move'],
  newScheme: ['新建方案', 'New scheme'],
  noScheme: ['本单位尚未设立擂台赛方案', 'No league scheme for this unit yet'],
  periodKind: ['排名周期', 'Ranked'],
  quarterly: ['按季度', 'Quarterly'],
  rankHistory: ['历次排名', 'Rank history'],
  remove: ['删除', 'Remove'],
  schemeItems: ['考核指标', 'Indicators'],
  schemeItemsHelp: [
    '得分 = Σ min(完成值 ÷ 年度目标, 封顶) × 分值，再加减分；按期末累计计算。',
    'Score = Σ min(achieved ÷ annual target, cap) × points, plus adjustments; cumulative to the end of the period.',
  ],
  schemeName: ['方案名称', 'Name'],
  totalScore: ['总分', 'Total'],
} as const satisfies Messages;
