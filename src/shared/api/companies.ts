// Responses of the company register (企业库): a company with its chain links, a page of them, an import's result.
import { z } from 'zod';
import { COMPANY_KINDS, COMPANY_TAGS, CONTACT_KINDS, FUNNEL_STAGES, PIPELINE_STAGES } from '../chains/rules.ts';
import { STAGES } from '../projects/stages.ts';
import { sheetErrorSchema } from './common.ts';

export const companyLinkSchema = z.object({ chainId: z.string(), chainName: z.string(), linkKey: z.string(), linkName: z.string() });

export const companySchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string().nullable(),
  kind: z.enum(COMPANY_KINDS),
  unitCode: z.string(),
  unitName: z.string(),
  location: z.string().nullable(),
  industrySection: z.string().nullable(),
  industryDivision: z.string().nullable(),
  links: z.array(companyLinkSchema),
  tags: z.array(z.enum(COMPANY_TAGS)),
  listedCode: z.string().nullable(),
  revenueWan: z.number().nullable(),
  employees: z.number().nullable(),
  website: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactsMasked: z.boolean(),
  notes: z.string().nullable(),
  /** 招商推进: null when the company is not in the pipeline; 签约 once its ledger project is signed */
  pipelineStage: z.enum(PIPELINE_STAGES).nullable(),
  assignee: z.object({ id: z.string(), username: z.string(), displayName: z.string() }).nullable(),
  assignedUnit: z.object({ code: z.string(), name: z.string() }).nullable(),
  assignmentStatus: z.enum(['pending', 'accepted', 'returned']).nullable(),
  assignmentNote: z.string().nullable(),
  dropReason: z.string().nullable(),
  project: z.object({ code: z.string(), name: z.string(), stage: z.enum(STAGES) }).nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const contactSchema = z.object({
  id: z.number().int(),
  on: z.string(),
  kind: z.enum(CONTACT_KINDS),
  counterpart: z.string().nullable(),
  summary: z.string(),
  nextStep: z.string().nullable(),
  nextOn: z.string().nullable(),
  byName: z.string(),
  unitCode: z.string(),
  createdAt: z.string(),
});
export const companyEventSchema = z.object({
  kind: z.enum(['stage', 'assign', 'accept', 'return']),
  fromStage: z.enum(PIPELINE_STAGES).nullable(),
  toStage: z.enum(PIPELINE_STAGES).nullable(),
  unitCode: z.string().nullable(),
  note: z.string().nullable(),
  byName: z.string().nullable(),
  on: z.string(),
  at: z.string(),
});
export const companyHistorySchema = z.object({ contacts: z.array(contactSchema), events: z.array(companyEventSchema) });
export const pipelineChangedSchema = z.object({ id: z.string(), changed: z.boolean() });

const funnelStagesSchema = z.array(
  z.object({
    stage: z.enum(FUNNEL_STAGES as [(typeof FUNNEL_STAGES)[number], ...(typeof FUNNEL_STAGES)[number][]]),
    /** at this stage now */
    count: z.number().int(),
    /** reached this step or a later one */
    reached: z.number().int(),
    /** reached ÷ reached of the step before */
    rate: z.number().nullable(),
  }),
);
export const funnelSchema = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int().nullable(),
  total: z.number().int(),
  dropped: z.number().int(),
  stages: funnelStagesSchema,
  groups: z.array(
    z.object({ key: z.string(), name: z.string(), total: z.number().int(), dropped: z.number().int(), stages: funnelStagesSchema }),
  ),
});

export const aftercareSchema = z.object({
  days: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      tags: z.array(z.enum(COMPANY_TAGS)),
      lastContactOn: z.string().nullable(),
      lastVisitOn: z.string().nullable(),
      /** not visited within the ⚙ days */
      due: z.boolean(),
      pipelineStage: z.enum(PIPELINE_STAGES).nullable(),
      /** an 增资 intention open (有意向 / 在谈) */
      openIntention: z.boolean(),
      project: z.object({ code: z.string(), name: z.string(), stage: z.enum(STAGES) }).nullable(),
    }),
  ),
});

export const companiesResponse = z.object({ items: z.array(companySchema), total: z.number().int() });

export const companiesImportResponse = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  dryRun: z.boolean(),
  errors: z.array(sheetErrorSchema),
});
export const assignmentAnsweredSchema = z.object({ id: z.string() });
