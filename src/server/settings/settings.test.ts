import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMaintenanceIfDue } from '../db/maintenance.ts';
import { sessions } from '../auth/schema.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type TestContext } from '../testing/harness.ts';

describe.each(BACKENDS)('settings on %s', (backend) => {
  let context: TestContext;
  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'sys', ['sysadmin'], '320000');
    await addUser(context.database, 'sec', ['secadmin'], '320000');
    await addUser(context.database, 'officer', ['officer'], '321003');
  });
  afterAll(() => context.close());

  it('is closed to anonymous callers and business roles', async () => {
    expect((await as(context, null)('GET', '/api/v1/settings')).status).toBe(401);
    expect((await as(context, await loginCookie(context, 'officer'))('GET', '/api/v1/settings')).status).toBe(403);
  });

  it('ships the defaults (30 min idle, 12 h, 5 failures, 15 min lock)', async () => {
    const list = (await as(context, await loginCookie(context, 'sys'))('GET', '/api/v1/settings')).json() as {
      items: { key: string; value: number }[];
    };
    const value = (key: string) => list.items.find((item) => item.key === key)?.value;
    expect([value('session.idleMinutes'), value('session.absoluteHours'), value('login.maxFailures'), value('login.lockMinutes')]).toEqual([
      30, 12, 5, 15,
    ]);
  });

  it('lets only the security administrator change security settings, within range', async () => {
    const sys = as(context, await loginCookie(context, 'sys'));
    const sec = as(context, await loginCookie(context, 'sec'));
    expect((await sys('PUT', '/api/v1/settings/session.idleMinutes', { value: 10 })).status).toBe(403);
    expect((await sec('PUT', '/api/v1/settings/session.idleMinutes', { value: 1 })).status).toBe(400);
    expect((await sec('PUT', '/api/v1/settings/system.title', { value: 'X' })).status).toBe(403);
    expect((await sys('PUT', '/api/v1/settings/system.title', { value: '扬州市招商引资平台' })).status).toBe(200);
    expect((await sec('PUT', '/api/v1/settings/nope', { value: 1 })).status).toBe(404);
    expect((await sec('PUT', '/api/v1/settings/session.idleMinutes', { value: 10 })).status).toBe(200);
    // the new idle timeout applies at once: a session idle for 11 minutes has ended
    const officer = as(context, await loginCookie(context, 'officer'));
    await context.database.db.update(sessions).set({ lastSeenAt: sql`now() - interval '11 minutes'` });
    expect((await officer('GET', '/api/v1/me')).status).toBe(401);
  });

  it('runs VACUUM ANALYZE once per period, whichever instance asks first', async () => {
    expect(await runMaintenanceIfDue(context.database)).toBe(true);
    expect(await runMaintenanceIfDue(context.database)).toBe(false);
    expect(await runMaintenanceIfDue(context.database, new Date(Date.now() + 25 * 3_600_000))).toBe(true);
  });
});
