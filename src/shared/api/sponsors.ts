// Responses of the sponsors API: the success bodies, checked on every response in tests.
import { z } from 'zod';
import { MILESTONES } from '../projects/milestones.ts';
import { STAGES } from '../projects/stages.ts';

export const sponsorsResponse = z.object({ items: z.array(z.object({ leader: z.string(), projects: z.number() })) });

export const sponsorsProjectsResponse = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unitName: z.string(),
      stage: z.enum(STAGES),
      totalInvestmentWan: z.number(),
      standing: z.enum(['on_time', 'ahead', 'behind']),
      next: z.object({ key: z.enum(MILESTONES), planned: z.string().nullable() }).nullable(),
      plannedStartThisYear: z.boolean(),
      started: z.boolean(),
      planWan: z.number().nullable(),
      ytdWan: z.number(),
      blockers: z.array(
        z.object({ id: z.number(), description: z.string(), status: z.string(), deadline: z.string().nullable(), overdue: z.boolean() }),
      ),
    }),
  ),
  counts: z.object({ total: z.number(), ahead: z.number(), onTime: z.number(), behind: z.number(), openBlockers: z.number() }),
  startRate: z.object({ planned: z.number(), started: z.number(), rate: z.number().nullable() }),
  investment: z.object({ planWan: z.number(), ytdWan: z.number(), rate: z.number().nullable() }),
  leader: z.string(),
});
