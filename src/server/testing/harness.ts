import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { settings } from '../settings/schema.ts';
import type { RoleKey } from '../../shared/roles.ts';
import { buildApp, type BuiltApp } from '../app.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrateDatabase } from '../db/setup.ts';
import { insertUser } from '../users/commands.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Clock } from '../../shared/calendar.ts';

/** Integration tests run on PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set. */
export const BACKENDS: ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestContext {
  database: Database;
  built: BuiltApp;
  /** the PostgreSQL test database (absent on PGlite), so a second instance can open its own pool */
  databaseUrl?: string;
  close(): Promise<void>;
}

/** A fresh, migrated database: in-memory PGlite, or a new throw-away database on the PostgreSQL server. */
export async function openTestDatabase(
  backend: 'pglite' | 'postgres',
): Promise<{ database: Database; dispose: () => Promise<void>; url?: string }> {
  if (backend === 'pglite') {
    const database = await openDatabase({});
    await migrateDatabase(database.db);
    return { database, dispose: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `zhaoyin_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await migrateDatabase(database.db);
  return {
    database,
    url: url.toString(),
    dispose: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * A fresh database and app. Administrators are not asked for an authenticator unless `strictSecurity` (as the demo has
 * it): most tests act as administrators and are about something else; the sign-in tests take the production default.
 */
export async function createTestContext(
  backend: 'pglite' | 'postgres',
  options: { strictSecurity?: boolean; clock?: Clock; cookieSecure?: boolean } = {},
): Promise<TestContext> {
  const { database, dispose, url } = await openTestDatabase(backend);
  if (!options.strictSecurity)
    await database.db
      .insert(settings)
      .values({ key: 'security.totpAdmins', value: sql`'"optional"'::jsonb`, updatedBy: 'test' })
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`'"optional"'::jsonb` } });
  const built = await buildApp({
    db: database.db,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.cookieSecure ? { cookieSecure: true } : {}),
  });
  return {
    database,
    built,
    ...(url ? { databaseUrl: url } : {}),
    close: async () => {
      await built.app.close();
      await dispose();
    },
  };
}

export const TEST_PASSWORD = 'Test1234pass';
let passwordHash: Promise<string> | undefined;

/** Adds a user directly (as the CLI would), for tests that need accounts. */
export async function addUser(
  database: Database,
  username: string,
  roles: RoleKey[],
  unitCode: string,
  extra: { departmentId?: string } = {},
): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await insertUser(
    database.db,
    { userId: null, username: 'test', unitCode: null },
    { ip: null, lang: 'zh' },
    { username, displayName: username, password: TEST_PASSWORD, unitCode, roles, departmentId: extra.departmentId ?? null },
    await passwordHash,
  );
  return user.id;
}

/** Signs in through the API and returns the cookie header to send with later requests. */
export async function loginCookie(context: TestContext, username: string, password = TEST_PASSWORD): Promise<string> {
  const response = await context.built.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'zhaoyin_session');
  if (!cookie) throw new Error('no session cookie');
  return `zhaoyin_session=${cookie.value}`;
}

export type Injector = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; json: () => unknown; body: string }>;

export function as(context: TestContext, cookie: string | null): Injector {
  return async (method, url, payload, headers = {}) => {
    const response = await context.built.app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, json: () => response.json(), body: response.body };
  };
}

/** A multipart/form-data body with one file in the field `file`, for upload endpoints. */
export function multipart(buffer: Buffer, filename = 'upload.xlsx', contentType = 'application/octet-stream') {
  const boundary = '----zhaoyin' + Math.random().toString(16).slice(2);
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      buffer,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
