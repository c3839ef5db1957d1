// The requests of the ledger's routes: list filters and the project body, validated by Zod at the door.
import { z } from 'zod';
import { LIST_FIELDS } from '../../shared/api/projects.ts';
import { CURRENCIES } from '../../shared/projects/amounts.ts';
import { SOURCE_STEPS } from '../../shared/projects/classification.ts';
import { STAGES, STATUSES, type Stage } from '../../shared/projects/stages.ts';
import { CAPITAL_TYPES } from '../../shared/projects/tiers.ts';
import { RATE_SETS } from '../targets/drilldown.ts';
import { DATE_COLUMNS, SORTABLE, type DateFilterKey, type SortKey } from './repository.ts';

export const isoDate = z.iso.date();
export const codeParam = z.object({ code: z.string().min(5).max(40) });
const csv = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .optional()
    .transform((text) => (text ? text.split(',').filter(Boolean) : undefined))
    .pipe(z.array(z.enum(values as [T, ...T[]])).optional());

const dateRangeKeys = Object.keys(DATE_COLUMNS) as DateFilterKey[];
export const listQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  park: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  stage: csv(STAGES),
  status: csv(STATUSES),
  capitalType: csv(CAPITAL_TYPES),
  tier: z.coerce.number().positive().optional(), // threshold in 亿元: projects at or above that ladder step
  industrySection: z.string().max(2).optional(),
  industryDivision: z.string().max(4).optional(),
  chain: z.string().max(40).optional(),
  level: z.string().max(30).optional(),
  leader: z.string().max(40).optional(),
  source: z.string().max(30).optional(),
  /** 跟踪人: the projects a person follows (by username), as the staff scoreboard links them */
  owner: z.string().trim().max(60).optional(),
  projectType: z.string().max(20).optional(),
  q: z.string().max(60).optional(),
  dateField: z.enum(dateRangeKeys as [DateFilterKey, ...DateFilterKey[]]).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  // The projects behind a figure: an indicator's, or one side of a rate, for a year as of a date.
  indicator: z.string().max(60).optional(),
  rate: z.enum(RATE_SETS).optional(),
  // the projects behind a cell of the lead-source conversion: the lead cohort of `year` that reached the step
  sourceStep: z.enum(SOURCE_STEPS).optional(),
  // the projects of a month's investment schedule (投资完成, bulletins), as of `asOf`
  investmentMonth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  asOf: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  /** the fields a row carries (the columns a table shows; `dates.signed` for one stage's date); all of them when absent */
  fields: csv(LIST_FIELDS),
  sort: z.enum(Object.keys(SORTABLE) as [SortKey, ...SortKey[]]).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ListQuery = z.infer<typeof listQuery>;

export const amount = z.union([z.number(), z.string().max(40)]).nullish();
export const optionalText = (max: number) => z.string().max(max).nullish();
export const projectBody = z.object({
  name: optionalText(200),
  content: optionalText(2000),
  unitCode: z
    .string()
    .regex(/^\d{6,15}$/)
    .nullish(),
  parkCode: z
    .string()
    .regex(/^\d{6,15}$/)
    .nullish(),
  investorName: optionalText(200),
  investorCreditCode: optionalText(30),
  investorCountry: optionalText(40),
  investorProvince: optionalText(40),
  investorCity: optionalText(40),
  investorTags: z.array(z.string().max(30)).max(10).nullish(),
  contacts: z
    .array(z.object({ name: z.string().max(30), title: optionalText(30), phone: optionalText(30) }))
    .max(10)
    .nullish(),
  capitalType: z.enum(CAPITAL_TYPES).nullish(),
  currency: z.enum(CURRENCIES).nullish(),
  totalInvestment: amount,
  fixedAssetInvestment: amount,
  registeredCapital: amount,
  contractForeignCapital: amount,
  registeredForeignCapital: amount,
  exchangeRate: z.number().positive().nullish(),
  rateDate: isoDate.nullish(),
  projectType: optionalText(20),
  industrySection: optionalText(2),
  industryDivision: optionalText(4),
  chain: optionalText(40),
  levels: z.array(z.string().max(30)).max(3).nullish(),
  leadSource: optionalText(30),
  sponsorLeader: optionalText(40),
  referrer: optionalText(60),
  responsibleUnit: optionalText(100),
  ownerUserId: z.uuid().nullish(),
  landMu: z.number().nullish(),
  factoryM2: z.number().nullish(),
  expectedOutputWan: z.number().nullish(),
  expectedTaxWan: z.number().nullish(),
  expectedJobs: z.number().nullish(),
  phases: optionalText(500),
  stage: z.enum(STAGES).nullish(),
  firstReportedOn: isoDate.nullish(),
  dates: z
    .object(Object.fromEntries(STAGES.map((s) => [s, isoDate.nullish()])) as Record<Stage, z.ZodOptional<z.ZodNullable<typeof isoDate>>>)
    .partial()
    .nullish(),
  planned: z
    .object({
      signed: isoDate.nullish(),
      registered: isoDate.nullish(),
      started: isoDate.nullish(),
      completed: isoDate.nullish(),
      producing: isoDate.nullish(),
      atCapacity: isoDate.nullish(),
    })
    .nullish(),
  contractKind: optionalText(20),
  contractAmount: amount,
  remarks: optionalText(2000),
});
