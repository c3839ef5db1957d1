import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { AUDIT_OUTCOMES } from '../../shared/api/audit.ts';

/**
 * Append-only audit log. `seq` is assigned under an advisory lock (no gaps), and each row's `hash`
 * covers its content and the previous row's hash, so a changed or removed row breaks the chain.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    userId: text('user_id'),
    username: text('username'),
    unitCode: text('unit_code'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    changes: jsonb('changes'),
    ip: text('ip'),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    detail: text('detail'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('audit_log_occurred_idx').on(table.occurredAt),
    index('audit_log_user_idx').on(table.username),
    index('audit_log_object_idx').on(table.objectType, table.objectId),
    index('audit_log_action_idx').on(table.action),
  ],
);

/** The chain's head, updated in the same transaction as each append: removing the last rows is detected too. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
