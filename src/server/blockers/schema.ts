import { date, index, integer, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects } from '../projects/schema.ts';

/** 堵点 / 难题 of a project, closed one by one (对账销号): the department resolves, the project's owner confirms. */
export const blockers = pgTable(
  'blockers',
  {
    id: serial('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    unitPath: text('unit_path').notNull(), // the project's, for scoping
    type: text('type').notNull(),
    description: text('description').notNull(),
    departmentIds: uuid('department_ids').array().notNull(), // 责任部门
    responsiblePerson: text('responsible_person'),
    coordinatingLeader: text('coordinating_leader'), // 协调领导
    deadline: date('deadline'),
    status: text('status').notNull().default('open'),
    resolution: text('resolution'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    reopenCount: integer('reopen_count').notNull().default(0),
    meetingId: integer('meeting_id'), // raised in a scheduling meeting (调度会)
    raisedBy: text('raised_by').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('blockers_project_idx').on(table.projectId),
    index('blockers_unit_path_idx').using('btree', table.unitPath.op('text_pattern_ops')),
    index('blockers_status_idx').on(table.status, table.deadline),
  ],
);

/** The blocker's history: progress notes (with the project's attachments), resolutions, confirmations, reopenings. */
export const blockerNotes = pgTable(
  'blocker_notes',
  {
    id: serial('id').primaryKey(),
    blockerId: integer('blocker_id')
      .notNull()
      .references(() => blockers.id),
    kind: text('kind').notNull(), // note | resolve | confirm | reopen | raise | edit
    text: text('text'),
    attachmentIds: uuid('attachment_ids').array().notNull().default([]),
    byUser: text('by_user').notNull(),
    byName: text('by_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('blocker_notes_blocker_idx').on(table.blockerId, table.at)],
);
