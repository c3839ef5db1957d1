import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { SCORE_PERIODS, SCORED_GROUPS, type ScoreMetric } from '../../shared/staff/scoreboard.ts';
import { units } from '../units/schema.ts';

/** 招商人员考核 settings of a unit: the weights, the period it is read by and who is scored. */
export const scoreProfiles = pgTable('score_profiles', {
  unitCode: text('unit_code')
    .primaryKey()
    .references(() => units.code),
  weights: jsonb('weights').$type<Record<ScoreMetric, number>>().notNull(),
  period: text('period', { enum: SCORE_PERIODS }).notNull(),
  scored: text('scored', { enum: SCORED_GROUPS }).notNull(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
