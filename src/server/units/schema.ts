import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** 单位: province → city → district → park / town. `path` holds the ancestors' codes for subtree scoping. */
export const units = pgTable(
  'units',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    level: text('level').notNull(), // province | city | district | park | town
    kind: text('kind').notNull(), // administrative | development_zone | … | town | street
    parentCode: text('parent_code'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    isReference: boolean('is_reference').notNull().default(false), // from GB/T 2260, loaded by migrate
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('units_parent_idx').on(table.parentCode), index('units_path_idx').using('btree', table.path.op('text_pattern_ops'))],
);

/**
 * A token that changes with every write to `units` (a statement trigger, migration 0018 — so no write path can miss
 * it): each instance keeps the unit tree in memory and compares this token, read in the session's statement, on
 * every request, so a change made on any instance is seen on the next request everywhere.
 */
export const unitTreeVersion = pgTable('unit_tree_version', {
  id: integer('id').primaryKey().default(1),
  token: uuid('token').notNull().defaultRandom(),
});
