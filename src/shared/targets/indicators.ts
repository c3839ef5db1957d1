import { yiLabel } from '../money.ts';
// Indicator catalog (GLOSSARY: 招商口径 counts). A computed indicator is a filter over the ledger plus a count or a sum,
// dated by one milestone: the built-ins below and the ones an admin adds have the same shape.
import type { CapitalType } from '../projects/tiers.ts';

export const INDICATOR_DATE_FIELDS = [
  'signed',
  'registered',
  'started',
  'completed',
  'producing',
  'at_capacity',
  'listed',
  'arrival',
  'progress',
] as const;
export type IndicatorDateField = (typeof INDICATOR_DATE_FIELDS)[number];

export const INDICATOR_MEASURES = [
  'count',
  'sum_total_wan',
  'sum_contract_foreign_usd_wan',
  'sum_arrival_wan',
  'sum_arrival_usd_wan',
  'sum_progress_wan',
] as const;
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];

/** Which ledger projects an indicator counts (all conditions must hold). */
export interface IndicatorFilter {
  /** 亿元以上 on the paired RMB/USD ladder */
  minTierYi?: number;
  capitalTypes?: CapitalType[];
  /** on one of these lists (省重大 / 市重点 / 区重点) */
  levels?: string[];
  chains?: string[];
  /** GB/T 4754 门类 letters */
  industrySections?: string[];
  projectTypes?: string[];
}

export interface ComputedIndicator {
  key: string;
  kind: 'computed';
  label: { zh: string; en: string };
  unit: { zh: string; en: string };
  /** the milestone whose date places a project in a period */
  dateField: IndicatorDateField;
  measure: IndicatorMeasure;
  filter?: IndicatorFilter;
  /** additive over units (counts and sums are): a parent's value is the sum of its children's */
  additive: true;
}

export interface ReportedIndicator {
  key: string;
  kind: 'reported';
  label: { zh: string; en: string };
  unit: { zh: string; en: string };
  additive: boolean;
}

export type IndicatorDefinition = ComputedIndicator | ReportedIndicator;

const count = { zh: '个', en: 'projects' };
const wan = { zh: '万元', en: 'CNY 10k' };
const usdWan = { zh: '万美元', en: 'USD 10k' };

const tierIndicator = (yi: number): ComputedIndicator => ({
  key: `signed_projects_${yi}yi`,
  kind: 'computed',
  label: { zh: `新签约${yi}亿元以上项目数`, en: `New signings ≥ ${yiLabel(yi, 'en')}` },
  unit: count,
  dateField: 'signed',
  measure: 'count',
  filter: { minTierYi: yi },
  additive: true,
});

export const BUILT_IN_INDICATORS: IndicatorDefinition[] = [
  {
    key: 'signed_projects',
    kind: 'computed',
    label: { zh: '新签约项目数', en: 'New signings' },
    unit: count,
    dateField: 'signed',
    measure: 'count',
    additive: true,
  },
  tierIndicator(1),
  tierIndicator(10),
  tierIndicator(20),
  tierIndicator(50),
  tierIndicator(100),
  {
    key: 'signed_investment',
    kind: 'computed',
    label: { zh: '签约总投资', en: 'Signed investment' },
    unit: wan,
    dateField: 'signed',
    measure: 'sum_total_wan',
    additive: true,
  },
  {
    key: 'foreign_projects',
    kind: 'computed',
    label: { zh: '新签约外资项目数', en: 'New foreign signings' },
    unit: count,
    dateField: 'signed',
    measure: 'count',
    filter: { capitalTypes: ['foreign', 'joint'] },
    additive: true,
  },
  {
    key: 'contract_foreign_capital',
    kind: 'computed',
    label: { zh: '合同外资', en: 'Contracted foreign capital' },
    unit: usdWan,
    dateField: 'signed',
    measure: 'sum_contract_foreign_usd_wan',
    filter: { capitalTypes: ['foreign', 'joint'] },
    additive: true,
  },
  {
    key: 'registered_projects',
    kind: 'computed',
    label: { zh: '新注册项目数', en: 'New registrations' },
    unit: count,
    dateField: 'registered',
    measure: 'count',
    additive: true,
  },
  {
    key: 'started_projects',
    kind: 'computed',
    label: { zh: '新开工项目数', en: 'New starts' },
    unit: count,
    dateField: 'started',
    measure: 'count',
    additive: true,
  },
  {
    key: 'completed_projects',
    kind: 'computed',
    label: { zh: '新竣工项目数', en: 'Newly completed' },
    unit: count,
    dateField: 'completed',
    measure: 'count',
    additive: true,
  },
  {
    key: 'producing_projects',
    kind: 'computed',
    label: { zh: '新投产项目数', en: 'New in production' },
    unit: count,
    dateField: 'producing',
    measure: 'count',
    additive: true,
  },
  {
    key: 'at_capacity_projects',
    kind: 'computed',
    label: { zh: '新达产项目数', en: 'New at capacity' },
    unit: count,
    dateField: 'at_capacity',
    measure: 'count',
    additive: true,
  },
  {
    key: 'listed_projects',
    kind: 'computed',
    label: { zh: '新入库列统项目数', en: 'Newly listed (FAI)' },
    unit: count,
    dateField: 'listed',
    measure: 'count',
    additive: true,
  },
  {
    key: 'listed_investment',
    kind: 'computed',
    label: { zh: '新入库列统项目计划总投资', en: 'Planned investment of newly listed' },
    unit: wan,
    dateField: 'listed',
    measure: 'sum_total_wan',
    additive: true,
  },
  // 月报: investment completed in the month by projects (key projects with levels, or all), dated by the report month
  {
    key: 'project_investment',
    kind: 'computed',
    label: { zh: '项目完成投资（月报）', en: 'Investment completed (monthly reports)' },
    unit: wan,
    dateField: 'progress',
    measure: 'sum_progress_wan',
    additive: true,
  },
  {
    key: 'key_project_investment',
    kind: 'computed',
    label: { zh: '重点项目完成投资（月报）', en: 'Key projects: investment completed' },
    unit: wan,
    dateField: 'progress',
    measure: 'sum_progress_wan',
    filter: { levels: ['provincial_major', 'city_key', 'district_key'] },
    additive: true,
  },
  {
    key: 'arrived_funds',
    kind: 'computed',
    label: { zh: '到资额', en: 'Funds arrived' },
    unit: wan,
    dateField: 'arrival',
    measure: 'sum_arrival_wan',
    additive: true,
  },
  {
    key: 'foreign_capital_arrived',
    kind: 'computed',
    label: { zh: '实际到账外资', en: 'Foreign capital paid in' },
    unit: usdWan,
    dateField: 'arrival',
    measure: 'sum_arrival_usd_wan',
    filter: { capitalTypes: ['foreign', 'joint'] },
    additive: true,
  },
  {
    key: 'actual_foreign_investment',
    kind: 'reported',
    label: { zh: '实际使用外资（统计局）', en: 'Utilized FDI (statistics)' },
    unit: usdWan,
    additive: true,
  },
  {
    key: 'fai_completed',
    kind: 'reported',
    label: { zh: '固定资产投资完成额（统计局）', en: 'FAI completed (statistics)' },
    unit: wan,
    additive: true,
  },
];

/** A count indicator (新签约项目数 …): its targets split into whole projects a month. */
export const isCountIndicator = (indicator: { kind: string; measure?: string | undefined } | undefined): boolean =>
  indicator?.kind === 'computed' && indicator.measure === 'count';
