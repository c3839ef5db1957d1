// Responses of the targets API: the success bodies, checked on every response in tests.
import { z } from 'zod';
import { STAGES, STATUSES } from '../projects/stages.ts';

export const indicatorSchema = z.object({
  dateField: z
    .enum(['registered', 'started', 'signed', 'completed', 'producing', 'at_capacity', 'listed', 'arrival', 'progress'])
    .optional(),
  measure: z
    .enum(['count', 'sum_total_wan', 'sum_contract_foreign_usd_wan', 'sum_arrival_wan', 'sum_arrival_usd_wan', 'sum_progress_wan'])
    .optional(),
  filter: z
    .object({
      minTierYi: z.number().optional(),
      capitalTypes: z.array(z.enum(['domestic', 'foreign', 'joint'])).optional(),
      levels: z.array(z.string()).optional(),
      chains: z.array(z.string()).optional(),
      industrySections: z.array(z.string()).optional(),
      projectTypes: z.array(z.string()).optional(),
    })
    .optional(),
  key: z.string(),
  kind: z.enum(['computed', 'reported']),
  label: z.object({ zh: z.string(), en: z.string() }),
  unit: z.object({ zh: z.string(), en: z.string() }),
  additive: z.boolean(),
  builtIn: z.boolean(),
  archived: z.boolean(),
  ownerUnit: z.string().nullable(),
});

export const figureSchema = z.object({
  actual: z.number(),
  target: z.number().nullable(),
  completion: z.number().nullable(),
  pointsVsSchedule: z.number().nullable(),
  lastYearActual: z.number(),
  yoy: z.number().nullable(),
  status: z.enum(['green', 'yellow', 'red']).nullable(),
});

export const unitFiguresSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  figures: z.record(z.string(), figureSchema),
});

export const cockpitResponse = z.object({
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  year: z.number(),
  asOf: z.string(),
  scheduleProgress: z.number(),
  indicators: z.array(indicatorSchema),
  self: unitFiguresSchema,
  children: z.array(unitFiguresSchema),
  trend: z.record(
    z.string(),
    z.object({ thisYear: z.array(z.number().nullable()), lastYear: z.array(z.number()), targetMonthly: z.array(z.number()).nullable() }),
  ),
  funnel: z.array(
    z.object({
      stage: z.enum(['registered', 'started', 'lead', 'negotiating', 'signed', 'completed', 'producing', 'at_capacity']),
      count: z.number(),
    }),
  ),
  tiers: z.array(
    z.object({ tier: z.number(), fromYi: z.number(), toYi: z.number().nullable(), count: z.number(), investmentWan: z.number() }),
  ),
  largest: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unitName: z.string(),
      totalInvestmentWan: z.number(),
      capitalType: z.string(),
      stage: z.enum(STAGES),
      status: z.enum(STATUSES),
      signedOn: z.string().nullable(),
    }),
  ),
  watchlist: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      indicator: z.string(),
      status: z.enum(['yellow', 'red']),
      actual: z.number(),
      target: z.number().nullable(),
      completion: z.number().nullable(),
      pointsVsSchedule: z.number().nullable(),
    }),
  ),
});

export const targetsXlsxPostResponse = z.object({
  rows: z.number(),
  saved: z.number(),
  unchanged: z.number(),
  dryRun: z.boolean(),
  warnings: z.array(z.string()),
  errors: z.array(z.unknown()),
});

export const indicatorsResponse = z.object({ items: z.array(indicatorSchema) });

export const indicatorsByKeyValuesResponse = figureSchema.extend({
  scheduleProgress: z.number(),
  indicator: z.string(),
  unit: z.string(),
  year: z.number(),
  asOf: z.string(),
});

export const indicatorsByKeyReportsPutResponse = z.object({
  unit: z.string(),
  indicator: z.string(),
  month: z.string(),
  value: z.number(),
});

export const targetsPutResponse = z.object({
  unit: z.string(),
  year: z.number(),
  indicator: z.string(),
  annual: z.number(),
  monthly: z.array(z.number()).nullable(),
  warnings: z.array(z.string()),
});

export const targetsIssuePostResponse = z.object({
  unit: z.string(),
  year: z.number(),
  version: z.number(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  note: z.string().nullable(),
  targets: z.number(),
});

export const targetsIssuesResponse = z.object({
  items: z.array(
    z.object({
      version: z.number(),
      issuedAt: z.string(),
      issuedBy: z.string(),
      note: z.string().nullable(),
      targets: z.array(z.object({ unit: z.string(), indicator: z.string(), annual: z.number(), monthly: z.array(z.number()).nullable() })),
    }),
  ),
});

export const targetsResponse = z.object({
  items: z.array(
    z.object({ unit: z.string(), year: z.number(), indicator: z.string(), annual: z.number(), monthly: z.array(z.number()).nullable() }),
  ),
  readOnlyUnits: z.array(z.string()),
  issued: z.object({ version: z.number(), issuedAt: z.string(), issuedBy: z.string(), note: z.string().nullable() }).nullable(),
  issuedAbove: z.object({ version: z.number(), issuedAt: z.string(), issuedBy: z.string(), note: z.string().nullable() }).nullable(),
});

export const ratesCohortResponse = z.object({
  landingRate: z.number().nullable(),
  startRate: z.number().nullable(),
  productionRate: z.number().nullable(),
  listingRate: z.number().nullable(),
  landed: z.number(),
  started: z.number(),
  producing: z.number(),
  listed: z.number(),
  year: z.number(),
  asOf: z.string(),
  signed: z.number(),
});

export const figuresResponse = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  year: z.number(),
  asOf: z.string(),
  scheduleProgress: z.number(),
  self: unitFiguresSchema,
  children: z.array(unitFiguresSchema),
  trend: z.record(
    z.string(),
    z.object({ thisYear: z.array(z.number().nullable()), lastYear: z.array(z.number()), targetMonthly: z.array(z.number()).nullable() }),
  ),
});

export const targetsProfileResponse = z.object({ indicator: z.string(), year: z.number(), monthly: z.array(z.number()) });

export const ratesConstructionResponse = z.object({
  year: z.number(),
  asOf: z.string(),
  level: z.enum(['provincial_major', 'city_key', 'district_key']).nullable(),
  planned: z.number(),
  started: z.number(),
  startRate: z.number().nullable(),
  due: z.number(),
  dueStarted: z.number(),
  dueStartRate: z.number().nullable(),
});
