import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../../shared/projects/creditCode.ts';
import { auditLog } from '../../audit/schema.ts';
import { addUser, BACKENDS, createTestContext, loginCookie, type TestContext } from '../../testing/harness.ts';
import { projectEvents, projects } from '../schema.ts';

type Cell = string | number | null;
const HEADERS = ['项目名称', '所属单位', '投资方', '内外资', '总投资', '当前阶段', '签约日期', '开工日期', '首次填报日期'];

async function sheetOf(rows: Cell[][], headers: string[] = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function form(file: Buffer, decisions?: Record<string, string>) {
  const boundary = '----zhaoyin' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  if (decisions)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="decisions"\r\n\r\n${JSON.stringify(decisions)}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface Result {
  created: number;
  updated: number;
  unchanged: number;
  review: number;
  rows: {
    row: number;
    action: string;
    code?: string;
    name: string;
    changes?: { field: string; from: unknown; to: unknown }[];
    candidates?: { code: string; reasons: string[] }[];
  }[];
  missing: { code: string; name: string }[];
  errors: { row: number; column: string; message: string }[];
}

describe.each(BACKENDS)('re-import reconciles with the ledger on %s', (backend) => {
  let context: TestContext;
  let cookie: string;
  const upload = async (file: Buffer, options: { dryRun?: boolean; decisions?: Record<string, string> } = {}) => {
    const body = form(file, options.decisions);
    const response = await context.built.app.inject({
      method: 'POST',
      url: `/api/v1/projects/import${options.dryRun ? '?dryRun=true' : ''}`,
      payload: body.payload,
      headers: { ...body.headers, cookie },
    });
    return { status: response.statusCode, json: response.json() as Result };
  };
  const get = async <T>(url: string) => (await context.built.app.inject({ method: 'GET', url, headers: { cookie } })).json() as T;
  const auditRows = async () => Number((await context.database.db.select({ n: count() }).from(auditLog))[0]!.n);
  const exportLedger = async (unit = '321084') => {
    const response = await context.built.app.inject({
      method: 'GET',
      url: `/api/v1/projects/export?unit=${unit}&layout=ledger`,
      headers: { cookie },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return workbook;
  };
  const bufferOf = async (workbook: ExcelJS.Workbook) => Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    cookie = await loginCookie(context, 'gy_officer');
  });
  afterAll(() => context.close());

  it('imports a sheet of rows without codes twice: the second import creates nothing and every figure stays the same', async () => {
    const rows: Cell[][] = Array.from({ length: 40 }, (_, i) => [
      `高邮第${i + 1}号新材料项目`,
      '高邮市',
      `某某${i + 1}号材料有限公司`,
      '内资',
      `${(i % 7) + 1}亿元`,
      i % 3 === 0 ? '签约' : '在谈',
      i % 3 === 0 ? '2025-03-0' + ((i % 9) + 1) : null,
      null,
      '2025-01-06',
    ]);
    const file = await sheetOf(rows);
    const first = await upload(file);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ created: 40, updated: 0, unchanged: 0 });
    const before = {
      summary: await get('/api/v1/projects/summary?unit=321084&asOf=2025-06-30'),
      today: await get('/api/v1/projects/summary?unit=321084'),
      search: (await get<{ total: number }>('/api/v1/projects?unit=321084&q=新材料')).total,
      audit: await auditRows(),
      versions: await context.database.db.select({ code: projects.code, version: projects.version }).from(projects).orderBy(projects.code),
    };
    const dry = await upload(file, { dryRun: true });
    expect(dry.json).toMatchObject({ created: 0, updated: 0, unchanged: 40, review: 0 });
    expect(dry.json.rows.every((r) => r.action === 'unchanged' && r.code)).toBe(true);
    const second = await upload(file);
    expect(second.json).toMatchObject({ created: 0, updated: 0, unchanged: 40 });
    expect(await get('/api/v1/projects/summary?unit=321084&asOf=2025-06-30')).toEqual(before.summary);
    expect(await get('/api/v1/projects/summary?unit=321084')).toEqual(before.today);
    expect((await get<{ total: number }>('/api/v1/projects?unit=321084&q=新材料')).total).toBe(before.search);
    expect(await auditRows()).toBe(before.audit); // nothing written: no audit row, no version bump
    expect(
      await context.database.db.select({ code: projects.code, version: projects.version }).from(projects).orderBy(projects.code),
    ).toEqual(before.versions);
    // the same rows written as another office types them still match (spaces, no trailing 项目): the names update, nothing is created
    const retyped = await sheetOf(rows.map((r) => [` ${String(r[0]).replace(/项目$/, '')} `, ...r.slice(1)]));
    const again = await upload(retyped, { dryRun: true });
    expect(again.json).toMatchObject({ created: 0, updated: 40, review: 0 });
    expect(again.json.rows[0]!.changes).toEqual([{ field: 'name', from: '高邮第1号新材料项目', to: '高邮第1号新材料' }]);
  });

  it('round-trips the 项目台账 export unchanged, and one changed cell updates exactly that project and field', async () => {
    // a project with the fields the sheet has no column for: they must survive the round trip
    const created = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { cookie },
      payload: {
        name: '高邮湖碳化硅衬底项目（一期）',
        unitCode: '321084',
        investorName: '江苏天科合达半导体有限公司',
        capitalType: 'foreign',
        currency: 'USD',
        totalInvestment: '1.6亿美元',
        stage: 'started',
        dates: { signed: '2025-02-10', registered: '2025-03-01', started: '2025-04-01' },
        firstReportedOn: '2025-01-08',
        investorCreditCode: `91321084MA1T8K2X6${creditCodeCheckChar('91321084MA1T8K2X6')}`,
        industryDivision: '39',
        levels: ['city_key', 'provincial_major'],
        leadSource: 'business_referral',
        sponsorLeader: '张市长',
        responsibleUnit: '高邮经济开发区',
        landMu: 120.5,
        fixedAssetInvestment: '1.2亿美元',
        registeredCapital: 3000,
        contractForeignCapital: 8000,
        content: '年产30万片碳化硅衬底',
        remarks: '重点跟踪',
        contacts: [{ name: '王经理', title: '总经理', phone: '13800001234' }],
        planned: { completed: '2027-06-30' },
        listedOn: '2025-05-10',
      },
    });
    expect(created.statusCode).toBe(201);
    const code = (created.json() as { project: { code: string } }).project.code;
    const total = (await get<{ total: number }>('/api/v1/projects?unit=321084')).total;
    const workbook = await exportLedger();
    const audit = await auditRows();
    const again = await upload(await bufferOf(workbook));
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: total });
    expect(await auditRows()).toBe(audit);

    const sheet = workbook.worksheets[0]!;
    // under the title line, after 序号
    const headers = (sheet.getRow(2).values as string[]).slice(1);
    const rowOf = (c: string) => sheet.getColumn(2).values.findIndex((v) => v === c);
    sheet.getRow(rowOf(code)).getCell(headers.indexOf('备注') + 1).value = '已完成厂房主体';
    const changed = await upload(await bufferOf(workbook), { dryRun: true });
    expect(changed.json).toMatchObject({ created: 0, updated: 1, unchanged: total - 1 });
    expect(changed.json.rows.find((r) => r.action === 'update')).toMatchObject({
      code,
      changes: [{ field: 'remarks', from: '重点跟踪', to: '已完成厂房主体' }],
    });
    expect((await upload(await bufferOf(workbook))).json).toMatchObject({ updated: 1 });
    const [row] = await context.database.db.select().from(projects).where(eq(projects.code, code));
    expect(row).toMatchObject({
      remarks: '已完成厂房主体',
      contacts: [{ name: '王经理', title: '总经理', phone: '13800001234' }],
      plannedCompletedOn: '2027-06-30',
      version: 2,
      levels: ['city_key', 'provincial_major'],
    });
    const history = await get<{ items: { action: string; changes: Record<string, { before: unknown; after: unknown }> }[] }>(
      `/api/v1/projects/${code}/history`,
    );
    expect(history.items[0]).toMatchObject({
      action: 'project.import_update',
      changes: { remarks: { before: '重点跟踪', after: '已完成厂房主体' } },
    });
    expect(Object.keys(history.items[0]!.changes)).toEqual(['remarks']);
  });

  it('lists the projects of the sheet’s units that it leaves out, and deletes none of them', async () => {
    const file = await sheetOf([
      ['高邮第1号新材料项目', '高邮市', '某某1号材料有限公司', '内资', '1亿元', '签约', '2025-03-01', null, '2025-01-06'],
    ]);
    const before = (await get<{ total: number }>('/api/v1/projects?unit=321084')).total;
    const result = await upload(file);
    expect(result.json.created + result.json.updated + result.json.unchanged).toBe(1);
    expect(result.json.missing.length).toBe(before - 1);
    expect(result.json.missing.map((m) => m.name)).toContain('高邮第2号新材料项目');
    expect((await get<{ total: number }>('/api/v1/projects?unit=321084')).total).toBe(before);
  });

  it('asks about a near duplicate, refuses a commit without the decision, and takes either decision', async () => {
    const near = await sheetOf([
      ['高邮第5号新材料项目（一期）', '高邮市', '某某5号材料有限公司', '内资', '5亿元', '在谈', null, null, '2025-01-06'],
    ]);
    const dry = await upload(near, { dryRun: true });
    expect(dry.json).toMatchObject({ created: 0, review: 1 });
    const [candidate] = await context.database.db
      .select({ code: projects.code })
      .from(projects)
      .where(eq(projects.name, '高邮第5号新材料项目'));
    expect(dry.json.rows[0]).toMatchObject({
      row: 2,
      action: 'review',
      candidates: [{ code: candidate!.code, reasons: expect.arrayContaining(['name_key']) }],
    });
    const undecided = await upload(near);
    expect(undecided.status).toBe(422);
    expect(undecided.json.errors).toEqual([expect.objectContaining({ row: 2, column: '项目名称' })]);
    expect(undecided.json.errors[0]!.message).toContain('待确认');
    const total = (await get<{ total: number }>('/api/v1/projects?unit=321084')).total;
    expect((await upload(near, { decisions: { '2': 'bogus-code-1' } })).status).toBe(422);
    // decided as the same project: that project is updated (its name takes the sheet's)
    const same = await upload(near, { decisions: { '2': candidate!.code } });
    expect(same.json).toMatchObject({ created: 0, updated: 1 });
    expect((await get<{ total: number }>('/api/v1/projects?unit=321084')).total).toBe(total);
    // and decided as a new one: created once; from then on it matches by name
    const other = await sheetOf([
      ['高邮第6号新材料项目（二期）', '高邮市', '某某6号材料有限公司', '内资', '6亿元', '在谈', null, null, '2025-01-06'],
    ]);
    expect((await upload(other, { dryRun: true })).json.review).toBe(1);
    expect((await upload(other, { decisions: { '2': 'create' } })).json).toMatchObject({ created: 1 });
    expect((await upload(other, { dryRun: true })).json).toMatchObject({ created: 0, unchanged: 1, review: 0 });
  });

  it('refuses two rows of one file that are one project, and a decision that is not JSON', async () => {
    const twice = await sheetOf([
      ['高邮第8号新材料项目', '高邮市', '某某8号材料有限公司', '内资', '1亿元', '在谈', null, null, '2025-01-06'],
      ['高邮第8号新材料', '高邮市', '某某8号材料有限公司', '内资', '3亿元', '在谈', null, null, '2025-01-06'],
      ['全新的项目甲', '高邮市', '甲公司', '内资', '1亿元', '在谈', null, null, '2025-01-06'],
      ['全新的项目甲', '高邮市', '甲公司', '内资', '1亿元', '在谈', null, null, '2025-01-06'],
    ]);
    const result = await upload(twice, { dryRun: true });
    expect(result.status).toBe(422);
    expect(result.json.errors.map((e) => e.row)).toEqual([3, 5]);
    expect(result.json.errors[0]!.message).toContain('第 2 行');
    const body = form(twice);
    const bad = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/projects/import',
      payload: Buffer.concat([
        Buffer.from(
          `--${body.headers['content-type'].split('boundary=')[1]}\r\nContent-Disposition: form-data; name="decisions"\r\n\r\n{oops\r\n`,
        ),
        body.payload,
      ]),
      headers: { ...body.headers, cookie },
    });
    expect(bad.statusCode).toBe(422);
  });

  it('applies a stage moving forward as a dated transition, and refuses one moving back unless the row states a correction', async () => {
    const headers = [...HEADERS, '更正说明'];
    const row = (stage: string, signed: string | null, started: string | null, note: string | null = null): Cell[] => [
      '高邮第3号新材料项目',
      '高邮市',
      '某某3号材料有限公司',
      '内资',
      '4亿元',
      stage,
      signed,
      started,
      '2025-01-06',
      note,
    ];
    const [before] = await context.database.db.select().from(projects).where(eq(projects.name, '高邮第3号新材料项目'));
    expect(before!.stage).toBe('negotiating');
    const forward = await upload(await sheetOf([row('开工', '2025-04-01', '2025-06-01')], headers));
    expect(forward.json).toMatchObject({ updated: 1 });
    const events = await context.database.db
      .select()
      .from(projectEvents)
      .where(eq(projectEvents.projectId, before!.id))
      .orderBy(projectEvents.recordedAt);
    expect(events.at(-1)).toMatchObject({
      kind: 'stage',
      stage: 'started',
      fromStage: 'negotiating',
      eventDate: '2025-06-01',
      evidence: 'Excel 导入',
      recordedByName: 'gy_officer',
    });

    const back = await upload(await sheetOf([row('签约', '2025-04-01', null)], headers));
    expect(back.status).toBe(422);
    expect(back.json.errors.map((e) => e.column)).toEqual(expect.arrayContaining(['当前阶段', '开工日期']));
    const moved = await upload(await sheetOf([row('开工', '2025-04-03', '2025-06-01')], headers));
    expect(moved.status).toBe(422);
    expect(moved.json.errors).toEqual([expect.objectContaining({ column: '签约日期' })]);
    expect(moved.json.errors[0]!.message).toContain('更正说明');

    const corrected = await upload(await sheetOf([row('开工', '2025-04-03', '2025-06-01', '合同签订日期以盖章页为准')], headers));
    expect(corrected.json).toMatchObject({ updated: 1 });
    const [after] = await context.database.db.select().from(projects).where(eq(projects.id, before!.id));
    expect(after!.signedOn).toBe('2025-04-03');
    const history = await get<{ items: { action: string; detail: string | null; changes: Record<string, unknown> }[] }>(
      `/api/v1/projects/${after!.code}/history`,
    );
    expect(history.items[0]).toMatchObject({
      action: 'project.import_update',
      detail: '合同签订日期以盖章页为准',
      changes: { signedOn: { before: '2025-04-01', after: '2025-04-03' } },
    });
    const correction = (await context.database.db.select().from(projectEvents).where(eq(projectEvents.projectId, before!.id))).find(
      (e) => e.kind === 'correction',
    );
    expect(correction).toMatchObject({
      stage: 'signed',
      eventDate: '2025-04-03',
      reason: '合同签订日期以盖章页为准',
      details: { before: '2025-04-01' },
    });
    expect(await context.database.db.select({ n: count() }).from(projects).where(eq(projects.name, '高邮第3号新材料项目'))).toEqual([
      { n: 1 },
    ]);
  });
});
