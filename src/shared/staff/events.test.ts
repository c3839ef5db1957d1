import { describe, expect, it } from 'vitest';
import { eventAnnouncement, eventKindOf, eventTotals } from './events.ts';

describe('an event’s totals and kinds', () => {
  const projects = [
    { capitalType: 'domestic', totalInvestmentWan: 250_000, totalInvestmentUsdWan: 34_500 },
    { capitalType: 'foreign', totalInvestmentWan: 108_000, totalInvestmentUsdWan: 15_000 },
    { capitalType: 'joint', totalInvestmentWan: 21_600, totalInvestmentUsdWan: 3_000 },
  ];
  it('adds every project’s 万元 and the foreign-funded ones’ 万美元', () => {
    expect(eventTotals(projects)).toEqual({ count: 3, totalInvestmentWan: 379_600, foreignCount: 2, foreignUsdWan: 18_000 });
    expect(eventTotals([])).toEqual({ count: 0, totalInvestmentWan: 0, foreignCount: 0, foreignUsdWan: 0 });
  });
  it('words the announcement', () => {
    expect(eventAnnouncement({ ...eventTotals(projects), onSiteCount: 1 }, 'zh')).toBe(
      '共签约项目3个，总投资37.96亿元，其中现场签约1个；外资项目2个，总投资1.80亿美元',
    );
    expect(eventAnnouncement({ ...eventTotals(projects.slice(0, 1)), onSiteCount: 0 }, 'zh')).toBe('共签约项目1个，总投资25.00亿元');
    expect(eventAnnouncement({ ...eventTotals(projects), onSiteCount: 0 }, 'en')).toContain('3 projects signed');
  });
  it('reads a kind from its code, its label or a common name', () => {
    expect(eventKindOf('signing')).toBe('signing');
    expect(eventKindOf('集中签约')).toBe('signing');
    expect(eventKindOf(' 云签约 ')).toBe('cloud_signing');
    expect(eventKindOf('进博会')).toBe('expo');
    expect(eventKindOf('Roundtable')).toBe('roundtable');
    expect(eventKindOf('庆典')).toBeUndefined();
  });
});
