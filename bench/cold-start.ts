// Start-up as a user sees it: from typing `npm start` to the first answer of the HTTP API (`/api/health`), on an empty
// data folder (PGlite: migrations and demo data) and again on the folder it left (a restart). The web and server
// builds are up to date, as they are on every start after the first.
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

async function firstAnswer(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  // the server's own lines, told if it exits before answering
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${env.PORT}/api/health`;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
      const up = await fetch(url).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return performance.now() - started;
      if (performance.now() - started > 120_000) throw new Error('no answer within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM'); // npm and the server it started
      await exited;
    }
    await new Promise((resolve) => setTimeout(resolve, 300)); // the server releases the data folder's lock
  }
}

export async function coldStart(runs = 3): Promise<{ label: string; values: number[] }[]> {
  execSync('node scripts/ensure-web-build.mjs', { stdio: 'inherit' });
  const empty: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-bench-'));
    // below the ephemeral range (32768–60999), where a port may be the source of an outgoing connection
    const env = { DATA_DIR: dataDir, PORT: String(24_000 + i), DATABASE_URL: '', HOST: '127.0.0.1' };
    empty.push(await firstAnswer(env));
    warm.push(await firstAnswer(env));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return [
    { label: '`npm start` on an empty data folder (PGlite: migrate + demo data) → first answer', values: empty },
    { label: '`npm start` on an existing data folder (PGlite) → first answer', values: warm },
  ];
}
