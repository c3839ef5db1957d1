import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { STAGES, STATUSES } from '../../shared/projects/stages.ts';
import { DUPLICATE_REASONS } from '../../shared/projects/match.ts';
import { units } from '../units/schema.ts';
import { users } from '../users/schema.ts';
import { bytea } from '../db/columns.ts';

/**
 * 项目台账. Amounts are 万 of their currency (`*_orig`), with the rate to CNY and its date; `total_investment_wan` is
 * the CNY figure and `total_investment_usd_wan` the USD one (for the paired USD tiers). Stage dates are kept per
 * stage, so any figure can be computed as of a past date; `exists_from` and `tier_index` are derived and stored
 * for fast counting.
 */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    content: text('content'), // 建设内容
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    unitPath: text('unit_path').notNull(), // copy of the unit's path: scope filters without a join
    parkCode: text('park_code').references(() => units.code),
    investorName: text('investor_name').notNull(),
    investorCreditCode: text('investor_credit_code'),
    investorCountry: text('investor_country'),
    investorProvince: text('investor_province'),
    investorCity: text('investor_city'),
    investorTags: text('investor_tags').array().notNull().default([]),
    contacts: jsonb('contacts').$type<{ name: string; title?: string; phone?: string }[]>().notNull().default([]),
    capitalType: text('capital_type').notNull(), // domestic 内资 | foreign 外资 | joint 中外合资
    currency: text('currency').notNull(),
    exchangeRate: doublePrecision('exchange_rate').notNull(), // CNY per unit of currency
    usdRate: doublePrecision('usd_rate'), // CNY per USD on the same rate date
    rateDate: date('rate_date').notNull(),
    totalInvestmentOrig: doublePrecision('total_investment_orig').notNull(),
    totalInvestmentWan: doublePrecision('total_investment_wan').notNull(),
    totalInvestmentUsdWan: doublePrecision('total_investment_usd_wan'),
    fixedAssetInvestmentOrig: doublePrecision('fixed_asset_investment_orig'),
    registeredCapitalOrig: doublePrecision('registered_capital_orig'),
    contractForeignCapitalUsdWan: doublePrecision('contract_foreign_capital_usd_wan'), // 合同外资
    registeredForeignCapitalUsdWan: doublePrecision('registered_foreign_capital_usd_wan'), // 注册外资
    projectType: text('project_type').notNull().default('new'), // new 新引进 | expansion 增资扩产 | tech_upgrade 技改
    industrySection: text('industry_section'), // GB/T 4754 门类
    industryDivision: text('industry_division'), // GB/T 4754 大类
    chain: text('chain'),
    levels: text('levels').array().notNull().default([]), // provincial_major | city_key | district_key
    leadSource: text('lead_source'),
    referrer: text('referrer'), // 引荐人: who brought the lead (an advisor, a firm, a person)
    sponsorLeader: text('sponsor_leader'), // 挂钩领导
    responsibleUnit: text('responsible_unit'),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    landMu: doublePrecision('land_mu'),
    factoryM2: doublePrecision('factory_m2'),
    expectedOutputWan: doublePrecision('expected_output_wan'),
    expectedTaxWan: doublePrecision('expected_tax_wan'),
    expectedJobs: integer('expected_jobs'),
    phases: text('phases'),
    stage: text('stage', { enum: STAGES }).notNull(),
    status: text('status', { enum: STATUSES }).notNull().default('normal'),
    terminationReason: text('termination_reason'),
    terminationNote: text('termination_note'),
    terminatedOn: date('terminated_on'),
    firstReportedOn: date('first_reported_on'),
    leadOn: date('lead_on'),
    negotiatingOn: date('negotiating_on'),
    signedOn: date('signed_on'),
    registeredOn: date('registered_on'),
    startedOn: date('started_on'),
    completedOn: date('completed_on'),
    producingOn: date('producing_on'),
    atCapacityOn: date('at_capacity_on'),
    listedOn: date('listed_on'), // 入库列统
    plannedSignedOn: date('planned_signed_on'),
    plannedRegisteredOn: date('planned_registered_on'),
    plannedStartedOn: date('planned_started_on'),
    plannedCompletedOn: date('planned_completed_on'),
    plannedProducingOn: date('planned_producing_on'),
    plannedAtCapacityOn: date('planned_at_capacity_on'), // 倒排工期 may start from 达产
    contractKind: text('contract_kind'),
    contractAmountWan: doublePrecision('contract_amount_wan'),
    existsFrom: date('exists_from').notNull(),
    tierIndex: integer('tier_index').notNull().default(0),
    searchTokens: text('search_tokens').array().notNull().default([]),
    nameKey: text('name_key').notNull().default(''), // for duplicate detection
    remarks: text('remarks'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // the covering indexes (scope, and one per milestone date) are written by hand in migrations 0007 and 0029: drizzle's
    // index builder has no INCLUDE
    uniqueIndex('projects_code_uq').on(table.code),
    index('projects_unit_path_idx').using('btree', table.unitPath.op('text_pattern_ops')),
    index('projects_stage_idx').on(table.stage),
    index('projects_tier_idx').on(table.tierIndex),
    index('projects_credit_idx').on(table.investorCreditCode),
    index('projects_search_idx').using('gin', table.searchTokens),
    index('projects_name_key_idx').on(table.nameKey),
    index('projects_updated_idx').on(table.updatedAt),
  ],
);

/** Lifecycle history: every transition, status change, correction, with its evidence and who made it. */
export const projectEvents = pgTable(
  'project_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(), // created | stage | status | correction | listed | arrival | imported | merged
    stage: text('stage'),
    fromStage: text('from_stage'),
    eventDate: date('event_date'),
    evidence: text('evidence'),
    reason: text('reason'),
    details: jsonb('details'),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('project_events_project_idx').on(table.projectId, table.recordedAt)],
);

/**
 * Changed by a statement trigger on every deletion from `projects` (migration 0028), in the deleting transaction: the
 * alerts' signature of their data reads it instead of counting the projects (~7 ms over a province, every alert page).
 */
export const projectDeletionMark = pgTable('project_deletion_mark', {
  id: integer('id').primaryKey().default(1),
  token: uuid('token').notNull().defaultRandom(),
});

/** 到资: many events, each with amount and date. */
export const projectArrivals = pgTable(
  'project_arrivals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    arrivedOn: date('arrived_on').notNull(),
    currency: text('currency').notNull(),
    amountOrig: doublePrecision('amount_orig').notNull(),
    exchangeRate: doublePrecision('exchange_rate').notNull(),
    amountWan: doublePrecision('amount_wan').notNull(),
    amountUsdWan: doublePrecision('amount_usd_wan'),
    isForeign: integer('is_foreign').notNull().default(0), // 1: 实际使用外资
    note: text('note'),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('project_arrivals_project_idx').on(table.projectId)],
);

export const projectAttachments = pgTable(
  'project_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').references(() => projectEvents.id, { onDelete: 'set null' }),
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('project_attachments_project_idx').on(table.projectId)],
);

/** Possible duplicates, flagged on create and import, resolved by a reviewer (merge or dismiss). */
export const projectDuplicateFlags = pgTable(
  'project_duplicate_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    otherProjectId: uuid('other_project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: DUPLICATE_REASONS }).notNull(),
    score: doublePrecision('score').notNull(),
    status: text('status').notNull().default('open'), // open | merged | dismissed
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('project_duplicate_pair_uq').on(table.projectId, table.otherProjectId),
    index('project_duplicate_status_idx').on(table.status),
  ],
);

/** Per unit and year, the next sequence number of project codes (`321084-2026-0017`). */
export const projectCodeSequences = pgTable(
  'project_code_sequences',
  {
    unitCode: text('unit_code').notNull(),
    year: integer('year').notNull(),
    next: integer('next').notNull(),
  },
  (table) => [primaryKey({ columns: [table.unitCode, table.year] })],
);

export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filters: jsonb('filters').notNull(),
    columns: text('columns').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('saved_views_user_name_uq').on(table.userId, table.name)],
);

/** Monthly exchange rates: CNY per one unit of the currency. */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    currency: text('currency').notNull(),
    month: text('month').notNull(), // YYYY-MM
    rate: doublePrecision('rate').notNull(),
    source: text('source'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.currency, table.month] })],
);
