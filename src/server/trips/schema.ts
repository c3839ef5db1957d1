import { boolean, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { STAFF_POSTS } from '../../shared/staff/posts.ts';
import { TRIP_KINDS, TRIP_STATUSES } from '../../shared/staff/trips.ts';
import { units } from '../units/schema.ts';
import { bytea } from '../db/columns.ts';

/**
 * 外出招商 and 来访接待: who went (or received), when, where, what for, whom they met and what came of it. The unit is
 * the group leader's; it and the units above read it.
 */
export const trips = pgTable(
  'trips',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: TRIP_KINDS }).notNull().default('trip'),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    unitPath: text('unit_path').notNull(),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    toOn: date('to_on', { mode: 'string' }).notNull(),
    destination: text('destination').notNull(), // a city, or 国家 城市 abroad; for a reception, where the visitors came from
    abroad: boolean('abroad').notNull().default(false),
    purpose: text('purpose').notNull(),
    visitors: text('visitors'), // a reception's guests
    results: text('results'),
    nextSteps: text('next_steps'),
    status: text('status', { enum: TRIP_STATUSES }).notNull().default('submitted'),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('trips_path_idx').using('btree', table.unitPath.op('text_pattern_ops'), table.fromOn),
    index('trips_from_idx').on(table.fromOn, table.toOn),
  ],
);

/** Who was on a trip (the leader first); the out-of-city time of each person is read from here. */
export const tripPeople = pgTable(
  'trip_people',
  {
    tripId: uuid('trip_id')
      .notNull()
      .references(() => trips.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    leader: boolean('leader').notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.tripId, table.userId] }), index('trip_people_user_idx').on(table.userId, table.tripId)],
);

/** Companies met on a trip (from the register when it holds them, else by name) with what was said. */
export const tripVisits = pgTable(
  'trip_visits',
  {
    id: serial('id').primaryKey(),
    tripId: uuid('trip_id')
      .notNull()
      .references(() => trips.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id'),
    companyName: text('company_name').notNull(),
    summary: text('summary'),
  },
  (table) => [index('trip_visits_trip_idx').on(table.tripId)],
);

/** Ledger projects a trip worked on. */
export const tripProjects = pgTable(
  'trip_projects',
  {
    tripId: uuid('trip_id')
      .notNull()
      .references(() => trips.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.tripId, table.projectId] })],
);

/** Photos taken on a trip or at a reception (from the phone), kept with the record. */
export const tripPhotos = pgTable(
  'trip_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tripId: uuid('trip_id')
      .notNull()
      .references(() => trips.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('trip_photos_trip_idx').on(table.tripId)],
);

/** 岗位: a person's post in the promotion team, which sets the out-of-city quota they are held to. */
export const staffPosts = pgTable('staff_posts', {
  userId: uuid('user_id').primaryKey(),
  post: text('post', { enum: STAFF_POSTS }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
