// What users call the fields of a project record: the history tab and the import preview name changed fields with these.
import { CURRENCY_LABELS } from './amounts.ts';
import { LEAD_SOURCE_LABELS, PROJECT_LEVEL_LABELS, PROJECT_TYPE_LABELS } from './classification.ts';
import { CONTRACT_KIND_LABELS, STAGE_LABELS, STATUS_LABELS, TERMINATION_REASON_LABELS } from './stages.ts';
import { CAPITAL_TYPE_LABELS } from './tiers.ts';

type Label = { zh: string; en: string };

export const FIELD_LABELS = {
  name: { zh: '项目名称', en: 'Name' },
  content: { zh: '建设内容', en: 'Construction content' },
  unitCode: { zh: '所属单位', en: 'Unit' },
  parkCode: { zh: '园区', en: 'Park' },
  investorName: { zh: '投资方', en: 'Investor' },
  investorCreditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  investorCountry: { zh: '国别', en: 'Country' },
  investorProvince: { zh: '省份', en: 'Province' },
  investorCity: { zh: '城市', en: 'City' },
  investorTags: { zh: '企业标签', en: 'Company tags' },
  contacts: { zh: '联系人', en: 'Contacts' },
  capitalType: { zh: '内外资', en: 'Capital type' },
  currency: { zh: '币种', en: 'Currency' },
  exchangeRate: { zh: '汇率', en: 'Exchange rate' },
  rateDate: { zh: '汇率日期', en: 'Rate date' },
  totalInvestmentOrig: { zh: '总投资（原币万）', en: 'Total investment (10k, own currency)' },
  totalInvestmentWan: { zh: '总投资（万元）', en: 'Total investment (CNY 10k)' },
  fixedAssetInvestmentOrig: { zh: '固定资产投资', en: 'Fixed-asset investment' },
  registeredCapitalOrig: { zh: '注册资本', en: 'Registered capital' },
  contractForeignCapitalUsdWan: { zh: '合同外资（万美元）', en: 'Contracted foreign capital (USD 10k)' },
  registeredForeignCapitalUsdWan: { zh: '注册外资（万美元）', en: 'Registered foreign capital (USD 10k)' },
  projectType: { zh: '项目类型', en: 'Project type' },
  industrySection: { zh: '行业门类', en: 'Industry section' },
  industryDivision: { zh: '行业大类', en: 'Industry division' },
  chain: { zh: '产业链', en: 'Industrial chain' },
  levels: { zh: '项目级别', en: 'List level' },
  leadSource: { zh: '线索来源', en: 'Lead source' },
  sponsorLeader: { zh: '挂钩领导', en: 'Sponsoring leader' },
  referrer: { zh: '引荐人', en: 'Referred by' },
  responsibleUnit: { zh: '责任单位', en: 'Responsible unit' },
  ownerUserId: { zh: '负责人', en: 'Owner' },
  landMu: { zh: '用地（亩）', en: 'Land (mu)' },
  factoryM2: { zh: '厂房（㎡）', en: 'Factory (m²)' },
  expectedOutputWan: { zh: '达产产值', en: 'Output at capacity' },
  expectedTaxWan: { zh: '达产税收', en: 'Tax at capacity' },
  expectedJobs: { zh: '就业', en: 'Jobs' },
  phases: { zh: '分期', en: 'Phases' },
  stage: { zh: '阶段', en: 'Stage' },
  status: { zh: '状态', en: 'Status' },
  terminationReason: { zh: '终止原因', en: 'Termination reason' },
  terminationNote: { zh: '终止说明', en: 'Termination note' },
  terminatedOn: { zh: '终止日期', en: 'Terminated on' },
  firstReportedOn: { zh: '首次填报日期', en: 'First reported' },
  leadOn: { zh: '线索日期', en: 'Lead on' },
  negotiatingOn: { zh: '在谈日期', en: 'Negotiating since' },
  signedOn: { zh: '签约日期', en: 'Signed on' },
  registeredOn: { zh: '注册日期', en: 'Registered on' },
  startedOn: { zh: '开工日期', en: 'Started on' },
  completedOn: { zh: '竣工日期', en: 'Completed on' },
  producingOn: { zh: '投产日期', en: 'In production on' },
  atCapacityOn: { zh: '达产日期', en: 'At capacity on' },
  listedOn: { zh: '入库列统日期', en: 'Listed in FAI statistics on' },
  plannedSignedOn: { zh: '计划签约', en: 'Planned signing' },
  plannedRegisteredOn: { zh: '计划注册', en: 'Planned registration' },
  plannedStartedOn: { zh: '计划开工', en: 'Planned start' },
  plannedCompletedOn: { zh: '计划竣工', en: 'Planned completion' },
  plannedProducingOn: { zh: '计划投产', en: 'Planned production' },
  plannedAtCapacityOn: { zh: '计划达产', en: 'Planned capacity' },
  contractKind: { zh: '合同类型', en: 'Contract kind' },
  contractAmountWan: { zh: '合同金额（万）', en: 'Contract amount (10k)' },
  remarks: { zh: '备注', en: 'Remarks' },
  arrival: { zh: '到资', en: 'Funds arrived' },
  password: { zh: '密码', en: 'Password' },
};

/** Coded values of a field, named (stage `started` → 开工). */
export const VALUE_LABELS: Record<string, Record<string, Label>> = {
  stage: STAGE_LABELS,
  status: STATUS_LABELS,
  capitalType: CAPITAL_TYPE_LABELS,
  projectType: PROJECT_TYPE_LABELS,
  contractKind: CONTRACT_KIND_LABELS,
  leadSource: LEAD_SOURCE_LABELS,
  terminationReason: TERMINATION_REASON_LABELS,
  currency: CURRENCY_LABELS,
  levels: PROJECT_LEVEL_LABELS,
};

/** A field's value as a user reads it, in their language. */
export function fieldValueText(field: string, value: unknown, lang: 'zh' | 'en'): string {
  if (value === null || value === undefined || value === '') return '—';
  const labels = VALUE_LABELS[field];
  if (Array.isArray(value))
    return value.length === 0
      ? '—'
      : value
          .map((v) => (labels && typeof v === 'string' ? (labels[v]?.[lang] ?? v) : typeof v === 'object' ? JSON.stringify(v) : String(v)))
          .join(lang === 'zh' ? '、' : ', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (labels && typeof value === 'string') return labels[value]?.[lang] ?? value;
  return String(value);
}
