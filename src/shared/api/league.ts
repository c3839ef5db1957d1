// Requests of the league API (擂台赛).
import { z } from 'zod';
import { LEAGUE_PERIOD_KINDS } from '../league/score.ts';

export const unitCode = z.string().regex(/^\d{6,15}$/);
export const schemeBody = z.object({
  unit: unitCode,
  name: z.string().trim().min(1).max(60),
  periodKind: z.enum(LEAGUE_PERIOD_KINDS),
  items: z.array(z.object({ indicator: z.string().max(60), weight: z.number().min(0).max(1000), cap: z.number().min(0).max(10) })).max(20),
  groups: z.array(z.object({ name: z.string().trim().max(20), units: z.array(unitCode).max(200) })).max(10),
});
export type SchemeInput = z.infer<typeof schemeBody>;
