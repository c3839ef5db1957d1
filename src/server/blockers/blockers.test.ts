import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdueDays, escalates, allowedActions } from '../../shared/blockers/rules.ts';
import { departments } from '../departments/schema.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

interface Blocker {
  id: number;
  status: string;
  version: number;
  overdueDays: number;
  escalated: boolean;
  departments: { id: string; name: string }[];
  notes?: { kind: string; text: string | null; byName: string }[];
}

describe('blocker rules', () => {
  it('counts overdue days of pending blockers only and escalates large or long-overdue ones', () => {
    expect(overdueDays('2026-11-01', 'in_progress', '2026-11-22')).toBe(21);
    expect(overdueDays('2026-11-01', 'resolved', '2026-11-22')).toBe(0);
    expect(overdueDays(null, 'open', '2026-11-22')).toBe(0);
    const rule = { minInvestmentYi: 30, overdueDays: 15 };
    expect(escalates({ status: 'open', deadline: null, totalInvestmentWan: 300_000 }, '2026-11-22', rule)).toBe(true);
    expect(escalates({ status: 'open', deadline: '2026-11-10', totalInvestmentWan: 1_000 }, '2026-11-22', rule)).toBe(false);
    expect(escalates({ status: 'open', deadline: '2026-11-01', totalInvestmentWan: 1_000 }, '2026-11-22', rule)).toBe(true);
    expect(escalates({ status: 'closed', deadline: '2026-11-01', totalInvestmentWan: 300_000 }, '2026-11-22', rule)).toBe(false);
    expect(allowedActions('closed')).toEqual([]);
  });
});

describe.each(BACKENDS)('blockers (问题清单, 对账销号) on %s', (backend) => {
  let context: TestContext;
  let reviewer: Injector;
  let officer: Injector;
  let liaison: Injector;
  let otherLiaison: Injector;
  let outsider: Injector;
  let bureau: string;
  let projectCode: string;

  beforeAll(async () => {
    context = await createTestContext(backend);
    const [nr] = await context.database.db
      .insert(departments)
      .values({ unitCode: '321000', name: '扬州市自然资源和规划局', kind: 'natural_resources' })
      .returning();
    const [dev] = await context.database.db
      .insert(departments)
      .values({ unitCode: '321000', name: '扬州市发展和改革委员会', kind: 'development_reform' })
      .returning();
    const [nanjing] = await context.database.db
      .insert(departments)
      .values({ unitCode: '320100', name: '南京市自然资源和规划局', kind: 'natural_resources' })
      .returning();
    bureau = nr!.id;
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'yz_liaison', ['liaison'], '321000', { departmentId: nr!.id });
    await addUser(context.database, 'dev_liaison', ['liaison'], '321000', { departmentId: dev!.id });
    await addUser(context.database, 'nj_officer', ['officer'], '320100', { departmentId: nanjing!.id });
    reviewer = as(context, await loginCookie(context, 'yz_reviewer'));
    officer = as(context, await loginCookie(context, 'hj_officer'));
    liaison = as(context, await loginCookie(context, 'yz_liaison'));
    otherLiaison = as(context, await loginCookie(context, 'dev_liaison'));
    outsider = as(context, await loginCookie(context, 'nj_officer'));
    const created = await officer('POST', '/api/v1/projects', {
      name: '邗江新能源电池项目',
      unitCode: '321003',
      investorName: '某电池公司',
      capitalType: 'domestic',
      totalInvestment: '35亿元',
      stage: 'signed',
      dates: { signed: '2026-03-01' },
    });
    projectCode = (created.json() as { project: { code: string } }).project.code;
  });
  afterAll(() => context.close());

  it('refuses anonymous callers, other cities, departments outside the chain and read-only roles', async () => {
    const body = { projectCode, type: 'land', description: '用地指标不足，需市里统筹', departmentIds: [bureau], deadline: '2020-01-31' };
    expect((await as(context, null)('POST', '/api/v1/blockers', body)).status).toBe(401);
    expect((await outsider('POST', '/api/v1/blockers', body)).status).toBe(404);
    expect((await liaison('POST', '/api/v1/blockers', body)).status).toBe(403);
    const wrong = await officer('POST', '/api/v1/blockers', { ...body, departmentIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('责任部门');
    expect((await outsider('GET', '/api/v1/blockers?unit=321000')).status).toBe(403);
  });

  it('closes a blocker item by item: raised in a meeting, resolved by the department, confirmed by the project side', async () => {
    const raised = await reviewer('POST', '/api/v1/blockers', {
      projectCode,
      type: 'land',
      description: '用地指标不足，需市里统筹',
      departmentIds: [bureau],
      responsiblePerson: '王科长',
      coordinatingLeader: '李副市长',
      deadline: '2020-01-31',
    });
    expect(raised.status, raised.body).toBe(201);
    const blocker = raised.json() as Blocker;
    expect(blocker).toMatchObject({ status: 'open', escalated: true, departments: [{ id: bureau, name: '扬州市自然资源和规划局' }] });
    expect(blocker.overdueDays).toBeGreaterThan(0);
    // The bureau's liaison sees it on their desk; another department's does not, and cannot act on it.
    expect(((await liaison('GET', '/api/v1/blockers?department=mine')).json() as { items: Blocker[] }).items.map((b) => b.id)).toEqual([
      blocker.id,
    ]);
    expect(((await otherLiaison('GET', '/api/v1/blockers?department=mine')).json() as { items: Blocker[] }).items).toEqual([]);
    expect((await otherLiaison('POST', `/api/v1/blockers/${blocker.id}/actions`, { action: 'note', text: 'x' })).status).toBe(403);
    // Progress, then the resolution; the department cannot confirm its own resolution.
    expect(
      (
        await liaison('POST', `/api/v1/blockers/${blocker.id}/actions`, {
          action: 'note',
          text: 'x',
          attachmentIds: ['6f0c1e2a-0000-4000-8000-000000000000'],
        })
      ).status,
    ).toBe(400);
    const noted = (
      await liaison('POST', `/api/v1/blockers/${blocker.id}/actions`, { action: 'note', text: '已报市政府专题会研究' })
    ).json() as Blocker;
    expect(noted.status).toBe('in_progress');
    const resolved = await liaison('POST', `/api/v1/blockers/${blocker.id}/actions`, {
      action: 'resolve',
      version: noted.version,
      resolution: '已调剂新增建设用地指标120亩',
    });
    expect(resolved.status, resolved.body).toBe(200);
    const afterResolve = resolved.json() as Blocker;
    expect(afterResolve.status).toBe('resolved');
    expect(
      (await liaison('POST', `/api/v1/blockers/${blocker.id}/actions`, { action: 'confirm', version: afterResolve.version })).status,
    ).toBe(403);
    expect(((await liaison('GET', `/api/v1/blockers/${blocker.id}`)).json() as { actions: string[] }).actions).toEqual(['note']);
    expect(((await officer('GET', `/api/v1/blockers/${blocker.id}`)).json() as { actions: string[] }).actions).toEqual([
      'note',
      'confirm',
      'reopen',
    ]);
    expect(
      (await officer('POST', `/api/v1/blockers/${blocker.id}/actions`, { action: 'confirm', version: afterResolve.version - 1 })).status,
    ).toBe(409);
    // The project side reopens with a reason, the bureau resolves again, the project side confirms: 销号.
    const reopened = (
      await officer('POST', `/api/v1/blockers/${blocker.id}/actions`, {
        action: 'reopen',
        version: afterResolve.version,
        reason: '指标未下达到区',
      })
    ).json() as Blocker;
    expect(reopened.status).toBe('in_progress');
    const again = (
      await liaison('POST', `/api/v1/blockers/${blocker.id}/actions`, {
        action: 'resolve',
        version: reopened.version,
        resolution: '指标已下达邗江区',
      })
    ).json() as Blocker;
    const closed = await officer('POST', `/api/v1/blockers/${blocker.id}/actions`, {
      action: 'confirm',
      version: again.version,
      text: '确认',
    });
    expect(closed.status, closed.body).toBe(200);
    expect((closed.json() as Blocker).status).toBe('closed');
    expect((await liaison('POST', `/api/v1/blockers/${blocker.id}/actions`, { action: 'note', text: 'x' })).status).toBe(400);
    const detail = (await reviewer('GET', `/api/v1/blockers/${blocker.id}`)).json() as Blocker;
    expect(detail.notes!.map((n) => n.kind)).toEqual(['raise', 'note', 'resolve', 'reopen', 'resolve', 'confirm']);
    const counts = (await reviewer('GET', '/api/v1/blockers/by-department?unit=321000')).json() as {
      items: { name: string; closed: number; overdue: number }[];
    };
    expect(counts.items).toEqual([expect.objectContaining({ name: '扬州市自然资源和规划局', closed: 1, overdue: 0 })]);
  });

  it('counts overdue blockers per department and lists the escalated ones', async () => {
    await reviewer('POST', '/api/v1/blockers', {
      projectCode,
      type: 'approval',
      description: '环评批复滞后',
      departmentIds: [bureau],
      deadline: '2020-03-01',
    });
    const counts = (await reviewer('GET', '/api/v1/blockers/by-department?unit=321000')).json() as {
      items: { name: string; overdue: number }[];
    };
    expect(counts.items[0]).toMatchObject({ name: '扬州市自然资源和规划局', overdue: 1 });
    const escalated = (await reviewer('GET', '/api/v1/blockers?unit=321000&escalated=true')).json() as { items: Blocker[] };
    expect(escalated.items).toHaveLength(1);
    // the escalated list is filtered before its limit: small projects' blockers sorted before a large one's do not cut it short
    const small = await officer('POST', '/api/v1/projects', {
      name: '邗江小五金项目',
      unitCode: '321003',
      investorName: '某五金公司',
      capitalType: 'domestic',
      totalInvestment: '5000万元',
      stage: 'signed',
      dates: { signed: '2026-03-01' },
    });
    const smallCode = (small.json() as { project: { code: string } }).project.code;
    for (let i = 0; i < 3; i++)
      expect(
        (
          await reviewer('POST', '/api/v1/blockers', {
            projectCode: smallCode,
            type: 'other',
            description: `小问题${i}`,
            departmentIds: [bureau],
            deadline: '2098-01-01',
          })
        ).status,
      ).toBe(201);
    expect(
      (
        await reviewer('POST', '/api/v1/blockers', {
          projectCode,
          type: 'other',
          description: '大项目的远期问题',
          departmentIds: [bureau],
          deadline: '2099-01-01',
        })
      ).status,
    ).toBe(201);
    const all = (await reviewer('GET', '/api/v1/blockers?unit=321000&escalated=true')).json() as { items: Blocker[] };
    const limited = (await reviewer('GET', `/api/v1/blockers?unit=321000&escalated=true&limit=${all.items.length}`)).json() as {
      items: (Blocker & { description: string })[];
    };
    expect(limited.items).toHaveLength(all.items.length);
    expect(limited.items.map((b) => b.description)).toContain('大项目的远期问题');
    expect((await officer('GET', '/api/v1/blockers?overdue=true')).json()).toMatchObject({
      items: [expect.objectContaining({ status: 'open' })],
    });
  });
});
