import { boolean, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { REWARD_BASES } from '../../shared/staff/advisors.ts';
import { units } from '../units/schema.ts';

/**
 * 招商顾问 / 招商大使: a person a unit appoints for a term (聘期) to bring leads. The appointing unit keeps the
 * register; its reviewers and leaders alone see what the advisor is paid.
 */
export const advisors = pgTable(
  'advisors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    unitPath: text('unit_path').notNull(),
    name: text('name').notNull(),
    organisation: text('organisation'), // 工作单位
    title: text('title'), // 职务
    field: text('field'), // 领域 / 产业方向
    phone: text('phone'),
    appointedOn: date('appointed_on', { mode: 'string' }).notNull(),
    termEnd: date('term_end', { mode: 'string' }), // 聘期至; null: open
    publicServant: boolean('public_servant').notNull().default(false), // 公职人员: excluded from rewards by ⚙ rule
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('advisors_path_idx').using('btree', table.unitPath.op('text_pattern_ops'))],
);

/** 顾问引荐: the advisor a ledger project (or lead) is attributed to — one per project. */
export const advisorProjects = pgTable(
  'advisor_projects',
  {
    projectId: uuid('project_id').primaryKey(),
    advisorId: uuid('advisor_id')
      .notNull()
      .references(() => advisors.id, { onDelete: 'cascade' }),
    attributedOn: date('attributed_on', { mode: 'string' }).notNull(),
    attributedBy: uuid('attributed_by').notNull(),
  },
  (table) => [index('advisor_projects_advisor_idx').on(table.advisorId)],
);

/**
 * The reward ledger: a project's reward for a year, frozen when a reviewer approves it (审定) and dated when paid
 * (兑现). Years not yet approved are computed from the ⚙ rule on every read.
 */
export const advisorRewards = pgTable(
  'advisor_rewards',
  {
    projectId: uuid('project_id').notNull(),
    year: integer('year').notNull(),
    advisorId: uuid('advisor_id')
      .notNull()
      .references(() => advisors.id),
    basis: text('basis', { enum: REWARD_BASES }).notNull(),
    basisWan: doublePrecision('basis_wan').notNull(),
    perMille: doublePrecision('per_mille').notNull(),
    amountWan: doublePrecision('amount_wan').notNull(),
    approvedBy: uuid('approved_by').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }),
    paidBy: uuid('paid_by'),
    note: text('note'),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.year] }), index('advisor_rewards_advisor_idx').on(table.advisorId, table.year)],
);
