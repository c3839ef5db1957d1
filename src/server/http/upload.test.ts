import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/fixtures.ts';
import { loadDemo } from '../demo/load.ts';
import { projects } from '../projects/schema.ts';
import { reportSubmissions } from '../reporting/schema.ts';
import { hostileWorkbook } from '../testing/bomb.ts';
import { createTestContext, loginCookie, multipart, type TestContext } from '../testing/harness.ts';

// The contract: every upload endpoint answers a zip bomb or an over-limit sheet with 413 or 422 and a message, within
// 2 s, the process's RSS staying within 300 MB of what it was; a file too large is told so; a malformed request is a 400.
describe('uploads that cannot hurt the server', () => {
  let context: TestContext;
  let officer: string;
  let admin: string;
  let endpoints: { name: string; url: string; cookie: () => string }[];
  let bomb: Buffer;
  let liar: Buffer;
  let manyRows: Buffer;

  beforeAll(async () => {
    context = await createTestContext('pglite');
    await loadDemo(context.database.db);
    officer = await loginCookie(context, 'hanjiang_officer', DEMO_PASSWORD);
    admin = await loginCookie(context, 'yz_admin', DEMO_PASSWORD);
    const [submission] = await context.database.db
      .select({ id: reportSubmissions.id })
      .from(reportSubmissions)
      .where(and(eq(reportSubmissions.unitCode, '321003'), inArray(reportSubmissions.status, ['draft', 'returned'])))
      .limit(1);
    const [project] = await context.database.db
      .select({ code: projects.code })
      .from(projects)
      .where(eq(projects.unitCode, '321003'))
      .limit(1);
    expect(submission && project).toBeTruthy();
    const cityOfficer = await loginCookie(context, 'yz_officer', DEMO_PASSWORD);
    endpoints = [
      { name: 'ledger import (dry run)', url: '/api/v1/projects/import?dryRun=true', cookie: () => officer },
      { name: 'ledger import', url: '/api/v1/projects/import', cookie: () => officer },
      { name: 'target sheet', url: '/api/v1/targets/xlsx?year=2026', cookie: () => cityOfficer },
      { name: 'report sheet', url: `/api/v1/reporting/submissions/${submission!.id}/xlsx`, cookie: () => officer },
      { name: 'exchange rates', url: '/api/v1/exchange-rates/import', cookie: () => admin },
    ];
    bomb = await hostileWorkbook({ inflateMb: 600 });
    liar = await hostileWorkbook({ inflateMb: 600, lie: true });
    manyRows = await hostileWorkbook({ rows: 250_000 });
    // the attachment endpoint takes any file: only its size is limited
    endpoints.push({ name: 'attachment', url: `/api/v1/projects/${project!.code}/attachments`, cookie: () => officer });
  }, 120_000);
  afterAll(() => context.close());

  const post = (url: string, cookie: string, body: { payload: Buffer; headers: Record<string, string> }) =>
    context.built.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie } });

  it('refuses a zip bomb, honest or lying about its size, and a sheet of too many rows: 413 or 422, under 2 s, memory bounded', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      for (const endpoint of endpoints.filter((e) => e.name !== 'attachment')) {
        for (const [label, file] of [
          ['bomb', bomb],
          ['lying bomb', liar],
          ['250,000 rows', manyRows],
        ] as const) {
          const started = performance.now();
          const response = await post(endpoint.url, endpoint.cookie(), multipart(file));
          const elapsed = performance.now() - started;
          expect([413, 422], `${endpoint.name}, ${label}: ${response.statusCode} ${response.body.slice(0, 200)}`).toContain(
            response.statusCode,
          );
          const body = response.json() as { error: { code: string; message: string }; errors: { message: string }[] };
          expect(body.error.message, `${endpoint.name}, ${label}`).toMatch(/解压后超过|超过 .* 行/);
          expect(body.errors[0]!.message).toBe(body.error.message);
          expect(elapsed, `${endpoint.name}, ${label}`).toBeLessThan(2_000);
        }
      }
    } finally {
      clearInterval(watch);
    }
    expect(peak - before).toBeLessThan(300 * 1_048_576);
  }, 120_000);

  it('tells a file too large by its limit, not "please upload a file"', async () => {
    const big = Buffer.alloc(51 * 1_048_576, 0x41);
    for (const endpoint of endpoints) {
      const response = await post(endpoint.url, endpoint.cookie(), multipart(big));
      expect(response.statusCode, endpoint.name).toBe(413);
      expect((response.json() as { error: { message: string } }).error.message).toMatch(/文件超过 \d+ MB/);
    }
  }, 60_000);

  it('answers a malformed multipart body with 400, a missing file with 422, and a non-workbook with 422', async () => {
    for (const endpoint of endpoints) {
      const cut = multipart(Buffer.from('PK\x03\x04 not really'));
      const truncated = await context.built.app.inject({
        method: 'POST',
        url: endpoint.url,
        payload: cut.payload.subarray(0, cut.payload.length - 20),
        headers: { ...cut.headers, cookie: endpoint.cookie() },
      });
      expect([400, 422], `${endpoint.name} cut: ${truncated.body}`).toContain(truncated.statusCode);
      const noBoundary = await context.built.app.inject({
        method: 'POST',
        url: endpoint.url,
        payload: Buffer.from('--x\r\ngarbage'),
        headers: { 'content-type': 'multipart/form-data', cookie: endpoint.cookie() },
      });
      expect(noBoundary.statusCode, `${endpoint.name} no boundary: ${noBoundary.body}`).toBe(400);
      const json = await context.built.app.inject({
        method: 'POST',
        url: endpoint.url,
        payload: { file: 'x' },
        headers: { cookie: endpoint.cookie() },
      });
      expect(json.statusCode, `${endpoint.name} json: ${json.body}`).toBe(422);
      expect(json.body).toContain('请选择要上传的文件');
      if (endpoint.name === 'attachment') continue;
      const text = await post(endpoint.url, endpoint.cookie(), multipart(Buffer.from('项目名称,所属单位\n某项目,邗江区\n')));
      expect(text.statusCode, `${endpoint.name} csv`).toBe(422);
      expect(text.body).toContain('.xlsx');
    }
  }, 60_000);

  it('still takes a real sheet, within the limits (⚙ the row limit)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('汇率');
    sheet.addRow(['币种', '月份', '汇率']);
    sheet.addRow(['美元', '2026-03', 7.1]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await post('/api/v1/exchange-rates/import', admin, multipart(file))).statusCode).toBe(200);
    const settings = await context.built.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/upload.maxRows',
      payload: { value: 100 },
      headers: { cookie: admin },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    for (let i = 0; i < 150; i++) sheet.addRow(['美元', `20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, 7]);
    const refused = await post('/api/v1/exchange-rates/import', admin, multipart(Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(refused.statusCode).toBe(413);
    expect(refused.body).toContain('超过 100 行');
  });
});
