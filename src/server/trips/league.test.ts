// 市外招商时间 as a league indicator (擂台赛): each district ranked by the share of its post-holders who met their
// out-of-city quota in the period, against 100% unless a target is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, installClock } from '../../shared/calendar.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

const CLOCK = fixedClock('2026-11-05T10:00:00+08:00');
installClock(CLOCK);

interface Standings {
  rows: { unitCode: string; rank: number; items: { indicator: string; actual: number; target: number | null; score: number }[] }[];
}

describe.each(BACKENDS)('out-of-city time in the league tables on %s', (backend) => {
  let context: TestContext;
  let city: Injector;
  let cityReviewer: Injector;
  let schemeId = 0;

  beforeAll(async () => {
    context = await createTestContext(backend, { clock: CLOCK });
    await addUser(context.database, 'yz_officer', ['officer'], '321000');
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'hj_leader', ['leader'], '321003');
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    await addUser(context.database, 'gy_head', ['leader'], '321084');
    city = as(context, await loginCookie(context, 'yz_officer'));
    cityReviewer = as(context, await loginCookie(context, 'yz_reviewer'));
    const hanjiang = as(context, await loginCookie(context, 'hj_officer'));
    const gaoyou = as(context, await loginCookie(context, 'gy_officer'));
    expect((await cityReviewer('PUT', '/api/v1/staff/hj_leader/post', { post: 'investment_leader' })).status).toBe(200);
    expect((await cityReviewer('PUT', '/api/v1/staff/gy_head/post', { post: 'park_head' })).status).toBe(200);
    // October 2026 has 18 working days: 8 away meets 40%, 5 away misses 60%
    const trip = (who: Injector, people: string[], from: string, to: string) =>
      who('POST', '/api/v1/trips', { people, from, to, destination: '上海市', purpose: '招商' });
    expect((await trip(hanjiang, ['hj_leader'], '2026-10-12', '2026-10-21')).status).toBe(201);
    expect((await trip(gaoyou, ['gy_head'], '2026-10-12', '2026-10-16')).status).toBe(201);
    const created = await city('POST', '/api/v1/league/schemes', {
      unit: '321000',
      name: '市外招商时间擂台赛',
      periodKind: 'month',
      items: [{ indicator: 'out_of_city_met', weight: 100, cap: 1 }],
      groups: [],
    });
    expect(created.status, created.body).toBe(201);
    schemeId = (created.json() as { id: number }).id;
  });
  afterAll(() => context.close());

  it('ranks the districts by the share of post-holders who met their quota', async () => {
    const table = (await city('GET', `/api/v1/league/schemes/${schemeId}/standings?year=2026&period=2026-10`)).json() as Standings;
    const row = (code: string) => table.rows.find((r) => r.unitCode === code)!;
    expect(row('321003')).toMatchObject({ rank: 1, items: [{ actual: 100, target: 100, score: 100 }] });
    expect(row('321084').items[0]).toMatchObject({ actual: 0, target: 100, score: 0 });
    // November so far: nobody has been away
    const november = (await city('GET', `/api/v1/league/schemes/${schemeId}/standings?year=2026&period=2026-11`)).json() as Standings;
    expect(november.rows.find((r) => r.unitCode === '321003')!.items[0]!.actual).toBe(0);
  });

  it('is held to a target when one is set', async () => {
    expect((await city('PUT', '/api/v1/targets', { unit: '321084', year: 2026, indicator: 'out_of_city_met', annual: 50 })).status).toBe(
      200,
    );
    const table = (await city('GET', `/api/v1/league/schemes/${schemeId}/standings?year=2026&period=2026-10`)).json() as Standings;
    expect(table.rows.find((r) => r.unitCode === '321084')!.items[0]).toMatchObject({ target: 50 });
  });
});
