// 招商活动 / 集中签约: an event lists projects of its unit's subtree and announces their totals — every project's
// investment in 万元, the foreign-funded ones' in 万美元 — without moving anyone's signing date; scope and audit.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, installClock } from '../../shared/calendar.ts';
import { auditLog } from '../audit/schema.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

const CLOCK = fixedClock('2031-06-20T10:00:00+08:00');
installClock(CLOCK);

interface EventDetail {
  id: string;
  unitCode: string;
  kind: string;
  name: string;
  on: string;
  count: number;
  totalInvestmentWan: number;
  foreignCount: number;
  foreignUsdWan: number;
  onSiteCount: number;
  version: number;
  projects: { code: string; onSite: boolean; signedOn: string | null; totalInvestmentWan: number }[];
}

describe.each(BACKENDS)('events on %s', (backend) => {
  let context: TestContext;
  let cityOfficer: Injector; // 扬州市
  let officer: Injector; // 邗江区
  let sibling: Injector; // 高邮市
  let leader: Injector; // 扬州市 leader: reads, cannot write
  let officerCookie: string;
  const download = (url: string) => context.built.app.inject({ method: 'GET', url, headers: { cookie: officerCookie } });
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    context = await createTestContext(backend, { clock: CLOCK });
    await addUser(context.database, 'yz_officer', ['officer'], '321000');
    await addUser(context.database, 'yz_leader', ['leader'], '321000');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    cityOfficer = as(context, await loginCookie(context, 'yz_officer'));
    officerCookie = await loginCookie(context, 'hj_officer');
    officer = as(context, officerCookie);
    sibling = as(context, await loginCookie(context, 'gy_officer'));
    leader = as(context, await loginCookie(context, 'yz_leader'));
    const project = async (who: Injector, unitCode: string, name: string, capitalType: string, amount: string, signed: string | null) => {
      const response = await who('POST', '/api/v1/projects', {
        unitCode,
        name,
        investorName: `${name}投资方`,
        capitalType,
        stage: signed ? 'signed' : 'negotiating',
        dates: signed ? { signed } : {},
        totalInvestment: amount,
        ...(signed ? { contractKind: 'formal', contractAmount: amount } : {}),
      });
      expect(response.status, response.body).toBe(201);
      codes[name] = (response.json() as { project: { code: string } }).project.code;
    };
    await project(officer, '321003', '邗江内资项目', 'domestic', '25亿元', '2031-06-18');
    await project(officer, '321003', '邗江外资项目', 'foreign', '1.5亿美元', '2031-06-18');
    await project(officer, '321003', '邗江合资项目', 'joint', '3000万美元', '2031-05-30');
    await project(officer, '321003', '邗江在谈项目', 'domestic', '8亿元', null);
    await project(sibling, '321084', '高邮项目', 'domestic', '6亿元', '2031-06-18');
  });
  afterAll(() => context.close());

  const create = (who: Injector, body: Record<string, unknown>) => who('POST', '/api/v1/events', body);

  it('lists the projects signed at an event and announces their totals, foreign ones in USD', async () => {
    const response = await create(cityOfficer, {
      unit: '321000',
      kind: 'signing',
      name: '2031年扬州市重大项目集中签约活动',
      on: '2031-06-18',
      place: '扬州国际展览中心',
      projectCodes: [codes['邗江内资项目'], codes['邗江外资项目'], codes['邗江合资项目'], codes['高邮项目']],
      onSiteCodes: [codes['邗江外资项目']],
    });
    expect(response.status, response.body).toBe(201);
    const { id } = response.json() as { id: string };
    const event = (await leader('GET', `/api/v1/events/${id}`)).json() as EventDetail;
    expect(event).toMatchObject({ kind: 'signing', on: '2031-06-18', count: 4, foreignCount: 2, onSiteCount: 1 });
    const projects = (await cityOfficer('GET', `/api/v1/projects?unit=321000&pageSize=50`)).json() as {
      items: { code: string; totalInvestmentWan: number; totalInvestmentUsdWan: number | null }[];
    };
    const listed = projects.items.filter((p) => event.projects.some((e) => e.code === p.code));
    expect(listed).toHaveLength(4);
    // every project's investment in 万元; foreign and joint ventures' in 万美元, summed as they are stored
    expect(event.totalInvestmentWan).toBeCloseTo(
      listed.reduce((s, p) => s + p.totalInvestmentWan, 0),
      6,
    );
    expect(event.foreignUsdWan).toBeCloseTo(15_000 + 3_000, 6);
    expect(event.projects.map((p) => p.code)).toEqual([
      codes['邗江内资项目'],
      codes['邗江外资项目'],
      codes['邗江合资项目'],
      codes['高邮项目'],
    ]);
    expect(event.projects.find((p) => p.code === codes['邗江外资项目'])!.onSite).toBe(true);
    // the signing is still counted once, at its own date: the event moved no date
    expect(event.projects.find((p) => p.code === codes['邗江合资项目'])!.signedOn).toBe('2031-05-30');

    const audit = await context.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'event.create' and ${auditLog.objectId} = ${id}`);
    expect(audit).toHaveLength(1);
  });

  it('keeps an event to its unit: projects from the subtree only, read by the unit and those above', async () => {
    const bad = await create(officer, {
      unit: '321003',
      kind: 'promotion',
      name: '邗江推介会',
      on: '2031-06-01',
      projectCodes: [codes['高邮项目']],
    });
    expect(bad.status).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toContain(codes['高邮项目']!);
    const outOfScope = await create(officer, { unit: '321000', kind: 'signing', name: '越权', on: '2031-06-01', projectCodes: [] });
    expect(outOfScope.status).toBe(403);
    const unknownUnit = await create(officer, { unit: '999999', kind: 'signing', name: '无此单位', on: '2031-06-01' });
    expect(unknownUnit.status).toBe(400);
    const badDate = await create(officer, { unit: '321003', kind: 'signing', name: '日期错', on: '2031-02-30' });
    expect(badDate.status).toBe(400);
    const notListed = await create(officer, {
      unit: '321003',
      kind: 'signing',
      name: '现场签约不在清单',
      on: '2031-06-01',
      projectCodes: [codes['邗江内资项目']],
      onSiteCodes: [codes['邗江外资项目']],
    });
    expect(notListed.status).toBe(400);
    const badKind = await create(officer, { unit: '321003', kind: '庆典', name: '类型不对', on: '2031-06-01' });
    expect(badKind.status).toBe(400);
    expect((badKind.json() as { error: { message: string } }).error.message).toContain('集中签约');
    // the kind as people write it
    const named = await create(officer, { unit: '321003', kind: '集中签约', name: '按名称写的类型', on: '2031-06-02' });
    expect(named.status).toBe(201);
    const namedId = (named.json() as { id: string }).id;
    expect(((await officer('GET', `/api/v1/events/${namedId}`)).json() as EventDetail).kind).toBe('signing');
    expect((await officer('DELETE', `/api/v1/events/${namedId}`)).status).toBe(204);

    const own = await create(officer, {
      unit: '321003',
      kind: 'cloud_signing',
      name: '邗江区云签约',
      on: '2031-06-10',
      projectCodes: [codes['邗江内资项目'], codes['邗江在谈项目'], codes['邗江内资项目']],
    });
    expect(own.status).toBe(201);
    const { id } = own.json() as { id: string };
    expect(((await officer('GET', `/api/v1/events/${id}`)).json() as EventDetail).count).toBe(2); // listed once
    expect((await sibling('GET', `/api/v1/events/${id}`)).status).toBe(404);
    expect((await leader('GET', `/api/v1/events/${id}`)).status).toBe(200);
    const siblingList = (await sibling('GET', '/api/v1/events')).json() as { total: number };
    expect(siblingList.total).toBe(0);
    const cityList = (await leader('GET', '/api/v1/events?year=2031')).json() as { total: number; items: { name: string }[] };
    expect(cityList.total).toBe(2);
    expect((await leader('GET', '/api/v1/events?year=2030')).json()).toMatchObject({ total: 0 });
    const byProject = (await leader('GET', `/api/v1/events?project=${codes['邗江内资项目']}`)).json() as { total: number };
    expect(byProject.total).toBe(2);
    expect((await leader('POST', '/api/v1/events', { unit: '321000', kind: 'signing', name: 'x', on: '2031-06-01' })).status).toBe(403);
  });

  it('edits with the version, deletes with an audit row, and exports the list and the sheet', async () => {
    const { id } = (
      await create(officer, { unit: '321003', kind: 'roundtable', name: '恳谈会', on: '2031-06-12', projectCodes: [codes['邗江内资项目']] })
    ).json() as { id: string };
    const body = {
      unit: '321003',
      kind: 'roundtable',
      name: '邗江（上海）恳谈会',
      on: '2031-06-12',
      projectCodes: [codes['邗江外资项目']],
    };
    expect((await officer('PUT', `/api/v1/events/${id}`, { ...body, version: 1 })).status).toBe(200);
    expect((await officer('PUT', `/api/v1/events/${id}`, { ...body, version: 1 })).status).toBe(409);
    const edited = (await officer('GET', `/api/v1/events/${id}`)).json() as EventDetail;
    expect(edited).toMatchObject({ name: '邗江（上海）恳谈会', count: 1, foreignCount: 1, version: 2 });

    const sheet = await download(`/api/v1/events/${id}/xlsx`);
    expect(sheet.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!;
    expect(rows.getRow(1).getCell(1).value).toBe('邗江（上海）恳谈会');
    expect(String(rows.getRow(2).getCell(1).value)).toContain('共签约项目1个');
    expect(rows.getRow(5).getCell(2).value).toBe(codes['邗江外资项目']);

    const list = await download('/api/v1/events/export?year=2031');
    expect(list.statusCode).toBe(200);
    const listBook = new ExcelJS.Workbook();
    await listBook.xlsx.load(list.rawPayload as unknown as ArrayBuffer);
    expect(listBook.worksheets[0]!.rowCount).toBe(1 + 2); // header + 邗江's two events

    expect((await sibling('DELETE', `/api/v1/events/${id}`)).status).toBe(404);
    expect((await officer('DELETE', `/api/v1/events/${id}`)).status).toBe(204);
    expect((await officer('GET', `/api/v1/events/${id}`)).status).toBe(404);
    const audit = await context.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.objectId} = ${id}`);
    expect(audit.map((a) => a.action).sort()).toEqual(['event.create', 'event.delete', 'event.update']);
  });

  it('follows a project merged away as a duplicate: its events list the one kept, once', async () => {
    // the same project entered again by another district: flagged, and merged by the city's reviewer
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    const reviewer = as(context, await loginCookie(context, 'yz_reviewer'));
    const copy = await sibling('POST', '/api/v1/projects', {
      unitCode: '321084',
      name: '邗江内资项目',
      investorName: '邗江内资项目投资方',
      capitalType: 'domestic',
      stage: 'negotiating',
      totalInvestment: '25亿元',
    });
    expect(copy.status, copy.body).toBe(201);
    const copyCode = (copy.json() as { project: { code: string } }).project.code;
    expect(copy.status).toBe(201);
    const both = await create(cityOfficer, {
      unit: '321000',
      kind: 'signing',
      name: '两个都列上的活动',
      on: '2031-06-15',
      projectCodes: [codes['邗江内资项目'], copyCode],
    });
    const onlyCopy = await create(sibling, {
      unit: '321084',
      kind: 'signing',
      name: '只列副本的活动',
      on: '2031-06-16',
      projectCodes: [copyCode],
    });
    const open = (await reviewer('GET', '/api/v1/projects/duplicates/open')).json() as {
      items: { id: string; project: { code: string } }[];
    };
    const flag = open.items.find((f) => f.project.code === copyCode)!;
    expect((await reviewer('POST', `/api/v1/projects/duplicates/${flag.id}/resolve`, { action: 'merge' })).status).toBe(200);
    const listed = async (response: { json: () => unknown }) =>
      ((await cityOfficer('GET', `/api/v1/events/${(response.json() as { id: string }).id}`)).json() as EventDetail).projects.map(
        (p) => p.code,
      );
    expect(await listed(both)).toEqual([codes['邗江内资项目']]);
    expect(await listed(onlyCopy)).toEqual([codes['邗江内资项目']]);
  });
});
