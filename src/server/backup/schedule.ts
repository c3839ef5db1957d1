import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { clockNow } from '../../shared/calendar.ts';
import { claimJob } from '../alerts/job.ts';
import type { Db } from '../db/client.ts';
import { scheduleRecurring } from '../db/maintenance.ts';
import { readSettings } from '../settings/repository.ts';
import { backupDatabase } from './backup.ts';

// Automatic backups (⚙ backup.everyHours, backup.keep) into BACKUP_DIR: one instance per period writes one (the
// period is claimed in the database), and the oldest beyond the number kept are removed. The file name sorts by time.

const PREFIX = 'zhaoyin-';
const SUFFIX = '.backup.gz';

export function backupFileName(at: Date): string {
  return `${PREFIX}${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}${SUFFIX}`;
}

/** Writes the period's backup if no instance has yet; returns its path, or null when not due. */
export async function runBackupIfDue(db: Db, dir: string, now = clockNow()): Promise<string | null> {
  const values = await readSettings(db, ['backup.everyHours', 'backup.keep']);
  const hours = Number(values['backup.everyHours']);
  if (hours <= 0) return null;
  const period = String(Math.floor(now.getTime() / (hours * 3_600_000)));
  if (!(await claimJob(db, 'backup', `${hours}h:${period}`))) return null;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, backupFileName(now));
  await backupDatabase(db, file);
  pruneBackups(dir, Number(values['backup.keep']));
  return file;
}

/** Removes the oldest automatic backups beyond `keep` (files this schedule wrote; nothing else in the folder). */
export function pruneBackups(dir: string, keep: number): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(PREFIX) && name.endsWith(SUFFIX))
    .sort();
  const removed = files.slice(0, Math.max(0, files.length - keep));
  for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
  return removed;
}

export const scheduleBackups = (db: Db, dir: string, log: FastifyBaseLogger): (() => void) =>
  scheduleRecurring(log, `backup to ${dir}`, async () => (await runBackupIfDue(db, dir)) !== null, 60_000, 10 * 60_000);
