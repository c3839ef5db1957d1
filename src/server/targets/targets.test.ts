import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_INDICATORS } from '../../shared/targets/indicators.ts';
import { loadDemoProjects } from '../demo/projects.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

interface Values {
  actual: number;
  target: number | null;
  completion: number | null;
  scheduleProgress: number;
  pointsVsSchedule: number | null;
  lastYearActual: number;
  yoy: number | null;
  status: string | null;
}

describe.each(BACKENDS)('targets, indicators and cohort rates on %s', (backend) => {
  let context: TestContext;
  let officer: Injector;
  let city: Injector;
  let leader: Injector;
  let sibling: Injector;

  const project = async (
    name: string,
    total: string,
    dates: Record<string, string>,
    stage: string,
    extra: Record<string, unknown> = {},
  ) => {
    const response = await officer('POST', '/api/v1/projects', {
      name,
      unitCode: '321084',
      investorName: `${name}公司`,
      capitalType: 'domestic',
      totalInvestment: total,
      stage,
      dates,
      firstReportedOn: '2024-01-02',
      ...extra,
    });
    expect(response.status, response.body).toBe(201);
  };

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    await addUser(context.database, 'yz_officer', ['officer'], '321000');
    await addUser(context.database, 'yz_leader', ['leader'], '321000');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    officer = as(context, await loginCookie(context, 'gy_officer'));
    // 高邮's targets are set by the city
    city = as(context, await loginCookie(context, 'yz_officer'));
    leader = as(context, await loginCookie(context, 'yz_leader'));
    sibling = as(context, await loginCookie(context, 'hj_officer'));
    // 2025 signings: four in 高邮; last year's: one.
    await project('甲项目', '12亿元', { signed: '2025-02-10', registered: '2025-03-01', started: '2025-05-01' }, 'started');
    await project('乙项目', '3亿元', { signed: '2025-04-15', started: '2025-08-20' }, 'started'); // 增资扩产: no 注册, started
    await project('丙项目', '8000万元', { signed: '2025-06-30' }, 'signed');
    await project('丁项目', '25亿元', { signed: '2025-10-08', registered: '2025-11-01' }, 'registered');
    await project('戊项目', '5亿元', { signed: '2024-05-20' }, 'signed');
  });
  afterAll(() => context.close());

  it('refuses anonymous callers and other districts', async () => {
    expect((await as(context, null)('GET', '/api/v1/indicators')).status).toBe(401);
    expect((await sibling('GET', '/api/v1/indicators/signed_projects/values?unit=321084&year=2025')).status).toBe(403);
    expect((await sibling('PUT', '/api/v1/targets', { unit: '321084', year: 2025, indicator: 'signed_projects', annual: 10 })).status).toBe(
      403,
    );
    expect((await sibling('GET', '/api/v1/rates/cohort?unit=321084&year=2025')).status).toBe(403);
  });

  it('lists the contract indicator keys', async () => {
    const keys = ((await officer('GET', '/api/v1/indicators')).json() as { items: { key: string }[] }).items.map((i) => i.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'signed_projects',
        'signed_projects_1yi',
        'signed_projects_10yi',
        'signed_projects_20yi',
        'signed_projects_50yi',
        'signed_projects_100yi',
        'signed_investment',
        'foreign_projects',
        'contract_foreign_capital',
        'registered_projects',
        'started_projects',
        'completed_projects',
        'producing_projects',
        'listed_projects',
      ]),
    );
  });

  it('computes actual, target, completion, 序时, points, 同比 and colour as of a date', async () => {
    expect(
      (
        await city('PUT', '/api/v1/targets', {
          unit: '321084',
          year: 2025,
          indicator: 'signed_projects',
          annual: 4,
          monthly: [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1],
        })
      ).status,
    ).toBe(400);
    const set = await city('PUT', '/api/v1/targets', {
      unit: '321084',
      year: 2025,
      indicator: 'signed_projects',
      annual: 4,
      monthly: [0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0],
    });
    expect(set.status).toBe(200);
    const september = (
      await leader('GET', '/api/v1/indicators/signed_projects/values?unit=321084&year=2025&asOf=2025-09-30')
    ).json() as Values;
    expect(september).toMatchObject({
      actual: 3,
      target: 4,
      completion: 0.75,
      scheduleProgress: 0.75,
      lastYearActual: 1,
      yoy: 2,
      status: 'green',
    });
    expect(september.pointsVsSchedule).toBeCloseTo(0);
    const tier = (
      await leader('GET', '/api/v1/indicators/signed_projects_10yi/values?unit=321084&year=2025&asOf=2025-12-31')
    ).json() as Values;
    expect(tier).toMatchObject({ actual: 2, target: null, completion: null, status: null, lastYearActual: 0, yoy: null });
    const investment = (
      await leader('GET', '/api/v1/indicators/signed_investment/values?unit=321084&year=2025&asOf=2025-06-30')
    ).json() as Values;
    expect(investment.actual).toBe(158_000); // 12亿 + 3亿 + 8000万
    expect((await leader('GET', '/api/v1/indicators/nope/values?unit=321084')).status).toBe(404);
  });

  it('takes monthly figures of reported indicators and sums them over the subtree and the months', async () => {
    expect(
      (await officer('PUT', '/api/v1/indicators/signed_projects/reports', { unit: '321084', month: '2025-01', value: 3 })).status,
    ).toBe(400);
    for (const [month, value] of [
      ['2025-01', 120],
      ['2025-02', 80],
      ['2025-10', 500],
    ] as const) {
      expect((await officer('PUT', '/api/v1/indicators/actual_foreign_investment/reports', { unit: '321084', month, value })).status).toBe(
        200,
      );
    }
    const values = (
      await leader('GET', '/api/v1/indicators/actual_foreign_investment/values?unit=321000&year=2025&asOf=2025-09-30')
    ).json() as Values;
    expect(values.actual).toBe(200);
  });

  it('colours a unit behind schedule red', async () => {
    await city('PUT', '/api/v1/targets', { unit: '321084', year: 2025, indicator: 'started_projects', annual: 10 });
    const values = (
      await leader('GET', '/api/v1/indicators/started_projects/values?unit=321084&year=2025&asOf=2025-09-30')
    ).json() as Values;
    expect(values).toMatchObject({ actual: 2, completion: 0.2, status: 'red' });
    expect(values.pointsVsSchedule).toBeCloseTo(-0.55);
  });

  it('gives cohort rates with numerators and denominators, counting skipped stages as reached', async () => {
    const rates = (await leader('GET', '/api/v1/rates/cohort?unit=321084&year=2025&asOf=2025-12-31')).json() as Record<
      string,
      number | null
    >;
    expect(rates).toMatchObject({
      signed: 4,
      landed: 3,
      started: 2,
      producing: 0,
      listed: 0,
      landingRate: 0.75,
      startRate: 0.5,
      productionRate: 0,
      listingRate: 0,
    });
    const midYear = (await leader('GET', '/api/v1/rates/cohort?unit=321084&year=2025&asOf=2025-06-01')).json() as Record<
      string,
      number | null
    >;
    expect(midYear).toMatchObject({ signed: 2, landed: 1, started: 1 });
    const empty = (await leader('GET', '/api/v1/rates/cohort?unit=321084&year=2020&asOf=2020-12-31')).json() as Record<
      string,
      number | null
    >;
    expect(empty).toMatchObject({ signed: 0, landingRate: null });
  });

  it('adds up: a parent’s additive indicator equals the sum over its children (property)', async () => {
    await loadDemoProjects(context.database.db, { count: 400, seed: 11, withEvents: false });
    const children = ((await leader('GET', '/api/v1/units?parent=321000')).json() as { items: { code: string }[] }).items.map(
      (u) => u.code,
    );
    const computed = BUILT_IN_INDICATORS.filter((i) => i.kind === 'computed').map((i) => i.key);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...computed),
        fc.integer({ min: 2023, max: 2026 }),
        fc.integer({ min: 1, max: 12 }),
        async (key, y, month) => {
          const asOf = `${y}-${String(month).padStart(2, '0')}-28`;
          const value = async (unit: string) =>
            ((await leader('GET', `/api/v1/indicators/${key}/values?unit=${unit}&year=${y}&asOf=${asOf}`)).json() as Values).actual;
          const parent = await value('321000');
          const sum = (await Promise.all(children.map(value))).reduce((a, b) => a + b, 0);
          expect(parent).toBeCloseTo(sum, 2);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("issues (下达) the children's targets as dated versions; a later change is a revision with a reason, audited", async () => {
    const year = 2027;
    expect((await city('POST', '/api/v1/targets/issue', { unit: '321000', year })).status).toBe(400); // nothing to issue yet
    expect((await city('PUT', '/api/v1/targets', { unit: '321084', year, indicator: 'signed_projects', annual: 8 })).status).toBe(200);
    expect((await officer('POST', '/api/v1/targets/issue', { unit: '321000', year })).status).toBe(403); // not the district's to issue
    const issued = await city('POST', '/api/v1/targets/issue', { unit: '321000', year, note: '依据年度考核方案' });
    expect(issued.status, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({ version: 1, targets: 1, note: '依据年度考核方案' });
    // after issue: no silent change
    const silent = await city('PUT', '/api/v1/targets', { unit: '321084', year, indicator: 'signed_projects', annual: 9 });
    expect(silent.status).toBe(409);
    expect(silent.body).toContain('调整须填写原因');
    const revised = await city('PUT', '/api/v1/targets', {
      unit: '321084',
      year,
      indicator: 'signed_projects',
      annual: 9,
      reason: '新增两个重点园区',
    });
    expect(revised.status, revised.body).toBe(200);
    const { auditLog } = await import('../audit/schema.ts');
    const rows = await context.database.db.select().from(auditLog);
    expect(rows.find((r) => r.action === 'target.revise' && r.objectId === `321084/${year}/signed_projects`)?.detail).toContain(
      '新增两个重点园区',
    );
    expect(rows.some((r) => r.action === 'target.issue')).toBe(true);
    // the district sees where its target came from; the city sees its version
    const mine = (await officer('GET', `/api/v1/targets?unit=321084&year=${year}`)).json() as {
      issuedAbove: { version: number } | null;
      readOnlyUnits: string[];
    };
    expect(mine).toMatchObject({ issuedAbove: { version: 1 }, readOnlyUnits: ['321084'] });
    expect(((await city('POST', '/api/v1/targets/issue', { unit: '321000', year })).json() as { version: number }).version).toBe(2);
    const versions = (await city('GET', `/api/v1/targets/issues?unit=321000&year=${year}`)).json() as {
      items: { version: number; targets: { unit: string; annual: number }[] }[];
    };
    expect(versions.items.map((v) => [v.version, v.targets[0]!.annual])).toEqual([
      [2, 9],
      [1, 8],
    ]);
  });
});
