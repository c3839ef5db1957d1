import { parseLinkLabel } from '../../shared/chains/rules.ts';
import { AMOUNT_ERROR_MESSAGES, CURRENCIES, CURRENCY_LABELS, parseAmount, round4, type Currency } from '../../shared/projects/amounts.ts';
import { isValidCreditCode, normalizeCreditCode } from '../../shared/projects/creditCode.ts';
import { parseFlexibleDate, todayIso } from '../../shared/projects/dates.ts';
import {
  PROJECT_TYPES,
  PROJECT_LEVELS,
  LEAD_SOURCES,
  INVESTOR_TAGS,
  industrySectionOfDivision,
  INDUSTRY_SECTIONS,
} from '../../shared/projects/classification.ts';
import { nameKey, searchTokens } from '../../shared/projects/search.ts';
import {
  checkLifecycle,
  CONTRACT_KINDS,
  existsFrom,
  LIFECYCLE_MESSAGES,
  STAGE_LABELS,
  STAGES,
  STATUSES,
  TERMINATION_REASONS,
  type Stage,
  type StageDates,
} from '../../shared/projects/stages.ts';
import { CAPITAL_TYPES, tierIndex, type CapitalType, type TierStep } from '../../shared/projects/tiers.ts';
import type { Lang } from '../../shared/errors.ts';
import type { RateTable } from './rates.ts';
import type { projects } from './schema.ts';

/** A project as the API and the import take it: amounts may be numbers (万) or text such as `3.5亿元`. */
export interface ProjectInput {
  name?: string | null;
  content?: string | null;
  unitCode?: string | null;
  parkCode?: string | null;
  investorName?: string | null;
  investorCreditCode?: string | null;
  investorCountry?: string | null;
  investorProvince?: string | null;
  investorCity?: string | null;
  investorTags?: string[] | null;
  contacts?: { name: string; title?: string | null; phone?: string | null }[] | null;
  capitalType?: string | null;
  currency?: string | null;
  totalInvestment?: number | string | null;
  fixedAssetInvestment?: number | string | null;
  registeredCapital?: number | string | null;
  contractForeignCapital?: number | string | null;
  registeredForeignCapital?: number | string | null;
  exchangeRate?: number | null;
  rateDate?: string | null;
  projectType?: string | null;
  industrySection?: string | null;
  industryDivision?: string | null;
  chain?: string | null;
  levels?: string[] | null;
  leadSource?: string | null;
  sponsorLeader?: string | null;
  referrer?: string | null;
  responsibleUnit?: string | null;
  ownerUserId?: string | null;
  landMu?: number | null;
  factoryM2?: number | null;
  expectedOutputWan?: number | null;
  expectedTaxWan?: number | null;
  expectedJobs?: number | null;
  phases?: string | null;
  stage?: string | null;
  status?: string | null;
  terminationReason?: string | null;
  terminationNote?: string | null;
  terminatedOn?: string | null;
  firstReportedOn?: string | null;
  dates?: Partial<Record<Stage, string | null>> | null;
  listedOn?: string | null;
  planned?: {
    signed?: string | null;
    registered?: string | null;
    started?: string | null;
    completed?: string | null;
    producing?: string | null;
    atCapacity?: string | null;
  } | null;
  contractKind?: string | null;
  contractAmount?: number | string | null;
  remarks?: string | null;
}

/** Field names as the import template calls them, so problems can be reported by column. */
export type ProjectField = keyof ProjectInput | `dates.${Stage}` | 'planned';

export interface InputProblem {
  field: ProjectField;
  message: string;
  severity: 'error' | 'warning';
}

export interface NormalizeContext {
  lang: Lang;
  rates: RateTable;
  ladder: TierStep[];
  chains: string[];
  /** the day the record is entered, for `exists_from` when nothing else tells */
  today?: string;
}

export type ProjectValues = Omit<
  typeof projects.$inferInsert,
  'id' | 'code' | 'unitPath' | 'createdAt' | 'updatedAt' | 'version' | 'createdBy'
>;

const text = (value: string | null | undefined, max = 500): string | null => {
  if (value === null || value === undefined) return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed.slice(0, max);
};

const DATE_FIELDS: Record<Stage, keyof ProjectValues> = {
  lead: 'leadOn',
  negotiating: 'negotiatingOn',
  signed: 'signedOn',
  registered: 'registeredOn',
  started: 'startedOn',
  completed: 'completedOn',
  producing: 'producingOn',
  at_capacity: 'atCapacityOn',
};
export { DATE_FIELDS };

export function stageDatesOf(
  row: Pick<
    typeof projects.$inferSelect,
    'leadOn' | 'negotiatingOn' | 'signedOn' | 'registeredOn' | 'startedOn' | 'completedOn' | 'producingOn' | 'atCapacityOn'
  >,
): StageDates {
  return {
    lead: row.leadOn,
    negotiating: row.negotiatingOn,
    signed: row.signedOn,
    registered: row.registeredOn,
    started: row.startedOn,
    completed: row.completedOn,
    producing: row.producingOn,
    at_capacity: row.atCapacityOn,
  };
}

/**
 * Validates and normalizes a complete project. Returns the column values and every problem found
 * (errors block the save; warnings are shown). Pure apart from the rate table handed in.
 */
export function normalizeProject(
  input: ProjectInput,
  context: NormalizeContext,
): { values: ProjectValues | null; problems: InputProblem[] } {
  const zh = context.lang === 'zh';
  const problems: InputProblem[] = [];
  const error = (field: ProjectField, message: string) => problems.push({ field, message, severity: 'error' });
  const warn = (field: ProjectField, message: string) => problems.push({ field, message, severity: 'warning' });

  const name = text(input.name, 200);
  if (!name) error('name', zh ? '项目名称必填' : 'the project name is required');
  const investorName = text(input.investorName, 200);
  if (!investorName) error('investorName', zh ? '投资方必填' : 'the investor is required');
  const unitCode = text(input.unitCode, 20);
  if (!unitCode) error('unitCode', zh ? '所属单位必填' : 'the unit is required');

  const capitalType = (input.capitalType ?? '') as CapitalType;
  if (!CAPITAL_TYPES.includes(capitalType))
    error('capitalType', zh ? '内外资须为：内资、外资、中外合资' : 'capital type must be domestic, foreign or joint');
  const defaultCurrency: Currency = capitalType === 'domestic' || !CAPITAL_TYPES.includes(capitalType) ? 'CNY' : 'USD';
  let currency = (text(input.currency) ?? defaultCurrency) as Currency;
  if (!CURRENCIES.includes(currency)) {
    error(
      'currency',
      zh ? `币种须为：${CURRENCIES.map((c) => CURRENCY_LABELS[c].zh).join('、')}` : `currency must be one of ${CURRENCIES.join(', ')}`,
    );
    currency = defaultCurrency;
  }

  const amount = (
    field: ProjectField,
    value: number | string | null | undefined,
    required: boolean,
    expected: Currency = currency,
  ): number | null => {
    if (value === null || value === undefined || value === '') {
      if (required) error(field, zh ? '金额必填' : 'the amount is required');
      return null;
    }
    const parsed = parseAmount(value);
    if (!parsed.ok) {
      error(field, AMOUNT_ERROR_MESSAGES[parsed.error][context.lang]);
      return null;
    }
    if (parsed.currency && parsed.currency !== expected) {
      error(
        field,
        zh
          ? `金额单位为${CURRENCY_LABELS[parsed.currency].zh}，与币种${CURRENCY_LABELS[expected].zh}不一致`
          : `the amount is in ${parsed.currency} but the currency is ${expected}`,
      );
      return null;
    }
    return parsed.wan;
  };
  const totalOrig = amount('totalInvestment', input.totalInvestment, true);
  const fixedAssetOrig = amount('fixedAssetInvestment', input.fixedAssetInvestment, false);
  const registeredCapitalOrig = amount('registeredCapital', input.registeredCapital, false);
  const contractForeignUsd = amount('contractForeignCapital', input.contractForeignCapital, false, 'USD');
  const registeredForeignUsd = amount('registeredForeignCapital', input.registeredForeignCapital, false, 'USD');
  if (totalOrig !== null && fixedAssetOrig !== null && fixedAssetOrig > totalOrig)
    warn('fixedAssetInvestment', zh ? '固定资产投资大于总投资' : 'fixed-asset investment exceeds the total');
  if (capitalType === 'domestic' && (contractForeignUsd !== null || registeredForeignUsd !== null))
    warn('contractForeignCapital', zh ? '内资项目填写了外资金额' : 'a domestic project has foreign-capital figures');

  // Dates
  const date = (field: ProjectField, value: string | null | undefined): string | null => {
    if (value === null || value === undefined || value === '') return null;
    const parsed = parseFlexibleDate(value);
    if (!parsed) error(field, zh ? `无法识别的日期“${value}”，示例：2024-03-08、2024/3/8、2024年3月8日` : `unreadable date "${value}"`);
    return parsed;
  };
  const today = context.today ?? todayIso();
  const dates: StageDates = {};
  for (const stage of STAGES) {
    const parsed = date(`dates.${stage}`, input.dates?.[stage]);
    if (parsed && parsed > today)
      error(`dates.${stage}`, zh ? `${STAGE_LABELS[stage].zh}日期不能晚于今天` : 'the date cannot be in the future');
    dates[stage] = parsed;
  }
  const firstReportedOn = date('firstReportedOn', input.firstReportedOn);
  const listedOn = date('listedOn', input.listedOn);
  const terminatedOn = date('terminatedOn', input.terminatedOn);

  const stage = (input.stage ?? '') as Stage;
  if (!STAGES.includes(stage))
    error('stage', zh ? `当前阶段须为：${STAGES.map((s) => STAGE_LABELS[s].zh).join('、')}` : `stage must be one of ${STAGES.join(', ')}`);
  const status = (text(input.status) ?? 'normal') as (typeof STATUSES)[number];
  if (!STATUSES.includes(status)) error('status', zh ? '状态须为：正常、暂停、终止' : 'status must be normal, paused or terminated');
  if (status === 'terminated' && !terminatedOn)
    error('terminatedOn', zh ? '状态为终止时须填写终止日期' : 'a terminated project needs its termination date');
  if (status !== 'terminated' && terminatedOn)
    error('terminatedOn', zh ? '只有终止的项目才有终止日期' : 'only terminated projects have a termination date');
  const terminationReason = text(input.terminationReason);
  if (terminationReason && !(TERMINATION_REASONS as readonly string[]).includes(terminationReason))
    error('terminationReason', zh ? '终止原因不在清单中' : 'unknown termination reason');

  // Rate: the signing date's month, else first report, else today — unless a rate is given.
  const rateDate = date('rateDate', input.rateDate) ?? dates.signed ?? firstReportedOn ?? today;
  let exchangeRate = input.exchangeRate ?? context.rates.rate(currency, rateDate);
  if (input.exchangeRate !== undefined && input.exchangeRate !== null && !(input.exchangeRate > 0))
    error('exchangeRate', zh ? '汇率须大于0' : 'the rate must be above zero');
  if (exchangeRate === null) {
    error(
      'currency',
      zh
        ? `缺少${CURRENCY_LABELS[currency].zh} ${rateDate.slice(0, 7)} 的汇率，请在设置中补充`
        : `no ${currency} rate for ${rateDate.slice(0, 7)}`,
    );
    exchangeRate = 1;
  }
  const usdRate = context.rates.rate('USD', rateDate);
  const totalWan = totalOrig === null ? null : round4(totalOrig * exchangeRate);
  const totalUsdWan =
    totalOrig === null ? null : currency === 'USD' ? totalOrig : usdRate ? round4((totalOrig * exchangeRate) / usdRate) : null;

  if (STAGES.includes(stage)) {
    for (const problem of checkLifecycle(stage, dates, listedOn, totalWan)) {
      const field: ProjectField = problem.field === 'listed' ? 'listedOn' : `dates.${problem.field}`;
      const label = problem.field === 'listed' ? (zh ? '入库列统' : 'listing') : STAGE_LABELS[problem.field][context.lang];
      const message = LIFECYCLE_MESSAGES[problem.code][context.lang].replace(/\{stage\}/g, label);
      if (problem.severity === 'error') error(field, message);
      else warn(field, message);
    }
  }
  if (terminatedOn && dates.started && terminatedOn >= dates.started)
    warn('terminatedOn', zh ? '项目已开工，终止通常发生在开工之前' : 'termination usually happens before construction starts');

  const creditCode = text(input.investorCreditCode, 30);
  if (creditCode && !isValidCreditCode(creditCode))
    error('investorCreditCode', zh ? '统一社会信用代码校验位不正确' : 'the credit code’s check character is wrong');

  const projectType = text(input.projectType) ?? 'new';
  if (!(PROJECT_TYPES as readonly string[]).includes(projectType))
    error('projectType', zh ? '项目类型须为：新引进、增资扩产、技改' : 'unknown project type');
  const levels = (input.levels ?? []).filter(Boolean);
  for (const level of levels)
    if (!(PROJECT_LEVELS as readonly string[]).includes(level)) error('levels', zh ? `未知项目级别“${level}”` : `unknown level ${level}`);
  const leadSource = text(input.leadSource);
  if (leadSource && !(LEAD_SOURCES as readonly string[]).includes(leadSource))
    error('leadSource', zh ? '线索来源不在清单中' : 'unknown lead source');
  const tags = (input.investorTags ?? []).filter(Boolean);
  for (const tag of tags)
    if (!(INVESTOR_TAGS as readonly string[]).includes(tag)) error('investorTags', zh ? `未知企业标签“${tag}”` : `unknown tag ${tag}`);
  const chain = text(input.chain);
  if (chain && !context.chains.includes(chain)) {
    const { chain: chainName, link } = parseLinkLabel(chain);
    if (link)
      error(
        'chain',
        zh
          ? `产业链环节“${chainName}/${link}”不存在（在“产业链图谱”中添加该环节，或改为已有环节）`
          : `no chain link ${chainName}/${link} (add it in the chain map, or choose an existing link)`,
      );
    else error('chain', zh ? `产业链“${chain}”不在清单中（可在设置或产业链图谱中维护）` : `chain ${chain} is not in the list`);
  }
  let industrySection = text(input.industrySection, 2);
  const industryDivision = text(input.industryDivision, 4);
  if (industryDivision) {
    const section = industrySectionOfDivision(industryDivision);
    if (!section) error('industryDivision', zh ? `国民经济行业大类代码“${industryDivision}”不存在` : 'unknown industry division');
    else if (industrySection && industrySection !== section)
      error('industryDivision', zh ? '行业大类与门类不一致' : 'the division does not belong to the section');
    else industrySection = section;
  }
  if (industrySection && !INDUSTRY_SECTIONS.some((s) => s.code === industrySection))
    error('industrySection', zh ? '行业门类不存在' : 'unknown industry section');
  const contractKind = text(input.contractKind);
  if (contractKind && !(CONTRACT_KINDS as readonly string[]).includes(contractKind))
    error('contractKind', zh ? '合同类型须为：意向、框架、正式' : 'unknown contract kind');
  const contractAmountWan = amount('contractAmount', input.contractAmount, false);

  const nonNegative = (field: ProjectField, value: number | null | undefined): number | null => {
    if (value === null || value === undefined) return null;
    if (!Number.isFinite(value) || value < 0) {
      error(field, zh ? '须为不小于0的数字' : 'must be a number ≥ 0');
      return null;
    }
    return value;
  };
  const planned = {
    signed: date('planned', input.planned?.signed),
    registered: date('planned', input.planned?.registered),
    started: date('planned', input.planned?.started),
    completed: date('planned', input.planned?.completed),
    producing: date('planned', input.planned?.producing),
    atCapacity: date('planned', input.planned?.atCapacity),
  };
  const contacts = (input.contacts ?? [])
    .map((c) => ({
      name: text(c.name, 30) ?? '',
      ...(text(c.title, 30) ? { title: text(c.title, 30)! } : {}),
      ...(text(c.phone, 30) ? { phone: text(c.phone, 30)! } : {}),
    }))
    .filter((c) => c.name !== '');
  for (const contact of contacts)
    if (contact.phone && !/^[0-9+\-() ]{5,20}$/.test(contact.phone))
      error('contacts', zh ? `联系电话“${contact.phone}”格式不正确` : 'malformed phone number');

  if (problems.some((p) => p.severity === 'error') || totalOrig === null || totalWan === null) return { values: null, problems };

  const values: ProjectValues = {
    name: name!,
    content: text(input.content, 2000),
    unitCode: unitCode!,
    parkCode: text(input.parkCode, 20),
    investorName: investorName!,
    investorCreditCode: creditCode ? normalizeCreditCode(creditCode) : null,
    investorCountry: text(input.investorCountry, 40),
    investorProvince: text(input.investorProvince, 40),
    investorCity: text(input.investorCity, 40),
    investorTags: tags,
    contacts,
    capitalType,
    currency,
    exchangeRate,
    usdRate,
    rateDate,
    totalInvestmentOrig: totalOrig,
    totalInvestmentWan: totalWan,
    totalInvestmentUsdWan: totalUsdWan,
    fixedAssetInvestmentOrig: fixedAssetOrig,
    registeredCapitalOrig: registeredCapitalOrig,
    contractForeignCapitalUsdWan: contractForeignUsd,
    registeredForeignCapitalUsdWan: registeredForeignUsd,
    projectType,
    industrySection,
    industryDivision,
    chain,
    levels,
    leadSource,
    sponsorLeader: text(input.sponsorLeader, 40),
    referrer: text(input.referrer, 60),
    responsibleUnit: text(input.responsibleUnit, 100),
    ownerUserId: text(input.ownerUserId, 40),
    landMu: nonNegative('landMu', input.landMu),
    factoryM2: nonNegative('factoryM2', input.factoryM2),
    expectedOutputWan: nonNegative('expectedOutputWan', input.expectedOutputWan),
    expectedTaxWan: nonNegative('expectedTaxWan', input.expectedTaxWan),
    expectedJobs:
      input.expectedJobs === null || input.expectedJobs === undefined
        ? null
        : Math.round(nonNegative('expectedJobs', input.expectedJobs) ?? 0),
    phases: text(input.phases, 500),
    stage,
    status,
    terminationReason: status === 'terminated' ? (terminationReason ?? 'other') : null,
    terminationNote: status === 'terminated' ? text(input.terminationNote, 500) : null,
    terminatedOn,
    firstReportedOn,
    leadOn: dates.lead ?? null,
    negotiatingOn: dates.negotiating ?? null,
    signedOn: dates.signed ?? null,
    registeredOn: dates.registered ?? null,
    startedOn: dates.started ?? null,
    completedOn: dates.completed ?? null,
    producingOn: dates.producing ?? null,
    atCapacityOn: dates.at_capacity ?? null,
    listedOn,
    plannedSignedOn: planned.signed,
    plannedStartedOn: planned.started,
    plannedCompletedOn: planned.completed,
    plannedProducingOn: planned.producing,
    plannedRegisteredOn: planned.registered,
    plannedAtCapacityOn: planned.atCapacity,
    contractKind,
    contractAmountWan,
    existsFrom: existsFrom(firstReportedOn, dates, today),
    tierIndex: tierIndex(capitalType, totalWan, totalUsdWan, context.ladder),
    searchTokens: searchTokens(name, investorName),
    nameKey: nameKey(name!),
    remarks: text(input.remarks, 2000),
  };
  if (problems.some((p) => p.severity === 'error')) return { values: null, problems };
  return { values, problems };
}
