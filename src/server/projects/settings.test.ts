import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, as, BACKENDS, createTestContext, loginCookie, multipart, type Injector, type TestContext } from '../testing/harness.ts';

describe.each(BACKENDS)('ledger settings, rates and attachments on %s', (backend) => {
  let context: TestContext;
  let officer: Injector;
  let admin: Injector;

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'js_admin', ['sysadmin'], '320000');
    officer = as(context, await loginCookie(context, 'gy_officer'));
    admin = as(context, await loginCookie(context, 'js_admin'));
    for (const [name, total, capitalType] of [
      ['十五亿项目', '15亿元', 'domestic'],
      ['八千万美元项目', '8000万美元', 'foreign'],
      ['三亿项目', '3亿元', 'domestic'],
    ] as const) {
      expect(
        (
          await officer('POST', '/api/v1/projects', {
            name,
            unitCode: '321084',
            investorName: `${name}投资方`,
            capitalType,
            totalInvestment: total,
            stage: 'negotiating',
          })
        ).status,
      ).toBe(201);
    }
  });
  afterAll(() => context.close());

  it('recomputes every tier when the ladder changes, and counts by the new one at once', async () => {
    const before = (await officer('GET', '/api/v1/projects/summary?unit=321084')).json() as {
      byTier: { thresholdYi: number; count: number }[];
    };
    expect(before.byTier.slice(0, 2)).toEqual([
      { thresholdYi: 1, count: 3 },
      { thresholdYi: 10, count: 1 },
    ]); // 8000万美元 is below the 10亿 step's 1亿美元
    expect((await officer('PUT', '/api/v1/settings/ledger.tierLadder', { value: [{ yi: 5, usdWan: 5000 }] })).status).toBe(403);
    const bad = await admin('PUT', '/api/v1/settings/ledger.tierLadder', {
      value: [
        { yi: 10, usdWan: 1000 },
        { yi: 5, usdWan: 500 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await admin('PUT', '/api/v1/settings/ledger.tierLadder', {
          value: [
            { yi: 5, usdWan: 5000 },
            { yi: 20, usdWan: 20000 },
          ],
        })
      ).status,
    ).toBe(200);
    const after = (await officer('GET', '/api/v1/projects/summary?unit=321084')).json() as {
      byTier: { thresholdYi: number; count: number }[];
    };
    expect(after.byTier).toEqual([
      { thresholdYi: 5, count: 2 },
      { thresholdYi: 20, count: 0 },
    ]);
    const list = (await officer('GET', '/api/v1/projects?tier=5')).json() as { items: { name: string }[] };
    expect(list.items.map((p) => p.name).sort()).toEqual(['八千万美元项目', '十五亿项目']);
  });

  it('keeps a project’s recorded rate when the table changes later', async () => {
    expect((await as(context, null)('GET', '/api/v1/exchange-rates')).status).toBe(401);
    const project = (
      (await officer('GET', '/api/v1/projects?q=八千万美元')).json() as {
        items: { code: string; exchangeRate: number; totalInvestmentWan: number; rateDate: string }[];
      }
    ).items[0]!;
    expect(project.totalInvestmentWan).toBeCloseTo(8000 * project.exchangeRate, 2);
    expect((await officer('PUT', '/api/v1/exchange-rates', { currency: 'USD', month: project.rateDate.slice(0, 7), rate: 9 })).status).toBe(
      403,
    );
    expect((await admin('PUT', '/api/v1/exchange-rates', { currency: 'USD', month: project.rateDate.slice(0, 7), rate: 9 })).status).toBe(
      200,
    );
    const again = ((await officer('GET', `/api/v1/projects/${project.code}`)).json() as { project: { exchangeRate: number } }).project;
    expect(again.exchangeRate).toBe(project.exchangeRate);
  });

  it('imports monthly rates from a sheet, all or nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('汇率');
    sheet.addRow(['币种', '月份', '汇率']);
    sheet.addRow(['美元', '2027-01', 7.01]);
    sheet.addRow(['欧元', '2027年1月', 7.9]);
    sheet.addRow(['英镑', '2027-01', 9.1]);
    let body = multipart(Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer), 'rates.xlsx');
    const refused = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/exchange-rates/import',
      payload: body.payload,
      headers: { ...body.headers, cookie: await loginCookie(context, 'js_admin') },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ row: 4, column: '币种' });
    sheet.spliceRows(4, 1);
    body = multipart(Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer), 'rates.xlsx');
    const imported = await context.built.app.inject({
      method: 'POST',
      url: '/api/v1/exchange-rates/import',
      payload: body.payload,
      headers: { ...body.headers, cookie: await loginCookie(context, 'js_admin') },
    });
    expect(imported.json()).toMatchObject({ imported: 2 });
    const rates = (await admin('GET', '/api/v1/exchange-rates?from=2027-01&to=2027-01')).json() as {
      items: { currency: string; rate: number }[];
    };
    expect(rates.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ currency: 'USD', rate: 7.01 }),
        expect.objectContaining({ currency: 'EUR', rate: 7.9 }),
      ]),
    );
  });

  it('stores evidence attachments within scope only', async () => {
    const project = ((await officer('GET', '/api/v1/projects?q=三亿')).json() as { items: { code: string }[] }).items[0]!;
    const body = multipart(Buffer.from('%PDF-1.4 contract scan'), '正式合同.pdf', 'application/pdf');
    const other = await context.built.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.code}/attachments`,
      payload: body.payload,
      headers: { ...body.headers, cookie: await loginCookie(context, 'hj_officer') },
    });
    expect(other.statusCode).toBe(404);
    const uploaded = await context.built.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.code}/attachments`,
      payload: body.payload,
      headers: { ...body.headers, cookie: await loginCookie(context, 'gy_officer') },
    });
    expect(uploaded.statusCode).toBe(201);
    const detail = (await officer('GET', `/api/v1/projects/${project.code}`)).json() as { attachments: { id: string; filename: string }[] };
    expect(detail.attachments[0]!.filename).toBe('正式合同.pdf');
    const file = await officer('GET', `/api/v1/projects/${project.code}/attachments/${detail.attachments[0]!.id}`);
    expect(file.body).toBe('%PDF-1.4 contract scan');
  });
});
