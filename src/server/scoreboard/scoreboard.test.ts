// 招商人员考核 on a fixed day: each person's trips, companies met, receptions, new leads, projects brought to 在谈 and
// 签约 with their investment in a period, weighted by the unit's settings and ranked; every figure equal to the list
// it opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, installClock } from '../../shared/calendar.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

const CLOCK = fixedClock('2031-11-20T10:00:00+08:00');
installClock(CLOCK);

type Metrics = Record<string, number>;
interface Board {
  period: string;
  first: string;
  last: string;
  profile: { from: string | null; weights: Metrics; scored: string; period: string };
  items: { username: string; metrics: Metrics; score: number; rank: number }[];
}

describe.each(BACKENDS)('the staff scoreboard on %s', (backend) => {
  let context: TestContext;
  let officer: Injector;
  let reviewer: Injector;
  let cityReviewer: Injector;
  let sibling: Injector;
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    context = await createTestContext(backend, { clock: CLOCK });
    ids = {
      hj_officer: await addUser(context.database, 'hj_officer', ['officer'], '321003'),
      hj_leader: await addUser(context.database, 'hj_leader', ['leader'], '321003'),
      hj_reviewer: await addUser(context.database, 'hj_reviewer', ['reviewer'], '321003'),
      yz_reviewer: await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000'),
      gy_officer: await addUser(context.database, 'gy_officer', ['officer'], '321084'),
    };
    officer = as(context, await loginCookie(context, 'hj_officer'));
    reviewer = as(context, await loginCookie(context, 'hj_reviewer'));
    cityReviewer = as(context, await loginCookie(context, 'yz_reviewer'));
    sibling = as(context, await loginCookie(context, 'gy_officer'));
    const trip = async (body: Record<string, unknown>) => expect((await officer('POST', '/api/v1/trips', body)).status).toBe(201);
    // November: the officer leads two trips (three companies, one met twice) and a reception; the leader joins one
    await trip({
      people: ['hj_officer', 'hj_leader'],
      from: '2031-11-03',
      to: '2031-11-05',
      destination: '上海市',
      purpose: '拜访',
      visits: [{ company: '甲公司' }, { company: '乙公司' }],
    });
    await trip({
      people: ['hj_officer'],
      from: '2031-11-10',
      to: '2031-11-10',
      destination: '南京市',
      purpose: '洽谈',
      visits: [{ company: '甲公司' }, { company: '丙公司' }],
    });
    await trip({
      kind: 'reception',
      people: ['hj_officer'],
      from: '2031-11-12',
      to: '2031-11-12',
      destination: '深圳市',
      purpose: '接待',
      visitors: '丁公司一行',
      visits: [{ company: '丁公司' }],
    });
    // October, spanning into November: counts in both months
    await trip({ people: ['hj_leader'], from: '2031-10-30', to: '2031-11-02', destination: '杭州市', purpose: '推介' });
    const project = async (name: string, owner: string, stage: string, dates: Record<string, string>, amount: string) => {
      const response = await officer('POST', '/api/v1/projects', {
        unitCode: '321003',
        name,
        investorName: `${name}投资方`,
        capitalType: 'domestic',
        stage,
        dates,
        totalInvestment: amount,
        ownerUserId: ids[owner],
        ...(dates['signed'] ? { contractKind: 'formal', contractAmount: amount } : {}),
      });
      expect(response.status, response.body).toBe(201);
    };
    await project('十一月新线索', 'hj_officer', 'lead', { lead: '2031-11-04' }, '1亿元');
    await project('十一月在谈', 'hj_officer', 'negotiating', { lead: '2031-09-01', negotiating: '2031-11-06' }, '3亿元');
    await project('十一月签约', 'hj_officer', 'signed', { lead: '2031-06-01', signed: '2031-11-08' }, '12亿元');
    await project('领导的签约', 'hj_leader', 'signed', { lead: '2031-05-01', signed: '2031-11-15' }, '20亿元');
    await project('十月签约', 'hj_officer', 'signed', { lead: '2031-03-01', signed: '2031-10-08' }, '5亿元');
  });
  afterAll(() => context.close());

  it('counts the month’s measures per person, weights them by default and ranks them', async () => {
    const board = (await reviewer('GET', '/api/v1/staff/scoreboard?period=2031-11')).json() as Board;
    expect(board).toMatchObject({ first: '2031-11-01', last: '2031-11-30', profile: { from: null, scored: 'team' } });
    const row = (u: string) => board.items.find((i) => i.username === u)!;
    expect(row('hj_officer').metrics).toMatchObject({ trips: 2, companiesVisited: 4, receptions: 1, leads: 1, negotiating: 1, signed: 1 });
    expect(row('hj_officer').metrics['signedInvestmentYi']).toBeCloseTo(12);
    // 2×2 + 4 + 1 + 3 + 5 + 10 + 12
    expect(row('hj_officer').score).toBe(39);
    expect(row('hj_leader').metrics).toMatchObject({ trips: 2, companiesVisited: 2, signed: 1 });
    expect(row('hj_leader').score).toBe(2 * 2 + 2 + 10 + 20);
    expect(board.items.map((i) => [i.username, i.rank])).toEqual([
      ['hj_officer', 1],
      ['hj_leader', 2],
      ['hj_reviewer', 3],
    ]);
    const october = (await reviewer('GET', '/api/v1/staff/scoreboard?period=2031-10')).json() as Board;
    expect(october.items.find((i) => i.username === 'hj_leader')!.metrics['trips']).toBe(1);
    const quarter = (await reviewer('GET', '/api/v1/staff/scoreboard?period=2031-Q4')).json() as Board;
    expect(quarter.items.find((i) => i.username === 'hj_officer')!.metrics).toMatchObject({ signed: 2, leads: 1 });
    expect((await reviewer('GET', '/api/v1/staff/scoreboard?period=2031-13')).status).toBe(400);
    expect((await sibling('GET', '/api/v1/staff/scoreboard?unit=321003')).status).toBe(403);
  });

  it('opens the records behind every figure: the trip list and the ledger list as many', async () => {
    const board = (await reviewer('GET', '/api/v1/staff/scoreboard?period=2031-11')).json() as Board;
    for (const item of board.items) {
      const trips = (
        await reviewer('GET', `/api/v1/trips?user=${item.username}&from=${board.first}&to=${board.last}&kind=trip&counted=true`)
      ).json() as { total: number };
      expect(trips.total).toBe(item.metrics['trips']);
      const receptions = (
        await reviewer('GET', `/api/v1/trips?user=${item.username}&from=${board.first}&to=${board.last}&kind=reception&counted=true`)
      ).json() as {
        total: number;
      };
      expect(receptions.total).toBe(item.metrics['receptions']);
      for (const [metric, field] of [
        ['leads', 'entered'],
        ['negotiating', 'negotiating'],
        ['signed', 'signed'],
      ] as const) {
        const list = (
          await reviewer(
            'GET',
            `/api/v1/projects?owner=${item.username}&dateField=${field}&from=${board.first}&to=${board.last}&pageSize=1`,
          )
        ).json() as {
          total: number;
        };
        expect(list.total, `${item.username} ${metric}`).toBe(item.metrics[metric]);
      }
    }
  });

  it('takes the unit’s weights, period and who is scored, and the units below inherit them', async () => {
    const weights = { trips: 1, companiesVisited: 0, receptions: 0, leads: 0, negotiating: 0, signed: 20, signedInvestmentYi: 0 };
    expect(
      (await officer('PUT', '/api/v1/staff/scoreboard/profile', { unit: '321003', weights, period: 'quarter', scored: 'team' })).status,
    ).toBe(403);
    const saved = await cityReviewer('PUT', '/api/v1/staff/scoreboard/profile', {
      unit: '321000',
      weights,
      period: 'quarter',
      scored: 'team',
    });
    expect(saved.status, saved.body).toBe(200);
    const board = (await reviewer('GET', '/api/v1/staff/scoreboard')).json() as Board;
    expect(board).toMatchObject({ period: '2031-Q4', profile: { from: '321000', period: 'quarter' } });
    // the quarter: two trips and two signings (October's and November's)
    expect(board.items.find((i) => i.username === 'hj_officer')!.score).toBe(2 * 1 + 2 * 20);
    // the district's own settings: only those holding a post are scored
    expect(
      (await reviewer('PUT', '/api/v1/staff/scoreboard/profile', { unit: '321003', weights, period: 'month', scored: 'posts' })).status,
    ).toBe(200);
    expect(((await reviewer('GET', '/api/v1/staff/scoreboard?period=2031-11')).json() as Board).items).toHaveLength(0);
    expect((await reviewer('PUT', '/api/v1/staff/hj_leader/post', { post: 'investment_leader' })).status).toBe(200);
    const posts = (await reviewer('GET', '/api/v1/staff/scoreboard?period=2031-11')).json() as Board;
    expect(posts).toMatchObject({ profile: { from: '321003', scored: 'posts' } });
    expect(posts.items.map((i) => i.username)).toEqual(['hj_leader']);
    const bad = await reviewer('PUT', '/api/v1/staff/scoreboard/profile', {
      unit: '321003',
      weights: { ...weights, trips: -1 },
      period: 'month',
      scored: 'posts',
    });
    expect(bad.status).toBe(400);
  });
});
