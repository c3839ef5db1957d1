// Responses of the staff scoreboard (招商人员考核): the ranked table of a period and the unit's settings.
import { z } from 'zod';
import { SCORE_METRICS, SCORE_PERIODS, SCORED_GROUPS } from '../staff/scoreboard.ts';
import { STAFF_POSTS } from '../staff/posts.ts';

const metrics = z.object(
  Object.fromEntries(SCORE_METRICS.map((m) => [m, z.number()])) as Record<(typeof SCORE_METRICS)[number], z.ZodNumber>,
);

export const scoreProfileSchema = z.object({
  unitCode: z.string(),
  /** whose settings apply: the unit's own, an ancestor's, or null for the defaults */
  from: z.string().nullable(),
  weights: metrics,
  period: z.enum(SCORE_PERIODS),
  scored: z.enum(SCORED_GROUPS),
});

export const scoreboardSchema = z.object({
  period: z.string(),
  kind: z.enum(SCORE_PERIODS),
  first: z.string(),
  last: z.string(),
  approvedOnly: z.boolean(),
  profile: scoreProfileSchema,
  items: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      post: z.enum(STAFF_POSTS).nullable(),
      metrics,
      score: z.number(),
      rank: z.number().int(),
    }),
  ),
});
