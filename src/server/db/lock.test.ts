import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './lock.ts';

describe('data folder lock', () => {
  it('refuses a second opener while the first holds it, and frees it on release', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-lock-'));
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    release();
    const again = acquireDataDirLock(dir);
    again();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-lock-'));
    fs.writeFileSync(path.join(dir, 'zhaoyin.lock'), JSON.stringify({ pid: 2_147_483_000, host: os.hostname(), since: '2026-01-01' }));
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'zhaoyin.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
