import { clockNow } from '../../shared/calendar.ts';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { rowsOf, type Database } from './client.ts';
import { purgeExpiredSessions } from '../auth/sessions.ts';
import { readIntegerSetting } from '../settings/repository.ts';

const CHECK_EVERY_MS = 10 * 60_000;

/**
 * VACUUM ANALYZE on a schedule (PGlite has no autovacuum), plus expired-session cleanup.
 * The run is claimed with a compare-and-set on app_meta, so several instances run it once per period.
 */
export async function runMaintenanceIfDue(database: Database, now = clockNow()): Promise<boolean> {
  const hours = await readIntegerSetting(database.db, 'maintenance.vacuumHours');
  const dueBefore = new Date(now.getTime() - hours * 3_600_000).toISOString();
  await database.db.execute(
    sql`insert into app_meta (key, value) values ('maintenance.lastVacuumAt', '"1970-01-01T00:00:00.000Z"'::jsonb) on conflict do nothing`,
  );
  const claimed = await database.db.execute(
    sql`update app_meta set value = to_jsonb(${now.toISOString()}::text), updated_at = now() where key = 'maintenance.lastVacuumAt' and (value #>> '{}') < ${dueBefore} returning key`,
  );
  if (rowsOf(claimed).length === 0) return false;
  await purgeExpiredSessions(database.db);
  await database.db.execute(sql`vacuum analyze`);
  return true;
}

/**
 * Runs `job` after `firstMs`, then every `everyMs`, logging its outcome; the timers never keep the process alive.
 * Jobs claim their period in the database, so every instance may tick. Returns a stop function.
 */
export function scheduleRecurring(
  log: FastifyBaseLogger,
  name: string,
  job: () => Promise<boolean>,
  firstMs: number,
  everyMs: number,
): () => void {
  const tick = () => {
    job()
      .then((ran) => {
        if (ran) log.info(`${name}: done`);
      })
      .catch((error: unknown) => log.error({ err: error }, `${name} failed`));
  };
  const first = setTimeout(tick, firstMs);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

export const scheduleMaintenance = (database: Database, log: FastifyBaseLogger): (() => void) =>
  scheduleRecurring(log, 'maintenance (VACUUM ANALYZE)', () => runMaintenanceIfDue(database), 30_000, CHECK_EVERY_MS);
