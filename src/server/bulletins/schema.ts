import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { BulletinContent } from './snapshot.ts';

/** 通报: issued for a unit and a month, frozen — it reads the same a year later whatever changed since. */
export const bulletins = pgTable(
  'bulletins',
  {
    id: serial('id').primaryKey(),
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    period: text('period').notNull(), // YYYY-MM
    number: integer('number').notNull(), // 第N期 within the unit and year
    title: text('title').notNull(),
    content: jsonb('content').$type<BulletinContent>().notNull(),
    previousId: integer('previous_id'),
    issuedBy: text('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('bulletins_unit_idx').on(table.unitCode, table.issuedAt)],
);
