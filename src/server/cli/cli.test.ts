import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../db/lock.ts';
import { openTestDatabase } from '../testing/harness.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../bin/zhaoyin.mjs');

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('CLI on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-cli-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, creates the first administrator, refuses a duplicate and a bad role set', async () => {
    expect((await cli(['migrate'], env)).code).toBe(0);
    const created = await cli(
      ['user:create', '--username', 'admin', '--password', 'Adm1n-Key-2026', '--role', 'sysadmin', '--unit', '320000'],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('created user admin');
    const duplicate = await cli(
      ['user:create', '--username', 'admin', '--password', 'Adm1n-Key-2026', '--role', 'sysadmin', '--unit', '320000'],
      env,
    );
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toContain('已存在');
    const mixed = await cli(
      ['user:create', '--username', 'mixed', '--password', 'Adm1n-Key-2026', '--role', 'auditor,officer', '--unit', '320000'],
      env,
    );
    expect(mixed.code).not.toBe(0);
    expect(mixed.stderr).toContain('三员分立');
    const unknownUnit = await cli(
      ['user:create', '--username', 'nowhere', '--password', 'Adm1n-Key-2026', '--role', 'officer', '--unit', '999999'],
      env,
    );
    expect(unknownUnit.code).not.toBe(0);
  }, 120_000);

  it('lets the server operator reset an administrator, disable and enable one, and clear an authenticator (the application will not)', async () => {
    const weak = await cli(['user:reset-password', '--username', 'admin', '--password', 'password1'], env);
    expect(weak.code).not.toBe(0);
    const reset = await cli(['user:reset-password', '--username', 'admin', '--password', 'Temp#2026pass'], env);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toContain('must be changed');
    expect((await cli(['user:set-active', '--username', 'admin', '--active', 'false'], env)).stdout).toContain('disabled');
    expect((await cli(['user:set-active', '--username', 'admin', '--active', 'true'], env)).stdout).toContain('enabled');
    expect((await cli(['user:reset-totp', '--username', 'admin'], env)).stdout).toContain('cleared');
    expect((await cli(['user:reset-totp', '--username', 'nobody-here'], env)).code).not.toBe(0);
  }, 120_000);

  it('refuses to open a data folder another process holds', async () => {
    const release = acquireDataDirLock(dataDir);
    try {
      const refused = await cli(['audit:verify'], env);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('正被另一个进程使用');
    } finally {
      release();
    }
    const verified = await cli(['audit:verify'], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('audit log intact');
  }, 60_000);

  it('loads the demo data once', async () => {
    const first = await cli(['demo:load'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/demo data loaded: \d+ users/);
    expect((await cli(['demo:load'], env)).stdout).toContain('already present');
  }, 60_000);

  it('backs up the embedded database and restores it into another data folder (and onto PostgreSQL, the move to a server)', async () => {
    const file = path.join(dataDir, '..', `${path.basename(dataDir)}.backup.gz`);
    const backup = await cli(['backup', '--out', file], env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/backup written to .*: \d+ tables, \d+ rows/);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-restore-'));
    try {
      const restored = await cli(['restore', file], { DATA_DIR: other, DATABASE_URL: '' });
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/row counts match, audit log intact/);
      // a folder holding data is not replaced unless asked
      const again = await cli(['restore', file], { DATA_DIR: other, DATABASE_URL: '' });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('--force');
      expect((await cli(['restore', file, '--force'], { DATA_DIR: other, DATABASE_URL: '' })).code).toBe(0);
      if (process.env.TEST_DATABASE_URL) {
        const { url, dispose } = await openTestDatabase('postgres');
        try {
          const onServer = await cli(['restore', file], { DATABASE_URL: url! });
          expect(onServer.code, onServer.stderr).toBe(0);
          expect((await cli(['audit:verify'], { DATABASE_URL: url! })).code).toBe(0);
        } finally {
          await dispose();
        }
      }
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
      fs.rmSync(file, { force: true });
    }
  }, 240_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('CLI on PostgreSQL', () => {
  it('audit:verify exits non-zero when a row was changed directly in the database', async () => {
    const { database, dispose } = await openTestDatabase('postgres');
    try {
      const url = (database.db as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString;
      const env = { DATABASE_URL: url };
      expect(
        (await cli(['user:create', '--username', 'first', '--password', 'Adm1n-Key-2026', '--role', 'sysadmin', '--unit', '320000'], env))
          .code,
      ).toBe(0);
      expect(
        (await cli(['user:create', '--username', 'second', '--password', 'Adm1n-Key-2026', '--role', 'auditor', '--unit', '320000'], env))
          .code,
      ).toBe(0);
      expect((await cli(['audit:verify'], env)).code).toBe(0);
      await database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
      await database.db.execute(sql`update audit_log set username = 'someone-else' where seq = 1`);
      const broken = await cli(['audit:verify'], env);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('AUDIT LOG BROKEN at seq 1');
    } finally {
      await dispose();
    }
  }, 120_000);
});
