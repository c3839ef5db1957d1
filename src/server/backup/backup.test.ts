import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verify.ts';
import { rowsOf, type Db } from '../db/client.ts';
import { loadDemo } from '../demo/load.ts';
import { projectAttachments } from '../projects/schema.ts';
import { openTestDatabase } from '../testing/harness.ts';
import { backupDatabase, BackupError, restoreDatabase } from './backup.ts';

const tableCounts = async (db: Db) => {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  ).map((r) => r.name);
  const counts: Record<string, number> = {};
  for (const name of tables)
    counts[name] = Number(rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from "${name}"`)))[0]!.n);
  return counts;
};
/** Every row of a table as PostgreSQL prints it: equal text means equal values, types included. */
const fingerprint = async (db: Db, table: string, order: string) =>
  rowsOf<{ h: string }>(
    await db.execute(
      sql.raw(`select md5(coalesce(string_agg(row_to_json(t)::text, E'\\n' order by ${order}), '')) as h from "${table}" t`),
    ),
  )[0]!.h;

describe('backup and restore: PGlite → file → PGlite, and onto PostgreSQL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-backup-'));
  const file = path.join(dir, 'zhaoyin.backup.gz');
  let source: Awaited<ReturnType<typeof openTestDatabase>>;
  let counts: Record<string, number>;
  let prints: string[];
  const printsOf = async (db: Db) => [
    await fingerprint(db, 'projects', 'id'),
    await fingerprint(db, 'audit_log', 'seq'),
    await fingerprint(db, 'users', 'id'),
    await fingerprint(db, 'project_attachments', 'id'),
  ];

  beforeAll(async () => {
    source = await openTestDatabase('pglite');
    await loadDemo(source.database.db);
    // an attachment: bytes must come back as bytes
    const [project] = rowsOf<{ id: string }>(await source.database.db.execute(sql`select id from projects limit 1`));
    const [user] = rowsOf<{ id: string }>(await source.database.db.execute(sql`select id from users limit 1`));
    await source.database.db.insert(projectAttachments).values({
      projectId: project!.id,
      filename: '现场照片.jpg',
      mimeType: 'image/jpeg',
      size: 4,
      data: Buffer.from([0xff, 0xd8, 0x00, 0x7f]),
      uploadedBy: user!.id,
    });
    counts = await tableCounts(source.database.db);
    prints = await printsOf(source.database.db);
    const header = await backupDatabase(source.database.db, file);
    expect(header.tables.find((t) => t.name === 'projects')!.rows).toBe(counts.projects);
  }, 180_000);
  afterAll(async () => {
    await source.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const targets: ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  it.each(targets)(
    'restores onto a new %s database: identical rows, a verifying audit chain, ids that continue',
    async (kind) => {
      const target = await openTestDatabase(kind);
      try {
        const result = await restoreDatabase(target.database.db, file, { force: false });
        expect(result.tables.reduce((sum, t) => sum + t.rows, 0)).toBeGreaterThan(1000);
        const restored = await tableCounts(target.database.db);
        // the restore itself is audited: one row more in the log
        expect({ ...restored, audit_log: restored.audit_log! - 1 }).toEqual(counts);
        expect((await printsOf(target.database.db)).slice(0, 1)).toEqual(prints.slice(0, 1));
        expect(await fingerprint(target.database.db, 'users', 'id')).toBe(prints[2]);
        expect(await fingerprint(target.database.db, 'project_attachments', 'id')).toBe(prints[3]);
        const report = await verifyAuditChain(target.database.db);
        expect(report.ok).toBe(true);
        // serial ids continue after the restored ones
        const [task] = rowsOf<{ id: number; max: number }>(
          await target.database.db.execute(
            sql`select nextval(pg_get_serial_sequence('report_submissions', 'id'))::int as id, (select max(id) from report_submissions)::int as max`,
          ),
        );
        expect(task!.id).toBeGreaterThan(task!.max);
        // a database holding data is not replaced without --force; with it, it is
        await expect(restoreDatabase(target.database.db, file, { force: false })).rejects.toBeInstanceOf(BackupError);
        await restoreDatabase(target.database.db, file, { force: true });
        expect((await tableCounts(target.database.db)).projects).toBe(counts.projects);
      } finally {
        await target.dispose();
      }
    },
    300_000,
  );

  it('refuses what is not a backup, and changes nothing', async () => {
    const target = await openTestDatabase('pglite');
    try {
      const bogus = path.join(dir, 'bogus.gz');
      fs.writeFileSync(bogus, 'not gzip at all');
      await expect(restoreDatabase(target.database.db, bogus, { force: false })).rejects.toThrow();
      await expect(restoreDatabase(target.database.db, path.join(dir, 'missing.gz'), { force: false })).rejects.toBeInstanceOf(BackupError);
      expect((await tableCounts(target.database.db)).users).toBe(0);
    } finally {
      await target.dispose();
    }
  });
});

describe('automatic backups (⚙ backup.everyHours, backup.keep)', () => {
  it('writes one backup per period whichever instance asks, and keeps the newest', async () => {
    const { runBackupIfDue } = await import('./schedule.ts');
    const { settings } = await import('../settings/schema.ts');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-auto-'));
    const { database, dispose } = await openTestDatabase('pglite');
    try {
      await database.db
        .insert(settings)
        .values({ key: 'backup.keep', value: sql`'2'::jsonb`, updatedBy: 'test' })
        .onConflictDoUpdate({ target: settings.key, set: { value: sql`'2'::jsonb` } });
      const day = Date.parse('2026-12-02T02:00:00Z');
      const first = await runBackupIfDue(database.db, dir, new Date(day));
      expect(first).toMatch(/zhaoyin-20261202T020000Z\.backup\.gz$/);
      expect(await runBackupIfDue(database.db, dir, new Date(day + 3_600_000))).toBeNull(); // same 24-hour period: another instance skips
      await runBackupIfDue(database.db, dir, new Date(day + 86_400_000));
      await runBackupIfDue(database.db, dir, new Date(day + 2 * 86_400_000));
      expect(fs.readdirSync(dir).sort()).toEqual(['zhaoyin-20261203T020000Z.backup.gz', 'zhaoyin-20261204T020000Z.backup.gz']);
      await database.db
        .insert(settings)
        .values({ key: 'backup.everyHours', value: sql`'0'::jsonb`, updatedBy: 'test' })
        .onConflictDoUpdate({ target: settings.key, set: { value: sql`'0'::jsonb` } });
      expect(await runBackupIfDue(database.db, dir, new Date(day + 9 * 86_400_000))).toBeNull();
    } finally {
      await dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
