import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, as, BACKENDS, createTestContext, loginCookie, TEST_PASSWORD, type TestContext } from '../testing/harness.ts';
import { loginThrottle, sessions } from './schema.ts';
import { users } from '../users/schema.ts';
import { auditLog } from '../audit/schema.ts';

describe.each(BACKENDS)('sign-in and sessions on %s', (backend) => {
  let context: TestContext;
  const login = (username: string, password: string, lang = 'zh') =>
    context.built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      headers: { 'accept-language': lang },
    });

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'officer1', ['officer'], '321003');
    await addUser(context.database, 'locker', ['officer'], '321003');
    await addUser(context.database, 'admin1', ['sysadmin'], '321000');
    await addUser(context.database, 'secadmin1', ['secadmin'], '321000');
  });
  afterAll(() => context.close());

  it('answers GET /me with 401 when nobody is signed in', async () => {
    expect((await as(context, null)('GET', '/api/v1/me')).status).toBe(401);
  });

  it('signs in with a session cookie that is httpOnly and SameSite', async () => {
    const response = await login('OFFICER1', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'zhaoyin_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = (await as(context, `zhaoyin_session=${cookie.value}`)('GET', '/api/v1/me')).json() as {
      user: { username: string };
      unit: { code: string };
    };
    expect(me.user.username).toBe('officer1');
    expect(me.unit.code).toBe('321003');
  });

  it('gives an unknown user and a wrong password the same answer, in the user’s language', async () => {
    const unknown = await login('nobody', 'whatever1');
    const wrong = await login('officer1', 'wrong-password1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error.message).toBe('用户名或密码错误');
    expect((await login('officer1', 'wrong-password1', 'en-US')).json().error.message).toBe('Wrong username or password');
  });

  it('locks the account out of an address after 5 failures there (429), never the real user elsewhere', async () => {
    const from = (ip: string, username: string, password: string) =>
      context.built.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });
    for (let i = 0; i < 5; i++) expect((await from('10.9.0.7', 'locker', 'bad-password1')).statusCode).toBe(401);
    const locked = await from('10.9.0.7', 'locker', TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/已锁定.*15 分钟/);
    const [row] = await context.database.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'account:locker|10.9.0.7'));
    const minutes = (row!.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    // the user at their own desk signs in all the same
    expect((await from('10.9.0.8', 'locker', TEST_PASSWORD)).statusCode).toBe(200);
    // the lock passes; a second one from the same address lasts twice as long
    await context.database.db
      .update(loginThrottle)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(loginThrottle.key, 'account:locker|10.9.0.7'));
    for (let i = 0; i < 5; i++) expect((await from('10.9.0.7', 'locker', 'bad-password1')).statusCode).toBe(401);
    expect((await from('10.9.0.7', 'locker', TEST_PASSWORD)).json().error.message).toMatch(/30 分钟/);
    // the security administrator lifts it
    const secadmin = as(context, await loginCookie(context, 'secadmin1'));
    const [locker] = await context.database.db.select().from(users).where(eq(users.username, 'locker'));
    expect((await secadmin('POST', `/api/v1/users/${locker!.id}/unlock`)).status).toBe(200);
    expect((await from('10.9.0.7', 'locker', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers more than 20 failed sign-ins a minute from one address with 429, whatever the usernames', async () => {
    const from = (username: string, password: string) =>
      context.built.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: '10.9.1.1' });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await from(`guess${i}`, 'bad-password1')).statusCode);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const throttled = await from('officer1', TEST_PASSWORD);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error.code).toBe('LOGIN_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // and a concurrent burst cannot slip past the cap
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        context.built.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: `burst${i}`, password: 'bad-password1' },
          remoteAddress: '10.9.1.2',
        }),
      ),
    );
    expect(burst.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(20);
    expect(burst.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(10);
  });

  it('audits successful and failed sign-ins', async () => {
    const rows = await context.database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'));
    expect(rows.some((r) => r.username === 'officer1' && r.outcome === 'success')).toBe(true);
    expect(rows.some((r) => r.username === 'nobody' && r.outcome === 'failure' && r.detail === 'unknown_user')).toBe(true);
    expect(rows.some((r) => r.username === 'locker' && r.detail?.includes('locked'))).toBe(true);
  });

  it('ends the session after 30 idle minutes and after 12 hours whatever the activity', async () => {
    const cookie = await loginCookie(context, 'officer1');
    const me = as(context, cookie);
    expect((await me('GET', '/api/v1/me')).status).toBe(200);
    const id = (await context.database.db.select().from(sessions)).map((s) => s.id);
    await context.database.db.update(sessions).set({ lastSeenAt: sql`now() - interval '31 minutes'` });
    const idle = await me('GET', '/api/v1/me');
    expect(idle.status).toBe(401);
    expect((idle.json() as { error: { code: string } }).error.code).toBe('SESSION_EXPIRED');
    expect(id.length).toBeGreaterThan(0);

    const second = as(context, await loginCookie(context, 'officer1'));
    await context.database.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` });
    expect((await second('GET', '/api/v1/me')).status).toBe(401);
  });

  it('ends the session at logout', async () => {
    const me = as(context, await loginCookie(context, 'officer1'));
    expect((await me('POST', '/api/v1/auth/logout', {})).status).toBe(200);
    expect((await me('GET', '/api/v1/me')).status).toBe(401);
  });

  it('ends every session of a user the moment the user is disabled', async () => {
    const officer = as(context, await loginCookie(context, 'officer1'));
    const admin = as(context, await loginCookie(context, 'admin1'));
    const list = (await admin('GET', '/api/v1/users?q=officer1')).json() as { items: { id: string }[] };
    expect((await admin('POST', `/api/v1/users/${list.items[0]!.id}/disable`, {})).status).toBe(200);
    expect((await officer('GET', '/api/v1/me')).status).toBe(401);
    expect((await login('officer1', TEST_PASSWORD)).statusCode).toBe(401);
    await admin('POST', `/api/v1/users/${list.items[0]!.id}/enable`, {});
    expect((await login('officer1', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('lets a user change their own password, ending their other sessions', async () => {
    const first = as(context, await loginCookie(context, 'admin1'));
    const second = as(context, await loginCookie(context, 'admin1'));
    expect((await first('POST', '/api/v1/me/password', { currentPassword: 'nope', newPassword: 'Another#2026w' })).status).toBe(400);
    const weak = await first('POST', '/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect((weak.json() as { error: { message: string } }).error.message).toContain('至少 8 位');
    expect((await first('POST', '/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'Another#2026w' })).status).toBe(200);
    expect((await first('GET', '/api/v1/me')).status).toBe(200);
    expect((await second('GET', '/api/v1/me')).status).toBe(401);
    expect((await login('admin1', 'Another#2026w')).statusCode).toBe(200);
  });

  it('rejects malformed input with a clear 400, never a 500', async () => {
    const bad = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION');
    const missing = await context.built.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/输入有误/);
  });
});
