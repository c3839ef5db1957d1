import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, BACKENDS, createTestContext, loginCookie, multipart, type TestContext } from '../testing/harness.ts';

/** A sheet as units really send them: a title row, a merged two-level header, an extra column, a blank row, formulas, every date form. */
async function messySheet(rows: (string | number | Date | { formula: string; result: number } | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['2025年高邮市招商引资项目台账（截至6月底）']);
  sheet.mergeCells('A1:L1');
  sheet.addRow([
    '项目名称',
    '所属单位',
    '投资方',
    '内外资',
    '投资额',
    null,
    '当前阶段',
    '签约日期',
    '开工日期',
    '统一社会信用代码',
    '联系人（不导入）',
    '首次填报日期',
  ]);
  sheet.addRow([null, null, null, null, '总投资（亿元）', '固定资产投资', null, null, null, null, null, null]);
  for (const col of ['A', 'B', 'C', 'D', 'G', 'H', 'I', 'J', 'K', 'L']) sheet.mergeCells(`${col}2:${col}3`);
  sheet.mergeCells('E2:F2');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe.each(BACKENDS)('project import and export on %s', (backend) => {
  let context: TestContext;
  let cookie: string;
  const upload = async (buffer: Buffer, dryRun = false, as = cookie) => {
    const body = multipart(buffer);
    const response = await context.built.app.inject({
      method: 'POST',
      url: `/api/v1/projects/import${dryRun ? '?dryRun=true' : ''}`,
      payload: body.payload,
      headers: { ...body.headers, cookie: as },
    });
    return {
      status: response.statusCode,
      json: response.json() as {
        created?: number;
        updated?: number;
        unchanged?: number;
        errors: { row: number; column: string; message: string }[];
      },
    };
  };
  const count = async () =>
    (
      (await context.built.app.inject({ method: 'GET', url: '/api/v1/projects?unit=321084', headers: { cookie } })).json() as {
        total: number;
      }
    ).total;

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    cookie = await loginCookie(context, 'gy_officer');
  });
  afterAll(() => context.close());

  it('refuses anonymous callers and rows of another district', async () => {
    const anonymous = await context.built.app.inject({ method: 'POST', url: '/api/v1/projects/import', ...multipart(Buffer.from('x')) });
    expect(anonymous.statusCode).toBe(401);
    const sheet = await messySheet([['越权项目', '高邮市', '某公司', '内资', 2, null, '在谈', null, null, null, null, '2025-01-05']]);
    const other = await upload(sheet, false, await loginCookie(context, 'hj_officer'));
    expect(other.status).toBe(422);
    expect(other.json.errors[0]).toMatchObject({ row: 4, column: '所属单位' });
  });

  it('serves a template with Chinese headers, instructions and drop-downs', async () => {
    const response = await context.built.app.inject({ method: 'GET', url: '/api/v1/projects/import/template', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('项目台账')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(
      expect.arrayContaining(['项目名称', '所属单位', '投资方', '内外资', '总投资', '当前阶段', '项目编号', '入库列统日期']),
    );
    expect(workbook.getWorksheet('填写说明')).toBeDefined();
    expect(workbook.getWorksheet('选项')!.getColumn(2).values).toContain('在谈');
  });

  it('lists every error by Excel row and column, writes nothing, then imports the corrected sheet once', async () => {
    const bad = await messySheet([
      ['功率半导体模块项目', '高邮市', '江苏宏微科技股份有限公司', '内资', 12, 8, '签约', null, null, null, '张三', '2025-01-05'],
      [null, null, null, null, null, null, null, null, null, null, null, null],
      [
        '新能源汽车零部件项目',
        '321084',
        '某某汽车零部件公司',
        '外籍',
        '约3亿',
        null,
        '开工',
        '2025/3/8',
        '2025.2.1',
        '91321084MA1MXXXX0X',
        null,
        '2025年1月8日',
      ],
      ['精密轴承项目', '高邮市', '人本集团', '内资', { formula: '2*3', result: 6 }, null, '投产', '2024-05-01', null, null, null, 45300],
    ]);
    const dry = await upload(bad, true);
    expect(dry.status).toBe(422);
    const errors = dry.json.errors.map((e) => `${e.row}:${e.column}`);
    expect(errors).toEqual(
      expect.arrayContaining(['4:签约日期', '6:内外资', '6:总投资(亿元)', '6:开工日期', '6:统一社会信用代码', '7:投产日期']),
    );
    expect(dry.json.errors.find((e) => e.row === 6 && e.column === '总投资(亿元)')!.message).toContain('确数');
    expect((await upload(bad)).status).toBe(422);
    expect(await count()).toBe(0);

    const good = await messySheet([
      [
        '功率半导体模块项目',
        '高邮市',
        '江苏宏微科技股份有限公司',
        '内资',
        12,
        8,
        '签约',
        new Date(Date.UTC(2025, 2, 8)),
        null,
        null,
        '张三',
        '2025-01-05',
      ],
      [null, null, null, null, null, null, null, null, null, null, null, null],
      [
        '新能源汽车零部件项目',
        '321084',
        '某某汽车零部件公司',
        '外资',
        '1.6亿美元',
        null,
        '开工',
        '2025/3/8',
        '2025年4月1日',
        null,
        null,
        '2025年1月8日',
      ],
      ['精密轴承项目', '高邮市', '人本集团', '内资', { formula: '2*3', result: 6 }, null, '在谈', null, null, null, null, 45300],
    ]);
    const checked = await upload(good, true);
    expect(checked.status).toBe(200);
    expect(checked.json).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const rows = (checked.json as unknown as { rows: { row: number; action: string; name: string; code?: string }[] }).rows;
    expect(rows.map((p) => [p.row, p.action, p.name, p.code])).toEqual([
      [4, 'create', '功率半导体模块项目', undefined],
      [6, 'create', '新能源汽车零部件项目', undefined],
      [7, 'create', '精密轴承项目', undefined],
    ]);
    expect(await count()).toBe(0);
    const imported = await upload(good);
    expect(imported.json).toMatchObject({ created: 3, errors: [] });
    expect(await count()).toBe(3);

    const list = (
      await context.built.app.inject({ method: 'GET', url: '/api/v1/projects?unit=321084&q=轴承', headers: { cookie } })
    ).json() as { items: { totalInvestmentWan: number; existsFrom: string }[] };
    expect(list.items[0]!.totalInvestmentWan).toBe(60_000); // the formula's value, in 亿元 per the header
    expect(list.items[0]!.existsFrom).toBe('2024-01-09'); // Excel serial 45300 (45292 is 2024-01-01)
  });

  it('matches rows by 项目编号 on a re-import: updates what changed, creates nothing twice', async () => {
    const exported = await context.built.app.inject({
      method: 'GET',
      url: '/api/v1/projects/export?unit=321084&layout=ledger',
      headers: { cookie },
    });
    expect(exported.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    // the title, the header, three projects, the 合计 line
    expect(sheet.rowCount).toBe(6);
    expect(String(sheet.getCell(1, 1).value)).toContain('项目台账');
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['序号', '所属单位', '总投资(万，按币种)', '总投资折人民币(亿元)']));
    expect(sheet.getCell(3, 1).value).toBe(1);
    expect(sheet.getCell(3, 4).value).toBe('高邮市'); // the unit's name, not its code
    expect(sheet.getCell(6, 1).value).toBe('合计');
    expect(sheet.getCell(6, 3).value).toBe('共 3 个项目');
    const again = await upload(Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    sheet.getRow(3).getCell(3).value = '功率半导体模块项目（一期）';
    const changed = await upload(Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
    expect(changed.json).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(await count()).toBe(3);
  });

  it('escapes cells that would run as formulas on export', async () => {
    const created = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { cookie },
      payload: {
        name: '=HYPERLINK("http://evil","x")',
        unitCode: '321084',
        investorName: '+cmd|calc',
        capitalType: 'domestic',
        totalInvestment: 500,
        stage: 'negotiating',
      },
    });
    expect(created.statusCode).toBe(201);
    const exported = await context.built.app.inject({
      method: 'GET',
      url: '/api/v1/projects/export?unit=321084&layout=negotiating',
      headers: { cookie },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const values = workbook.worksheets[0]!.getColumn(2).values as unknown[]; // after 序号
    expect(values).toContain(`'=HYPERLINK("http://evil","x")`);
    expect(values.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    // and the escaped name reads back as it was: the ledger export imported again changes nothing
    const ledger = await context.built.app.inject({
      method: 'GET',
      url: '/api/v1/projects/export?unit=321084&layout=ledger',
      headers: { cookie },
    });
    const again = await upload(ledger.rawPayload, true);
    expect(again.json).toMatchObject({ created: 0, updated: 0 });
  });

  it('answers a file that is not a workbook with 422 and a message', async () => {
    const response = await upload(Buffer.from('not an excel file'));
    expect(response.status).toBe(422);
    expect(response.json.errors[0]!.message).toContain('.xlsx');
  });
});
