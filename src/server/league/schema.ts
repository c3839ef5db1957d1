import { doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { LEAGUE_PERIOD_KINDS, type LeagueGroup, type LeagueItem } from '../../shared/league/score.ts';

/** 擂台赛 scheme: the units under `unitCode` compete on weighted indicators, ranked monthly or quarterly, in groups. */
export const leagueSchemes = pgTable('league_schemes', {
  id: serial('id').primaryKey(),
  unitCode: text('unit_code').notNull(),
  name: text('name').notNull(),
  periodKind: text('period_kind', { enum: LEAGUE_PERIOD_KINDS }).notNull(),
  items: jsonb('items').$type<LeagueItem[]>().notNull(),
  groups: jsonb('groups').$type<LeagueGroup[]>().notNull(),
  version: integer('version').notNull().default(1),
  createdBy: text('created_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 加分 / 扣分: points added to (or taken from) a unit's score in one period of a scheme, with the reason. */
export const leagueAdjustments = pgTable(
  'league_adjustments',
  {
    id: serial('id').primaryKey(),
    schemeId: integer('scheme_id').notNull(),
    unitCode: text('unit_code').notNull(),
    period: text('period').notNull(), // YYYY-MM or YYYY-Qn
    points: doublePrecision('points').notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('league_adjustments_scheme_idx').on(table.schemeId, table.period)],
);
