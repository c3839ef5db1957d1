import { date, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { BulletinContent } from './snapshot.ts';
import { BULLETIN_STATUSES } from '../../shared/bulletins/status.ts';

/**
 * 通报 of a unit for a month. Drafted (草稿), sent for review (待签发), signed (已签发: frozen, numbered, with its 文号
 * and signing date) — or, when a later one replaces it, 作废 (still readable). Its figures are as of `as_of`.
 */
export const bulletins = pgTable(
  'bulletins',
  {
    id: serial('id').primaryKey(),
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    period: text('period').notNull(), // YYYY-MM
    asOf: date('as_of'),
    status: text('status', { enum: BULLETIN_STATUSES }).notNull().default('issued'),
    number: integer('number'), // 第N期 within the unit and year, taken at signing
    docNumber: text('doc_number'), // 文号, e.g. 扬商通〔2026〕12号
    title: text('title').notNull(),
    content: jsonb('content').$type<BulletinContent>().notNull(),
    previousId: integer('previous_id'),
    createdBy: text('created_by'),
    submittedBy: text('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
    signedOn: date('signed_on'), // 签发日期, the 落款 date
    issuedBy: text('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidedBy: text('voided_by'),
    replacedBy: integer('replaced_by'),
    version: integer('version').notNull().default(1),
  },
  (table) => [
    index('bulletins_unit_idx').on(table.unitCode, table.issuedAt),
    index('bulletins_unit_period_idx').on(table.unitCode, table.period),
  ],
);

/** Per issuing unit: how its bulletins are numbered (文号 ⚙) and who signs them (落款). */
export const bulletinProfiles = pgTable('bulletin_profiles', {
  unitCode: text('unit_code').primaryKey(),
  docNumberPattern: text('doc_number_pattern').notNull(), // {year} and {n}: 扬商通〔{year}〕{n}号
  issuerName: text('issuer_name').notNull(), // 落款: 扬州市商务局
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
