import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

interface UserJson {
  id: string;
  username: string;
  roles: string[];
  version: number;
  mustChangePassword: boolean;
}

describe.each(BACKENDS)('users and 三员分立 on %s', (backend) => {
  let context: TestContext;
  let sysadmin: Injector;
  let secadmin: Injector;

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'yz_admin', ['sysadmin'], '321000');
    await addUser(context.database, 'yz_sec', ['secadmin'], '321000');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    sysadmin = as(context, await loginCookie(context, 'yz_admin'));
    secadmin = as(context, await loginCookie(context, 'yz_sec'));
  });
  afterAll(() => context.close());

  it('refuses anonymous callers, business roles and the wrong region', async () => {
    expect((await as(context, null)('GET', '/api/v1/users')).status).toBe(401);
    const officer = as(context, await loginCookie(context, 'hj_officer'));
    expect((await officer('GET', '/api/v1/users')).status).toBe(403);
    expect(
      (await sysadmin('POST', '/api/v1/users', { username: 'wj_new', displayName: '王五', password: 'Initial#2026q', unitCode: '320509' }))
        .status,
    ).toBe(403);
    expect((await sysadmin('GET', '/api/v1/users?unit=320500')).status).toBe(403);
  });

  it('lets the system administrator create an account without roles, which must change its password', async () => {
    const created = await sysadmin('POST', '/api/v1/users', {
      username: 'GY_Officer',
      displayName: '张三',
      password: 'Initial#2026q',
      unitCode: '321084',
    });
    expect(created.status).toBe(201);
    const user = created.json() as UserJson;
    expect(user).toMatchObject({ username: 'gy_officer', roles: [], mustChangePassword: true });
    expect(
      (
        await sysadmin('POST', '/api/v1/users', {
          username: 'gy_officer',
          displayName: '重复',
          password: 'Initial#2026q',
          unitCode: '321084',
        })
      ).status,
    ).toBe(409);
    expect(
      (await sysadmin('POST', '/api/v1/users', { username: 'gy_weak', displayName: '弱', password: 'abc', unitCode: '321084' })).status,
    ).toBe(400);
    // the system administrator cannot grant roles
    expect((await sysadmin('PUT', `/api/v1/users/${user.id}/roles`, { roles: ['officer'], version: user.version })).status).toBe(403);
  });

  it('lets the security administrator grant roles within 三员分立', async () => {
    const user = ((await secadmin('GET', '/api/v1/users?q=gy_officer')).json() as { items: UserJson[] }).items[0]!;
    const mixed = await secadmin('PUT', `/api/v1/users/${user.id}/roles`, { roles: ['auditor', 'officer'], version: user.version });
    expect(mixed.status).toBe(400);
    expect((mixed.json() as { error: { message: string } }).error.message).toContain('管理员角色不能同时拥有业务角色');
    expect(
      (await secadmin('PUT', `/api/v1/users/${user.id}/roles`, { roles: ['sysadmin', 'secadmin'], version: user.version })).status,
    ).toBe(400);
    const granted = await secadmin('PUT', `/api/v1/users/${user.id}/roles`, { roles: ['officer', 'reviewer'], version: user.version });
    expect(granted.status).toBe(200);
    expect((granted.json() as UserJson).roles).toEqual(['officer', 'reviewer']);
    // a stale version is refused
    expect((await secadmin('PUT', `/api/v1/users/${user.id}/roles`, { roles: ['leader'], version: user.version })).status).toBe(409);
  });

  it('forbids changing one’s own roles', async () => {
    const self = ((await secadmin('GET', '/api/v1/users?q=yz_sec')).json() as { items: UserJson[] }).items[0]!;
    const response = await secadmin('PUT', `/api/v1/users/${self.id}/roles`, { roles: ['sysadmin'], version: self.version });
    expect(response.status).toBe(400);
    expect((response.json() as { error: { code: string } }).error.code).toBe('SELF_CHANGE');
  });

  it('resets a password: sessions end, the user must change it', async () => {
    const cookie = await loginCookie(context, 'hj_officer');
    const user = ((await sysadmin('GET', '/api/v1/users?q=hj_officer')).json() as { items: UserJson[] }).items[0]!;
    expect((await sysadmin('POST', `/api/v1/users/${user.id}/reset-password`, { password: 'Temp#2026pass' })).status).toBe(200);
    expect((await as(context, cookie)('GET', '/api/v1/me')).status).toBe(401);
    const fresh = as(context, await loginCookie(context, 'hj_officer', 'Temp#2026pass'));
    expect(((await fresh('GET', '/api/v1/me')).json() as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
  });

  it('moves a user only into a unit of the scope, and checks the department belongs to it', async () => {
    const user = ((await sysadmin('GET', '/api/v1/users?q=gy_officer')).json() as { items: UserJson[] }).items[0]!;
    expect((await sysadmin('PATCH', `/api/v1/users/${user.id}`, { version: user.version + 0, unitCode: '320509' })).status).toBe(403);
    const department = (
      await sysadmin('POST', '/api/v1/departments', { unitCode: '321000', name: '扬州市商务局', kind: 'commerce' })
    ).json() as { id: string };
    const current = ((await sysadmin('GET', '/api/v1/users?q=gy_officer')).json() as { items: UserJson[] }).items[0]!;
    expect((await sysadmin('PATCH', `/api/v1/users/${current.id}`, { version: current.version, departmentId: department.id })).status).toBe(
      400,
    );
    const moved = await sysadmin('PATCH', `/api/v1/users/${current.id}`, {
      version: current.version,
      unitCode: '321000',
      departmentId: department.id,
    });
    expect(moved.status).toBe(200);
  });
});
