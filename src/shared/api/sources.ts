// Responses of the lead-source conversion (线索来源转化).
import { z } from 'zod';

const rowSchema = z.object({
  /** a lead source's code, or `none` for projects that name none */
  source: z.string(),
  leads: z.number().int(),
  negotiating: z.number().int(),
  signed: z.number().int(),
  started: z.number().int(),
  investmentWan: z.number(),
  signedInvestmentWan: z.number(),
  /** each step's share of the leads (null with no leads) */
  rates: z.object({ negotiating: z.number().nullable(), signed: z.number().nullable(), started: z.number().nullable() }),
});
export const conversionSchema = z.object({ year: z.number().int(), items: z.array(rowSchema), total: rowSchema });
