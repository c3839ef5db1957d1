import { DEFAULT_TIME_ZONE } from '../shared/calendar.ts';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  logLevel: string;
  cookieSecure: boolean;
  trustProxy: boolean;
  allowedOrigins: string[];
  rateLimitPerMinute: number;
  backupDir: string;
  webDir: string;
  timeZone: string;
  responseCheckEvery: number;
}

/** Everything configurable comes from the environment; see README "Configuration". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    // the demo (254 accounts with one published password) loads on the embedded default; on a PostgreSQL server only when asked
    demo: env.DATABASE_URL ? (env.DEMO ?? '').toLowerCase() === 'true' : (env.DEMO ?? 'true').toLowerCase() !== 'false',
    logLevel: env.LOG_LEVEL ?? 'info',
    cookieSecure: (env.COOKIE_SECURE ?? 'false').toLowerCase() === 'true',
    trustProxy: (env.TRUST_PROXY ?? 'false').toLowerCase() === 'true',
    rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? 1200),
    // automatic backups (⚙ backup.everyHours): next to the embedded database, or ./backups beside a server's
    backupDir: path.resolve(env.BACKUP_DIR ?? (env.DATABASE_URL ? './backups' : path.join(env.DATA_DIR ?? './data', '..', 'backups'))),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    webDir: path.resolve(env.WEB_DIR ?? './dist/web'),
    timeZone: env.TIME_ZONE || DEFAULT_TIME_ZONE,
    responseCheckEvery: Math.max(1, Number(env.RESPONSE_CHECK_EVERY ?? 100) || 100),
  };
}
