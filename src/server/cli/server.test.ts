import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  // `npm start`'s entry: the server bundled ahead of time (built here when out of date), as users run it
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the server process on an embedded data folder', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-server-'));
  const port = String(40_000 + Math.floor(Math.random() * 10_000));
  const first = startServer({ DATA_DIR: dataDir, PORT: port, DEMO: 'false', DATABASE_URL: '' });
  afterAll(async () => {
    first.child.kill('SIGTERM');
    await first.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('with DEMO=false starts with no demo data and says how to create the first administrator', async () => {
    await waitFor(() => first.output().includes('is listening'), 60_000);
    expect(first.output()).toContain('No demo data (DEMO=false)');
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Zhaoyin@2026' }),
    });
    expect(login.status).toBe(401);
  }, 90_000);

  it('refuses a second process on the same data folder with a clear message', async () => {
    const second = startServer({ DATA_DIR: dataDir, PORT: String(Number(port) + 1), DATABASE_URL: '' });
    const code = await second.exited;
    expect(code).toBe(2);
    expect(second.output()).toContain('正被另一个进程使用');
    expect(second.output()).toContain('is in use by another process');
    // the first one still serves
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  }, 90_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('the server process on PostgreSQL', () => {
  it('loads no demo data when DATABASE_URL is set and DEMO is not', async () => {
    const { openTestDatabase } = await import('../testing/harness.ts');
    const { dispose, url } = await openTestDatabase('postgres');
    const port = String(50_000 + Math.floor(Math.random() * 10_000));
    const server = startServer({ DATABASE_URL: url!, PORT: port, DEMO: '' });
    try {
      await waitFor(() => server.output().includes('is listening'), 60_000);
      expect(server.output()).toContain('No demo data');
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Zhaoyin@2026' }),
      });
      expect(login.status).toBe(401);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await dispose();
    }
  }, 90_000);
});
