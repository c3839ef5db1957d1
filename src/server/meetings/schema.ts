import { date, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { projects } from '../projects/schema.ts';

/** The filter an agenda was built from (kept to show how the list was drawn). */
export interface AgendaFilter {
  unit?: string;
  stages?: string[];
  levels?: string[];
  sponsorLeader?: string;
}

/** 调度会 / 过堂: a meeting that goes through projects one by one. */
export const meetings = pgTable(
  'meetings',
  {
    id: serial('id').primaryKey(),
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on').notNull(),
    location: text('location'),
    chair: text('chair'),
    attendees: text('attendees').array().notNull().default([]),
    filter: jsonb('filter').$type<AgendaFilter>().notNull().default({}),
    notes: text('notes'), // 会议纪要 general part
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('meetings_unit_idx').on(table.unitPath)],
);

/** The agenda: projects in order, each with the meeting's decision on it. */
export const meetingItems = pgTable(
  'meeting_items',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    position: integer('position').notNull(),
    decision: text('decision'), // 会议议定事项
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.meetingId, table.projectId] }), index('meeting_items_project_idx').on(table.projectId)],
);
