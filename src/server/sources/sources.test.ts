// 线索来源转化 on a fixed day: a year's leads by source, how many reached 在谈 / 签约 / 开工, and every count equal to
// the ledger's drill-down behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, installClock } from '../../shared/calendar.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

const CLOCK = fixedClock('2031-11-05T10:00:00+08:00');
installClock(CLOCK);

interface Conversion {
  year: number;
  items: {
    source: string;
    leads: number;
    negotiating: number;
    signed: number;
    started: number;
    investmentWan: number;
    rates: { signed: number | null };
  }[];
  total: { leads: number; signed: number };
}

describe.each(BACKENDS)('lead-source conversion on %s', (backend) => {
  let context: TestContext;
  let officer: Injector;
  let sibling: Injector;

  beforeAll(async () => {
    context = await createTestContext(backend, { clock: CLOCK });
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    officer = as(context, await loginCookie(context, 'hj_officer'));
    sibling = as(context, await loginCookie(context, 'gy_officer'));
    const project = async (name: string, leadSource: string | null, dates: Record<string, string>, stage: string, amount: string) => {
      const response = await officer('POST', '/api/v1/projects', {
        unitCode: '321003',
        name,
        investorName: `${name}投资方`,
        capitalType: 'domestic',
        stage,
        dates,
        totalInvestment: amount,
        leadSource,
        ...(dates['signed'] ? { contractKind: 'formal', contractAmount: amount } : {}),
      });
      expect(response.status, response.body).toBe(201);
    };
    await project(
      '顾问引荐项目甲',
      'advisor',
      { lead: '2031-02-01', negotiating: '2031-03-01', signed: '2031-05-01', started: '2031-08-01' },
      'started',
      '5亿元',
    );
    await project('顾问引荐项目乙', 'advisor', { lead: '2031-04-01', negotiating: '2031-06-01' }, 'negotiating', '2亿元');
    await project('顾问引荐项目丙', 'advisor', { lead: '2031-09-01' }, 'lead', '1亿元');
    await project('以商招商项目', 'business_referral', { lead: '2031-03-10', signed: '2031-07-01' }, 'signed', '3亿元'); // 在谈 skipped: passed
    await project('未填来源项目', null, { lead: '2031-05-05' }, 'lead', '0.5亿元');
    await project('去年的线索', 'advisor', { lead: '2030-12-01', signed: '2031-02-01' }, 'signed', '8亿元');
  });
  afterAll(() => context.close());

  it('counts a year’s leads by source through the steps they reached', async () => {
    const table = (await officer('GET', '/api/v1/sources/conversion?year=2031')).json() as Conversion;
    const advisor = table.items.find((i) => i.source === 'advisor')!;
    expect(advisor).toMatchObject({ leads: 3, negotiating: 2, signed: 1, started: 1, investmentWan: 80_000 });
    expect(advisor.rates.signed).toBeCloseTo(1 / 3);
    expect(table.items.find((i) => i.source === 'business_referral')).toMatchObject({ leads: 1, negotiating: 1, signed: 1, started: 0 });
    expect(table.items.find((i) => i.source === 'none')).toMatchObject({ leads: 1, signed: 0 });
    expect(table.items.find((i) => i.source === 'fund')).toMatchObject({ leads: 0 }); // every source listed
    expect(table.total).toMatchObject({ leads: 5, signed: 2 });
    expect(((await officer('GET', '/api/v1/sources/conversion?year=2030')).json() as Conversion).total.leads).toBe(1);
    expect((await sibling('GET', '/api/v1/sources/conversion?unit=321003')).status).toBe(403);
    expect(((await sibling('GET', '/api/v1/sources/conversion?year=2031')).json() as Conversion).total.leads).toBe(0);
  });

  it('opens the projects behind every count: the ledger lists as many', async () => {
    const table = (await officer('GET', '/api/v1/sources/conversion?year=2031')).json() as Conversion;
    for (const row of table.items)
      for (const step of ['leads', 'negotiating', 'signed', 'started'] as const) {
        const list = (await officer('GET', `/api/v1/projects?source=${row.source}&sourceStep=${step}&year=2031`)).json() as {
          total: number;
        };
        expect(list.total, `${row.source} ${step}`).toBe(row[step]);
      }
  });
});
