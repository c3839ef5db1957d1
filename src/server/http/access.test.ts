import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPermission, ROLE_KEYS, type PermissionKey, type RoleKey } from '../../shared/roles.ts';
import { satisfies, undeclaredRoutes, type RegisteredRoute } from './platform.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type TestContext } from '../testing/harness.ts';

describe.each(BACKENDS)('access control on %s', (backend) => {
  let context: TestContext;
  const units = { own: '321003', child: '', parent: '321000', sibling: '321084' };
  const departmentOf: Record<string, string> = {};
  const cookies = new Map<RoleKey, string>();

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'root_admin', ['sysadmin'], '320000');
    const admin = as(context, await loginCookie(context, 'root_admin'));
    const park = await admin('POST', '/api/v1/units', {
      parentCode: '321003',
      level: 'park',
      kind: 'high_tech_zone',
      name: '扬州高新技术产业开发区',
    });
    expect(park.status).toBe(201);
    units.child = (park.json() as { code: string }).code;
    for (const code of Object.values(units)) {
      const created = await admin('POST', '/api/v1/departments', {
        unitCode: code,
        name: `自然资源和规划局${code}`,
        kind: 'natural_resources',
      });
      expect(created.status).toBe(201);
      departmentOf[code] = (created.json() as { id: string }).id;
      // A member keeps the department from being deleted, so the delete cases can be repeated.
      await addUser(context.database, `member_${code}`, ['liaison'], code, { departmentId: departmentOf[code] });
    }
    // One user of every role at the district 邗江区 (321003).
    for (const role of ROLE_KEYS) {
      await addUser(context.database, `m_${role}`, [role], '321003');
      cookies.set(role, await loginCookie(context, `m_${role}`));
    }
  });
  afterAll(() => context.close());

  it('declares an access rule on every registered route (route inventory)', () => {
    expect(undeclaredRoutes(context.built.routes)).toEqual([]);
    const api = context.built.routes.filter((route) => route.url.startsWith('/api/v1'));
    expect(api.length).toBeGreaterThan(20);
    // Only signing in is public.
    expect(api.filter((route) => route.access === 'public').map((route) => route.url)).toEqual([
      '/api/v1/auth/login',
      '/api/v1/auth/login/totp',
    ]);
  });

  it('refuses to start with a route that declares no access, whatever its prefix', async () => {
    const Fastify = (await import('fastify')).default;
    const { registerPlatform } = await import('./platform.ts');
    const inventory: RegisteredRoute[] = [];
    const bare = Fastify().withTypeProvider<ZodTypeProvider>();
    registerPlatform(bare, context.database.db, inventory);
    for (const url of ['/api/v2/anything', '/api/health2', '/api/v1/x'])
      expect(() => bare.get(url, async () => ({}))).toThrow(/declares no access/);
    // the inventory the real app is checked against (above) catches them too: that check can fail
    expect(undeclaredRoutes(inventory).map((route) => route.url)).toEqual(['/api/v2/anything', '/api/health2', '/api/v1/x']);
    // the web UI's static files and the API docs are the only routes allowed without a declaration
    expect(() => bare.get('/assets/app.js', async () => '')).not.toThrow();
    expect(() => bare.get('/api/docs/json', async () => ({}))).not.toThrow();
    await bare.close();
  });

  it('answers 401 on every non-public API route without a session', async () => {
    const anonymous = as(context, null);
    for (const route of context.built.routes.filter((r) => r.url.startsWith('/api/v1') && r.access !== 'public' && r.method !== 'HEAD')) {
      const url = route.url
        .replace(':code', '321003')
        .replace(':id', '00000000-0000-4000-8000-000000000000')
        .replace(':key', 'session.idleMinutes');
      const response = await anonymous(route.method as 'GET', url, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
      expect(response.status, `${route.method} ${route.url}`).toBe(401);
      expect((response.json() as { error: { message: string } }).error.message).toBe('请先登录');
    }
  });

  // Every route of the inventory (those of issue 2 and every one added since) × every role: a role without the
  // declared permission is refused with 403 FORBIDDEN before the handler runs; a role with it is let through to the
  // handler (which may still refuse the request's data: a 400, a 404, OUT_OF_SCOPE), and nothing answers 5xx.
  it('holds the permission matrix on every route for every role', async () => {
    const checked = context.built.routes.filter(
      (r) =>
        r.url.startsWith('/api/v1') && r.access !== 'public' && r.access !== null && r.method !== 'HEAD' && r.url !== '/api/v1/auth/logout', // would end the session the rest of the matrix uses
    );
    expect(checked.length).toBeGreaterThan(120);
    const wrong: string[] = [];
    for (const role of ROLE_KEYS) {
      const request = as(context, cookies.get(role)!);
      for (const route of checked) {
        const url = route.url
          .replace(':code', '321003-2099-9999')
          .replace(':month', '2026-01')
          .replace(':year', '2026')
          .replace(':unit', units.sibling)
          .replace(':key', 'no.such.key')
          .replace(/:id/g, '999999');
        const response = await request(route.method as 'GET', url, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
        const code = response.status === 403 ? (response.json() as { error: { code: string } }).error.code : null;
        const allowed = route.access === 'authenticated' || satisfies([role], route.access as PermissionKey | readonly PermissionKey[]);
        const label = `${role} ${route.method} ${route.url} → ${response.status} ${code ?? ''}`;
        if (response.status >= 500 || response.status === 401) wrong.push(label);
        else if (!allowed && code !== 'FORBIDDEN') wrong.push(`${label} (should be FORBIDDEN)`);
        else if (allowed && code === 'FORBIDDEN') wrong.push(`${label} (should pass the gate)`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a wrong-region read with 403 and audits the denial', async () => {
    const officer = as(context, cookies.get('officer')!);
    const response = await officer('GET', `/api/v1/units/${units.sibling}`);
    expect(response.status).toBe(403);
    expect((response.json() as { error: { code: string } }).error.code).toBe('OUT_OF_SCOPE');
    const auditor = as(context, await loginCookie(context, 'm_auditor'));
    const log = (await auditor('GET', '/api/v1/audit?outcome=denied&username=m_officer')).json() as {
      items: { action: string; objectId: string }[];
    };
    expect(log.items.some((row) => row.action === 'access.denied' && row.objectId === 'GET /api/v1/units/:code')).toBe(true);
  });

  // role × {own, child, parent, sibling} × {read, write, delete, export}, on departments (organisation data).
  const actions: { name: 'read' | 'write' | 'delete' | 'export'; permission: PermissionKey }[] = [
    { name: 'read', permission: 'org:read' },
    { name: 'write', permission: 'org:write' },
    { name: 'delete', permission: 'org:delete' },
    { name: 'export', permission: 'org:export' },
  ];
  const relations = ['own', 'child', 'parent', 'sibling'] as const;
  const cases = ROLE_KEYS.flatMap((role) => relations.flatMap((relation) => actions.map((action) => ({ role, relation, action }))));

  it.each(cases)('$role on $relation unit: $action.name', async ({ role, relation, action }) => {
    const request = as(context, cookies.get(role)!);
    const code = units[relation];
    const allowed = hasPermission([role], action.permission) && (relation === 'own' || relation === 'child');
    let response;
    if (action.name === 'read') response = await request('GET', `/api/v1/departments/${departmentOf[code]}`);
    else if (action.name === 'export') response = await request('GET', `/api/v1/departments/export?unit=${code}`);
    else if (action.name === 'write')
      response = await request('PATCH', `/api/v1/departments/${departmentOf[code]}`, { version: 999, contactName: `${role}` });
    else response = await request('DELETE', `/api/v1/departments/${departmentOf[code]}`);
    if (!allowed) {
      expect(response.status).toBe(403);
    } else if (action.name === 'write') {
      // allowed to try: the stale version is refused as a conflict, nothing written
      expect(response.status).toBe(409);
    } else if (action.name === 'delete') {
      // allowed to try: a department with members is refused, nothing deleted
      expect(response.status).toBe(409);
    } else {
      expect(response.status).toBe(200);
    }
  });

  it('deletes a department in scope and refuses one out of scope', async () => {
    const admin = as(context, cookies.get('sysadmin')!);
    const root = as(context, await loginCookie(context, 'root_admin'));
    const sibling = (await root('POST', '/api/v1/departments', { unitCode: units.sibling, name: '财政局', kind: 'finance' })).json() as {
      id: string;
    };
    const child = (await root('POST', '/api/v1/departments', { unitCode: units.child, name: '财政局', kind: 'finance' })).json() as {
      id: string;
    };
    expect((await admin('DELETE', `/api/v1/departments/${sibling.id}`)).status).toBe(403);
    expect((await admin('DELETE', `/api/v1/departments/${child.id}`)).status).toBe(204);
    expect((await admin('GET', `/api/v1/departments/${child.id}`)).status).toBe(404);
  });

  it('applies a role change on the very next request', async () => {
    await addUser(context.database, 'switcher', ['leader'], '321003');
    const cookie = await loginCookie(context, 'switcher');
    const user = as(context, cookie);
    expect((await user('GET', '/api/v1/users')).status).toBe(403);
    const secadmin = as(context, await loginCookie(context, 'm_secadmin'));
    const list = (await secadmin('GET', '/api/v1/users?q=switcher')).json() as { items: { id: string; version: number }[] };
    const target = list.items[0]!;
    expect((await secadmin('PUT', `/api/v1/users/${target.id}/roles`, { roles: ['sysadmin'], version: target.version })).status).toBe(200);
    expect((await user('GET', '/api/v1/users')).status).toBe(200);
  });
});
