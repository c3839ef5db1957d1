import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: string,
  ) {
    super(
      `数据目录 ${dataDir} 正被另一个进程使用（${holder}）。嵌入式数据库不能被两个进程同时打开，否则会丢失写入。请先停止那个进程，或设置 DATABASE_URL 使用 PostgreSQL 服务器运行多个实例。\n` +
        `The data folder ${dataDir} is in use by another process (${holder}). The embedded database cannot be shared by two processes without losing writes: stop that process first, or set DATABASE_URL to run several instances on a PostgreSQL server.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock between processes. Take an exclusive lock file in the data folder;
 * a lock left by a dead process on this host is taken over, any other is refused.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'zhaoyin.lock');
  const content = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, content, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid?: number };
          if (current.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; host?: string; since?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as typeof holder;
      } catch {
        // unreadable lock: treat as stale
      }
      const sameHost = holder.host === undefined || holder.host === os.hostname();
      const stale = sameHost && (holder.pid === undefined || (holder.pid !== process.pid && !processAlive(holder.pid)));
      if (!stale) throw new DataDirLockedError(dataDir, `pid ${holder.pid ?? '?'} @ ${holder.host ?? '?'}, since ${holder.since ?? '?'}`);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, 'unknown');
}
