// 外出招商 and 市外招商时间 on fixed days: the official calendar's working days (October 2026 with 国庆 and its 调休
// Saturday, February 2026 with 春节 and two), trips overlapping counted once, posts and their quotas, approval.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installClock, type Clock } from '../../shared/calendar.ts';
import { auditLog } from '../audit/schema.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, multipart, type Injector, type TestContext } from '../testing/harness.ts';

let offset = 0;
const CLOCK: Clock = { now: () => new Date(Date.now() + offset) };
const goTo = (day: string) => {
  offset = new Date(`${day}T10:00:00+08:00`).getTime() - Date.now();
};
goTo('2026-11-05');
installClock(CLOCK);

interface Table {
  approvedOnly: boolean;
  workdays: number;
  items: {
    username: string;
    post: string | null;
    workdays: number;
    daysAway: number;
    share: number;
    quota: number | null;
    met: boolean | null;
  }[];
}

describe.each(BACKENDS)('trips and out-of-city time on %s', (backend) => {
  let context: TestContext;
  let officer: Injector; // 邗江区 officer: logs the trips
  let reviewer: Injector; // 扬州市 reviewer: sets posts, approves
  let sibling: Injector; // 高邮市 officer
  let admin: Injector;
  let reviewerCookie: string;
  let officerCookie: string;
  let siblingCookie: string;
  const row = (table: Table, username: string) => table.items.find((i) => i.username === username)!;
  const table = async (who: Injector, query: string) => (await who('GET', `/api/v1/staff/out-of-city?${query}`)).json() as Table;

  beforeAll(async () => {
    context = await createTestContext(backend, { clock: CLOCK });
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'hj_leader', ['leader'], '321003');
    await addUser(context.database, 'hj_head', ['leader'], '321003');
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    await addUser(context.database, 'js_admin', ['sysadmin'], '320000');
    officerCookie = await loginCookie(context, 'hj_officer');
    officer = as(context, officerCookie);
    reviewerCookie = await loginCookie(context, 'yz_reviewer');
    reviewer = as(context, reviewerCookie);
    siblingCookie = await loginCookie(context, 'gy_officer');
    sibling = as(context, siblingCookie);
    admin = as(context, await loginCookie(context, 'js_admin'));
  });
  afterAll(() => context.close());

  it('counts the official working days of a month: 国庆 and 春节 with their 调休 Saturdays', async () => {
    expect((await table(reviewer, 'unit=321003&month=2026-10')).workdays).toBe(18);
    expect((await table(reviewer, 'unit=321003&month=2026-02')).workdays).toBe(16);
    expect((await table(reviewer, 'unit=321003&month=2026-11')).workdays).toBe(21);
  });

  it('logs trips for a group and counts each person’s working days away once, with the quota of their post', async () => {
    // the leader first: the trip is kept by the leader's unit
    const trip = await officer('POST', '/api/v1/trips', {
      people: ['hj_leader', 'hj_officer'],
      from: '2026-09-29',
      to: '2026-10-10', // across 国庆: 9-29, 9-30, then 10-08, 10-09 and the 调休 Saturday 10-10 are working days
      destination: '深圳市',
      purpose: '拜访汽车电子企业',
      visits: [{ company: '深圳某汽车电子公司', summary: '介绍邗江汽车零部件园' }],
      results: '两家企业有意向来扬考察',
    });
    expect(trip.status).toBe(201);
    // overlapping the first: its days count once
    expect(
      (
        await officer('POST', '/api/v1/trips', {
          people: ['hj_leader'],
          from: '2026-10-09',
          to: '2026-10-14',
          destination: '上海市',
          purpose: '参加推介会',
        })
      ).status,
    ).toBe(201);
    // a reception is no time away
    expect(
      (
        await officer('POST', '/api/v1/trips', {
          kind: 'reception',
          people: ['hj_head'],
          from: '2026-10-20',
          to: '2026-10-20',
          destination: '苏州市',
          purpose: '接待企业考察',
          visitors: '某集团副总裁一行',
        })
      ).status,
    ).toBe(201);
    // refused with the reason: reversed dates, unknown people, someone outside the submitter's unit, a trip not begun
    const bad = async (body: Record<string, unknown>) =>
      (
        await officer('POST', '/api/v1/trips', {
          people: ['hj_officer'],
          from: '2026-10-12',
          to: '2026-10-13',
          destination: '北京市',
          purpose: 'x',
          ...body,
        })
      ).json() as { error: { code: string; message: string } };
    expect((await bad({ to: '2026-10-01' })).error.message).toContain('结束日期不能早于开始日期');
    expect((await bad({ people: ['nobody'] })).error.message).toContain('nobody');
    expect((await bad({ people: ['gy_officer'] })).error.message).toContain('gy_officer');
    expect((await bad({ from: '2026-12-01', to: '2026-12-02' })).error.message).toContain('尚未开始');
    expect((await bad({ projectCodes: ['NOPE-1'] })).error.code).toBe('VALIDATION');

    expect((await reviewer('PUT', '/api/v1/staff/hj_leader/post', { post: 'investment_leader' })).status).toBe(200);
    expect((await reviewer('PUT', '/api/v1/staff/hj_head/post', { post: '园区主要负责人' })).status).toBe(200);
    expect((await reviewer('PUT', '/api/v1/staff/hj_officer/post', { post: '局长' })).status).toBe(400);
    expect((await officer('PUT', '/api/v1/staff/hj_officer/post', { post: 'park_head' })).status).toBe(403);
    expect((await sibling('PUT', '/api/v1/staff/hj_leader/post', { post: null })).status).toBe(403);

    const october = await table(reviewer, 'unit=321003&month=2026-10');
    // hj_leader: 10-08, 10-09, 10-10 (调休), 10-12..14 = 6 of 18 working days: 33% against 40%, missed
    expect(row(october, 'hj_leader')).toMatchObject({ post: 'investment_leader', workdays: 18, daysAway: 6, quota: 0.4, met: false });
    expect(row(october, 'hj_leader').share).toBeCloseTo(6 / 18);
    expect(row(october, 'hj_officer')).toMatchObject({ post: null, daysAway: 3, quota: null, met: null });
    expect(row(october, 'hj_head')).toMatchObject({ post: 'park_head', daysAway: 0, quota: 0.6, met: false });
    const september = await table(reviewer, 'unit=321003&month=2026-09');
    expect(row(september, 'hj_officer').daysAway).toBe(2);
    // the year so far adds its months up
    const year = await table(reviewer, 'unit=321003&year=2026');
    expect(row(year, 'hj_leader').daysAway).toBe(8);

    // scope: the district and the city see it, another district nothing of it
    expect((await officer('GET', '/api/v1/trips?month=2026-10')).json()).toMatchObject({ total: 3 });
    expect((await reviewer('GET', '/api/v1/trips?unit=321000&user=hj_leader')).json()).toMatchObject({ total: 2 });
    expect((await sibling('GET', '/api/v1/trips')).json()).toMatchObject({ total: 0 });
    expect((await sibling('GET', `/api/v1/trips/${(trip.json() as { id: string }).id}`)).status).toBe(404);
    expect((await sibling('GET', '/api/v1/staff/out-of-city?unit=321003')).status).toBe(403);
    const detail = (await reviewer('GET', `/api/v1/trips/${(trip.json() as { id: string }).id}`)).json() as {
      days: number;
      people: { username: string; leader: boolean }[];
      visits: { company: string }[];
    };
    expect(detail.days).toBe(12);
    expect(detail.people[0]).toMatchObject({ username: 'hj_leader', leader: true });
    expect(detail.visits[0]!.company).toBe('深圳某汽车电子公司');

    // the table as a workbook, red where a quota is missed
    const file = await context.built.app.inject({
      method: 'GET',
      url: '/api/v1/staff/out-of-city.xlsx?unit=321003&month=2026-10',
      headers: { cookie: reviewerCookie },
    });
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const leaderRow = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(3).value === 'hj_leader')!;
    expect(leaderRow.getCell(7).value).toBe(6);
    expect(leaderRow.getCell(10).value).toBe('未达标');
  });

  it('counts only approved trips once approval is switched on, and audits every write', async () => {
    expect((await admin('PUT', '/api/v1/settings/staff.tripApproval', { value: 'on' })).status).toBe(200);
    expect(row(await table(reviewer, 'unit=321003&month=2026-10'), 'hj_leader').daysAway).toBe(0);
    const trips = ((await reviewer('GET', '/api/v1/trips?unit=321003&user=hj_leader')).json() as { items: { id: string }[] }).items;
    expect((await officer('POST', `/api/v1/trips/${trips[0]!.id}/review`, { action: 'approve' })).status).toBe(403);
    expect((await reviewer('POST', `/api/v1/trips/${trips[0]!.id}/review`, { action: 'return' })).status).toBe(400); // says why
    expect((await reviewer('POST', `/api/v1/trips/${trips[0]!.id}/review`, { action: 'approve' })).status).toBe(200);
    expect(row(await table(reviewer, 'unit=321003&month=2026-10'), 'hj_leader').daysAway).toBe(5); // the approved one: 10-09, 10-10, 10-12..14
    expect((await admin('PUT', '/api/v1/settings/staff.tripApproval', { value: 'off' })).status).toBe(200);

    const [audit] = await context.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(sql`${auditLog.action} like 'trip.%' or ${auditLog.action} = 'staff.post'`);
    expect(audit!.n).toBe(3 + 2 + 1); // three trips, two posts, one approval
  });

  it('keeps photos from the phone with a trip: images only, by their bytes, read by those who read the trip', async () => {
    const created = await officer('POST', '/api/v1/trips', {
      people: ['hj_officer'],
      from: '2026-11-03',
      to: '2026-11-03',
      destination: '苏州市',
      purpose: '现场考察',
    });
    const { id } = created.json() as { id: string };
    const upload = (file: Buffer, name: string, type: string, cookie = officerCookie) => {
      const body = multipart(file, name, type);
      return context.built.app.inject({
        method: 'POST',
        url: `/api/v1/trips/${id}/photos`,
        payload: body.payload,
        headers: { ...body.headers, cookie },
      });
    };
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    const saved = await upload(jpeg, '现场.jpg', 'image/jpeg');
    expect(saved.statusCode, saved.body).toBe(201);
    const photoId = (saved.json() as { id: string }).id;
    // an SVG or a PDF calling itself a photo is refused, nothing kept
    expect((await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'x.jpg', 'image/jpeg')).statusCode).toBe(422);
    expect((await upload(Buffer.from('%PDF-1.7 ...'), 'x.png', 'image/png')).statusCode).toBe(422);
    const detail = (await reviewer('GET', `/api/v1/trips/${id}`)).json() as { photos: { id: string; size: number }[] };
    expect(detail.photos).toEqual([expect.objectContaining({ id: photoId, size: jpeg.length })]);
    const image = await context.built.app.inject({
      method: 'GET',
      url: `/api/v1/trips/${id}/photos/${photoId}`,
      headers: { cookie: reviewerCookie },
    });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.equals(jpeg)).toBe(true);
    expect((await sibling('GET', `/api/v1/trips/${id}/photos/${photoId}`)).status).toBe(404);
    expect((await upload(jpeg, 'y.jpg', 'image/jpeg', siblingCookie)).statusCode).toBe(404);
    expect((await officer('DELETE', `/api/v1/trips/${id}/photos/${photoId}`)).status).toBe(204);
    expect(((await officer('GET', `/api/v1/trips/${id}`)).json() as { photos: unknown[] }).photos).toHaveLength(0);
  });
});
