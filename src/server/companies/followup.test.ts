// 跟进逾期: an agreed next step past its date (and the ⚙ grace) raises an alert for the unit answerable for the
// company, on fixed days; a later contact, or the company dropped, resolves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, installClock, type Clock } from '../../shared/calendar.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

// Days after the machine's real day (rows the database stamps itself must not look newer than the clock's).
const DAY = '2031-03-02';
// The clock runs at real speed from 10:00 of the day the test goes to (two edits in a row are stamped apart).
let offset = 0;
const CLOCK: Clock = { now: () => new Date(Date.now() + offset) };
const goTo = (day: string) => {
  offset = new Date(`${day}T10:00:00+08:00`).getTime() - Date.now();
};
installClock(CLOCK);

interface AlertList {
  total: number;
  items: { kind: string; companyId: string | null; companyName: string | null; unitCode: string; message: string; severity: string }[];
}

describe.each(BACKENDS)('follow-up alerts of the pipeline on %s', (backend) => {
  let context: TestContext;
  let city: Injector;
  let district: Injector;
  let sibling: Injector;
  let admin: Injector;
  let targetId: string;
  let droppedId: string;
  // days pass between the steps, so every session has expired: sign in again on each day
  const signIn = async () => {
    city = as(context, await loginCookie(context, 'yz_reviewer'));
    district = as(context, await loginCookie(context, 'gl_officer'));
    sibling = as(context, await loginCookie(context, 'hj_officer'));
    admin = as(context, await loginCookie(context, 'js_admin'));
  };
  const overdue = async (who: Injector, query = '') =>
    (await who('GET', `/api/v1/alerts?kind=next_step_overdue${query}`)).json() as AlertList;

  beforeAll(async () => {
    goTo(DAY);
    context = await createTestContext(backend, { clock: CLOCK });
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    await addUser(context.database, 'gl_officer', ['officer'], '321002');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'js_admin', ['sysadmin'], '320000');
    await signIn();
    targetId = (
      (await city('POST', '/api/v1/companies', { name: '上海某汽车电子公司', kind: '目标企业', location: '上海市' })).json() as {
        id: string;
      }
    ).id;
    droppedId = (
      (await city('POST', '/api/v1/companies', { name: '深圳某电池公司', kind: '目标企业', location: '深圳市' })).json() as { id: string }
    ).id;
    expect(
      (await city('PUT', `/api/v1/companies/${targetId}/pipeline`, { stage: 'target', unit: '321002', assignee: 'gl_officer' })).status,
    ).toBe(200);
    expect((await district('POST', `/api/v1/companies/${targetId}/assignment`, { action: 'accept' })).status).toBe(200);
    const visit = await district('POST', `/api/v1/companies/${targetId}/contacts`, {
      on: DAY,
      kind: 'visit_out',
      summary: '拜访总部',
      nextStep: '邀请来扬考察',
      nextOn: addDays(DAY, 5),
    });
    expect(visit.status).toBe(201);
    const call = await city('POST', `/api/v1/companies/${droppedId}/contacts`, {
      on: DAY,
      kind: 'phone',
      summary: '电话联系',
      nextStep: '寄送资料',
      nextOn: addDays(DAY, 1),
    });
    expect(call.status).toBe(201);
  });
  afterAll(() => context.close());

  it('waits for the grace after the agreed date, then alerts the unit the company is assigned to', async () => {
    goTo(addDays(DAY, 7)); // the visit's next step is 2 days late: within the 3 days' grace
    await signIn();
    expect((await overdue(district)).total).toBe(0);
    const cityView = await overdue(city);
    expect(cityView.items.map((a) => a.companyName)).toEqual(['深圳某电池公司']); // 6 days late, kept by the city
    expect(cityView.items[0]!.unitCode).toBe('321000');

    goTo(addDays(DAY, 9)); // 4 days late
    await signIn();
    const own = await overdue(district);
    expect(own.total).toBe(1);
    expect(own.items[0]).toMatchObject({ companyId: targetId, companyName: '上海某汽车电子公司', unitCode: '321002', severity: 'medium' });
    expect(own.items[0]!.message).toBe(`上海某汽车电子公司：约定 ${addDays(DAY, 5)}「邀请来扬考察」，已逾期 4 天`);
    const english = (await district('GET', '/api/v1/alerts?kind=next_step_overdue', undefined, { 'x-lang': 'en' })).json() as AlertList;
    expect(english.items[0]!.message).toBe(`上海某汽车电子公司: “邀请来扬考察” agreed for ${addDays(DAY, 5)}, 4 days overdue`);
    expect((await overdue(city)).total).toBe(2); // the city sees its subtree
    expect((await overdue(sibling)).total).toBe(0); // another district sees none of it
  });

  it('follows the ⚙ grace, and resolves once a later contact is logged or the company is dropped', async () => {
    expect((await admin('PUT', '/api/v1/settings/alerts.nextStepGraceDays', { value: 10 })).status).toBe(200);
    expect((await overdue(city)).total).toBe(0);
    expect((await admin('PUT', '/api/v1/settings/alerts.nextStepGraceDays', { value: 3 })).status).toBe(200);
    expect((await overdue(city)).total).toBe(2);

    const followed = await district('POST', `/api/v1/companies/${targetId}/contacts`, {
      on: addDays(DAY, 9),
      kind: 'phone',
      summary: '电话确认考察时间',
      nextStep: '接待考察',
      nextOn: addDays(DAY, 20),
    });
    expect(followed.status).toBe(201);
    expect((await city('PUT', `/api/v1/companies/${droppedId}/pipeline`, { stage: 'dropped', reason: '已在外地落户' })).status).toBe(200);
    expect((await overdue(city)).total).toBe(0);
    const resolved = await overdue(city, '&status=resolved');
    // each resolved twice: by the wider grace, then by the contact or the drop
    expect(resolved.items.map((a) => a.companyName).sort()).toEqual(
      ['上海某汽车电子公司', '上海某汽车电子公司', '深圳某电池公司', '深圳某电池公司'].sort(),
    );

    goTo(addDays(DAY, 60)); // the new next step, 37 days late: severe
    await signIn();
    const late = await overdue(district);
    expect(late.items).toHaveLength(1);
    expect(late.items[0]!.severity).toBe('high');
  });
});
