// Cold start: from spawning `tsx src/server/main.ts` on an empty data folder to "listening", with migrations and demo data.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

async function once(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('no "listening" within 120 s'));
    }, 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is listening')) {
        const elapsed = performance.now() - started;
        clearTimeout(timer);
        child.once('exit', () => resolve(elapsed));
        child.kill('SIGTERM');
      }
    });
    child.once('error', reject);
  });
}

export async function coldStart(runs = 3): Promise<{ label: string; values: number[] }[]> {
  const results: { label: string; values: number[] }[] = [];
  const empty: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-bench-'));
    const port = String(39_000 + i);
    empty.push(await once({ DATA_DIR: dataDir, PORT: port, DATABASE_URL: '' }));
    warm.push(await once({ DATA_DIR: dataDir, PORT: port, DATABASE_URL: '' }));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  results.push({ label: 'cold start, empty data folder (PGlite: migrate + demo data) → listening', values: empty });
  results.push({ label: 'restart on an existing data folder (PGlite) → listening', values: warm });
  return results;
}
