// A company as a user or a sheet writes it → the register's values, with every problem by field in the user's
// language. One function for the form and the import, so both accept and refuse the same things.
import {
  COMPANY_KIND_LABELS,
  COMPANY_KINDS,
  parseLinkLabel,
  tagFromText,
  type CompanyKind,
  type CompanyTag,
} from '../../shared/chains/rules.ts';
import type { Lang } from '../../shared/errors.ts';
import { industryFromText } from '../../shared/projects/classification.ts';
import { isValidCreditCode, normalizeCreditCode } from '../../shared/projects/creditCode.ts';
import type { UnitRow } from '../units/repository.ts';
import type { CompanyLink, CompanyValues } from './repository.ts';

export const COMPANY_FIELDS = [
  'name',
  'creditCode',
  'kind',
  'unit',
  'location',
  'industry',
  'links',
  'tags',
  'listedCode',
  'revenueWan',
  'employees',
  'website',
  'contactName',
  'contactPhone',
  'notes',
] as const;
export type CompanyField = (typeof COMPANY_FIELDS)[number];

/** What a form or a sheet row says; every value as typed (text or number). */
export type CompanyDraft = Partial<Record<Exclude<CompanyField, 'links' | 'tags'>, string | number | null>> & {
  links?: readonly string[] | null;
  tags?: readonly string[] | null;
};

export interface CompanyContext {
  lang: Lang;
  /** the caller's own unit: a target without 所属单位 is kept there */
  ownUnit: UnitRow;
  /** a unit by code or exact name, within the caller's scope */
  unitOf: (text: string) => UnitRow | undefined;
  /** the links of the chains seen at a unit path, by chain name and link name */
  linkOf: (unitPath: string, chain: string, link: string) => CompanyLink | undefined;
}

export interface CompanyProblem {
  field: CompanyField;
  message: string;
}

const text = (value: string | number | null | undefined, max = 200): string | null => {
  if (value === null || value === undefined) return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed.slice(0, max);
};

const number = (value: string | number | null | undefined): number | null | 'bad' => {
  if (value === null || value === undefined || String(value).trim() === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).replace(/[,，\s]/g, ''));
  return Number.isFinite(n) && n >= 0 ? n : 'bad';
};

export function normalizeCompany(
  draft: CompanyDraft,
  context: CompanyContext,
): { values: CompanyValues | null; links: CompanyLink[]; problems: CompanyProblem[] } {
  const zh = context.lang === 'zh';
  const problems: CompanyProblem[] = [];
  const error = (field: CompanyField, message: string) => problems.push({ field, message });

  const name = text(draft.name, 100);
  if (!name) error('name', zh ? '企业名称不能为空' : 'the company name is required');

  let creditCode = text(draft.creditCode, 40);
  if (creditCode) {
    creditCode = normalizeCreditCode(creditCode);
    if (!isValidCreditCode(creditCode))
      error(
        'creditCode',
        zh
          ? `统一社会信用代码“${creditCode}”不正确（18位，末位为校验码）`
          : `credit code ${creditCode} is not valid (18 characters with a check character)`,
      );
  }

  const kindText = text(draft.kind, 20);
  const kind = COMPANY_KINDS.find((k) => k === kindText || COMPANY_KIND_LABELS[k].zh === kindText) as CompanyKind | undefined;
  if (!kind) error('kind', zh ? '企业类型须为“在地企业”或“目标企业”' : 'the kind must be 在地企业 (local) or 目标企业 (target)');

  const unitText = text(draft.unit, 60);
  let unit: UnitRow | undefined;
  if (unitText) {
    unit = context.unitOf(unitText);
    if (!unit)
      error(
        'unit',
        zh
          ? `所属单位“${unitText}”不存在或不在您的管辖范围内（填单位编码或全称）`
          : `unit ${unitText} is unknown or outside your jurisdiction`,
      );
  } else if (kind === 'local')
    error('unit', zh ? '在地企业须填所属单位（单位编码或全称）' : 'a local firm needs its unit (code or full name)');
  else unit = context.ownUnit;

  const location = text(draft.location, 60);
  if (kind === 'target' && !location)
    error('location', zh ? '目标企业须填所在地（省、市，或国家）' : 'a target needs its location (province / city, or country)');

  let industrySection: string | null = null;
  let industryDivision: string | null = null;
  const industryText = text(draft.industry, 60);
  if (industryText) {
    const industry = industryFromText(industryText);
    if (industry) ({ section: industrySection, division: industryDivision } = industry);
    else
      error(
        'industry',
        zh
          ? `行业“${industryText}”不是国民经济行业分类（GB/T 4754）的门类或大类`
          : `industry ${industryText} is not a GB/T 4754 section or division`,
      );
  }

  const links: CompanyLink[] = [];
  for (const label of draft.links ?? []) {
    if (!label.trim()) continue;
    const { chain, link } = parseLinkLabel(label);
    const found = link && unit ? context.linkOf(unit.path, chain, link) : undefined;
    if (!link) error('links', zh ? `“${label}”须写成“链名称/环节名称”` : `${label}: write it as chain/link`);
    else if (!found) error('links', zh ? `产业链环节“${chain}/${link}”不存在` : `no link ${chain}/${link}`);
    else if (!links.some((l) => l.chainId === found.chainId && l.linkKey === found.linkKey)) links.push(found);
  }

  const tags: CompanyTag[] = [];
  for (const label of draft.tags ?? []) {
    if (!label.trim()) continue;
    const tag = tagFromText(label);
    if (!tag) error('tags', zh ? `未知标签“${label}”` : `unknown tag ${label}`);
    else if (!tags.includes(tag)) tags.push(tag);
  }

  const revenue = number(draft.revenueWan);
  if (revenue === 'bad') error('revenueWan', zh ? '营业收入须为不小于0的数字（万元）' : 'revenue must be a number ≥ 0 (CNY 10k)');
  const employees = number(draft.employees);
  if (employees === 'bad' || (typeof employees === 'number' && !Number.isInteger(employees)))
    error('employees', zh ? '员工人数须为不小于0的整数' : 'employees must be a whole number ≥ 0');
  const website = text(draft.website, 200);
  if (website && !/^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/\S*)?$/i.test(website))
    error('website', zh ? '网址格式不正确' : 'the website is not a web address');
  const contactPhone = text(draft.contactPhone, 30);
  if (contactPhone && !/^[0-9+\-() ]{5,20}$/.test(contactPhone))
    error('contactPhone', zh ? '联系电话格式不正确' : 'the phone number is not valid');

  if (problems.length || !name || !kind || !unit) return { values: null, links, problems };
  return {
    values: {
      name,
      creditCode: creditCode || null,
      kind,
      unitCode: unit.code,
      unitPath: unit.path,
      location,
      industrySection,
      industryDivision,
      tags,
      listedCode: text(draft.listedCode, 20),
      revenueWan: typeof revenue === 'number' ? revenue : null,
      employees: typeof employees === 'number' ? employees : null,
      website,
      contactName: text(draft.contactName, 30),
      contactPhone,
      notes: text(draft.notes, 2000),
    },
    links,
    problems,
  };
}
