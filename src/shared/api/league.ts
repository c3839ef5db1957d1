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

// Responses (success bodies), checked on every response in tests.
export const schemeSchema = z.object({
  id: z.number(),
  unit: z.string(),
  name: z.string(),
  periodKind: z.enum(LEAGUE_PERIOD_KINDS),
  items: z.array(z.object({ indicator: z.string(), weight: z.number(), cap: z.number() })),
  groups: z.array(z.object({ name: z.string(), units: z.array(z.string()) })),
  version: z.number(),
  updatedAt: z.string(),
});

export const leagueSchemesResponse = z.object({ items: z.array(schemeSchema) });

export const leagueSchemesByIdStandingsResponse = z.object({
  scheme: schemeSchema,
  year: z.number(),
  period: z.object({ key: z.string(), from: z.string(), to: z.string() }),
  periods: z.array(z.string()),
  rows: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      group: z.string(),
      items: z.array(
        z.object({
          indicator: z.string(),
          ratio: z.number().nullable(),
          score: z.number(),
          actual: z.number(),
          target: z.number().nullable(),
        }),
      ),
      adjustment: z.number(),
      total: z.number(),
      rank: z.number(),
      previousRank: z.number().nullable(),
      movement: z.number().nullable(),
    }),
  ),
  adjustments: z.array(
    z.object({
      id: z.number(),
      unit: z.string(),
      period: z.string(),
      points: z.number(),
      reason: z.string(),
      createdBy: z.string().nullable(),
    }),
  ),
});

export const leagueSchemesByIdHistoryResponse = z.object({
  periods: z.array(z.string()),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      group: z.string(),
      ranks: z.array(z.number().nullable()),
      totals: z.array(z.number().nullable()),
    }),
  ),
});

export const leagueSchemesByIdAdjustmentsPostResponse = z.object({
  id: z.number(),
  unit: z.string(),
  period: z.string(),
  points: z.number(),
  reason: z.string(),
});
