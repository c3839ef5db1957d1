import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../shared/projects/dates.ts';
import { departments } from '../departments/schema.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

interface Bulletin {
  id: number;
  title: string;
  number: number;
  period: string;
  rows: {
    unitCode: string;
    unitName: string;
    projects: number;
    annualPlanWan: number;
    ytdWan: number;
    completion: number | null;
    rank: number | null;
    newSigned: number;
  }[];
  total: { projects: number; ytdWan: number };
  signed: { code: string }[];
  blockers: { id: number; status: string; statusLabel: string; description: string }[];
  changes: { previousId: number | null; blockersClosed: string[] };
}

const month = todayIso().slice(0, 7);

describe.each(BACKENDS)('bulletins (通报) on %s', (backend) => {
  let context: TestContext;
  let city: Injector;
  let officer: Injector;
  let liaison: Injector;
  let leader: Injector;
  let reviewer: Injector;
  let outsider: Injector;
  let bureau: string;
  let projectCode: string;

  beforeAll(async () => {
    context = await createTestContext(backend);
    const [nr] = await context.database.db
      .insert(departments)
      .values({ unitCode: '321000', name: '扬州市自然资源和规划局', kind: 'natural_resources' })
      .returning();
    bureau = nr!.id;
    await addUser(context.database, 'yz_officer', ['officer'], '321000');
    await addUser(context.database, 'yz_leader', ['leader'], '321000');
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'yz_liaison', ['liaison'], '321000', { departmentId: nr!.id });
    await addUser(context.database, 'nj_officer', ['officer'], '320100');
    city = as(context, await loginCookie(context, 'yz_officer'));
    leader = as(context, await loginCookie(context, 'yz_leader'));
    reviewer = as(context, await loginCookie(context, 'yz_reviewer'));
    officer = as(context, await loginCookie(context, 'hj_officer'));
    liaison = as(context, await loginCookie(context, 'yz_liaison'));
    outsider = as(context, await loginCookie(context, 'nj_officer'));
    const created = await officer('POST', '/api/v1/projects', {
      name: '邗江智能装备产业园',
      unitCode: '321003',
      investorName: '某装备集团',
      capitalType: 'domestic',
      totalInvestment: '12亿元',
      stage: 'started',
      dates: { signed: `${month}-01`, registered: `${month}-01`, started: `${month}-01` },
    });
    projectCode = (created.json() as { project: { code: string } }).project.code;
    expect((await officer('PUT', `/api/v1/projects/${projectCode}/plans/${month.slice(0, 4)}`, { plannedWan: 20_000 })).status).toBe(200);
    expect((await officer('PUT', `/api/v1/projects/${projectCode}/progress/${month}`, { investedWan: 5_000 })).status).toBe(200);
  });
  afterAll(() => context.close());

  it('refuses anonymous callers, other cities, read-only roles and bad periods', async () => {
    expect((await as(context, null)('POST', '/api/v1/bulletins', { unit: '321000', period: month })).status).toBe(401);
    expect((await outsider('POST', '/api/v1/bulletins', { unit: '321000', period: month })).status).toBe(403);
    expect((await leader('POST', '/api/v1/bulletins', { unit: '321000', period: month })).status).toBe(403);
    expect((await city('POST', '/api/v1/bulletins', { unit: '321000', period: '2026-13' })).status).toBe(400);
    expect((await city('POST', '/api/v1/bulletins', { unit: '321000', period: '2999-01' })).status).toBe(400);
    expect((await city('POST', '/api/v1/bulletins', { unit: '999999', period: month })).status).toBe(404);
  });

  it('is drafted, sent for review and signed with its 文号; the one signed before a blocker closes still shows it open; the next shows what changed', async () => {
    const raised = (
      await city('POST', '/api/v1/blockers', {
        projectCode,
        type: 'land',
        description: '用地指标不足',
        departmentIds: [bureau],
        deadline: '2099-01-01',
      })
    ).json() as { id: number; version: number };
    // an officer drafts: nothing is numbered yet, and read-only roles do not see drafts
    const drafted = await city('POST', '/api/v1/bulletins', { unit: '321000', period: month });
    expect(drafted.status, drafted.body).toBe(201);
    expect(drafted.json()).toMatchObject({ status: 'draft' });
    const firstId = (drafted.json() as { id: number }).id;
    const draft = (await city('GET', `/api/v1/bulletins/${firstId}`)).json() as Bulletin & {
      status: string;
      version: number;
      docNumber: string | null;
    };
    expect(draft).toMatchObject({ status: 'draft', number: 1, docNumber: null });
    expect((await leader('GET', `/api/v1/bulletins/${firstId}`)).status).toBe(404);
    expect((await city('POST', `/api/v1/bulletins/${firstId}/issue`, { version: draft.version })).status).toBe(403); // officers do not sign
    const submitted = await city('POST', `/api/v1/bulletins/${firstId}/submit`, { version: draft.version });
    expect(submitted.status, submitted.body).toBe(200);
    const signed = await reviewer('POST', `/api/v1/bulletins/${firstId}/issue`, { version: draft.version + 1 });
    expect(signed.status, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'issued', number: 1, docNumber: `扬州通〔${month.slice(0, 4)}〕1号` });

    const before = (await leader('GET', `/api/v1/bulletins/${firstId}`)).json() as Bulletin & {
      status: string;
      signedOn: string;
      docNumber: string;
    };
    expect(before).toMatchObject({ status: 'issued', number: 1, signedOn: todayIso(), docNumber: `扬州通〔${month.slice(0, 4)}〕1号` });
    expect(before.title).toContain('扬州市');
    const hanjiang = before.rows.find((r) => r.unitCode === '321003')!;
    expect(hanjiang).toMatchObject({ projects: 1, annualPlanWan: 20_000, ytdWan: 5_000, completion: 0.25, rank: 1, newSigned: 1 });
    expect(before.rows.length).toBeGreaterThan(3); // one row per child unit, reported or not
    expect(before.signed.map((p) => p.code)).toEqual([projectCode]);
    expect(before.blockers).toEqual([expect.objectContaining({ id: raised.id, status: 'open', statusLabel: '待办' })]);
    expect((await outsider('GET', `/api/v1/bulletins/${firstId}`)).status).toBe(404);

    // 对账销号, then a later bulletin: a reviewer drafts and signs in one step, adding a second one for the month
    const resolved = (
      await liaison('POST', `/api/v1/blockers/${raised.id}/actions`, {
        action: 'resolve',
        version: raised.version,
        resolution: '已调剂指标',
      })
    ).json() as { version: number };
    expect((await officer('POST', `/api/v1/blockers/${raised.id}/actions`, { action: 'confirm', version: resolved.version })).status).toBe(
      200,
    );
    expect((await officer('PUT', `/api/v1/projects/${projectCode}/progress/${month}`, { investedWan: 9_000 })).status).toBe(200);
    const second = (await reviewer('POST', '/api/v1/bulletins', { unit: '321000', period: month })).json() as {
      id: number;
      status: string;
    };
    expect(second.status).toBe('issued');
    const after = (await leader('GET', `/api/v1/bulletins/${second.id}`)).json() as Bulletin;
    expect(after.number).toBe(2);
    expect(after.blockers).toEqual([expect.objectContaining({ id: raised.id, status: 'closed', statusLabel: '已销号' })]);
    expect(after.changes).toMatchObject({ previousId: firstId, blockersClosed: ['邗江智能装备产业园：用地指标不足'] });
    expect(after.rows.find((r) => r.unitCode === '321003')!.ytdWan).toBe(9_000);
    // The first one has not moved.
    const again = (await leader('GET', `/api/v1/bulletins/${firstId}`)).json() as Bulletin;
    expect(again).toEqual(before);

    // Word and Excel, parsed back: the 文号 under the title, the signing day in the 落款
    const cookie = await loginCookie(context, 'yz_leader');
    const docx = await context.built.app.inject({ method: 'GET', url: `/api/v1/bulletins/${firstId}/docx`, headers: { cookie } });
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toContain('重大项目推进情况通报');
    expect(xml).toContain('用地指标不足');
    expect(xml).toContain('待办');
    expect(xml).toContain(`扬州通〔${month.slice(0, 4)}〕1号`);
    expect(xml).toContain(`${Number(todayIso().slice(0, 4))}年${Number(todayIso().slice(5, 7))}月${Number(todayIso().slice(8, 10))}日`);
    const xlsx = await context.built.app.inject({ method: 'GET', url: `/api/v1/bulletins/${second.id}/xlsx`, headers: { cookie } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '板块排名',
      '新签约',
      '新开工',
      '新投产',
      '停滞与逾期',
      '问题清单',
      '报送情况',
    ]);
    const blockerSheet = workbook.getWorksheet('问题清单')!;
    expect(String(blockerSheet.getRow(3).getCell(7).value)).toBe('已销号');
    const list = (await leader('GET', '/api/v1/bulletins?unit=321000')).json() as { items: { id: number }[] };
    expect(list.items.map((b) => b.id)).toEqual([second.id, firstId]);
  });

  it('asks whether a new bulletin of a signed month replaces it; the replaced one is 作废 and stays readable', async () => {
    const drafted = (await reviewer('POST', '/api/v1/bulletins', { unit: '321000', period: month, draft: true })).json() as { id: number };
    const asked = await reviewer('POST', `/api/v1/bulletins/${drafted.id}/issue`, {});
    expect(asked.status).toBe(409);
    expect((asked.json() as { error: { code: string; message: string } }).error).toMatchObject({ code: 'BULLETIN_EXISTS' });
    const issuedBefore = (
      (await leader('GET', '/api/v1/bulletins?unit=321000')).json() as { items: { id: number; status: string }[] }
    ).items.filter((b) => b.status === 'issued');
    expect(
      (await reviewer('PUT', '/api/v1/bulletins/profile/321000', { docNumberPattern: '扬商通〔{year}〕{n}号', issuerName: '扬州市商务局' }))
        .status,
    ).toBe(200);
    expect(
      (await reviewer('PUT', '/api/v1/bulletins/profile/321000', { docNumberPattern: '扬商通〔{year}〕号', issuerName: '扬州市商务局' }))
        .status,
    ).toBe(400);
    const replaced = await reviewer('POST', `/api/v1/bulletins/${drafted.id}/issue`, { onExisting: 'replace' });
    expect(replaced.status, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({
      status: 'issued',
      docNumber: `扬商通〔${month.slice(0, 4)}〕${issuedBefore.length + 1}号`,
      replaced: expect.arrayContaining(issuedBefore.map((b) => b.id)),
    });
    const voided = (await leader('GET', `/api/v1/bulletins/${issuedBefore[0]!.id}`)).json() as {
      status: string;
      replacedBy: number;
      rows: unknown[];
    };
    expect(voided).toMatchObject({ status: 'void', replacedBy: drafted.id });
    expect(voided.rows.length).toBeGreaterThan(0);
    const issued = (await leader('GET', `/api/v1/bulletins/${drafted.id}`)).json() as { issuer: string };
    expect(issued.issuer).toBe('扬州市商务局');
  });
});
