import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/fixtures.ts';
import { addUser, as, BACKENDS, createTestContext, TEST_PASSWORD, type Injector, type TestContext } from '../testing/harness.ts';
import { users } from '../users/schema.ts';
import { codeFor } from './totp.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { challenge?: string } };
}

describe.each(BACKENDS)('sign-in hardening and 三员分立 on %s (the production defaults)', (backend) => {
  let context: TestContext;
  let ids: Record<string, string>;
  const login = (username: string, password: string, extra: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    context.built.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...extra }, remoteAddress });
  const cookieOf = (response: { cookies: { name: string; value: string }[] }) =>
    `zhaoyin_session=${response.cookies.find((c) => c.name === 'zhaoyin_session')!.value}`;

  beforeAll(async () => {
    context = await createTestContext(backend, { strictSecurity: true });
    ids = {
      sysadmin: await addUser(context.database, 'yz_admin', ['sysadmin'], '321000'),
      secadmin: await addUser(context.database, 'yz_secadmin', ['secadmin'], '321000'),
      auditor: await addUser(context.database, 'yz_auditor', ['auditor'], '321000'),
      officer: await addUser(context.database, 'yz_officer', ['officer'], '321000'),
      reviewer: await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000'),
      otherSysadmin: await addUser(context.database, 'yz_admin2', ['sysadmin'], '321000'),
    };
  });
  afterAll(() => context.close());

  const sessions = new Map<string, Injector>();
  /** An administrator's session, with an authenticator (set up on the way when missing); signed in once per test file. */
  async function adminSession(username: string): Promise<Injector> {
    const known = sessions.get(username);
    if (known) return known;
    const session = await signInAdmin(username);
    sessions.set(username, session);
    return session;
  }
  async function signInAdmin(username: string): Promise<Injector> {
    const first = await login(username, TEST_PASSWORD);
    if (first.statusCode === 401) {
      const [user] = await context.database.db.select().from(users).where(eq(users.username, username));
      const challenge = (first.json() as ErrorBody).error.details!.challenge!;
      await new Promise((r) => setTimeout(r, 1_000 * (31 - (Math.floor(Date.now() / 1000) % 30)))); // a fresh step: codes work once
      const second = await context.built.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login/totp',
        payload: { challenge, code: codeFor(user!.totpSecret!) },
      });
      expect(second.statusCode, second.body).toBe(200);
      return as(context, cookieOf(second));
    }
    expect(first.statusCode).toBe(200);
    const session = as(context, cookieOf(first));
    const setup = (await session('POST', '/api/v1/me/totp/setup')).json() as { secret: string };
    expect((await session('POST', '/api/v1/me/totp/enable', { code: codeFor(setup.secret) })).status).toBe(200);
    return session;
  }

  it('asks the three administrators for an authenticator before anything else, and then at every sign-in', async () => {
    const first = await login('yz_admin', TEST_PASSWORD);
    expect(first.statusCode).toBe(200);
    const session = as(context, cookieOf(first));
    const blocked = await session('GET', '/api/v1/users');
    expect(blocked.status).toBe(403);
    expect((blocked.json() as ErrorBody).error.code).toBe('TOTP_ENROLLMENT_REQUIRED');
    expect(((await session('GET', '/api/v1/me')).json() as { user: { needsTotp: boolean } }).user.needsTotp).toBe(true);
    const setup = (await session('POST', '/api/v1/me/totp/setup')).json() as { secret: string; otpauthUrl: string; qrSvg: string };
    expect(setup.otpauthUrl).toContain('otpauth://totp/');
    expect(setup.qrSvg).toContain('<svg');
    expect((await session('POST', '/api/v1/me/totp/enable', { code: '000000' })).status).toBe(401);
    const enabled = (await session('POST', '/api/v1/me/totp/enable', { code: codeFor(setup.secret) })).json() as {
      recoveryCodes: string[];
    };
    expect(enabled.recoveryCodes).toHaveLength(10);
    expect((await session('GET', '/api/v1/users')).status).toBe(200);
    // and they cannot switch it off
    expect((await session('POST', '/api/v1/me/totp/disable', { password: TEST_PASSWORD })).status).toBe(400);

    // the next sign-in: the password alone is not enough
    const again = await login('yz_admin', TEST_PASSWORD);
    expect(again.statusCode).toBe(401);
    const body = again.json() as ErrorBody;
    expect(body.error.code).toBe('TOTP_REQUIRED');
    expect(again.cookies.find((c) => c.name === 'zhaoyin_session')).toBeUndefined();
    const challenge = body.error.details!.challenge!;
    expect(
      (await context.built.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { challenge, code: '123456' } }))
        .statusCode,
    ).toBe(401);
    const recovered = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/totp',
      payload: { challenge, recoveryCode: enabled.recoveryCodes[0] },
    });
    expect(recovered.statusCode, recovered.body).toBe(200);
    sessions.set('yz_admin', as(context, cookieOf(recovered)));
    // a recovery code works once
    const third = (await login('yz_admin', TEST_PASSWORD)).json() as ErrorBody;
    expect(
      (
        await context.built.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login/totp',
          payload: { challenge: third.error.details!.challenge, recoveryCode: enabled.recoveryCodes[0] },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('lets no administrator reset, disable or enable another administrator account (so none can sign in as one)', async () => {
    const sysadmin = await adminSession('yz_admin');
    for (const target of ['secadmin', 'auditor', 'otherSysadmin']) {
      for (const action of ['reset-password', 'disable', 'enable']) {
        const response = await sysadmin(
          'POST',
          `/api/v1/users/${ids[target]}/${action}`,
          action === 'reset-password' ? { password: 'Temp#2026pass' } : undefined,
        );
        expect(response.status, `${action} ${target}`).toBe(403);
      }
    }
    const [auditor] = await context.database.db.select().from(users).where(eq(users.id, ids.auditor!));
    expect(auditor!.mustChangePassword).toBe(false);
    expect((await login('yz_auditor', 'Temp#2026pass')).statusCode).toBe(401);
  });

  it('makes a reset business user change the password on the server before anything else, and tells them who reset it', async () => {
    const sysadmin = await adminSession('yz_admin');
    expect((await sysadmin('POST', `/api/v1/users/${ids.reviewer}/reset-password`, { password: 'Temp#2026pass' })).status).toBe(200);
    const session = as(context, cookieOf(await login('yz_reviewer', 'Temp#2026pass')));
    const blocked = await session('GET', '/api/v1/projects');
    expect(blocked.status).toBe(403);
    expect((blocked.json() as ErrorBody).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await session('GET', '/api/v1/projects/export')).status).toBe(403);
    const me = (await session('GET', '/api/v1/me')).json() as {
      user: { mustChangePassword: boolean; passwordReset: { by: string; at: string } | null };
    };
    expect(me.user).toMatchObject({ mustChangePassword: true, passwordReset: { by: 'yz_admin' } });
    // the rules: common passwords, the username, the last ones
    for (const weak of ['password1', 'Qwerty123!', 'Yz_reviewer2026', 'Temp#2026pass', TEST_PASSWORD]) {
      const refused = await session('POST', '/api/v1/me/password', { currentPassword: 'Temp#2026pass', newPassword: weak });
      expect(refused.status, weak).toBe(400);
    }
    expect(
      (await session('POST', '/api/v1/me/password', { currentPassword: 'Temp#2026pass', newPassword: 'Fresh-Start-2026' })).status,
    ).toBe(200);
    expect((await session('GET', '/api/v1/projects')).status).toBe(200);
    const after = (await session('GET', '/api/v1/me')).json() as { user: { passwordReset: unknown } };
    expect(after.user.passwordReset).toBeNull();
  });

  it('makes an expired password, and the published demo password used from another machine, be changed first', async () => {
    await context.database.db
      .update(users)
      .set({ passwordChangedAt: new Date(Date.now() - 100 * 86_400_000) })
      .where(eq(users.id, ids.officer!));
    const expired = as(context, cookieOf(await login('yz_officer', TEST_PASSWORD)));
    expect(((await expired('GET', '/api/v1/projects')).json() as ErrorBody).error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const demo = await addUser(context.database, 'demo_officer', ['officer'], '321000');
    await context.database.db
      .update(users)
      .set({ isDemo: true, passwordHash: await (await import('./passwords.ts')).hashPassword(DEMO_PASSWORD) })
      .where(eq(users.id, demo));
    const local = as(context, cookieOf(await login('demo_officer', DEMO_PASSWORD)));
    expect((await local('GET', '/api/v1/projects')).status).toBe(200);
    const remote = as(context, cookieOf(await login('demo_officer', DEMO_PASSWORD, {}, '203.0.113.9')));
    expect(((await remote('GET', '/api/v1/projects')).json() as ErrorBody).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('refuses common passwords and ones holding the username when an account is created', async () => {
    const sysadmin = await adminSession('yz_admin');
    for (const password of ['password1', 'qwerty123', 'Newbie2026x1', 'Abc12345']) {
      const response = await sysadmin('POST', '/api/v1/users', {
        username: 'newbie2026x',
        displayName: '新同事',
        password,
        unitCode: '321000',
      });
      expect(response.status, password).toBe(400);
    }
    const created = await sysadmin('POST', '/api/v1/users', {
      username: 'newbie2026x',
      displayName: '新同事',
      password: 'Canal-Boat-88',
      unitCode: '321000',
    });
    expect(created.status, created.body).toBe(201);
  });
});
