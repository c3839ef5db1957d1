import { describe, expect, it } from 'vitest';
import {
  codeOf,
  CONTACT_KIND_LABELS,
  CONTACT_KINDS,
  funnelOf,
  linkProblems,
  linkStatus,
  parseLinkLabel,
  splitList,
  stageAfterContact,
  suggestLink,
  tagFromText,
} from './rules.ts';

describe('chain rules', () => {
  it('calls a link a gap, weak or covered as the glossary says', () => {
    expect(linkStatus(0, 0)).toBe('gap');
    expect(linkStatus(1, 0)).toBe('weak');
    expect(linkStatus(2, 0)).toBe('covered');
    expect(linkStatus(0, 1)).toBe('covered');
    expect(linkStatus(1, 3)).toBe('covered');
  });
  it('reads a ledger link label with either slash', () => {
    expect(parseLinkLabel('汽车电子/控制器')).toEqual({ chain: '汽车电子', link: '控制器' });
    expect(parseLinkLabel(' 汽车电子／控制器 ')).toEqual({ chain: '汽车电子', link: '控制器' });
    expect(parseLinkLabel('新能源')).toEqual({ chain: '新能源', link: null });
  });
  it('reads tags by name, with or without quotes, and lists by any separator', () => {
    expect(tagFromText('专精特新"小巨人"')).toBe('little_giant');
    expect(tagFromText('专精特新“小巨人”')).toBe('little_giant');
    expect(tagFromText('链主')).toBe('chain_leader');
    expect(tagFromText('chain_leader')).toBe('chain_leader');
    expect(tagFromText('不是标签')).toBeUndefined();
    expect(splitList('世界500强；链主;上市公司，独角兽')).toEqual(['世界500强', '链主', '上市公司', '独角兽']);
  });
});

describe('a chain’s links', () => {
  it('form a tree with unique keys and names', () => {
    const ok = [
      { key: 'a', name: '芯片设计', segment: 'upstream' as const },
      { key: 'b', name: 'EDA', segment: 'upstream' as const, parent: 'a' },
    ];
    expect(linkProblems(ok, 'zh')).toEqual([]);
    expect(linkProblems([...ok, { key: 'a', name: '封测', segment: 'downstream' }], 'zh')).toEqual(['环节编号“a”重复']);
    expect(linkProblems([{ key: 'x', name: '甲', segment: 'midstream', parent: 'nope' }], 'zh')[0]).toContain('不存在');
    const cycle = [
      { key: 'p', name: '甲', segment: 'midstream' as const, parent: 'q' },
      { key: 'q', name: '乙', segment: 'midstream' as const, parent: 'p' },
    ];
    expect(linkProblems(cycle, 'en')).toHaveLength(2);
    expect(linkProblems([{ key: 'k', name: 'a/b', segment: 'upstream' }], 'en')[0]).toContain('"/"');
  });
});

describe('the outreach pipeline', () => {
  it('moves a company on by its contacts, never back', () => {
    expect(stageAfterContact('target', 'phone')).toBe('contacted');
    expect(stageAfterContact('target', 'visit_out')).toBe('visited');
    expect(stageAfterContact('intent', 'phone')).toBe('intent');
    expect(stageAfterContact('dropped', 'visit_in')).toBe('dropped');
    expect(codeOf(CONTACT_KINDS, CONTACT_KIND_LABELS, '外出拜访')).toBe('visit_out');
  });
  it('counts a funnel by the furthest stage reached, with the share of the step before', () => {
    const funnel = funnelOf(['target', 'contacted', 'visited', 'negotiating', 'signed', 'dropped']);
    expect(funnel.map((s) => s.reached)).toEqual([5, 4, 3, 2, 2, 1]);
    expect(funnel[0]!.rate).toBeNull();
    expect(funnel[1]!.rate).toBeCloseTo(4 / 5);
    expect(funnel[5]!.rate).toBeCloseTo(1 / 2);
    expect(funnelOf([]).every((s) => s.reached === 0 && (s.rate === null || s.rate === 0))).toBe(true);
  });
});

describe('placing a project on a link', () => {
  it('takes the link whose longest word the name holds', () => {
    const links = [
      { key: 'chip', name: '芯片', keywords: [] },
      { key: 'design', name: '芯片设计', keywords: ['EDA'] },
      { key: 'pack', name: '封装测试', keywords: ['封装'] },
    ];
    expect(suggestLink('年产10万片芯片设计中心项目', links)).toBe('design');
    expect(suggestLink('先进封装产线', links)).toBe('pack');
    expect(suggestLink('EDA软件', links)).toBe('design');
    expect(suggestLink('光伏组件', links)).toBeNull();
  });
});
