import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../app.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { addUser, createTestContext, loginCookie, type TestContext } from '../testing/harness.ts';
import { auditLog } from './schema.ts';
import { verifyAuditChain } from './verify.ts';

// Two instances of the app on one PostgreSQL database, under a burst of denials and failed sign-ins: every one of them
// is audited, none is answered 409 or 5xx, and the chain stays linear.
describe.skipIf(!process.env.TEST_DATABASE_URL)('the audit log under concurrent load from two instances (PostgreSQL)', () => {
  let context: TestContext;
  let second: { database: Database; built: BuiltApp };

  beforeAll(async () => {
    context = await createTestContext('postgres');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'yz_officer', ['officer'], '321000');
    const database = await openDatabase({ databaseUrl: context.databaseUrl!, poolSize: 5 });
    second = { database, built: await buildApp({ db: database.db }) };
  });
  afterAll(async () => {
    await second.built.app.close();
    await second.database.close();
    await context.close();
  });

  it('loses no audit row of 200 concurrent denials and failed sign-ins', async () => {
    const cookie = await loginCookie(context, 'hj_officer');
    const apps = [context.built.app, second.built.app];
    const before = async (action: string, outcome: 'success' | 'failure' | 'denied') =>
      Number(
        (
          await context.database.db
            .select({ n: sql<number>`count(*)::int` })
            .from(auditLog)
            .where(and(eq(auditLog.action, action), eq(auditLog.outcome, outcome)))
        )[0]!.n,
      );
    const deniedBefore = await before('access.denied', 'denied');
    const failedBefore = await before('auth.login', 'failure');
    const requests = Array.from({ length: 200 }, (_, i) => {
      const app = apps[i % 2]!;
      if (i % 2 === 0) return app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie } }); // an officer reading the audit log: denied
      const username = i % 4 === 1 ? `nobody${i}` : 'yz_officer';
      return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: `wrong-${i}` } });
    });
    const responses = await Promise.all(requests);
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 409 || s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 403)).toHaveLength(100);
    expect(await before('access.denied', 'denied')).toBe(deniedBefore + 100);
    expect(await before('auth.login', 'failure')).toBe(failedBefore + 100);
    const report = await verifyAuditChain(context.database.db);
    expect(report).toMatchObject({ ok: true, problemCount: 0 });
  });
});
