import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { SEGMENTS } from '../../shared/chains/rules.ts';
import { units } from '../units/schema.ts';

/** 产业链: a unit's chain, a tree of links; districts and parks below read it, or adopt a copy of their own. */
export const chains = pgTable(
  'chains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    unitPath: text('unit_path').notNull(), // copy of the unit's path: who may read it without a join
    name: text('name').notNull(),
    description: text('description'),
    adoptedFrom: uuid('adopted_from'), // the chain of a unit above that this one was copied from
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('chains_unit_name_uq').on(table.unitCode, table.name), index('chains_path_idx').on(table.unitPath)],
);

/** 环节: a link of a chain, in its segment (上游/中游/下游), under a parent link or at the top. */
export const chainLinks = pgTable(
  'chain_links',
  {
    chainId: uuid('chain_id')
      .notNull()
      .references(() => chains.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    segment: text('segment', { enum: SEGMENTS }).notNull(),
    parentKey: text('parent_key'),
    keywords: text('keywords').array().notNull().default([]),
    products: text('products').array().notNull().default([]),
    position: integer('position').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.key] }), uniqueIndex('chain_links_name_uq').on(table.chainId, table.name)],
);
