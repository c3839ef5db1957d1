import { boolean, doublePrecision, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { IndicatorFilter } from '../../shared/targets/indicators.ts';

/** A unit's yearly target for an indicator, with its split to months (12 amounts adding up to the annual figure). */
export const targets = pgTable(
  'targets',
  {
    unitCode: text('unit_code').notNull(),
    year: integer('year').notNull(),
    indicatorKey: text('indicator_key').notNull(),
    annual: doublePrecision('annual').notNull(),
    monthly: doublePrecision('monthly').array(),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.unitCode, table.year, table.indicatorKey] })],
);

/**
 * 下达: a unit issues its children's targets for a year as a dated version (第N版), a frozen snapshot. Once issued, a
 * change to a child's target is a revision that needs a reason (audited); issuing again makes the next version.
 */
export const targetIssues = pgTable(
  'target_issues',
  {
    id: serial('id').primaryKey(),
    unitCode: text('unit_code').notNull(), // the issuing unit
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    note: text('note'),
    snapshot: jsonb('snapshot').$type<{ unit: string; indicator: string; annual: number; monthly: number[] | null }[]>().notNull(),
    issuedBy: text('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('target_issues_version_idx').on(table.unitCode, table.year, table.version)],
);

/** Figures entered per unit and month for reported indicators (实际使用外资, 固定资产投资完成额 from the statistics bureau). */
export const indicatorReports = pgTable(
  'indicator_reports',
  {
    unitCode: text('unit_code').notNull(),
    indicatorKey: text('indicator_key').notNull(),
    month: text('month').notNull(), // YYYY-MM
    value: doublePrecision('value').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.unitCode, table.indicatorKey, table.month] })],
);

/**
 * Indicators added by users next to the built-in catalog: a computed one is a filter over the ledger plus a count or
 * a sum, dated by one milestone; a reported one is entered per unit and month. Archived, never deleted, so old
 * targets keep their meaning.
 */
export const indicatorDefinitions = pgTable('indicator_definitions', {
  key: text('key').primaryKey(),
  kind: text('kind').notNull(), // computed | reported
  labelZh: text('label_zh').notNull(),
  labelEn: text('label_en').notNull(),
  unitZh: text('unit_zh').notNull(),
  unitEn: text('unit_en').notNull(),
  dateField: text('date_field'),
  measure: text('measure'),
  filter: jsonb('filter').$type<IndicatorFilter>(),
  archived: boolean('archived').notNull().default(false),
  // the unit that made it: seen there and below, changed only there (null: made before indicators had owners — seen
  // everywhere, changed only at the top)
  unitCode: text('unit_code'),
  unitPath: text('unit_path'),
  createdBy: text('created_by'),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
