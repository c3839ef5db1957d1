import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from '../units/schema.ts';
import { DEPARTMENT_KINDS } from '../../shared/departments.ts';

/** 部门: a bureau or company of a unit; later capabilities assign blockers to it. */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    name: text('name').notNull(),
    kind: text('kind', { enum: DEPARTMENT_KINDS }).notNull(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('departments_unit_idx').on(table.unitCode), uniqueIndex('departments_unit_name_uq').on(table.unitCode, table.name)],
);
