// Shared helpers of the ledger pages.
import type { z } from 'zod';
import type { projectListItemSchema, projectSchema } from '../shared/api/projects.ts';
import { formatYi } from '../shared/projects/amounts.ts';
import { STAGES, type Stage } from '../shared/projects/stages.ts';

export type Project = z.infer<typeof projectSchema>;
/** A row of the ledger list: the fields its table asked for. */
export type ProjectRow = z.infer<typeof projectListItemSchema>;

export const STAGE_COLORS: Record<Stage, string> = {
  lead: 'default',
  negotiating: 'blue',
  signed: 'cyan',
  registered: 'geekblue',
  started: 'orange',
  completed: 'gold',
  producing: 'green',
  at_capacity: 'purple',
};

export const yi = (wan: number | null | undefined): string => formatYi(wan);

/** Filters of the ledger, as they appear in the URL (so any figure can link to the projects behind it). */
export const FILTER_KEYS = [
  'unit',
  'park',
  'stage',
  'status',
  'capitalType',
  'tier',
  'industrySection',
  'chain',
  'level',
  'leader',
  'source',
  'owner',
  'projectType',
  'q',
  'dateField',
  'from',
  'to',
  'indicator',
  'rate',
  'investmentMonth',
  'sourceStep',
  'year',
  'asOf',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export function filtersFrom(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

export const stagesOf = (value: string | undefined): Stage[] =>
  value ? (value.split(',').filter((s) => (STAGES as readonly string[]).includes(s)) as Stage[]) : [];
