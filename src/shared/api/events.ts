// Responses of the events API (招商活动 / 集中签约): an event with its projects and the totals it announces.
import { z } from 'zod';
import { STAGES, STATUSES } from '../projects/stages.ts';
import { EVENT_KINDS } from '../staff/events.ts';

const totals = {
  /** projects listed */
  count: z.number().int(),
  /** 总投资, every project, 万元 */
  totalInvestmentWan: z.number(),
  /** foreign-funded projects (外资 and 中外合资) */
  foreignCount: z.number().int(),
  /** their total investment in 万美元 */
  foreignUsdWan: z.number(),
  /** 现场签约 */
  onSiteCount: z.number().int(),
};

export const eventSummarySchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  kind: z.enum(EVENT_KINDS),
  name: z.string(),
  on: z.string(),
  place: z.string().nullable(),
  organiser: z.string().nullable(),
  version: z.number().int(),
  ...totals,
});

export const eventProjectSchema = z.object({
  code: z.string(),
  name: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  investorName: z.string(),
  capitalType: z.string(),
  chain: z.string().nullable(),
  stage: z.enum(STAGES),
  status: z.enum(STATUSES),
  totalInvestmentWan: z.number(),
  totalInvestmentUsdWan: z.number().nullable(),
  signedOn: z.string().nullable(),
  onSite: z.boolean(),
});

export const eventSchema = eventSummarySchema.extend({
  note: z.string().nullable(),
  createdByName: z.string(),
  projects: z.array(eventProjectSchema),
});

export const eventsResponse = z.object({
  total: z.number().int(),
  items: z.array(eventSummarySchema),
});
export const eventCreatedSchema = z.object({ id: z.string() });
