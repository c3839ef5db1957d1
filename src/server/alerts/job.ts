import { clockNow } from '../../shared/calendar.ts';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { todayIso } from '../../shared/projects/dates.ts';
import { rowsOf, type Database, type Db } from '../db/client.ts';
import { scheduleRecurring } from '../db/maintenance.ts';
import { materializeAll } from '../reporting/tasks.ts';
import { readIntegerSetting } from '../settings/repository.ts';
import { evaluateAllAlerts } from './evaluate.ts';
import { jobRuns } from './schema.ts';

const CHECK_EVERY_MS = 60_000;

/**
 * Claims a job for a period: the first instance to insert (job, period) runs it; every other instance, now or later,
 * finds the row and skips. Periods are slots of the interval since the epoch.
 */
export async function claimJob(db: Db, job: string, period: string): Promise<boolean> {
  const claimed = await db.execute(
    sql`insert into ${jobRuns} (job, period) values (${job}, ${period}) on conflict do nothing returning job`,
  );
  return rowsOf(claimed).length > 0;
}

/** Creates the period's submissions and evaluates every alert, once per interval (⚙ alerts.evaluateMinutes) across instances. */
export async function runAlertsIfDue(db: Db, now = clockNow()): Promise<boolean> {
  const minutes = await readIntegerSetting(db, 'alerts.evaluateMinutes');
  const period = String(Math.floor(now.getTime() / (minutes * 60_000)));
  if (!(await claimJob(db, 'alerts', `${minutes}m:${period}`))) return false;
  let outcome = 'ok';
  try {
    await materializeAll(db, todayIso(now));
    await evaluateAllAlerts(db, now);
  } catch (error) {
    outcome = 'failed';
    throw error;
  } finally {
    await db.execute(
      sql`update ${jobRuns} set finished_at = now(), outcome = ${outcome} where job = 'alerts' and period = ${`${minutes}m:${period}`}`,
    );
    await db.execute(sql`delete from ${jobRuns} where started_at < now() - interval '30 days'`);
  }
  return true;
}

export const scheduleAlerts = (database: Database, log: FastifyBaseLogger): (() => void) =>
  scheduleRecurring(log, 'alerts', () => runAlertsIfDue(database.db), 20_000, CHECK_EVERY_MS);
