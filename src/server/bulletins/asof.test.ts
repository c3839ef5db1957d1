import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, installClock, systemClock } from '../../shared/calendar.ts';
import { departments } from '../departments/schema.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

interface Bulletin {
  asOf: string;
  signedOn: string | null;
  rows: { unitCode: string; projects: number }[];
  signed: { code: string }[];
  blockers: { id: number; status: string; overdueDays: number }[];
  blockersByDepartment: { name: string; pending: number; closed: number; overdue: number }[];
}

/** The server's clock set to a Beijing hour: every date rule reads it. */
const at = (instant: string) => installClock(fixedClock(instant));

describe.each(BACKENDS)('a bulletin is as of its period on %s', (backend) => {
  let context: TestContext;
  let bureau: string;
  const signIn = async (username: string): Promise<Injector> => as(context, await loginCookie(context, username));

  beforeAll(async () => {
    at('2026-11-05T02:00:00Z'); // 10:00 on 5 November in Beijing
    context = await createTestContext(backend);
    const [nr] = await context.database.db
      .insert(departments)
      .values({ unitCode: '321000', name: '扬州市自然资源和规划局', kind: 'natural_resources' })
      .returning();
    bureau = nr!.id;
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'yz_liaison', ['liaison'], '321000', { departmentId: nr!.id });
  });
  afterAll(async () => {
    await context.close();
    installClock(systemClock);
  });

  it('takes Beijing’s day when the server’s clock reads 20:00 UTC', async () => {
    at('2026-11-30T20:00:00Z'); // 04:00 on 1 December in Beijing
    const reviewer = await signIn('yz_reviewer');
    expect((await reviewer('GET', '/api/v1/me')).json()).toMatchObject({ timeZone: 'Asia/Shanghai', today: '2026-12-01' });
    // December has begun in Beijing: its bulletin may be drafted; its as-of day is today
    const december = await reviewer('POST', '/api/v1/bulletins', { unit: '321000', period: '2026-12', draft: true });
    expect(december.status, december.body).toBe(201);
    expect(((await reviewer('GET', `/api/v1/bulletins/${(december.json() as { id: number }).id}`)).json() as Bulletin).asOf).toBe(
      '2026-12-01',
    );
    expect((await reviewer('POST', '/api/v1/bulletins', { unit: '321000', period: '2027-01', draft: true })).status).toBe(400);
  });

  it('shows November as it stood on 30 November although it is signed on 2 December', async () => {
    at('2026-11-05T02:00:00Z');
    let officer = await signIn('hj_officer');
    let reviewer = await signIn('yz_reviewer');
    const started = await officer('POST', '/api/v1/projects', {
      name: '邗江精密铸件项目',
      unitCode: '321003',
      investorName: '某铸造集团',
      capitalType: 'domestic',
      totalInvestment: '8亿元',
      stage: 'started',
      dates: { signed: '2026-11-02', registered: '2026-11-03', started: '2026-11-04' },
    });
    expect(started.status, started.body).toBe(201);
    const lost = await officer('POST', '/api/v1/projects', {
      name: '邗江光学膜材项目',
      unitCode: '321003',
      investorName: '某光电公司',
      capitalType: 'domestic',
      totalInvestment: '3亿元',
      stage: 'started',
      dates: { signed: '2026-10-01', started: '2026-10-20' },
    });
    const lostCode = (lost.json() as { project: { code: string; version: number } }).project.code;
    const negotiating = await officer('POST', '/api/v1/projects', {
      name: '邗江氢能装备项目',
      unitCode: '321003',
      investorName: '某氢能公司',
      capitalType: 'domestic',
      totalInvestment: '20亿元',
      stage: 'negotiating',
    });
    const negotiatingProject = (negotiating.json() as { project: { code: string; version: number } }).project;
    for (const code of [(started.json() as { project: { code: string } }).project.code, lostCode]) {
      expect((await officer('PUT', `/api/v1/projects/${code}/plans/2026`, { plannedWan: 10_000 })).status).toBe(200);
    }
    // raised on 10 November with a deadline of the 12th, still being handled at the month's end
    at('2026-11-10T02:00:00Z');
    reviewer = await signIn('yz_reviewer');
    const open = (
      await reviewer('POST', '/api/v1/blockers', {
        projectCode: lostCode,
        type: 'land',
        description: '用地报批滞后',
        departmentIds: [bureau],
        deadline: '2026-11-12',
      })
    ).json() as { id: number };

    // 2 December, 11:00: a blocker raised and closed the same day, a signing, a project lost — none of it November's
    at('2026-12-02T03:00:00Z');
    officer = await signIn('hj_officer');
    reviewer = await signIn('yz_reviewer');
    const late = (
      await reviewer('POST', '/api/v1/blockers', {
        projectCode: lostCode,
        type: 'funding',
        description: '贷款审批慢',
        departmentIds: [bureau],
        deadline: '2026-12-10',
      })
    ).json() as { id: number; version: number };
    const liaison = await signIn('yz_liaison');
    const resolved = await liaison('POST', `/api/v1/blockers/${late.id}/actions`, {
      action: 'resolve',
      version: late.version,
      resolution: '银行已放款',
    });
    expect(resolved.status, resolved.body).toBe(200);
    const confirmed = await officer('POST', `/api/v1/blockers/${late.id}/actions`, {
      action: 'confirm',
      version: (resolved.json() as { version: number }).version,
    });
    expect(confirmed.status, confirmed.body).toBe(200);
    expect(
      (
        await officer('POST', `/api/v1/projects/${negotiatingProject.code}/transitions`, {
          version: negotiatingProject.version,
          stage: 'signed',
          date: '2026-12-02',
          contractKind: 'formal',
          contractAmount: '20亿元',
        })
      ).status,
    ).toBe(200);
    const lostNow = (await officer('GET', `/api/v1/projects/${lostCode}`)).json() as { project: { version: number } };
    expect(
      (
        await officer('POST', `/api/v1/projects/${lostCode}/status`, {
          version: lostNow.project.version,
          status: 'terminated',
          date: '2026-12-02',
          reason: 'investor_withdrew',
        })
      ).status,
    ).toBe(200);

    const issued = await reviewer('POST', '/api/v1/bulletins', { unit: '321000', period: '2026-11' });
    expect(issued.status, issued.body).toBe(201);
    const november = (await reviewer('GET', `/api/v1/bulletins/${(issued.json() as { id: number }).id}`)).json() as Bulletin;
    expect(november).toMatchObject({ asOf: '2026-11-30', signedOn: '2026-12-02' });
    expect(november.blockers.map((b) => b.id)).toEqual([open.id]); // the 2 December blocker is not there
    expect(november.blockers[0]).toMatchObject({ status: 'open', overdueDays: 18 }); // 12 → 30 November, not to today (20)
    expect(november.blockersByDepartment).toEqual([expect.objectContaining({ name: '扬州市自然资源和规划局', pending: 1, overdue: 1 })]);
    expect(november.signed.map((s) => s.code)).not.toContain(negotiatingProject.code); // signed in December
    expect(november.rows.find((r) => r.unitCode === '321003')!.projects).toBe(2); // the project lost on 2 December still counts in November
    // every figure opens exactly its projects: the row's 项目个数 and 新签约 through the ledger's filters
    const row = november.rows.find((r) => r.unitCode === '321003')! as unknown as {
      projects: number;
      newSigned: number;
      newStarted: number;
    };
    const total = async (url: string) => ((await reviewer('GET', url)).json() as { total: number }).total;
    expect(await total('/api/v1/projects?unit=321003&investmentMonth=2026-11&asOf=2026-11-30')).toBe(row.projects);
    expect(await total('/api/v1/projects?unit=321003&dateField=signed&from=2026-11-01&to=2026-11-30')).toBe(row.newSigned);
    expect(await total('/api/v1/projects?unit=321003&dateField=started&from=2026-11-01&to=2026-11-30')).toBe(row.newStarted);

    // an issuer may pick an earlier as-of day within the month: on the 11th the deadline had not passed
    const earlier = (
      await reviewer('POST', '/api/v1/bulletins', { unit: '321000', period: '2026-11', asOf: '2026-11-11', draft: true })
    ).json() as { id: number };
    expect(((await reviewer('GET', `/api/v1/bulletins/${earlier.id}`)).json() as Bulletin).blockers[0]).toMatchObject({
      status: 'open',
      overdueDays: 0,
    });
    expect(
      (await reviewer('POST', '/api/v1/bulletins', { unit: '321000', period: '2026-11', asOf: '2026-12-01', draft: true })).status,
    ).toBe(400);
  });
});
