import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  boolean,
  date,
} from 'drizzle-orm/pg-core';
import { TASK_KINDS, type TaskForm } from '../../shared/reporting/forms.ts';
import { RECURRENCES, SUBMISSION_STATUSES } from '../../shared/reporting/periods.ts';
import { projects } from '../projects/schema.ts';

/**
 * 月报: one row per project and month. 年初至今 and 开工至今 are derived by summing months, never stored; a month
 * locked by an approved submission refuses changes.
 */
export const projectProgress = pgTable(
  'project_progress',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    month: text('month').notNull(), // YYYY-MM
    investedWan: doublePrecision('invested_wan').notNull(), // 本月完成投资
    imageProgress: text('image_progress'), // 形象进度
    problems: text('problems'), // 存在问题
    nextSteps: text('next_steps'), // 下步计划
    note: text('note'), // 说明 (required when the cumulative figure passes the total investment)
    photos: text('photos').array().notNull().default([]), // ids of the project's attachments
    submissionId: integer('submission_id'), // the submission that last wrote it, if any
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.projectId, table.month] }),
    index('project_progress_month_idx').on(table.month),
    index('project_progress_updated_idx').on(table.updatedAt),
  ],
);

/** 年度计划投资 per project and year (the base of 投资完成率). */
export const projectAnnualPlans = pgTable(
  'project_annual_plans',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    year: integer('year').notNull(),
    plannedWan: doublePrecision('planned_wan').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.year] }), index('project_annual_plans_updated_idx').on(table.updatedAt)],
);

/** 填报任务: what a higher unit collects, from whom, how often and by when. */
export const reportTasks = pgTable(
  'report_tasks',
  {
    id: serial('id').primaryKey(),
    unitCode: text('unit_code').notNull(), // the issuing unit
    unitPath: text('unit_path').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: TASK_KINDS }).notNull(),
    recurrence: text('recurrence', { enum: RECURRENCES }).notNull(),
    startOn: date('start_on').notNull(),
    dueWeekday: integer('due_weekday'),
    dueDay: integer('due_day'),
    dueMonthOffset: integer('due_month_offset'),
    dueOn: date('due_on'),
    dueTime: text('due_time').notNull(),
    targetUnits: text('target_units').array().notNull(),
    form: jsonb('form').$type<TaskForm>().notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('report_tasks_unit_path_idx').on(table.unitPath)],
);

/** One unit's submission for one period of a task. */
export const reportSubmissions = pgTable(
  'report_submissions',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => reportTasks.id),
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    periodKey: text('period_key').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('draft'), // approved: locked
    revision: integer('revision').notNull().default(0), // submitted versions so far
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }), // compliance is judged on it
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: text('submitted_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: text('reviewed_by'),
    reviewComment: text('review_comment'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('report_submissions_period_idx').on(table.taskId, table.unitCode, table.periodKey),
    index('report_submissions_unit_path_idx').on(table.unitPath),
    index('report_submissions_due_idx').on(table.status, table.dueAt),
    index('report_submissions_updated_idx').on(table.updatedAt),
  ],
);

/** The rows of a submission as being edited: one per project (or per newly reported project), each with its own version. */
export const reportRows = pgTable(
  'report_rows',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => reportSubmissions.id),
    rowKey: text('row_key').notNull(), // the project's id, or n-<uuid> for a newly reported one
    projectId: uuid('project_id'),
    position: integer('position').notNull().default(0),
    values: jsonb('values').$type<Record<string, unknown>>().notNull().default({}),
    returnComment: text('return_comment'), // the reviewer's comment when the row is returned
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.submissionId, table.rowKey] }), index('report_rows_project_idx').on(table.projectId)],
);

/** Every submitted version, frozen, for comparison. */
export const reportVersions = pgTable(
  'report_versions',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => reportSubmissions.id),
    revision: integer('revision').notNull(),
    rows: jsonb('rows').$type<{ key: string; projectId: string | null; label: string; values: Record<string, unknown> }[]>().notNull(),
    submittedBy: text('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.submissionId, table.revision] })],
);
