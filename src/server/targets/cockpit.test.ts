import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figure, UnitRow } from './figures.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, multipart, type Injector, type TestContext } from '../testing/harness.ts';

type Row = UnitRow;
interface Cockpit {
  scheduleProgress: number;
  self: Row;
  children: Row[];
  trend: Record<string, { thisYear: (number | null)[]; lastYear: number[]; targetMonthly: number[] | null }>;
  funnel: { stage: string; count: number }[];
  tiers: { tier: number; fromYi: number; count: number; investmentWan: number }[];
  largest: { code: string; name: string; totalInvestmentWan: number }[];
  watchlist: { unitCode: string; indicator: string; status: string }[];
}

describe.each(BACKENDS)('cockpit, figures, drill-down, custom indicators and target sheets on %s', (backend) => {
  let context: TestContext;
  let cookie: string;
  let gaoyou: Injector;
  let hanjiang: Injector;
  let cityOfficer: Injector;
  let province: Injector;
  let leader: Injector;
  let reviewer: Injector;
  let sibling: Injector;

  const project = async (
    who: Injector,
    unitCode: string,
    name: string,
    total: string,
    dates: Record<string, string>,
    stage: string,
    extra: Record<string, unknown> = {},
  ) => {
    const response = await who('POST', '/api/v1/projects', {
      name,
      unitCode,
      investorName: `${name}公司`,
      capitalType: 'domestic',
      totalInvestment: total,
      stage,
      dates,
      firstReportedOn: '2024-01-02',
      ...extra,
    });
    expect(response.status, response.body).toBe(201);
    return (response.json() as { code: string }).code;
  };
  const download = async (url: string) => {
    const response = await context.built.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return workbook;
  };

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'yz_officer', ['officer'], '321000');
    await addUser(context.database, 'yz_leader', ['leader'], '321000');
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    await addUser(context.database, 'nj_officer', ['officer'], '320100');
    await addUser(context.database, 'js_officer', ['officer'], '320000');
    await addUser(context.database, 'hj_reviewer', ['reviewer'], '321003');
    await addUser(context.database, 'nj_reviewer', ['reviewer'], '320100');
    gaoyou = as(context, await loginCookie(context, 'gy_officer'));
    hanjiang = as(context, await loginCookie(context, 'hj_officer'));
    cityOfficer = as(context, await loginCookie(context, 'yz_officer'));
    // the city's own targets come from the province (targets are set by the unit above)
    cookie = await loginCookie(context, 'js_officer');
    province = as(context, cookie);
    leader = as(context, await loginCookie(context, 'yz_leader'));
    reviewer = as(context, await loginCookie(context, 'yz_reviewer'));
    sibling = as(context, await loginCookie(context, 'nj_officer'));
    // 高邮: three signings in 2025 (one of 12亿), one last year; 邗江: one signing in 2025 of 60亿 on the city list.
    await project(
      gaoyou,
      '321084',
      '甲项目',
      '12亿元',
      { signed: '2025-02-10', registered: '2025-03-01', started: '2025-05-01' },
      'started',
    );
    await project(gaoyou, '321084', '乙项目', '3亿元', { signed: '2025-04-15' }, 'signed', {
      levels: ['city_key'],
      planned: { started: '2025-06-30' },
    });
    await project(gaoyou, '321084', '丙项目', '8000万元', { signed: '2025-09-30' }, 'signed');
    await project(gaoyou, '321084', '戊项目', '5亿元', { signed: '2024-05-20' }, 'signed');
    await project(hanjiang, '321003', '邗江大项目', '60亿元', { signed: '2025-03-03', started: '2025-08-01' }, 'started', {
      levels: ['city_key'],
      planned: { started: '2025-07-01' },
    });
    await project(hanjiang, '321003', '邗江储备项目', '2亿元', { signed: '2025-01-20' }, 'signed', {
      levels: ['district_key'],
      planned: { started: '2025-11-30' },
    });
  });
  afterAll(() => context.close());

  it('refuses anonymous callers and other cities', async () => {
    const anonymous = as(context, null);
    for (const url of [
      '/api/v1/cockpit?unit=321000',
      '/api/v1/figures?unit=321000',
      '/api/v1/rates/construction?unit=321000',
      '/api/v1/targets/xlsx?unit=321000&year=2025',
      '/api/v1/league/schemes?unit=321000',
    ]) {
      expect((await anonymous('GET', url)).status, url).toBe(401);
      expect((await sibling('GET', url)).status, url).toBe(403);
    }
    expect((await sibling('GET', '/api/v1/projects?unit=321000&indicator=signed_projects&year=2025')).status).toBe(403);
    expect((await anonymous('POST', '/api/v1/indicators', {})).status).toBe(401);
  });

  it('gives the cockpit: KPIs against target and 序时, districts, red list, funnel, tiers, trend and largest projects', async () => {
    // a unit does not set its own targets: the unit above does (⚙ targets.setBy)
    const own = await cityOfficer('PUT', '/api/v1/targets', { unit: '321000', year: 2025, indicator: 'signed_projects', annual: 99 });
    expect(own.status).toBe(403);
    expect(own.body).toContain('由上级单位下达');
    expect(
      ((await cityOfficer('GET', '/api/v1/targets?unit=321000&year=2025')).json() as { readOnlyUnits: string[] }).readOnlyUnits,
    ).toEqual(['321000']);
    expect(
      (
        await province('PUT', '/api/v1/targets', {
          unit: '321000',
          year: 2025,
          indicator: 'signed_projects',
          annual: 12,
          monthly: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        })
      ).status,
    ).toBe(200);
    expect(
      (await cityOfficer('PUT', '/api/v1/targets', { unit: '321084', year: 2025, indicator: 'signed_projects', annual: 4 })).status,
    ).toBe(200);
    const split = await cityOfficer('PUT', '/api/v1/targets', { unit: '321003', year: 2025, indicator: 'signed_projects', annual: 10 });
    // 4 + 10 = 14 ≠ 12: saved, with a warning about the parent.
    expect(split.status).toBe(200);
    expect((split.json() as { warnings: string[] }).warnings.join()).toContain('14');
    const cockpit = (await leader('GET', '/api/v1/cockpit?unit=321000&year=2025&asOf=2025-09-30')).json() as Cockpit;
    expect(cockpit.scheduleProgress).toBe(0.75);
    // Yangzhou: 5 signings of 12 → 41.67%, 33.3 points below 序时: red.
    expect(cockpit.self.figures.signed_projects).toMatchObject({ actual: 5, target: 12, lastYearActual: 1, yoy: 4, status: 'red' });
    const gaoyouRow = cockpit.children.find((c) => c.code === '321084')!;
    const hanjiangRow = cockpit.children.find((c) => c.code === '321003')!;
    expect(gaoyouRow.figures.signed_projects).toMatchObject({ actual: 3, target: 4, completion: 0.75, status: 'green' });
    expect(hanjiangRow.figures.signed_projects).toMatchObject({ actual: 2, target: 10, completion: 0.2, status: 'red' });
    expect(cockpit.watchlist.filter((w) => w.indicator === 'signed_projects').map((w) => w.unitCode)).toEqual(['321003', '321000']);
    expect(cockpit.trend.signed_projects!.thisYear).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 1, null, null, null]);
    expect(cockpit.trend.signed_projects!.lastYear[4]).toBe(1);
    expect(cockpit.trend.signed_projects!.targetMonthly).toHaveLength(12);
    expect(cockpit.largest.map((p) => p.name)).toEqual(['邗江大项目', '甲项目', '乙项目', '邗江储备项目', '丙项目']);
    // Tiers of this year's signings on the default ladder (1, 5, 10, 20, 30, 50, 100亿): 8000万 below; 2亿, 3亿 at 1亿; 12亿 at 10亿; 60亿 at 50亿.
    expect(cockpit.tiers.filter((t) => t.count > 0).map((t) => [t.fromYi, t.count])).toEqual([
      [0, 1],
      [1, 2],
      [10, 1],
      [50, 1],
    ]);
    expect(cockpit.funnel.find((f) => f.stage === 'started')!.count).toBe(2);
    // the funnel is the ledger summary's count by stage on the same day, stage by stage
    const summary = (await leader('GET', '/api/v1/projects/summary?unit=321000&asOf=2025-09-30')).json() as {
      byStage: Record<string, number>;
    };
    expect(Object.fromEntries(cockpit.funnel.map((f) => [f.stage, f.count]))).toEqual(summary.byStage);
    // Parent figures equal the sum of the children's.
    for (const key of Object.keys(cockpit.self.figures)) {
      expect(cockpit.self.figures[key]!.actual).toBeCloseTo(
        cockpit.children.reduce((s, c) => s + c.figures[key]!.actual, 0),
        4,
      );
    }
  });

  it('agrees with the contract values endpoint for every indicator', async () => {
    const figures = (await leader('GET', '/api/v1/figures?unit=321000&year=2025&asOf=2025-08-15')).json() as { self: Row; children: Row[] };
    for (const [key, figure] of Object.entries(figures.self.figures)) {
      const single = (await leader('GET', `/api/v1/indicators/${key}/values?unit=321000&year=2025&asOf=2025-08-15`)).json() as Figure;
      expect({ key, actual: figure.actual, lastYear: figure.lastYearActual, status: figure.status }).toEqual({
        key,
        actual: single.actual,
        lastYear: single.lastYearActual,
        status: single.status,
      });
    }
    expect((await leader('GET', '/api/v1/figures?unit=321000&indicators=nope')).status).toBe(400);
  });

  it('shows no stale figure: a write is in the next cockpit read', async () => {
    const before = ((await leader('GET', '/api/v1/cockpit?unit=321000&year=2025&asOf=2025-12-31')).json() as Cockpit).self.figures
      .signed_projects!.actual;
    await project(gaoyou, '321084', '新签项目', '1亿元', { signed: '2025-11-11' }, 'signed');
    const after = ((await leader('GET', '/api/v1/cockpit?unit=321000&year=2025&asOf=2025-12-31')).json() as Cockpit).self.figures
      .signed_projects!.actual;
    expect(after).toBe(before + 1);
    await province('PUT', '/api/v1/targets', { unit: '321000', year: 2025, indicator: 'signed_projects', annual: 6 });
    expect(
      ((await leader('GET', '/api/v1/cockpit?unit=321000&year=2025&asOf=2025-12-31')).json() as Cockpit).self.figures.signed_projects!
        .target,
    ).toBe(6);
  });

  it('opens exactly the projects behind a figure and behind each side of a rate', async () => {
    const list = async (query: string) =>
      ((await leader('GET', `/api/v1/projects?pageSize=100&${query}`)).json() as { total: number; items: { name: string }[] }).items
        .map((p) => p.name)
        .sort();
    expect(await list('unit=321003&indicator=signed_projects&year=2025&asOf=2025-09-30')).toEqual(['邗江储备项目', '邗江大项目']);
    expect(await list('unit=321000&indicator=signed_projects_10yi&year=2025&asOf=2025-09-30')).toEqual(['甲项目', '邗江大项目']);
    expect(await list('unit=321084&rate=cohort_started&year=2025&asOf=2025-12-31')).toEqual(['甲项目']);
    const construction = (await leader('GET', '/api/v1/rates/construction?unit=321000&year=2025&asOf=2025-09-30')).json() as Record<
      string,
      number | null
    >;
    // On a list with a planned 2025 start: 乙 (due 6-30, not started), 邗江大项目 (due 7-01, started), 邗江储备 (due 11-30).
    expect(construction).toMatchObject({ planned: 3, started: 1, due: 2, dueStarted: 1, dueStartRate: 0.5 });
    expect(construction.startRate).toBeCloseTo(1 / 3);
    expect(await list('unit=321000&rate=plan_due&year=2025&asOf=2025-09-30')).toEqual(['乙项目', '邗江大项目']);
    const cityKey = (
      await leader('GET', '/api/v1/rates/construction?unit=321000&year=2025&asOf=2025-09-30&level=city_key')
    ).json() as Record<string, number>;
    expect(cityKey).toMatchObject({ planned: 2, started: 1 });
    expect((await leader('GET', '/api/v1/projects?indicator=actual_foreign_investment')).status).toBe(400);
  });

  it('lets a reviewer add a computed indicator, which is then computed, drilled into and archived', async () => {
    const body = {
      key: 'city_key_signed',
      label: { zh: '市重点签约项目数', en: 'City-key signings' },
      unit: { zh: '个', en: 'projects' },
      kind: 'computed',
      dateField: 'signed',
      measure: 'count',
      filter: { levels: ['city_key'] },
    };
    expect((await gaoyou('POST', '/api/v1/indicators', body)).status).toBe(403);
    expect((await reviewer('POST', '/api/v1/indicators', { ...body, measure: 'sum_arrival_wan' })).status).toBe(400);
    expect((await reviewer('POST', '/api/v1/indicators', { ...body, key: 'signed_projects' })).status).toBe(409);
    const created = await reviewer('POST', '/api/v1/indicators', body);
    expect(created.status, created.body).toBe(201);
    const values = (
      await leader('GET', '/api/v1/indicators/city_key_signed/values?unit=321000&year=2025&asOf=2025-12-31')
    ).json() as Figure;
    expect(values.actual).toBe(2);
    expect(
      ((await leader('GET', '/api/v1/projects?indicator=city_key_signed&year=2025&unit=321000')).json() as { total: number }).total,
    ).toBe(2);
    // the indicator belongs to 扬州: seen below it, changed only there; another city does not even see it
    const district = as(context, await loginCookie(context, 'hj_reviewer'));
    const otherCity = as(context, await loginCookie(context, 'nj_reviewer'));
    expect(
      ((await district('GET', '/api/v1/indicators')).json() as { items: { key: string; ownerUnit: string | null }[] }).items.find(
        (i) => i.key === 'city_key_signed',
      )?.ownerUnit,
    ).toBe('321000');
    const renamed = await district('PUT', '/api/v1/indicators/city_key_signed', { ...body, label: { zh: '改名', en: 'renamed' } });
    expect(renamed.status).toBe(403);
    expect(renamed.body).toContain('只能由该单位修改');
    expect(((await otherCity('GET', '/api/v1/indicators')).json() as { items: { key: string }[] }).items.map((i) => i.key)).not.toContain(
      'city_key_signed',
    );
    expect((await otherCity('PUT', '/api/v1/indicators/city_key_signed', { ...body, archived: true })).status).toBe(404);
    expect((await reviewer('PUT', '/api/v1/indicators/city_key_signed', { ...body, archived: true })).status).toBe(200);
    const keys = ((await leader('GET', '/api/v1/indicators')).json() as { items: { key: string }[] }).items.map((i) => i.key);
    expect(keys).not.toContain('city_key_signed');
    expect((await reviewer('PUT', '/api/v1/indicators/signed_projects', body)).status).toBe(400);
  });

  it('exports the target sheet and imports it back, all or nothing, with errors by row and column', async () => {
    const workbook = await download('/api/v1/targets/xlsx?unit=321000&year=2026');
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['单位代码', '单位名称', '指标代码', '指标名称', '计量单位', '年度目标']);
    const rowOf = (unit: string, key: string) => {
      for (let r = 2; r <= sheet.rowCount; r++)
        if (sheet.getRow(r).getCell(1).value === unit && sheet.getRow(r).getCell(3).value === key) return sheet.getRow(r);
      throw new Error(`${unit} ${key} not in sheet`);
    };
    rowOf('321000', 'signed_projects').getCell(6).value = 24;
    rowOf('321084', 'signed_projects').getCell(6).value = 10;
    const months = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    months.forEach((m, i) => (rowOf('321084', 'signed_projects').getCell(7 + i).value = m));
    rowOf('321003', 'signed_projects').getCell(6).value = '十二';
    const upload = async (wb: ExcelJS.Workbook, query = '') => {
      const { payload, headers } = multipart(Buffer.from(await wb.xlsx.writeBuffer()));
      const response = await context.built.app.inject({
        method: 'POST',
        url: `/api/v1/targets/xlsx?year=2026${query}`,
        payload,
        headers: { ...headers, cookie },
      });
      return {
        status: response.statusCode,
        body: response.json() as { errors: { row: number; column: string; message: string }[]; saved: number; warnings: string[] },
      };
    };
    const bad = await upload(workbook);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.column).sort()).toEqual(['年度目标', '年度目标']); // 十二 is not a number; 高邮's months add up to 12, not 10
    const none = (await leader('GET', '/api/v1/targets?unit=321000&year=2026')).json() as { items: unknown[] };
    expect(none.items).toHaveLength(0);
    rowOf('321003', 'signed_projects').getCell(6).value = 12;
    rowOf('321084', 'signed_projects').getCell(6).value = 12;
    const good = await upload(workbook);
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(good.body.saved).toBe(3);
    expect(good.body.warnings).toEqual([]); // 12 + 12 = 24
    const saved = (await leader('GET', '/api/v1/targets?unit=321000&year=2026')).json() as {
      items: { unit: string; annual: number; monthly: number[] | null }[];
    };
    expect(saved.items.find((t) => t.unit === '321084')).toMatchObject({ annual: 12, monthly: months });
    const again = await upload(workbook);
    expect(again.body.saved).toBe(0);
    rowOf('321003', 'signed_projects').getCell(6).value = 15;
    const uneven = await upload(workbook);
    expect(uneven.body.saved).toBe(1);
    expect(uneven.body.warnings.join()).toContain('27');
    const outsider = new ExcelJS.Workbook();
    const s = outsider.addWorksheet('x');
    s.addRow(['单位代码', '指标代码', '年度目标']);
    s.addRow(['110101', 'signed_projects', 5]);
    const refused = await upload(outsider);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ row: 2, column: '单位代码' });
    const garbage = multipart(Buffer.from('not a workbook'));
    expect(
      (
        await context.built.app.inject({
          method: 'POST',
          url: '/api/v1/targets/xlsx?year=2026',
          payload: garbage.payload,
          headers: { ...garbage.headers, cookie },
        })
      ).statusCode,
    ).toBe(422);
  });

  it('gives last year’s monthly profile for splitting a target', async () => {
    const profile = (await leader('GET', '/api/v1/targets/profile?unit=321084&year=2026&indicator=signed_projects')).json() as {
      monthly: number[];
    };
    expect(profile.monthly).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0]);
  });
});
