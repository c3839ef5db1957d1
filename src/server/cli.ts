import { systemClock, installClock } from '../shared/calendar.ts';
import { parseArgs } from 'node:util';
import { ROLE_KEYS, type RoleKey } from '../shared/roles.ts';
import { errorMessage } from '../shared/errors.ts';
import { loadConfig } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { DataDirLockedError } from './db/lock.ts';
import { migrateDatabase } from './db/setup.ts';
import { loadDemo, type DemoSize } from './demo/load.ts';
import { verifyAuditChain } from './audit/verify.ts';
import { backupDatabase, BackupError, restoreDatabase } from './backup/backup.ts';
import { AppError } from './http/errors.ts';
import { findUnit } from './units/repository.ts';
import { assertValidRoles, insertUser } from './users/commands.ts';
import { assertPasswordPolicy, operateOnUser } from './users/commands.ts';

const USAGE = `用法 Usage: npx zhaoyin <command> [options]
  migrate                                      apply migrations and load reference data (GB/T 2260 units, default settings)
  user:create --username U --password P --role ROLE[,ROLE] --unit UNITCODE [--name 姓名]
  user:reset-password --username U --password P a temporary password (changed at the next sign-in), also for administrators
  user:set-active --username U --active true|false   enable or disable an account, also an administrator's
  user:reset-totp --username U                 clear a lost authenticator (set up again at the next sign-in)
  demo:load [--size small|province]            load the demo dataset (once)
  audit:verify                                 check the audit log's hash chain; lists every altered or removed row and exits 1
  backup --out FILE                            write the whole database to FILE (gzip'd NDJSON, portable PGlite ↔ PostgreSQL)
  restore FILE [--force]                       replace this database with a backup, checked (row counts, audit chain) before it commits;
                                               refuses a database that holds data unless --force
Uses DATABASE_URL, or the embedded database in DATA_DIR (default ./data; stop the server first).`;

async function withDatabase<T>(run: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  installClock(systemClock, config.timeZone);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrateDatabase(database.db);
    return await run(database);
  } finally {
    await database.close();
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      size: { type: 'string' },
      active: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  switch (command) {
    case 'migrate':
      return withDatabase(async () => {
        console.log('migrations and reference data: up to date');
        return 0;
      });
    case 'user:create': {
      const { username, password, role, unit } = values;
      if (!username || !password || !role || !unit) {
        console.error(USAGE);
        return 64;
      }
      const roles = role.split(',').map((r) => r.trim()) as RoleKey[];
      if (!roles.every((r) => (ROLE_KEYS as readonly string[]).includes(r))) {
        console.error(`未知角色 Unknown role: ${role}. Roles: ${ROLE_KEYS.join(', ')}`);
        return 64;
      }
      return withDatabase(async ({ db }) => {
        assertValidRoles(roles, 'zh');
        await assertPasswordPolicy(db, password, username, 'zh');
        const target = await findUnit(db, unit);
        if (!target) throw new AppError('VALIDATION', { detail: `单位编码 ${unit} 不存在 (unknown unit code)` });
        const created = await db.transaction((tx) =>
          insertUser(
            tx,
            { userId: null, username: 'cli', unitCode: null },
            { ip: null, lang: 'zh' },
            { username, displayName: values.name ?? username, password, unitCode: target.code, roles },
          ),
        );
        console.log(`created user ${created.username} (${roles.join(',')}) in ${target.name} ${target.code}`);
        return 0;
      });
    }
    // The server operator's hand on accounts the application will not touch (三员分立: administrator accounts), and on
    // any account: a temporary password (to be changed at sign-in), disabling or enabling, clearing a lost authenticator.
    case 'user:reset-password':
    case 'user:set-active':
    case 'user:reset-totp': {
      const { username } = values;
      if (
        !username ||
        (command === 'user:reset-password' && !values.password) ||
        (command === 'user:set-active' && values.active !== 'true' && values.active !== 'false')
      ) {
        console.error(USAGE);
        return 64;
      }
      return withDatabase(async ({ db }) => {
        const result = await operateOnUser(db, command, username.trim().toLowerCase(), {
          password: values.password,
          active: values.active === 'true',
        });
        console.log(result);
        return 0;
      });
    }
    case 'demo:load': {
      const size = (values.size ?? 'small') as DemoSize;
      if (size !== 'small' && size !== 'province') {
        console.error('--size must be small or province');
        return 64;
      }
      return withDatabase(async ({ db }) => {
        const result = await loadDemo(db, { size });
        console.log(
          result.loaded || result.projects > 0
            ? `demo data loaded: ${result.accounts.length} users, ${result.projects} projects`
            : 'demo data already present: nothing added',
        );
        return 0;
      });
    }
    case 'audit:verify':
      return withDatabase(async ({ db }) => {
        const report = await verifyAuditChain(db);
        if (report.ok) {
          console.log(`audit log intact: ${report.checked} rows checked`);
          return 0;
        }
        const what = {
          altered: 'was altered (hash mismatch)',
          removed_before: 'follows a removed row (sequence gap)',
          relinked: 'does not link to the row before it',
          tail_removed: 'is missing: the last rows were removed',
        };
        for (const problem of report.problems) console.error(`AUDIT LOG BROKEN at seq ${problem.seq}: row ${what[problem.kind]}.`);
        if (report.problemCount > report.problems.length) console.error(`… and ${report.problemCount - report.problems.length} more.`);
        console.error(`${report.problemCount} problem(s); ${report.checked} rows checked.`);
        return 1;
      });
    case 'backup': {
      if (!values.out) {
        console.error('backup --out FILE');
        return 64;
      }
      const out = values.out;
      return withDatabase(async ({ db }) => {
        const started = performance.now();
        const header = await backupDatabase(db, out);
        const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
        console.log(
          `backup written to ${out}: ${header.tables.length} tables, ${rows} rows, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
        return 0;
      });
    }
    case 'restore': {
      const file = positionals[0];
      if (!file) {
        console.error('restore FILE [--force]');
        return 64;
      }
      return withDatabase(async ({ db }) => {
        const started = performance.now();
        try {
          const result = await restoreDatabase(db, file, { force: values.force ?? false });
          const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
          console.log(
            `restored ${rows} rows in ${result.tables.length} tables from ${file}; row counts match, audit log intact (${result.auditRows} rows), in ${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
          return 0;
        } catch (error) {
          if (!(error instanceof BackupError)) throw error;
          console.error(`restore refused: ${error.message}; nothing was changed`);
          return 1;
        }
      });
    }
    default:
      console.error(USAGE);
      return command ? 64 : 0;
  }
}

runCli(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof DataDirLockedError) console.error(error.message);
    else if (error instanceof AppError) console.error(errorMessage(error.code, 'zh', error.params));
    else console.error(error);
    process.exit(1);
  });
