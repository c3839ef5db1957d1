// 招商顾问 on a fixed day: the register and its term, projects attributed once, the reward ledger by the ⚙ rule
// (per mille of the year's 完成投资 or 到资, the cap over all years, 增资扩产 and public servants excluded),
// approved and paid by the appointing unit's reviewer — and rewards read by nobody but its reviewers and leaders.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, installClock } from '../../shared/calendar.ts';
import { auditLog } from '../audit/schema.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

const CLOCK = fixedClock('2031-12-20T10:00:00+08:00');
installClock(CLOCK);

interface Ledger {
  year: number;
  items: {
    projectCode: string;
    basisWan: number;
    earlierWan: number;
    amountWan: number;
    capped: boolean;
    exclusion: string | null;
    status: string;
    paidOn: string | null;
  }[];
  totals: { computedWan: number; approvedWan: number; paidWan: number };
}

describe.each(BACKENDS)('advisors and their rewards on %s', (backend) => {
  let context: TestContext;
  let officer: Injector; // 邗江区 officer: appoints, attributes
  let reviewer: Injector; // 邗江区 reviewer: reads, approves, pays
  let leader: Injector; // 邗江区 leader: reads rewards
  let cityReviewer: Injector; // 扬州市 reviewer: sees the advisor, not the rewards
  let parkOfficer: Injector; // 扬州经济技术开发区: a sibling of 邗江区 under the city
  let sibling: Injector; // 高邮市 officer
  let admin: Injector;
  const codes: Record<string, string> = {};
  let advisorId = '';
  let servantId = '';

  beforeAll(async () => {
    context = await createTestContext(backend, { clock: CLOCK });
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'hj_reviewer', ['reviewer'], '321003');
    await addUser(context.database, 'hj_leader', ['leader'], '321003');
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    await addUser(context.database, 'yzkfq_officer', ['officer'], '321071');
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    await addUser(context.database, 'js_admin', ['sysadmin'], '320000');
    officer = as(context, await loginCookie(context, 'hj_officer'));
    reviewer = as(context, await loginCookie(context, 'hj_reviewer'));
    leader = as(context, await loginCookie(context, 'hj_leader'));
    cityReviewer = as(context, await loginCookie(context, 'yz_reviewer'));
    parkOfficer = as(context, await loginCookie(context, 'yzkfq_officer'));
    sibling = as(context, await loginCookie(context, 'gy_officer'));
    admin = as(context, await loginCookie(context, 'js_admin'));
    const project = async (name: string, total: string, type: string, signed: string | null) => {
      const response = await officer('POST', '/api/v1/projects', {
        unitCode: '321003',
        name,
        investorName: `${name}投资方`,
        capitalType: 'domestic',
        projectType: type,
        stage: signed ? 'started' : 'negotiating',
        dates: signed ? { signed, started: signed } : {},
        totalInvestment: total,
        leadSource: 'advisor',
        referrer: '王顾问',
        ...(signed ? { contractKind: 'formal', contractAmount: total } : {}),
      });
      expect(response.status, response.body).toBe(201);
      codes[name] = (response.json() as { project: { code: string } }).project.code;
    };
    await project('顾问引荐新项目', '50亿元', 'new', '2030-03-01');
    await project('顾问引荐扩产项目', '10亿元', 'expansion', '2031-02-01');
    await project('顾问引荐在谈项目', '5亿元', 'new', null);
    await project('公职人员引荐项目', '8亿元', 'new', '2031-01-10');
    // 完成投资: 2030 18,000 万元, 2031 30,000 万元 on the new project; 2031 6,000 on the expansion and the servant's
    const progress = async (name: string, month: string, investedWan: number) =>
      expect((await officer('PUT', `/api/v1/projects/${codes[name]}/progress/${month}`, { investedWan })).status).toBe(200);
    await progress('顾问引荐新项目', '2030-06', 18_000);
    await progress('顾问引荐新项目', '2031-03', 10_000);
    await progress('顾问引荐新项目', '2031-09', 20_000);
    await progress('顾问引荐扩产项目', '2031-05', 6_000);
    await progress('公职人员引荐项目', '2031-05', 6_000);
  });
  afterAll(() => context.close());

  it('appoints an advisor for a term, seen by the unit and those above — not by a sibling', async () => {
    const bad = await officer('POST', '/api/v1/advisors', {
      unit: '321003',
      name: '王顾问',
      appointedOn: '2030-01-01',
      termEnd: '2029-12-31',
    });
    expect(bad.status).toBe(400);
    expect((await officer('POST', '/api/v1/advisors', { unit: '321000', name: '越权', appointedOn: '2030-01-01' })).status).toBe(403);
    const created = await officer('POST', '/api/v1/advisors', {
      unit: '321003',
      name: '王顾问',
      organisation: '上海某商会',
      title: '常务副会长',
      field: '汽车零部件',
      phone: '13812345678',
      appointedOn: '2030-01-01',
      termEnd: '2032-12-31',
    });
    expect(created.status, created.body).toBe(201);
    advisorId = (created.json() as { id: string }).id;
    servantId = (
      (
        await officer('POST', '/api/v1/advisors', {
          unit: '321003',
          name: '李处长',
          publicServant: true,
          appointedOn: '2030-01-01',
          termEnd: '2031-06-30',
        })
      ).json() as {
        id: string;
      }
    ).id;
    const list = (await officer('GET', '/api/v1/advisors')).json() as { items: { name: string; inTerm: boolean; phone: string }[] };
    expect(Object.fromEntries(list.items.map((a) => [a.name, a.inTerm]))).toEqual({ 王顾问: true, 李处长: false }); // 李's term ended in June
    expect((await officer('GET', '/api/v1/advisors?active=true')).json()).toMatchObject({ items: [{ name: '王顾问' }] });
    expect(((await leader('GET', `/api/v1/advisors/${advisorId}`)).json() as { phone: string }).phone).toBe('138****5678');
    expect((await cityReviewer('GET', `/api/v1/advisors/${advisorId}`)).status).toBe(200);
    expect((await sibling('GET', `/api/v1/advisors/${advisorId}`)).status).toBe(404);
    expect(((await sibling('GET', '/api/v1/advisors')).json() as { items: unknown[] }).items).toHaveLength(0);
  });

  it('attributes a project to one advisor, of the appointing unit’s subtree', async () => {
    for (const name of ['顾问引荐新项目', '顾问引荐扩产项目', '顾问引荐在谈项目'])
      expect((await officer('POST', `/api/v1/advisors/${advisorId}/projects`, { projectCode: codes[name] })).status).toBe(200);
    expect((await officer('POST', `/api/v1/advisors/${servantId}/projects`, { projectCode: codes['公职人员引荐项目'] })).status).toBe(200);
    const taken = await officer('POST', `/api/v1/advisors/${servantId}/projects`, { projectCode: codes['顾问引荐新项目'] });
    expect(taken.status).toBe(409);
    expect((taken.json() as { error: { message: string } }).error.message).toContain('王顾问');
    expect((await parkOfficer('POST', `/api/v1/advisors/${advisorId}/projects`, { projectCode: codes['顾问引荐新项目'] })).status).toBe(
      404,
    );
    const page = (await officer('GET', `/api/v1/advisors/${advisorId}`)).json() as {
      attributed: { code: string }[];
      signedCount: number;
      signedInvestmentWan: number;
      rewardsVisible: boolean;
    };
    expect(page.attributed).toHaveLength(3);
    expect(page).toMatchObject({ signedCount: 2, signedInvestmentWan: 600_000, rewardsVisible: false });
    const project = (await officer('GET', `/api/v1/projects/${codes['顾问引荐新项目']}`)).json() as { project: { referrer: string } };
    expect(project.project.referrer).toBe('王顾问');
  });

  it('computes the year’s rewards by the rule and shows them only to the appointing unit’s reviewers and leaders', async () => {
    const ledger = (await reviewer('GET', `/api/v1/advisors/${advisorId}/rewards?year=2031`)).json() as Ledger;
    const line = (name: string, l: Ledger = ledger) => l.items.find((i) => i.projectCode === codes[name])!;
    // 3‰ of 30,000 万元 = 90 万元, under the cap of 100
    expect(line('顾问引荐新项目')).toMatchObject({ basisWan: 30_000, amountWan: 90, capped: false, exclusion: null, status: 'computed' });
    expect(line('顾问引荐扩产项目')).toMatchObject({ amountWan: 0, exclusion: 'expansion' });
    expect(line('顾问引荐在谈项目')).toMatchObject({ amountWan: 0, exclusion: 'not_signed' });
    expect(ledger.totals.computedWan).toBe(90);
    const servant = (await reviewer('GET', `/api/v1/advisors/${servantId}/rewards?year=2031`)).json() as Ledger;
    expect(servant.items[0]).toMatchObject({ amountWan: 0, exclusion: 'public_servant' });

    expect((await leader('GET', `/api/v1/advisors/${advisorId}/rewards?year=2031`)).status).toBe(200);
    for (const who of [officer, cityReviewer])
      expect((await who('GET', `/api/v1/advisors/${advisorId}/rewards?year=2031`)).status).toBe(403);
    expect((await sibling('GET', `/api/v1/advisors/${advisorId}/rewards?year=2031`)).status).toBe(404);
    expect((await officer('GET', '/api/v1/advisors/rewards?year=2031')).status).toBe(403);
    const denials = await context.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'access.denied' and ${auditLog.detail} like ${'%/rewards%'}`);
    expect(denials.length).toBeGreaterThanOrEqual(3);

    // the ⚙ rule: counted on 实际到资 instead, the expansion rewarded too
    expect((await admin('PUT', '/api/v1/settings/advisors.reward.excludeExpansion', { value: 'off' })).status).toBe(200);
    const again = (await reviewer('GET', `/api/v1/advisors/${advisorId}/rewards?year=2031`)).json() as Ledger;
    expect(line('顾问引荐扩产项目', again)).toMatchObject({ basisWan: 6_000, amountWan: 18, exclusion: null });
    expect((await admin('PUT', '/api/v1/settings/advisors.reward.basis', { value: 'arrived' })).status).toBe(200);
    expect(
      line('顾问引荐新项目', (await reviewer('GET', `/api/v1/advisors/${advisorId}/rewards?year=2031`)).json() as Ledger).basisWan,
    ).toBe(0);
    expect((await admin('PUT', '/api/v1/settings/advisors.reward.basis', { value: 'invested' })).status).toBe(200);
  });

  it('approves a year (frozen), caps the next by the earlier years, records payment once, and audits each step', async () => {
    const step = (who: Injector, action: string, body: Record<string, unknown>) =>
      who('POST', `/api/v1/advisors/${advisorId}/rewards/${action}`, body);
    const code = codes['顾问引荐新项目']!;
    expect((await step(leader, 'approve', { projectCode: code, year: 2030 })).status).toBe(403); // a leader reads, a reviewer decides
    expect((await step(cityReviewer, 'approve', { projectCode: code, year: 2030 })).status).toBe(403);
    expect((await step(reviewer, 'pay', { projectCode: code, year: 2030 })).status).toBe(409); // not approved yet
    const approved = await step(reviewer, 'approve', { projectCode: code, year: 2030 });
    expect(approved.json()).toMatchObject({ amountWan: 54, status: 'approved' }); // 3‰ of 18,000
    expect((await step(reviewer, 'approve', { projectCode: code, year: 2030 })).status).toBe(409);
    // 2031: 90 computed, but 54 already earned against the cap of 100 → 46
    const ledger = (await reviewer('GET', `/api/v1/advisors/${advisorId}/rewards?year=2031`)).json() as Ledger;
    expect(ledger.items.find((i) => i.projectCode === code)).toMatchObject({ earlierWan: 54, amountWan: 46, capped: true });
    expect((await step(reviewer, 'approve', { projectCode: code, year: 2032 })).status).toBe(400); // a future year
    // a frozen amount does not move when the rule changes
    expect((await admin('PUT', '/api/v1/settings/advisors.reward.perMille', { value: 5 })).status).toBe(200);
    const frozen = (await reviewer('GET', `/api/v1/advisors/${advisorId}/rewards?year=2030`)).json() as Ledger;
    expect(frozen.items.find((i) => i.projectCode === code)).toMatchObject({ amountWan: 54, status: 'approved' });
    expect((await admin('PUT', '/api/v1/settings/advisors.reward.perMille', { value: 3 })).status).toBe(200);

    expect((await step(reviewer, 'pay', { projectCode: code, year: 2030, paidOn: '2031-12-25' })).status).toBe(400); // future date
    expect((await step(reviewer, 'pay', { projectCode: code, year: 2030, paidOn: '2031-03-15' })).json()).toMatchObject({ status: 'paid' });
    expect((await step(reviewer, 'pay', { projectCode: code, year: 2030 })).status).toBe(409);
    expect((await step(reviewer, 'revoke', { projectCode: code, year: 2030 })).status).toBe(409); // paid: stays
    const paid = (await reviewer('GET', `/api/v1/advisors/${advisorId}/rewards?year=2030`)).json() as Ledger;
    expect(paid.items.find((i) => i.projectCode === code)).toMatchObject({ status: 'paid', paidOn: '2031-03-15' });
    expect(paid.totals.paidWan).toBe(54);
    // an approval not yet paid can be withdrawn: the amount is the rule's again
    expect((await step(reviewer, 'approve', { projectCode: code, year: 2031 })).json()).toMatchObject({ amountWan: 46 });
    expect((await step(reviewer, 'revoke', { projectCode: code, year: 2031 })).json()).toMatchObject({ amountWan: 46, status: 'computed' });
    const unit = (await leader('GET', '/api/v1/advisors/rewards?year=2030')).json() as Ledger;
    expect(unit.items.length).toBe(4);

    // an advisor with rewards stays on the register; one without can go
    expect((await officer('DELETE', `/api/v1/advisors/${advisorId}`)).status).toBe(409);
    expect((await officer('DELETE', `/api/v1/advisors/${servantId}`)).status).toBe(204);
    const audit = await context.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.action} like 'advisor.%'`);
    const actions = audit.map((a) => a.action);
    for (const action of ['advisor.create', 'advisor.attribute', 'advisor.reward.approve', 'advisor.reward.pay', 'advisor.delete'])
      expect(actions).toContain(action);
  });
});
