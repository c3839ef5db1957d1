import { isTimeZone, systemClock, installClock } from '../shared/calendar.ts';
import pino from 'pino';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { DataDirLockedError } from './db/lock.ts';
import { scheduleMaintenance } from './db/maintenance.ts';
import { scheduleAlerts } from './alerts/job.ts';
import { scheduleBackups } from './backup/schedule.ts';
import { migrateDatabase } from './db/setup.ts';
import { DEMO_PASSWORD } from './demo/fixtures.ts';
import { headlineAccounts, loadDemo } from './demo/load.ts';

const startedAt = Date.now();
const config = loadConfig();
// Written asynchronously, a request never waiting for the terminal or the log collector; lines are gathered up to
// 4 KB (about 20 requests) and written together, at the latest a second later: a write per line cost each request a
// wake-up of the thread pool. Whatever is held is written out when the process ends.
const logDestination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
const log = pino({ level: config.logLevel }, logDestination);
setInterval(() => logDestination.flush(), 1000).unref();
process.on('exit', () => {
  try {
    logDestination.flushSync();
  } catch {
    // a write already under way: it completes on its own
  }
});

async function main(): Promise<void> {
  if (!isTimeZone(config.timeZone)) throw new Error(`TIME_ZONE=${config.timeZone} is not a time zone (e.g. Asia/Shanghai)`);
  installClock(systemClock, config.timeZone);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { applied } = await migrateDatabase(database.db);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  let demoAccounts = false;
  if (config.demo) {
    const result = await loadDemo(database.db);
    if (result.loaded) log.info({ users: result.accounts.length, projects: result.projects }, 'demo data loaded');
    demoAccounts = true;
  }
  const { app } = await buildApp({
    db: database.db,
    logger: log,
    cookieSecure: config.cookieSecure,
    trustProxy: config.trustProxy,
    allowedOrigins: config.allowedOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    responseCheckEvery: config.responseCheckEvery,
    webDir: config.webDir,
  });
  const stopMaintenance = scheduleMaintenance(database, log);
  const stopAlerts = scheduleAlerts(database, log);
  const stopBackups = scheduleBackups(database.db, config.backupDir, log);
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  招引 Zhaoyin is listening on ${url}   (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
    `  Database: ${database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
    `  API docs: ${url}/api/docs`,
  ];
  if (demoAccounts) {
    lines.push('', `  Demo accounts (password for all: ${DEMO_PASSWORD}):`);
    for (const account of headlineAccounts()) lines.push(`    ${account.username.padEnd(18)} ${account.role.padEnd(22)} ${account.unit}`);
    lines.push('    … and <city>_officer / _leader / _reviewer for nj wx xz cz sz nt lyg ha yc yz zj tz sq');
  } else {
    lines.push(
      '',
      config.databaseUrl
        ? '  No demo data (a PostgreSQL server; DEMO=true would load it). Create the first administrator with:'
        : '  No demo data (DEMO=false). Create the first administrator with:',
      '    npx zhaoyin user:create --username admin --password <password> --role sysadmin --unit 320000',
    );
  }
  console.log(lines.join('\n') + '\n');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    stopMaintenance();
    stopAlerts();
    stopBackups();
    await app.close();
    await database.close();
    log.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    console.error(`\n${error.message}\n`);
    process.exit(2);
  }
  log.fatal({ err: error }, 'start failed');
  log.flush();
  process.exit(1);
});
