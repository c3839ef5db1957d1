// Responses of the chains API (产业链图谱): a chain with its links, the chains a unit sees, a chain's coverage.
import { z } from 'zod';
import { SEGMENTS } from '../chains/rules.ts';
import { STAGES } from '../projects/stages.ts';

export const chainLinkSchema = z.object({
  key: z.string(),
  name: z.string(),
  segment: z.enum(SEGMENTS),
  parent: z.string().nullable(),
  keywords: z.array(z.string()),
  products: z.array(z.string()),
});

export const chainSummarySchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  adoptedFrom: z.string().nullable(),
  /** defined by a unit above the one asked about: read here, adopted or edited there */
  inherited: z.boolean(),
  links: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const chainSchema = chainSummarySchema.omit({ links: true }).extend({ links: z.array(chainLinkSchema) });
export const chainsResponse = z.object({ items: z.array(chainSummarySchema) });
export const chainCreatedSchema = z.object({ id: z.string() });

export const coverageLinkSchema = z.object({
  key: z.string(),
  name: z.string(),
  segment: z.enum(SEGMENTS),
  parent: z.string().nullable(),
  /** local firms on the link located in the unit's subtree */
  localCompanies: z.number().int(),
  /** 链主 among them */
  chainLeaders: z.number().int(),
  /** targets on the link recorded by the unit's subtree or a unit above it */
  targets: z.number().int(),
  /** the subtree's projects placed on the link (链名称/环节名称), by stage (terminated ones left out) */
  projects: z.object({ byStage: z.partialRecord(z.enum(STAGES), z.number().int()), total: z.number().int(), inHand: z.number().int() }),
  status: z.enum(['covered', 'weak', 'gap']),
});

export const coverageSchema = z.object({
  chain: z.object({ id: z.string(), name: z.string() }),
  unit: z.object({ code: z.string(), name: z.string() }),
  links: z.array(coverageLinkSchema),
  covered: z.number().int(),
  weak: z.number().int(),
  gaps: z.number().int(),
});

export const placementsSchema = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({ code: z.string(), name: z.string(), stage: z.enum(STAGES), unitName: z.string(), suggested: z.string().nullable() }),
  ),
});
export const placedSchema = z.object({ placed: z.number().int() });
