import { date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * 预警. One row per occurrence: raised when its condition first holds, updated while it holds, resolved (never deleted)
 * when it clears; `key` names the condition (kind + subject), unique among open alerts.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(), // high | medium | low
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    projectId: uuid('project_id'),
    projectCode: text('project_code'),
    submissionId: integer('submission_id'),
    companyId: uuid('company_id'), // 跟进逾期: the company whose agreed next step is overdue
    messageZh: text('message_zh').notNull(),
    messageEn: text('message_en').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('alerts_open_key_idx')
      .on(table.key)
      .where(sql`resolved_at is null`),
    // The list's indexes are in migration 0017 (an expression in the list's order; the path with the kind included,
    // which drizzle-kit cannot express): alerts_open_order_idx, alerts_open_scope_idx (its id included since 0030).
  ],
);

/** Which alerts a user has read (the notification centre's unread count is the open ones in scope without a row here). */
export const alertReads = pgTable(
  'alert_reads',
  {
    userId: uuid('user_id').notNull(),
    alertId: integer('alert_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.alertId] })],
);

/** Scheduled jobs claimed per period: the first instance to insert (job, period) runs it, the others skip. */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    period: text('period').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcome: text('outcome'),
  },
  (table) => [primaryKey({ columns: [table.job, table.period] })],
);

/**
 * The data signature a subtree's alerts were last evaluated at: the alert list re-evaluates only when it differs, so it
 * stays current as of each request without redoing a province's evaluation when nothing changed.
 */
export const alertEvaluations = pgTable('alert_evaluations', {
  scopePath: text('scope_path').primaryKey(),
  signature: text('signature').notNull(),
  evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * 预警处置: who an alert is assigned to, and until when it is set aside (snoozed, with the reason). One row per alert,
 * kept after it resolves (the record of who handled it).
 */
export const alertTriage = pgTable(
  'alert_triage',
  {
    alertId: integer('alert_id').primaryKey(),
    assigneeId: uuid('assignee_id'),
    snoozedUntil: date('snoozed_until'),
    snoozeReason: text('snooze_reason'),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('alert_triage_assignee_idx').on(table.assigneeId)],
);
