// Responses of the projects API: the success bodies, checked on every response in tests.
import { z } from 'zod';
import { DUPLICATE_REASONS } from '../projects/match.ts';
import { fieldChangesSchema } from './audit.ts';
import { STAGES, STATUSES } from '../projects/stages.ts';

export const projectSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  content: z.string().nullable(),
  unitCode: z.string(),
  unitName: z.string(),
  parkCode: z.string().nullable(),
  parkName: z.string().nullable(),
  investorName: z.string(),
  investorCreditCode: z.string().nullable(),
  investorCountry: z.string().nullable(),
  investorProvince: z.string().nullable(),
  investorCity: z.string().nullable(),
  investorTags: z.array(z.string()),
  contacts: z.array(z.object({ name: z.string(), title: z.string().optional(), phone: z.string().optional() })),
  contactsMasked: z.boolean(),
  capitalType: z.enum(['domestic', 'foreign', 'joint']),
  currency: z.string(),
  exchangeRate: z.number(),
  rateDate: z.string(),
  totalInvestmentOrig: z.number(),
  totalInvestmentWan: z.number(),
  totalInvestmentUsdWan: z.number().nullable(),
  fixedAssetInvestmentOrig: z.number().nullable(),
  registeredCapitalOrig: z.number().nullable(),
  contractForeignCapitalUsdWan: z.number().nullable(),
  registeredForeignCapitalUsdWan: z.number().nullable(),
  projectType: z.string(),
  industrySection: z.string().nullable(),
  industryDivision: z.string().nullable(),
  chain: z.string().nullable(),
  levels: z.array(z.string()),
  leadSource: z.string().nullable(),
  sponsorLeader: z.string().nullable(),
  referrer: z.string().nullable(),
  responsibleUnit: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  landMu: z.number().nullable(),
  factoryM2: z.number().nullable(),
  expectedOutputWan: z.number().nullable(),
  expectedTaxWan: z.number().nullable(),
  expectedJobs: z.number().nullable(),
  phases: z.string().nullable(),
  stage: z.enum(STAGES),
  status: z.enum(STATUSES),
  terminationReason: z.string().nullable(),
  terminationNote: z.string().nullable(),
  terminatedOn: z.string().nullable(),
  firstReportedOn: z.string().nullable(),
  dates: z.object({
    registered: z.string().nullable().optional(),
    started: z.string().nullable().optional(),
    lead: z.string().nullable().optional(),
    negotiating: z.string().nullable().optional(),
    signed: z.string().nullable().optional(),
    completed: z.string().nullable().optional(),
    producing: z.string().nullable().optional(),
    at_capacity: z.string().nullable().optional(),
  }),
  listedOn: z.string().nullable(),
  planned: z.object({
    signed: z.string().nullable(),
    registered: z.string().nullable(),
    started: z.string().nullable(),
    completed: z.string().nullable(),
    producing: z.string().nullable(),
    atCapacity: z.string().nullable(),
  }),
  contractKind: z.string().nullable(),
  contractAmountWan: z.number().nullable(),
  existsFrom: z.string(),
  tierIndex: z.number(),
  remarks: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The fields a list may ask for (`fields=code,name,stage`): the list then sends only those, and `code`. */
export const PROJECT_FIELDS = Object.keys(projectSchema.shape) as [
  keyof typeof projectSchema.shape,
  ...(keyof typeof projectSchema.shape)[],
];
export type ProjectField = (typeof PROJECT_FIELDS)[number];
/** One stage's date alone (`dates.signed`): a table showing two of the eight dates reads and sends only those two. */
export type StageDateField = `dates.${(typeof STAGES)[number]}`;
export const STAGE_DATE_FIELDS = STAGES.map((stage) => `dates.${stage}` as const) as StageDateField[];
/** What `fields=` of a list may name: a field of the record, or one stage's date of `dates`. */
export const LIST_FIELDS = [...PROJECT_FIELDS, ...STAGE_DATE_FIELDS] as [
  ProjectField | StageDateField,
  ...(ProjectField | StageDateField)[],
];
export type ListField = ProjectField | StageDateField;
/** A list row: the whole record without `fields=`, or the fields asked for. */
export const projectListItemSchema = projectSchema.partial().required({ code: true });

export const projectDetailSchema = z.object({
  project: projectSchema,
  actions: z.array(z.enum(['status', 'edit', 'advance', 'correct', 'listing', 'arrival'])),
  major: z.boolean(),
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      stage: z.string().nullable(),
      fromStage: z.string().nullable(),
      eventDate: z.string().nullable(),
      evidence: z.string().nullable(),
      reason: z.string().nullable(),
      details: z.unknown(),
      recordedByName: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
  arrivals: z.array(
    z.object({
      id: z.string(),
      arrivedOn: z.string(),
      currency: z.string(),
      amountOrig: z.number(),
      amountWan: z.number(),
      amountUsdWan: z.number().nullable(),
      isForeign: z.boolean(),
      note: z.string().nullable(),
    }),
  ),
  attachments: z.array(
    z.object({
      uploadedAt: z.string(),
      id: z.string(),
      filename: z.string(),
      size: z.number(),
      mimeType: z.string(),
      eventId: z.string().nullable(),
    }),
  ),
  duplicates: z.array(
    z.object({
      id: z.string(),
      reason: z.enum(DUPLICATE_REASONS),
      score: z.number(),
      otherCode: z.string(),
      otherName: z.string(),
      otherUnitCode: z.string(),
    }),
  ),
});

export const exchangeRatesResponse = z.object({
  items: z.array(z.object({ currency: z.string(), month: z.string(), rate: z.number(), source: z.string().nullable() })),
});

export const exchangeRatesPutResponse = z.object({ currency: z.string(), month: z.string(), rate: z.number() });

export const exchangeRatesImportPostResponse = z.object({ imported: z.number(), errors: z.array(z.unknown()) });

export const projectsResponse = z.object({
  items: z.array(projectListItemSchema),
  total: z.number(),
  totals: z.object({ count: z.number(), totalInvestmentWan: z.number() }),
});

export const summarySchema = z.object({
  count: z.number(),
  totalInvestmentWan: z.number(),
  byStage: z.object({
    registered: z.number(),
    started: z.number(),
    lead: z.number(),
    negotiating: z.number(),
    signed: z.number(),
    completed: z.number(),
    producing: z.number(),
    at_capacity: z.number(),
  }),
  byTier: z.array(z.object({ thresholdYi: z.number(), count: z.number() })),
  terminated: z.number(),
});

export const projectsSummaryResponse = summarySchema.extend({
  /** with `by=child`: the projects registered at the unit itself */
  direct: summarySchema.optional(),
  /** with `by=child`: each direct child's figures (they and `direct` add up to the unit's) */
  children: z.array(summarySchema.extend({ unit: z.object({ code: z.string(), name: z.string(), level: z.string() }) })).optional(),
});

export const projectsOptionsResponse = z.object({
  ladder: z.array(z.object({ yi: z.number(), usdWan: z.number() })),
  chains: z.array(z.string()),
  majorThresholdYi: z.number(),
});

export const projectsBoardResponse = z.object({
  columns: z.array(
    z.object({
      items: z.array(projectSchema),
      stage: z.enum(['registered', 'started', 'lead', 'negotiating', 'signed', 'completed', 'producing', 'at_capacity']),
      count: z.number(),
      totalInvestmentWan: z.number(),
    }),
  ),
});

export const projectsByCodeHistoryResponse = z.object({
  items: z.array(
    z.object({
      seq: z.number(),
      occurredAt: z.string(),
      username: z.string().nullable(),
      action: z.string(),
      changes: fieldChangesSchema.nullable(),
      detail: z.string().nullable(),
    }),
  ),
});

/** A problem with one field of a project's input: an error refuses the save, a warning is shown with it. */
export const inputProblemSchema = z.object({ field: z.string(), message: z.string(), severity: z.enum(['error', 'warning']) });

export const projectsPostResponse = z.object({ project: projectSchema, warnings: z.array(inputProblemSchema), duplicates: z.number() });

export const projectsByCodePatchResponse = z.object({ project: projectSchema, warnings: z.array(inputProblemSchema) });

export const projectLifecycleResponse = z.object({ project: projectSchema });

export const projectsByCodeAttachmentsPostResponse = z.object({ id: z.string() });

export const projectsDuplicatesOpenResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      reason: z.enum(DUPLICATE_REASONS),
      score: z.number(),
      project: z
        .object({
          code: z.string(),
          name: z.string(),
          investorName: z.string(),
          unitCode: z.string(),
          totalInvestmentWan: z.number(),
          stage: z.enum(STAGES),
        })
        .nullable(),
      other: z
        .object({
          code: z.string(),
          name: z.string(),
          investorName: z.string(),
          unitCode: z.string(),
          totalInvestmentWan: z.number(),
          stage: z.enum(STAGES),
        })
        .nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const projectsDuplicatesByIdResolvePostResponse = z.union([
  z.object({ status: z.literal('dismissed'), keptCode: z.undefined().optional() }),
  z.object({ status: z.literal('merged'), keptCode: z.string() }),
]);

export const projectsViewsMineResponse = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), filters: z.record(z.string(), z.unknown()), columns: z.array(z.string()) })),
});

export const projectsViewsPostResponse = z.object({ id: z.string(), name: z.string() });

export const projectsImportPostResponse = z.object({
  errors: z.array(z.unknown()),
  dryRun: z.boolean(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  review: z.number(),
  rows: z.array(
    z.object({
      row: z.number(),
      action: z.enum(['update', 'create', 'unchanged', 'review']),
      code: z.string().optional(),
      name: z.string(),
      unitCode: z.string(),
      changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })).optional(),
      candidates: z
        .array(
          z.object({
            code: z.string(),
            name: z.string(),
            unitCode: z.string(),
            reasons: z.array(z.enum(['name_key', 'same_name', 'similar_name', 'same_investor', 'credit_code'])),
          }),
        )
        .optional(),
    }),
  ),
  missing: z.array(z.object({ code: z.string(), name: z.string(), unitCode: z.string() })),
  warnings: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
});
