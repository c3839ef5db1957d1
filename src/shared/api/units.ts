// Responses of the units API (单位): the worked example of the pattern.
import { z } from 'zod';
import { UNIT_LEVELS } from '../units.ts';

export const unitSchema = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  level: z.enum(UNIT_LEVELS),
  kind: z.string(),
  parentCode: z.string().nullable(),
  depth: z.number().int(),
  isReference: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
});
export type PresentedUnit = z.infer<typeof unitSchema>;

export const unitListSchema = z.object({ items: z.array(unitSchema), rootCode: z.string() });

export const unitDetailSchema = unitSchema.extend({
  parentName: z.string().nullable(),
  usage: z.object({ children: z.number().int(), departments: z.number().int(), users: z.number().int() }),
});

export const unitOverviewSchema = z.object({
  unit: unitSchema,
  counts: z.object({ byLevel: z.record(z.string(), z.number().int()), departments: z.number().int(), users: z.number().int() }),
  children: z.array(unitSchema),
});
