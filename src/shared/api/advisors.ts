// Responses of the advisors API (招商顾问): the register, an advisor's page with what they brought, the reward ledger.
import { z } from 'zod';
import { STAGES, STATUSES } from '../projects/stages.ts';
import { REWARD_BASES, REWARD_EXCLUSIONS, REWARD_STATUSES } from '../staff/advisors.ts';

export const advisorSummarySchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  name: z.string(),
  organisation: z.string().nullable(),
  title: z.string().nullable(),
  field: z.string().nullable(),
  /** masked (138****5678) for those who may not see contacts */
  phone: z.string().nullable(),
  appointedOn: z.string(),
  termEnd: z.string().nullable(),
  /** 聘期内 today */
  inTerm: z.boolean(),
  publicServant: z.boolean(),
  /** projects and leads attributed */
  projects: z.number().int(),
  version: z.number().int(),
});

export const advisorProjectSchema = z.object({
  code: z.string(),
  name: z.string(),
  unitName: z.string(),
  investorName: z.string(),
  stage: z.enum(STAGES),
  status: z.enum(STATUSES),
  totalInvestmentWan: z.number(),
  signedOn: z.string().nullable(),
  attributedOn: z.string(),
});

export const advisorSchema = advisorSummarySchema.extend({
  note: z.string().nullable(),
  attributed: z.array(advisorProjectSchema),
  /** of them, signed (签约 or later, not terminated) */
  signedCount: z.number().int(),
  signedInvestmentWan: z.number(),
  /** the caller is a reviewer or leader of the appointing unit: the rewards are theirs to read */
  rewardsVisible: z.boolean(),
  /** the caller is a reviewer of the appointing unit: approves and records payment */
  rewardsDecidable: z.boolean(),
});

export const advisorsResponse = z.object({ items: z.array(advisorSummarySchema) });
export const advisorCreatedSchema = z.object({ id: z.string() });
export const attributionSchema = z.object({ projectCode: z.string(), advisorId: z.string() });

export const rewardLineSchema = z.object({
  advisorId: z.string(),
  advisorName: z.string(),
  projectCode: z.string(),
  projectName: z.string(),
  projectType: z.string(),
  basis: z.enum(REWARD_BASES),
  /** the year's basis amount, 万元 */
  basisWan: z.number(),
  perMille: z.number(),
  /** approved in earlier years (toward the cap), 万元 */
  earlierWan: z.number(),
  amountWan: z.number(),
  capped: z.boolean(),
  exclusion: z.enum(REWARD_EXCLUSIONS).nullable(),
  status: z.enum(REWARD_STATUSES),
  approvedAt: z.string().nullable(),
  paidOn: z.string().nullable(),
});

export const rewardLedgerSchema = z.object({
  year: z.number().int(),
  rule: z.object({
    basis: z.enum(REWARD_BASES),
    perMille: z.number(),
    capWan: z.number(),
    excludeExpansion: z.boolean(),
    excludePublicServants: z.boolean(),
  }),
  items: z.array(rewardLineSchema),
  totals: z.object({ computedWan: z.number(), approvedWan: z.number(), paidWan: z.number() }),
});

export const rewardStepSchema = z.object({
  projectCode: z.string(),
  year: z.number().int(),
  amountWan: z.number(),
  status: z.enum(REWARD_STATUSES),
});
