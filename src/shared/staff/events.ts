// 招商活动 / 集中签约: the kinds of an event and the totals it announces ("共签约项目65个，总投资268.9亿元，其中外资…").

export const EVENT_KINDS = ['signing', 'cloud_signing', 'promotion', 'roundtable', 'expo', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<EventKind, { zh: string; en: string }> = {
  signing: { zh: '集中签约', en: 'Group signing' },
  cloud_signing: { zh: '云签约', en: 'Online signing' },
  promotion: { zh: '推介会', en: 'Promotion conference' },
  roundtable: { zh: '恳谈会', en: 'Roundtable' },
  expo: { zh: '展会（进博会等）', en: 'Expo (CIIE …)' },
  other: { zh: '其他活动', en: 'Other event' },
};

/** What people call the kinds, besides their labels: a ceremony's name as a sheet or a caller writes it. */
const KIND_ALIASES: Record<string, EventKind> = {
  集中签约仪式: 'signing',
  签约仪式: 'signing',
  签约活动: 'signing',
  重大项目集中签约: 'signing',
  云签约活动: 'cloud_signing',
  线上签约: 'cloud_signing',
  招商推介会: 'promotion',
  推介活动: 'promotion',
  投资说明会: 'promotion',
  座谈会: 'roundtable',
  洽谈会: 'roundtable',
  进博会: 'expo',
  展会: 'expo',
  博览会: 'expo',
  其他: 'other',
};

/** The kind a code, a label (either language) or a common name means; undefined when none. */
export function eventKindOf(value: string): EventKind | undefined {
  const text = value.trim();
  const lower = text.toLowerCase();
  return (
    EVENT_KINDS.find((k) => k === lower || EVENT_KIND_LABELS[k].zh === text || EVENT_KIND_LABELS[k].en.toLowerCase() === lower) ??
    KIND_ALIASES[text]
  );
}

/** A project as an event counts it: its investment in 万元 and, when foreign-funded, in 万美元. */
export interface EventProjectAmounts {
  capitalType: string;
  totalInvestmentWan: number;
  totalInvestmentUsdWan: number | null;
}

/** 外资: foreign and joint ventures count toward the event's foreign total (in USD, as the announcements give it). */
export const isForeignFunded = (capitalType: string): boolean => capitalType === 'foreign' || capitalType === 'joint';

/**
 * What an event announces: how many projects, their total investment (万元, every project) and the foreign-funded
 * ones' total in 万美元. Summed in full precision; rounding is the display's.
 */
export function eventTotals(projects: readonly EventProjectAmounts[]) {
  let totalInvestmentWan = 0;
  let foreignUsdWan = 0;
  let foreignCount = 0;
  for (const p of projects) {
    totalInvestmentWan += p.totalInvestmentWan;
    if (isForeignFunded(p.capitalType)) {
      foreignCount++;
      foreignUsdWan += p.totalInvestmentUsdWan ?? 0;
    }
  }
  return { count: projects.length, totalInvestmentWan, foreignCount, foreignUsdWan };
}

/**
 * The sentence an announcement carries: "共签约项目18个，总投资331.00亿元，其中现场签约6个；外资项目3个，总投资2.10亿美元".
 * Amounts in 亿 with two decimals, as reports give them.
 */
export function eventAnnouncement(
  e: { count: number; totalInvestmentWan: number; foreignCount: number; foreignUsdWan: number; onSiteCount: number },
  lang: 'zh' | 'en',
): string {
  const yi = (wan: number) => (wan / 10_000).toFixed(2);
  if (lang === 'zh')
    return (
      `共签约项目${e.count}个，总投资${yi(e.totalInvestmentWan)}亿元` +
      (e.onSiteCount ? `，其中现场签约${e.onSiteCount}个` : '') +
      (e.foreignCount ? `；外资项目${e.foreignCount}个，总投资${yi(e.foreignUsdWan)}亿美元` : '')
    );
  return (
    `${e.count} projects signed, total investment CNY ${yi(e.totalInvestmentWan)} hundred million` +
    (e.onSiteCount ? `, ${e.onSiteCount} of them on stage` : '') +
    (e.foreignCount ? `; ${e.foreignCount} foreign-funded, USD ${yi(e.foreignUsdWan)} hundred million` : '')
  );
}
