import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema.ts';
import { addUser, createTestContext, loginCookie, type TestContext } from '../testing/harness.ts';
import { isForeignOrigin } from './platform.ts';

describe('security headers and the same-origin rule for state-changing requests', () => {
  let context: TestContext;
  let cookie: string;
  beforeAll(async () => {
    context = await createTestContext('pglite');
    await addUser(context.database, 'yz_officer', ['officer'], '321000');
    cookie = await loginCookie(context, 'yz_officer');
  });
  afterAll(() => context.close());

  it('sends a strict content security policy, no framing, no sniffing and a permissions policy', async () => {
    const response = await context.built.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['permissions-policy']).toContain('camera=()');
    // HSTS only behind HTTPS (COOKIE_SECURE): over plain HTTP it would lock browsers out of a LAN install
    expect(response.headers['strict-transport-security']).toBeUndefined();
    // the same on a refusal and on what does not exist
    for (const url of ['/api/v1/projects', '/api/v1/no-such-route']) {
      const refused = await context.built.app.inject({ method: 'GET', url });
      expect(refused.statusCode).toBeGreaterThanOrEqual(400);
      expect(refused.headers['content-security-policy']).toBe(csp);
      expect(refused.headers['x-frame-options']).toBe('DENY');
      expect(refused.headers['referrer-policy']).toBe('same-origin');
    }
  });

  it('sends HSTS behind HTTPS', async () => {
    const secure = await createTestContext('pglite', { cookieSecure: true });
    try {
      const response = await secure.built.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await secure.close();
    }
  });

  it('refuses a state-changing request from another site with 403 and records the denial', async () => {
    const headers = { cookie, 'content-type': 'application/json', host: 'zhaoyin.local' };
    const foreign = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { ...headers, origin: 'https://evil.example' },
      payload: {},
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ error: { code: 'FOREIGN_ORIGIN' } });
    const byReferer = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...headers, referer: 'https://evil.example/page' },
    });
    expect(byReferer.statusCode).toBe(403);
    // the sign-in form too: a foreign page must not sign a browser in as someone else
    const login = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: 'zhaoyin.local', origin: 'null' },
      payload: { username: 'yz_officer', password: 'x' },
    });
    expect(login.statusCode).toBe(403);
    // reads are not refused, nor the same site, nor a client that names no origin (curl, scripts)
    expect(
      (await context.built.app.inject({ method: 'GET', url: '/api/v1/me', headers: { ...headers, origin: 'https://evil.example' } }))
        .statusCode,
    ).toBe(200);
    const same = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { ...headers, origin: 'http://zhaoyin.local' },
      payload: {},
    });
    expect(same.statusCode).toBe(400);
    const none = await context.built.app.inject({ method: 'POST', url: '/api/v1/projects', headers, payload: {} });
    expect(none.statusCode).toBe(400);
    const denials = (await context.database.db.select().from(auditLog)).filter(
      (row) => row.action === 'access.denied' && row.detail?.startsWith('FOREIGN_ORIGIN'),
    );
    expect(denials.length).toBeGreaterThanOrEqual(3);
  });

  it("validates an export's filters before the first byte: a NUL or a bad value is a 400 in JSON, not a cut file", async () => {
    for (const url of [
      '/api/v1/projects/export?q=%E8%8A%AF%00%E7%89%87',
      '/api/v1/projects/export?stage=nonsense',
      '/api/v1/projects/export?layout=secret',
    ]) {
      const response = await context.built.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    }
  });

  it('allows the configured other origins, and compares scheme, host and port', () => {
    const request = (origin: string) => ({ method: 'PUT', url: '/api/v1/x', host: 'a.gov.cn', headers: { origin } });
    expect(isForeignOrigin(request('https://a.gov.cn'), [])).toBe(false);
    expect(isForeignOrigin(request('https://a.gov.cn:8443'), [])).toBe(true);
    expect(isForeignOrigin(request('https://portal.gov.cn'), ['https://portal.gov.cn'])).toBe(false);
    expect(isForeignOrigin(request('http://portal.gov.cn'), ['https://portal.gov.cn'])).toBe(true);
    expect(isForeignOrigin({ ...request('https://evil.example'), url: '/login' }, [])).toBe(false);
    expect(isForeignOrigin({ ...request('https://evil.example'), method: 'GET' }, [])).toBe(false);
  });
});

describe('HSTS behind HTTPS', () => {
  it('is sent when the cookie is secure', async () => {
    const { buildApp } = await import('../app.ts');
    const { openDatabase } = await import('../db/client.ts');
    const database = await openDatabase({});
    const { app } = await buildApp({ db: database.db, cookieSecure: true });
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
    await app.close();
    await database.close();
  });
});

describe('a coarse per-address flood guard (@fastify/rate-limit)', () => {
  it('answers 429 with Retry-After past the limit, per address, and never counts loopback', async () => {
    const { buildApp } = await import('../app.ts');
    const { openDatabase } = await import('../db/client.ts');
    const database = await openDatabase({});
    const { app } = await buildApp({ db: database.db, rateLimitPerMinute: 30 });
    try {
      const hit = (remoteAddress: string) => app.inject({ method: 'GET', url: '/api/health', remoteAddress });
      for (let i = 0; i < 30; i++) expect((await hit('10.1.2.3')).statusCode).toBe(200);
      const limited = await hit('10.1.2.3');
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await hit('10.1.2.4')).statusCode).toBe(200);
      for (let i = 0; i < 40; i++) expect((await hit('127.0.0.1')).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
