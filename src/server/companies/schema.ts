import {
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { COMPANY_KINDS, CONTACT_KINDS, PIPELINE_STAGES } from '../../shared/chains/rules.ts';
import { chainLinks, chains } from '../chains/schema.ts';
import { units } from '../units/schema.ts';

/**
 * 企业库: one register of companies — local firms (在地企业, located in `unit_code`) and targets elsewhere (目标企业,
 * `location` says where; `unit_code` is the unit that keeps the record).
 */
export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    creditCode: text('credit_code'), // 统一社会信用代码, checked
    kind: text('kind', { enum: COMPANY_KINDS }).notNull(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    unitPath: text('unit_path').notNull(), // copy of the unit's path: scope filters without a join
    location: text('location'), // 所在地 of a target: province / city (or country)
    industrySection: text('industry_section'), // GB/T 4754 门类
    industryDivision: text('industry_division'), // GB/T 4754 大类
    tags: text('tags').array().notNull().default([]),
    listedCode: text('listed_code'), // 股票代码 of a listed company
    revenueWan: doublePrecision('revenue_wan'), // 营业收入（万元）
    employees: integer('employees'),
    website: text('website'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    notes: text('notes'),
    // 招商推进: the stage (null: not in the pipeline), who works on it (交办 to a unit below, accepted or not)
    pipelineStage: text('pipeline_stage', { enum: PIPELINE_STAGES }),
    assigneeId: uuid('assignee_id'),
    assignedUnitCode: text('assigned_unit_code').references(() => units.code),
    assignedUnitPath: text('assigned_unit_path'),
    assignmentStatus: text('assignment_status', { enum: ['pending', 'accepted', 'returned'] }),
    assignmentNote: text('assignment_note'),
    dropReason: text('drop_reason'),
    projectId: uuid('project_id'), // the ledger project the pipeline turned into (在谈 and on)
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('companies_credit_code_uq')
      .on(table.creditCode)
      .where(sql`credit_code is not null`),
    index('companies_name_idx').on(table.name),
    index('companies_path_idx').using('btree', table.unitPath.op('text_pattern_ops')),
    index('companies_assigned_path_idx').using('btree', table.assignedUnitPath.op('text_pattern_ops')),
  ],
);

/** A company's links of chains (many). */
export const companyLinks = pgTable(
  'company_links',
  {
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    chainId: uuid('chain_id')
      .notNull()
      .references(() => chains.id, { onDelete: 'cascade' }),
    linkKey: text('link_key').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.companyId, table.chainId, table.linkKey] }),
    index('company_links_chain_idx').on(table.chainId, table.linkKey),
    // a link that companies sit on cannot be removed from under them (the chain's edit says which)
    foreignKey({
      columns: [table.chainId, table.linkKey],
      foreignColumns: [chainLinks.chainId, chainLinks.key],
      name: 'company_links_link_fk',
    }),
  ],
);

/** 走访记录: every contact with a company, dated, with the next step agreed. */
export const companyContacts = pgTable(
  'company_contacts',
  {
    id: serial('id').primaryKey(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    on: date('on', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: CONTACT_KINDS }).notNull(),
    counterpart: text('counterpart'), // whom of the company
    summary: text('summary').notNull(),
    nextStep: text('next_step'),
    nextOn: date('next_on', { mode: 'string' }),
    byUserId: uuid('by_user_id').notNull(),
    byName: text('by_name').notNull(),
    unitCode: text('unit_code').notNull(), // the unit of who logged it
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('company_contacts_company_idx').on(table.companyId, table.on)],
);

/** The pipeline's history: every stage reached and every assignment, for the funnel and the company's page. */
export const companyEvents = pgTable(
  'company_events',
  {
    id: serial('id').primaryKey(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['stage', 'assign', 'accept', 'return'] }).notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage'),
    unitCode: text('unit_code'),
    note: text('note'),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    on: date('on', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('company_events_company_idx').on(table.companyId, table.at)],
);
