import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';
import { rowsOf } from '../db/client.ts';
import type { Actor } from './actor.ts';
import { definePrefetch } from './prefetch.ts';

const actor: Actor = {
  userId: 'u1',
  username: 'a',
  displayName: 'A',
  unitCode: '321084',
  unitPath: '/320000/321000/321084/',
  departmentId: null,
  roles: ['leader'],
  sessionId: 's1',
  mustChangePassword: false,
  needsTotp: false,
  unitTreeToken: 't1',
};

describe('an early read', () => {
  const request = () => ({}) as FastifyRequest;

  it('is used when the confirmed actor is the one it was read as', async () => {
    const early = definePrefetch(async (_request, as) => as.unitPath);
    const r = request();
    early.start(r, actor);
    expect(await early.take(r, { ...actor })).toBe(actor.unitPath);
    expect(await early.take(r, actor)).toBeUndefined(); // taken once
  });

  it('is dropped when the confirmation names another unit, scope, tree, role set or session', async () => {
    const early = definePrefetch(async () => 'early');
    for (const other of [
      { unitCode: '321003' },
      { unitPath: '/320000/321000/321003/' },
      { unitTreeToken: 't2' },
      { roles: ['officer' as const] },
      { roles: ['leader' as const, 'officer' as const] },
      { sessionId: 's2' },
      { userId: 'u2' },
      { departmentId: 'd1' },
    ]) {
      const r = request();
      early.start(r, actor);
      expect(await early.take(r, { ...actor, ...other })).toBeUndefined();
    }
  });

  it('answers nothing when its read fails, so the route reads and reports the failure itself', async () => {
    const early = definePrefetch(async (): Promise<string> => {
      throw new Error('bad query');
    });
    const r = request();
    early.start(r, actor);
    expect(await early.take(r, actor)).toBeUndefined();
    expect(await definePrefetch(async () => 1).take(request(), actor)).toBeUndefined(); // never started
  });
});

describe.each(BACKENDS)('the ledger list read early, beside the session, on %s', (backend) => {
  let context: TestContext;
  let cookie: string;
  let reader: Injector;
  const codes = async (url = '/api/v1/projects?pageSize=100') => {
    const response = await reader('GET', url);
    return { status: response.status, body: response.json() as { items?: { code: string }[]; error?: { code: string } } };
  };
  const setUser = (assignment: ReturnType<typeof sql>) =>
    context.database.db.execute(sql`update users set ${assignment} where username = 'pf_reader'`);

  const base = {
    investorName: '测试投资有限公司',
    capitalType: 'domestic',
    stage: 'negotiating',
    firstReportedOn: '2026-02-10',
    totalInvestment: '2亿元',
  };

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'pf_gy', ['officer'], '321084');
    await addUser(context.database, 'pf_hj', ['officer'], '321003');
    await addUser(context.database, 'pf_reader', ['leader'], '321084');
    const gy = as(context, await loginCookie(context, 'pf_gy'));
    const hj = as(context, await loginCookie(context, 'pf_hj'));
    expect((await gy('POST', '/api/v1/projects', { ...base, unitCode: '321084', name: '高邮项目' })).status).toBe(201);
    expect((await hj('POST', '/api/v1/projects', { ...base, unitCode: '321003', name: '邗江项目' })).status).toBe(201);
    cookie = await loginCookie(context, 'pf_reader');
    reader = as(context, cookie);
  });
  afterAll(() => context.close());

  it('lists the scope the session has now, not the one this instance confirmed last', async () => {
    expect((await codes()).body.items?.map((p) => p.code)).toEqual([expect.stringMatching(/^321084-/)]);
    expect((await codes()).body.items?.map((p) => p.code)).toEqual([expect.stringMatching(/^321084-/)]); // read early now
    await setUser(sql`unit_code = '321003'`);
    expect((await codes()).body.items?.map((p) => p.code)).toEqual([expect.stringMatching(/^321003-/)]);
    expect((await codes('/api/v1/projects?unit=321084')).body.error?.code).toBe('OUT_OF_SCOPE');
    await setUser(sql`unit_code = '321084'`);
    expect((await codes()).body.items?.map((p) => p.code)).toEqual([expect.stringMatching(/^321084-/)]);
  });

  it('shows a project written a moment ago', async () => {
    await codes();
    const gy = as(context, await loginCookie(context, 'pf_gy'));
    const created = await gy('POST', '/api/v1/projects', { ...base, unitCode: '321084', name: '刚录入的项目' });
    const { project } = created.json() as { project: { code: string } };
    expect((await codes()).body.items?.map((p) => p.code)).toContain(project.code);
  });

  it('refuses, and audits, a list the confirmed session may not read, whatever was read early', async () => {
    await codes();
    await setUser(sql`roles = array['secadmin']`);
    expect((await codes()).body.error?.code).toBe('FORBIDDEN');
    await setUser(sql`roles = array['leader']`);
    expect((await codes()).status).toBe(200);
    expect((await codes('/api/v1/projects?unit=321003')).body.error?.code).toBe('OUT_OF_SCOPE');
    const [denials] = rowsOf<{ n: number }>(
      await context.database.db.execute(
        sql`select count(*)::int as n from audit_log where action = 'access.denied' and username = 'pf_reader'`,
      ),
    );
    expect(denials!.n).toBeGreaterThanOrEqual(2);
  });

  it('shows a draft bulletin read early to those who draft it, and to nobody else', async () => {
    const gy = as(context, await loginCookie(context, 'pf_gy'));
    const drafted = await gy('POST', '/api/v1/bulletins', { unit: '321084', period: '2026-03', draft: true });
    expect(drafted.status).toBe(201);
    const { id } = drafted.json() as { id: number };
    for (let i = 0; i < 2; i++) {
      expect((await gy('GET', `/api/v1/bulletins/${id}`)).status).toBe(200);
      expect((await reader('GET', `/api/v1/bulletins/${id}`)).status).toBe(404); // a leader: no drafts
      expect((await reader('GET', `/api/v1/bulletins/${id + 1000}`)).status).toBe(404);
    }
    await context.database.db.execute(sql`update users set unit_code = '321003' where username = 'pf_gy'`);
    expect((await gy('GET', `/api/v1/bulletins/${id}`)).status).toBe(404); // moved out of the bulletin's unit
  });

  it('answers 401 the moment the session ends, and 401 to a token it never confirmed', async () => {
    await codes();
    await context.database.db.execute(sql`delete from sessions`);
    expect((await codes()).status).toBe(401);
    expect((await as(context, `${cookie}x`)('GET', '/api/v1/projects')).status).toBe(401);
  });
});
