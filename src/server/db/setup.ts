import type { Db } from './client.ts';
import { applyMigrations } from './migrate.ts';
import { loadReferenceUnits } from '../units/reference.ts';
import { insertDefaultSettings } from '../settings/repository.ts';
import { insertDefaultRates } from '../projects/rates.ts';

/** `migrate`: schema migrations, then reference data (GB/T 2260 units of Jiangsu, default settings, default exchange rates). Idempotent. */
export async function migrateDatabase(db: Db): Promise<{ applied: string[] }> {
  const applied = await applyMigrations(db);
  await db.transaction(async (tx) => {
    await loadReferenceUnits(tx);
    await insertDefaultSettings(tx);
    await insertDefaultRates(tx);
  });
  return { applied };
}
