import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { PROJECT_LEVELS, PROJECT_TYPES } from '../../shared/projects/classification.ts';
import { CAPITAL_TYPES, type TierStep } from '../../shared/projects/tiers.ts';
import {
  BUILT_IN_INDICATORS,
  INDICATOR_DATE_FIELDS,
  INDICATOR_MEASURES,
  type IndicatorDefinition,
} from '../../shared/targets/indicators.ts';
import type { DbOrTx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { indicatorDefinitions } from './schema.ts';

export type CatalogEntry = IndicatorDefinition & {
  builtIn: boolean;
  archived: boolean;
  owner?: { unitCode: string | null; unitPath: string | null };
};

/** Whether a unit (by its path) sees an indicator: built-in ones everywhere, a custom one at its unit and below. */
export const indicatorVisible = (indicator: CatalogEntry, viewerPath: string | undefined) =>
  viewerPath === undefined || !indicator.owner?.unitPath || viewerPath.startsWith(indicator.owner.unitPath);

type DefinitionRow = typeof indicatorDefinitions.$inferSelect;

function fromRow(row: DefinitionRow): CatalogEntry {
  const label = { zh: row.labelZh, en: row.labelEn || row.labelZh };
  const unit = { zh: row.unitZh, en: row.unitEn || row.unitZh };
  const owner = { unitCode: row.unitCode, unitPath: row.unitPath };
  if (row.kind === 'reported')
    return { key: row.key, kind: 'reported', label, unit, additive: true, builtIn: false, archived: row.archived, owner };
  return {
    key: row.key,
    kind: 'computed',
    label,
    unit,
    dateField: row.dateField as (typeof INDICATOR_DATE_FIELDS)[number],
    measure: row.measure as (typeof INDICATOR_MEASURES)[number],
    ...(row.filter ? { filter: row.filter } : {}),
    additive: true,
    builtIn: false,
    archived: row.archived,
    owner,
  };
}

/** The catalog: the built-in indicators, then those users added (archived ones only when asked for). */
export async function indicatorCatalog(
  db: DbOrTx,
  options: { includeArchived?: boolean; viewerPath?: string } = {},
): Promise<CatalogEntry[]> {
  const custom = (await db.select().from(indicatorDefinitions).orderBy(asc(indicatorDefinitions.updatedAt))).map(fromRow);
  return [
    ...BUILT_IN_INDICATORS.map((indicator) => ({ ...indicator, builtIn: true, archived: false })),
    ...custom.filter((c) => (options.includeArchived || !c.archived) && indicatorVisible(c, options.viewerPath)),
  ];
}

/** One indicator by key, archived ones included (old targets keep their meaning). */
export async function findIndicator(db: DbOrTx, key: string, viewerPath?: string): Promise<CatalogEntry | undefined> {
  const builtIn = BUILT_IN_INDICATORS.find((indicator) => indicator.key === key);
  if (builtIn) return { ...builtIn, builtIn: true, archived: false };
  const [row] = await db.select().from(indicatorDefinitions).where(eq(indicatorDefinitions.key, key));
  const found = row ? fromRow(row) : undefined;
  return found && indicatorVisible(found, viewerPath) ? found : undefined;
}

export function presentIndicator(indicator: CatalogEntry) {
  return {
    key: indicator.key,
    kind: indicator.kind,
    label: indicator.label,
    unit: indicator.unit,
    additive: indicator.additive,
    builtIn: indicator.builtIn,
    archived: indicator.archived,
    /** the unit that made a custom indicator (null: built in, or made before indicators had owners) */
    ownerUnit: indicator.owner?.unitCode ?? null,
    ...(indicator.kind === 'computed'
      ? { dateField: indicator.dateField, measure: indicator.measure, filter: indicator.filter ?? {} }
      : {}),
  };
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const indicatorFilterSchema = z
  .object({
    minTierYi: z.number().positive().optional(),
    capitalTypes: z.array(z.enum(CAPITAL_TYPES)).max(3).optional(),
    levels: z.array(z.enum(PROJECT_LEVELS)).max(3).optional(),
    chains: z.array(text(40)).max(30).optional(),
    industrySections: z
      .array(z.string().regex(/^[A-T]$/))
      .max(20)
      .optional(),
    projectTypes: z.array(z.enum(PROJECT_TYPES)).max(3).optional(),
  })
  .strict();

export const indicatorBody = z.object({
  label: z.object({ zh: text(40), en: z.string().trim().max(80).default('') }),
  unit: z.object({ zh: text(10), en: z.string().trim().max(20).default('') }),
  kind: z.enum(['computed', 'reported']),
  dateField: z.enum(INDICATOR_DATE_FIELDS).nullish(),
  measure: z.enum(INDICATOR_MEASURES).nullish(),
  filter: indicatorFilterSchema.nullish(),
});
export type IndicatorBody = z.infer<typeof indicatorBody>;

const ARRIVAL_MEASURES = new Set(['sum_arrival_wan', 'sum_arrival_usd_wan']);

/** The stored columns of a user's indicator, or a clear error (a computed indicator needs a milestone and a measure that go together). */
export function definitionValues(body: IndicatorBody, ladder: readonly TierStep[], zh: boolean) {
  if (body.kind === 'computed') {
    if (!body.dateField || !body.measure)
      throw new AppError('VALIDATION', {
        detail: zh ? '计算类指标须选择计数日期（里程碑）和统计方式' : 'a computed indicator needs a milestone and a measure',
      });
    if ((body.dateField === 'progress') !== (body.measure === 'sum_progress_wan'))
      throw new AppError('VALIDATION', {
        detail: zh ? '“月报完成投资”只能与“月报月份”搭配' : 'the progress measure goes with the report month only',
      });
    if ((body.dateField === 'arrival') !== ARRIVAL_MEASURES.has(body.measure))
      throw new AppError('VALIDATION', {
        detail: zh
          ? '到资类统计方式只能与“到资日期”搭配，其他里程碑只能计数或合计投资额'
          : 'arrival measures go with the arrival date only',
      });
    if (body.filter?.minTierYi && !ladder.some((step) => step.yi === body.filter?.minTierYi))
      throw new AppError('VALIDATION', {
        detail: zh
          ? `投资档次只能是 ${ladder.map((s) => `${s.yi}亿元`).join('、')}`
          : `tier must be one of ${ladder.map((s) => s.yi).join(', ')}`,
      });
  }
  const computed = body.kind === 'computed';
  return {
    kind: body.kind,
    labelZh: body.label.zh,
    labelEn: body.label.en,
    unitZh: body.unit.zh,
    unitEn: body.unit.en,
    dateField: computed ? (body.dateField ?? null) : null,
    measure: computed ? (body.measure ?? null) : null,
    filter: computed && body.filter && Object.keys(body.filter).length ? body.filter : null,
  };
}
