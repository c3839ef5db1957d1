// The score_profiles table's SQL (its owner): a unit's own settings, or the nearest ancestor's.
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { units } from '../units/schema.ts';
import { scoreProfiles } from './schema.ts';

export type ScoreProfileRow = typeof scoreProfiles.$inferSelect;

/** The profile that applies to a unit: its own, else that of the nearest unit above it that has one. */
export async function profileFor(db: DbOrTx, unitPath: string): Promise<ScoreProfileRow | undefined> {
  const [row] = await db
    .select({ profile: scoreProfiles })
    .from(scoreProfiles)
    .innerJoin(units, eq(units.code, scoreProfiles.unitCode))
    .where(sql`starts_with(${unitPath}, ${units.path})`)
    .orderBy(desc(sql`length(${units.path})`))
    .limit(1);
  return row?.profile;
}

export async function lockProfile(db: DbOrTx, unitCode: string): Promise<ScoreProfileRow | undefined> {
  const [row] = await db.select().from(scoreProfiles).where(eq(scoreProfiles.unitCode, unitCode)).for('update');
  return row;
}

export async function writeProfile(db: DbOrTx, values: typeof scoreProfiles.$inferInsert): Promise<ScoreProfileRow> {
  const [row] = await db
    .insert(scoreProfiles)
    .values(values)
    .onConflictDoUpdate({
      target: scoreProfiles.unitCode,
      set: {
        weights: values.weights,
        period: values.period,
        scored: values.scored,
        updatedBy: values.updatedBy,
        updatedAt: values.updatedAt,
      },
    })
    .returning();
  return row!;
}
