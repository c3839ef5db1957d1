import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

interface Standing {
  unitCode: string;
  group: string;
  total: number;
  rank: number;
  movement: number | null;
  adjustment: number;
  items: { indicator: string; actual: number; target: number | null; ratio: number | null; score: number }[];
}

describe.each(BACKENDS)('league tables (擂台赛) on %s', (backend) => {
  let context: TestContext;
  let cookie: string;
  let city: Injector;
  let leader: Injector;
  let district: Injector;
  let outsider: Injector;
  let schemeId: number;

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'yz_officer', ['officer'], '321000');
    await addUser(context.database, 'yz_leader', ['leader'], '321000');
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    await addUser(context.database, 'nj_officer', ['officer'], '320100');
    cookie = await loginCookie(context, 'yz_officer');
    city = as(context, cookie);
    leader = as(context, await loginCookie(context, 'yz_leader'));
    district = as(context, await loginCookie(context, 'gy_officer'));
    outsider = as(context, await loginCookie(context, 'nj_officer'));
    const add = async (unitCode: string, name: string, signed: string) =>
      expect(
        (
          await city('POST', '/api/v1/projects', {
            name,
            unitCode,
            investorName: `${name}公司`,
            capitalType: 'domestic',
            totalInvestment: '2亿元',
            stage: 'signed',
            dates: { signed },
            firstReportedOn: '2024-12-01',
          })
        ).status,
      ).toBe(201);
    // 高邮 signs two in January and one in March; 邗江 signs one in January and three in February.
    await add('321084', '高邮一', '2025-01-05');
    await add('321084', '高邮二', '2025-01-20');
    await add('321084', '高邮三', '2025-03-02');
    await add('321003', '邗江一', '2025-01-09');
    for (const n of ['二', '三', '四']) await add('321003', `邗江${n}`, '2025-02-11');
    for (const unit of ['321084', '321003'])
      expect((await city('PUT', '/api/v1/targets', { unit, year: 2025, indicator: 'signed_projects', annual: 10 })).status).toBe(200);
  });
  afterAll(() => context.close());

  it('refuses anonymous callers, other cities and invalid schemes', async () => {
    expect((await as(context, null)('GET', '/api/v1/league/schemes?unit=321000')).status).toBe(401);
    const body = {
      unit: '321000',
      name: '2025年招商擂台赛',
      periodKind: 'month',
      items: [{ indicator: 'signed_projects', weight: 100, cap: 1.2 }],
      groups: [],
    };
    expect((await outsider('POST', '/api/v1/league/schemes', body)).status).toBe(403);
    expect((await leader('POST', '/api/v1/league/schemes', body)).status).toBe(403);
    const invalid = await city('POST', '/api/v1/league/schemes', {
      ...body,
      items: [{ indicator: 'nope', weight: 0, cap: 1 }],
      groups: [{ name: 'I类', units: ['320100'] }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('权重');
    expect(invalid.body).toContain('不是本单位的直属下级');
    const created = await city('POST', '/api/v1/league/schemes', body);
    expect(created.status, created.body).toBe(201);
    schemeId = (created.json() as { id: number }).id;
    expect((await outsider('GET', `/api/v1/league/schemes/${schemeId}/standings?year=2025`)).status).toBe(403);
    expect((await district('GET', `/api/v1/league/schemes/${schemeId}/standings?year=2025`)).status).toBe(403);
  });

  it('ranks monthly with movement, adds bonus and penalty points, keeps history', async () => {
    const standings = async (period: string) =>
      (
        (await leader('GET', `/api/v1/league/schemes/${schemeId}/standings?year=2025&period=${period}&asOf=2025-12-31`)).json() as {
          rows: Standing[];
        }
      ).rows;
    const january = await standings('2025-01');
    expect(january.slice(0, 2).map((r) => [r.unitCode, r.total, r.rank, r.movement])).toEqual([
      ['321084', 20, 1, null],
      ['321003', 10, 2, null],
    ]);
    const february = await standings('2025-02');
    expect(february.slice(0, 2).map((r) => [r.unitCode, r.total, r.rank, r.movement])).toEqual([
      ['321003', 40, 1, 1],
      ['321084', 20, 2, -1],
    ]);
    expect(
      (
        await city('POST', `/api/v1/league/schemes/${schemeId}/adjustments`, {
          unit: '321084',
          period: '2025-02',
          points: 25,
          reason: '引进世界500强项目加分',
        })
      ).status,
    ).toBe(201);
    expect(
      (await city('POST', `/api/v1/league/schemes/${schemeId}/adjustments`, { unit: '321084', period: '2025-Q1', points: 5, reason: 'x' }))
        .status,
    ).toBe(400);
    expect(
      (await city('POST', `/api/v1/league/schemes/${schemeId}/adjustments`, { unit: '320100', period: '2025-02', points: 5, reason: 'x' }))
        .status,
    ).toBe(400);
    const adjusted = await standings('2025-02');
    expect(adjusted[0]).toMatchObject({ unitCode: '321084', total: 45, adjustment: 25, rank: 1, movement: 0 });
    const history = (await leader('GET', `/api/v1/league/schemes/${schemeId}/history?year=2025&asOf=2025-03-31`)).json() as {
      periods: string[];
      units: { code: string; ranks: number[] }[];
    };
    expect(history.periods).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(history.units.find((u) => u.code === '321084')!.ranks).toEqual([1, 1, 2]); // the bonus was for February only
    expect((await leader('GET', `/api/v1/league/schemes/${schemeId}/standings?year=2025&period=2026-01`)).status).toBe(400);
  });

  it('caps the completion ratio and groups units', async () => {
    const scheme = (
      (await leader('GET', '/api/v1/league/schemes?unit=321000')).json() as { items: { id: number; version: number; items: unknown[] }[] }
    ).items[0]!;
    const updated = await city('PUT', `/api/v1/league/schemes/${schemeId}`, {
      unit: '321000',
      name: '季度擂台赛',
      periodKind: 'quarter',
      items: [{ indicator: 'signed_projects', weight: 100, cap: 0.3 + 0.7 }],
      groups: [
        { name: 'I类', units: ['321003'] },
        { name: 'II类', units: ['321084'] },
      ],
      version: scheme.version,
    });
    expect(updated.status, updated.body).toBe(200);
    expect(
      (
        await city('PUT', `/api/v1/league/schemes/${schemeId}`, {
          unit: '321000',
          name: 'x',
          periodKind: 'quarter',
          items: [{ indicator: 'signed_projects', weight: 100, cap: 1 }],
          groups: [],
          version: scheme.version,
        })
      ).status,
    ).toBe(409);
    const rows = (
      (await leader('GET', `/api/v1/league/schemes/${schemeId}/standings?year=2025&period=2025-Q1&asOf=2025-12-31`)).json() as {
        rows: Standing[];
      }
    ).rows;
    expect(rows.map((r) => [r.group, r.unitCode, r.rank, r.total])).toEqual([
      ['I类', '321003', 1, 40],
      ['II类', '321084', 1, 30],
    ]);
  });

  it('exports the standings to Excel', async () => {
    const response = await context.built.app.inject({
      method: 'GET',
      url: `/api/v1/league/schemes/${schemeId}/standings.xlsx?year=2025&period=2025-Q1&asOf=2025-12-31`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toContain('季度擂台赛 2025-Q1');
    expect(sheet.getRow(3).getCell(4).value).toBe('邗江区');
    expect(sheet.getRow(3).getCell(2).value).toBe(1);
  });
});
