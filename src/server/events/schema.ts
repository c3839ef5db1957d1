import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { EVENT_KINDS } from '../../shared/staff/events.ts';
import { units } from '../units/schema.ts';

/**
 * 招商活动 / 集中签约: a signing ceremony, a promotion conference, an expo … held by a unit (its scope: the projects
 * signed at it come from the unit's subtree). The event lists projects; it never moves a signing date, so a project is
 * still counted once, at its own signing.
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    unitPath: text('unit_path').notNull(),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    name: text('name').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place'),
    organiser: text('organiser'), // 主办单位
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('events_path_idx').using('btree', table.unitPath.op('text_pattern_ops'), table.heldOn)],
);

/** The projects of an event, in the order announced; 现场签约 marks those signed on the stage. */
export const eventProjects = pgTable(
  'event_projects',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').notNull(),
    position: integer('position').notNull(),
    onSite: boolean('on_site').notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.eventId, table.projectId] }), index('event_projects_project_idx').on(table.projectId)],
);
