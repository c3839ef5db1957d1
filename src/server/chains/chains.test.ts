import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, multipart, type Injector, type TestContext } from '../testing/harness.ts';

interface Coverage {
  links: {
    key: string;
    localCompanies: number;
    chainLeaders: number;
    targets: number;
    projects: { byStage: Record<string, number>; inHand: number };
    status: string;
  }[];
  covered: number;
  weak: number;
  gaps: number;
}
type SheetResult = { created: number; updated: number; unchanged: number; errors: { row: number; column: string; message: string }[] };

const HEADERS = ['企业名称', '统一社会信用代码', '企业类型', '所属单位', '所在地', '行业', '产业链环节', '标签', '营业收入(万元)', '备注'];

async function sheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('企业');
  ws.addRow(HEADERS);
  for (const row of rows) ws.addRow(row);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

const AUTO = {
  unit: '321000',
  name: '汽车及零部件',
  links: [
    { key: 'parts', name: '关键零部件', segment: 'upstream' },
    { key: 'ecu', name: '汽车电子', segment: 'upstream', parent: 'parts', keywords: ['控制器', 'ECU'] },
    { key: 'battery', name: '动力电池', segment: 'upstream', parent: 'parts' },
    { key: 'vehicle', name: '整车制造', segment: 'midstream' },
    { key: 'service', name: '汽车后市场', segment: 'downstream' },
  ],
};

describe.each(BACKENDS)('industrial chains and the company register on %s', (backend) => {
  let context: TestContext;
  let reviewer: Injector; // 扬州市 reviewer: draws the chain, imports companies
  let district: Injector; // 广陵区 officer
  let sibling: Injector; // 南京 officer
  let leader: Injector;
  let chainId: string;
  const upload = async (who: string, buffer: Buffer, dryRun = false) => {
    const body = multipart(buffer);
    const response = await context.built.app.inject({
      method: 'POST',
      url: `/api/v1/companies/import${dryRun ? '?dryRun=true' : ''}`,
      payload: body.payload,
      headers: { ...body.headers, cookie: who },
    });
    return { status: response.statusCode, json: response.json() as SheetResult };
  };
  let reviewerCookie: string;

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    await addUser(context.database, 'gl_officer', ['officer'], '321002');
    await addUser(context.database, 'nj_officer', ['officer'], '320100');
    await addUser(context.database, 'gl_leader', ['leader'], '321002');
    reviewerCookie = await loginCookie(context, 'yz_reviewer');
    reviewer = as(context, reviewerCookie);
    district = as(context, await loginCookie(context, 'gl_officer'));
    sibling = as(context, await loginCookie(context, 'nj_officer'));
    leader = as(context, await loginCookie(context, 'gl_leader'));
  });
  afterAll(() => context.close());

  it('draws a chain as a tree of links and refuses a broken tree with reasons', async () => {
    const created = await reviewer('POST', '/api/v1/chains', AUTO);
    expect(created.status).toBe(201);
    chainId = (created.json() as { id: string }).id;
    const read = (await reviewer('GET', `/api/v1/chains/${chainId}`)).json() as {
      links: { key: string; parent: string | null; keywords: string[] }[];
    };
    expect(read.links.map((l) => l.key)).toEqual(['parts', 'ecu', 'battery', 'vehicle', 'service']);
    expect(read.links[1]).toMatchObject({ parent: 'parts', keywords: ['控制器', 'ECU'] });

    const cycle = await reviewer('POST', '/api/v1/chains', {
      unit: '321000',
      name: '新能源',
      links: [
        { key: 'a', name: '硅料', segment: 'upstream', parent: 'b' },
        { key: 'b', name: '组件', segment: 'midstream', parent: 'a' },
      ],
    });
    expect(cycle.status).toBe(400);
    expect((cycle.json() as { error: { message: string } }).error.message).toContain('不能是自己的上级');
    expect((await reviewer('POST', '/api/v1/chains', AUTO)).status).toBe(409); // same name in the same unit
    // a district reads its city's chain but cannot draw one for the city, nor change the city's
    expect((await district('POST', '/api/v1/chains', { ...AUTO, name: '集成电路' })).status).toBe(403);
    expect((await district('PUT', `/api/v1/chains/${chainId}`, { name: '改名', links: [], version: 1 })).status).toBe(403);
    const seen = (await district('GET', '/api/v1/chains')).json() as { items: { id: string; inherited: boolean }[] };
    expect(seen.items).toEqual([expect.objectContaining({ id: chainId, inherited: true })]);
    // another city does not see it at all
    expect((await sibling('GET', `/api/v1/chains/${chainId}`)).status).toBe(404);
    expect(((await sibling('GET', '/api/v1/chains')).json() as { items: unknown[] }).items).toEqual([]);
  });

  it('imports companies all or nothing, with every problem by row and column', async () => {
    const bad = await sheet([
      [
        '扬州甲汽车电子有限公司',
        '91321000MA1X00001K',
        '在地企业',
        '321002',
        null,
        '36',
        '汽车及零部件/汽车电子',
        '链主；高新技术企业',
        52000,
        null,
      ],
      ['扬州乙电子有限公司', '91321000MA1X00001X', '在地企业', '广陵区', null, '39', '汽车及零部件/不存在的环节', '未知标签', '很多', null],
      ['上海丙汽车集团', null, '目标企业', null, null, null, '汽车及零部件/整车制造', '世界500强', null, null],
    ]);
    const rejected = await upload(reviewerCookie, bad);
    expect(rejected.status).toBe(422);
    const cells = rejected.json.errors.map((e) => `${e.row}:${e.column}`);
    expect(cells).toEqual(expect.arrayContaining(['3:统一社会信用代码', '3:产业链环节', '3:标签', '3:营业收入(万元)', '4:所在地']));
    expect(rejected.json.errors.every((e) => e.row !== 2)).toBe(true);
    expect(((await reviewer('GET', '/api/v1/companies')).json() as { total: number }).total).toBe(0); // nothing written

    const good = await sheet([
      [
        '扬州甲汽车电子有限公司',
        '91321000MA1X00001K',
        '在地企业',
        '321002',
        null,
        '36',
        '汽车及零部件/汽车电子',
        '链主；高新技术企业',
        52000,
        null,
      ],
      [
        '扬州乙电子有限公司',
        '91321000MA1X00002N',
        '在地企业',
        '广陵区',
        null,
        '39',
        '汽车及零部件/汽车电子',
        '专精特新"小巨人"',
        '8000',
        null,
      ],
      ['扬州丁电池有限公司', null, '在地企业', '321003', null, null, '汽车及零部件/动力电池', null, null, null],
      ['上海丙汽车集团', null, '目标企业', null, '上海市', null, '汽车及零部件/整车制造；汽车及零部件/汽车电子', '世界500强', null, null],
    ]);
    const dry = await upload(reviewerCookie, good, true);
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect(((await reviewer('GET', '/api/v1/companies')).json() as { total: number }).total).toBe(0); // a dry run writes nothing
    expect((await upload(reviewerCookie, good)).json).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    // again: nothing new, nothing doubled; a changed row is updated (matched by credit code, or by name without one)
    expect((await upload(reviewerCookie, good)).json).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const changed = await sheet([
      [
        '扬州甲汽车电子股份有限公司',
        '91321000MA1X00001K',
        '在地企业',
        '321002',
        null,
        '36',
        '汽车及零部件/汽车电子',
        '链主',
        60000,
        '更名',
      ],
      ['扬州丁电池有限公司', null, '在地企业', '321003', null, null, '汽车及零部件/动力电池', null, 1200, null],
    ]);
    expect((await upload(reviewerCookie, changed)).json).toMatchObject({ created: 0, updated: 2, unchanged: 0 });
    const all = (await reviewer('GET', '/api/v1/companies?pageSize=50')).json() as {
      total: number;
      items: { name: string; revenueWan: number | null; tags: string[] }[];
    };
    expect(all.total).toBe(4);
    expect(all.items.find((c) => c.name === '扬州甲汽车电子股份有限公司')).toMatchObject({ revenueWan: 60000, tags: ['chain_leader'] });
    // the same company twice in one sheet is refused on the second row
    const twice = await upload(
      reviewerCookie,
      await sheet([
        ['某企业', null, '目标企业', null, '北京市', null, null, null, null, null],
        ['某企业', null, '目标企业', null, '北京市', null, null, null, null, null],
      ]),
    );
    expect(twice.status).toBe(422);
    expect(twice.json.errors[0]).toMatchObject({ row: 3, column: '企业名称' });
  });

  it('scopes the register: a district sees its own local firms and the targets kept above it', async () => {
    const seen = (await district('GET', '/api/v1/companies?pageSize=50')).json() as { items: { name: string; kind: string }[] };
    expect(seen.items.map((c) => c.name).sort()).toEqual(['上海丙汽车集团', '扬州乙电子有限公司', '扬州甲汽车电子股份有限公司']);
    expect(((await sibling('GET', '/api/v1/companies')).json() as { total: number }).total).toBe(0);
    const local = ((await reviewer('GET', '/api/v1/companies?kind=local&pageSize=50')).json() as { items: { id: string; name: string }[] })
      .items;
    const hanjiang = local.find((c) => c.name === '扬州丁电池有限公司')!;
    expect((await district('GET', `/api/v1/companies/${hanjiang.id}`)).status).toBe(404);
    expect((await sibling('GET', `/api/v1/companies/${hanjiang.id}`)).status).toBe(404);
  });

  it('reads the chain map: local firms, chain leaders, targets and projects per link, and the gaps', async () => {
    // projects placed on links through the ledger's 产业链 field, written 链名称/环节名称
    const project = (name: string, chain: string, stage: string) =>
      district('POST', '/api/v1/projects', {
        unitCode: '321002',
        name,
        investorName: '某投资方',
        capitalType: 'domestic',
        stage,
        firstReportedOn: '2026-03-01',
        totalInvestment: '2亿元',
        chain,
        ...(stage === 'negotiating' ? {} : {}),
      });
    expect((await project('整车总装项目', '汽车及零部件/整车制造', 'negotiating')).status).toBe(201);
    expect((await project('后市场服务线索', '汽车及零部件/汽车后市场', 'lead')).status).toBe(201);
    const unknown = await project('未知环节项目', '汽车及零部件/不存在', 'lead');
    expect(unknown.status).toBe(400);
    expect(
      (unknown.json() as { error: { details: { problems: { field: string; message: string }[] } } }).error.details.problems[0],
    ).toMatchObject({
      field: 'chain',
    });

    const city = (await reviewer('GET', `/api/v1/chains/${chainId}/coverage?unit=321000`)).json() as Coverage;
    const at = (c: Coverage, key: string) => c.links.find((l) => l.key === key)!;
    expect(at(city, 'ecu')).toMatchObject({ localCompanies: 2, chainLeaders: 1, targets: 1, status: 'covered' });
    expect(at(city, 'battery')).toMatchObject({ localCompanies: 1, status: 'weak' });
    expect(at(city, 'vehicle')).toMatchObject({
      localCompanies: 0,
      targets: 1,
      projects: { byStage: { negotiating: 1 }, inHand: 1 },
      status: 'covered',
    });
    expect(at(city, 'service')).toMatchObject({ projects: { byStage: { lead: 1 }, inHand: 0 }, status: 'gap' }); // a 线索 fills no gap
    expect(at(city, 'parts').status).toBe('gap');
    expect(city).toMatchObject({ covered: 2, weak: 1, gaps: 2 });
    // the district's own map: its firms only, the city's targets still counted
    const own = (await district('GET', `/api/v1/chains/${chainId}/coverage`)).json() as Coverage;
    expect(at(own, 'battery')).toMatchObject({ localCompanies: 0, status: 'gap' });
    expect(at(own, 'ecu')).toMatchObject({ localCompanies: 2, targets: 1 });
    expect((await district('GET', `/api/v1/chains/${chainId}/coverage?unit=321003`)).status).toBe(403);
    expect((await sibling('GET', `/api/v1/chains/${chainId}/coverage`)).status).toBe(404);
    const xlsx = await context.built.app.inject({
      method: 'GET',
      url: `/api/v1/chains/${chainId}/coverage.xlsx`,
      headers: { cookie: reviewerCookie },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(AUTO.links.length + 2); // header, links, 合计
  });

  it('keeps a link companies sit on, adopts a chain into a district, and writes an audit row per change', async () => {
    const chain = (await reviewer('GET', `/api/v1/chains/${chainId}`)).json() as { version: number; links: { key: string }[] };
    const withoutEcu = AUTO.links.filter((l) => l.key !== 'ecu');
    const refused = await reviewer('PUT', `/api/v1/chains/${chainId}`, { name: AUTO.name, links: withoutEcu, version: chain.version });
    expect(refused.status).toBe(409);
    expect((refused.json() as { error: { code: string; message: string } }).error).toMatchObject({ code: 'CHAIN_LINK_IN_USE' });
    // renaming links and adding one is fine; names may even swap
    const renamed = AUTO.links.map((l) =>
      l.key === 'vehicle' ? { ...l, name: '汽车后市场' } : l.key === 'service' ? { ...l, name: '整车制造' } : l,
    );
    const saved = await reviewer('PUT', `/api/v1/chains/${chainId}`, {
      name: AUTO.name,
      links: [...renamed, { key: 'chip', name: '车规芯片', segment: 'upstream', parent: 'ecu' }],
      version: chain.version,
    });
    expect(saved.status).toBe(200);
    expect((await reviewer('PUT', `/api/v1/chains/${chainId}`, { name: AUTO.name, links: renamed, version: chain.version })).status).toBe(
      409,
    ); // stale version

    const adopted = await district('POST', `/api/v1/chains/${chainId}/adopt`, { unit: '321002' });
    expect(adopted.status).toBe(201);
    const seen = (await district('GET', '/api/v1/chains')).json() as { items: { id: string; inherited: boolean; links: number }[] };
    expect(seen.items[0]).toMatchObject({ id: (adopted.json() as { id: string }).id, inherited: false, links: 6 });
    expect((await leader('POST', `/api/v1/chains/${chainId}/adopt`, { unit: '321002' })).status).toBe(403); // a leader reads only
    const actions = await context.database.db
      .select({ action: auditLog.action, n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(sql`${auditLog.action} like 'chain.%' or ${auditLog.action} like 'company.%'`)
      .groupBy(auditLog.action);
    // one chain drawn and one adopted; one saved edit (the refused ones wrote nothing); 4 + 2 companies imported
    expect(Object.fromEntries(actions.map((a) => [a.action, a.n]))).toEqual({
      'chain.create': 1,
      'chain.adopt': 1,
      'chain.update': 1,
      'chain.export': 1,
      'company.import': 6,
    });
  });

  it('works a target through the pipeline: 交办 to a district, a visit, 在谈 as a ledger project, 签约 from the ledger', async () => {
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const targets = (
      (await reviewer('GET', '/api/v1/companies?kind=target')).json() as { items: { id: string; name: string; pipelineStage: string }[] }
    ).items;
    const target = targets.find((c) => c.name === '上海丙汽车集团')!;
    expect(target.pipelineStage).toBe('target'); // a target enters the pipeline at 目标
    // before it is assigned, the district reads the city's target but may not work on it
    expect(
      (await district('POST', `/api/v1/companies/${target.id}/contacts`, { on: today, kind: 'phone', summary: '初次电话' })).status,
    ).toBe(403);
    expect(
      (await reviewer('PUT', `/api/v1/companies/${target.id}/pipeline`, { stage: 'target', unit: '321002', assignee: 'nj_officer' }))
        .status,
    ).toBe(400);
    expect(
      (await reviewer('PUT', `/api/v1/companies/${target.id}/pipeline`, { stage: '目标', unit: '321002', assignee: 'gl_officer' })).status,
    ).toBe(200);
    expect((await sibling('POST', `/api/v1/companies/${target.id}/assignment`, { action: 'accept' })).status).toBe(404);
    expect((await district('POST', `/api/v1/companies/${target.id}/assignment`, { action: 'return' })).status).toBe(400); // a return says why
    expect((await district('POST', `/api/v1/companies/${target.id}/assignment`, { action: 'accept', note: '已安排专人对接' })).status).toBe(
      200,
    );

    // a visit, dated, with the next step: the company is 已拜访
    expect(
      (await district('POST', `/api/v1/companies/${target.id}/contacts`, { on: '2999-01-01', kind: 'visit_out', summary: 'x' })).status,
    ).toBe(400);
    expect((await district('POST', `/api/v1/companies/${target.id}/contacts`, { on: today, kind: '打球', summary: 'x' })).status).toBe(400);
    const visit = await district('POST', `/api/v1/companies/${target.id}/contacts`, {
      on: today,
      kind: '外出拜访',
      summary: '拜访上海总部，介绍广陵区汽车电子配套',
      nextStep: '邀请来扬考察',
      nextOn: today,
    });
    expect(visit.status).toBe(201);
    const seen = (await district('GET', `/api/v1/companies/${target.id}`)).json() as {
      pipelineStage: string;
      assignedUnit: { code: string };
      assignmentStatus: string;
      assignee: { username: string };
    };
    expect(seen).toMatchObject({
      pipelineStage: 'visited',
      assignedUnit: { code: '321002' },
      assignmentStatus: 'accepted',
      assignee: { username: 'gl_officer' },
    });

    // 签约 comes from the ledger only; 放弃 needs a reason
    expect((await district('PUT', `/api/v1/companies/${target.id}/pipeline`, { stage: 'signed' })).status).toBe(400);
    expect((await district('PUT', `/api/v1/companies/${target.id}/pipeline`, { stage: 'dropped' })).status).toBe(400);
    expect((await district('PUT', `/api/v1/companies/${target.id}/pipeline`, { stage: 'intent' })).status).toBe(200);
    // 在谈 makes the ledger project, in the assigned district, with the company as investor; a bad amount makes none
    expect(
      (await district('PUT', `/api/v1/companies/${target.id}/pipeline`, { stage: 'negotiating', project: { totalInvestment: '约几亿' } }))
        .status,
    ).toBe(400);
    expect(
      (
        await district('PUT', `/api/v1/companies/${target.id}/pipeline`, {
          stage: 'negotiating',
          project: { name: '上海丙汽车电子配套项目', totalInvestment: '5亿元' },
        })
      ).status,
    ).toBe(200);
    const linked = (await district('GET', `/api/v1/companies/${target.id}`)).json() as {
      pipelineStage: string;
      project: { code: string; stage: string };
    };
    expect(linked).toMatchObject({ pipelineStage: 'negotiating', project: { stage: 'negotiating' } });
    const project = (await district('GET', `/api/v1/projects/${linked.project.code}`)).json() as {
      project: { unitCode: string; investorName: string; chain: string; version: number };
    };
    expect(project.project).toMatchObject({ unitCode: '321002', investorName: '上海丙汽车集团' });
    expect(project.project.chain.startsWith('汽车及零部件/')).toBe(true);
    // the ledger signs it: the company is 签约, whoever signed it and however
    const signed = await district('POST', `/api/v1/projects/${linked.project.code}/transitions`, {
      version: project.project.version,
      stage: 'signed',
      date: today,
      contractKind: 'formal',
      contractAmount: '5亿元',
    });
    expect(signed.status).toBe(200);
    expect(((await reviewer('GET', `/api/v1/companies/${target.id}`)).json() as { pipelineStage: string }).pipelineStage).toBe('signed');
    expect(((await reviewer('GET', '/api/v1/companies?stage=signed')).json() as { total: number }).total).toBe(1);

    // a second target, called and dropped
    const other = (
      await reviewer('POST', '/api/v1/companies', {
        name: '北京某整车集团',
        kind: '目标企业',
        location: '北京市',
        links: ['汽车及零部件/整车制造'],
      })
    ).json() as { id: string };
    expect(
      (await reviewer('POST', `/api/v1/companies/${other.id}/contacts`, { on: today, kind: 'phone', summary: '电话联系' })).status,
    ).toBe(201);
    expect((await reviewer('PUT', `/api/v1/companies/${other.id}/pipeline`, { stage: 'dropped', reason: '已在外地落户' })).status).toBe(
      200,
    );

    const funnel = (await reviewer('GET', `/api/v1/pipeline/funnel?unit=321000&year=${today.slice(0, 4)}&by=assignee`)).json() as {
      total: number;
      dropped: number;
      stages: { stage: string; count: number; reached: number; rate: number | null }[];
      groups: { name: string; total: number }[];
    };
    expect(funnel).toMatchObject({ total: 2, dropped: 1 });
    expect(funnel.stages.map((s) => s.reached)).toEqual([2, 2, 1, 1, 1, 1]);
    expect(funnel.stages.find((s) => s.stage === 'visited')!.rate).toBeCloseTo(0.5);
    expect(funnel.stages.find((s) => s.stage === 'signed')!.count).toBe(1);
    expect(funnel.groups.map((g) => [g.name, g.total])).toEqual(expect.arrayContaining([['gl_officer', 1]]));
    expect(((await reviewer('GET', '/api/v1/pipeline/funnel?unit=321000&year=2001')).json() as { total: number }).total).toBe(0);
    expect((await sibling('GET', '/api/v1/pipeline/funnel?unit=321000')).status).toBe(403);

    // the chain map counts the assigned target in the district's own map
    const own = (await district('GET', `/api/v1/chains/${chainId}/coverage`)).json() as Coverage;
    expect(own.links.find((l) => l.key === 'vehicle')!.targets).toBe(1);

    // aftercare: the city's local firms, none visited yet, so all due
    const care = (await reviewer('GET', '/api/v1/companies/aftercare?unit=321000')).json() as {
      days: number;
      items: { name: string; due: boolean }[];
    };
    expect(care.days).toBe(180);
    expect(care.items).toHaveLength(3);
    expect(care.items.every((i) => i.due)).toBe(true);
    const history = (await reviewer('GET', `/api/v1/companies/${target.id}/history`)).json() as {
      contacts: unknown[];
      events: { kind: string }[];
    };
    expect(history.contacts).toHaveLength(1);
    expect(history.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['assign', 'accept', 'stage']));
  });

  it('places the projects classified by the chain’s name alone on its links, with suggestions from their names', async () => {
    const created = await district('POST', '/api/v1/projects', {
      unitCode: '321002',
      name: '新能源汽车控制器生产线项目',
      investorName: '某控制器公司',
      capitalType: 'domestic',
      stage: 'lead',
      firstReportedOn: '2026-05-01',
      totalInvestment: '1亿元',
      chain: '汽车及零部件', // the old classification: the chain alone
    });
    expect(created.status).toBe(201);
    const code = (created.json() as { project: { code: string } }).project.code;
    const pending = (await reviewer('GET', `/api/v1/chains/${chainId}/placements?unit=321000`)).json() as {
      total: number;
      items: { code: string; suggested: string | null }[];
    };
    expect(pending.total).toBe(1);
    expect(pending.items[0]).toMatchObject({ code, suggested: 'ecu' });
    expect((await sibling('GET', `/api/v1/chains/${chainId}/placements`)).status).toBe(404);
    expect((await reviewer('POST', `/api/v1/chains/${chainId}/placements`, { placements: [{ code, link: 'nope' }] })).status).toBe(400);
    expect((await leader('POST', `/api/v1/chains/${chainId}/placements`, { placements: [{ code, link: 'ecu' }] })).status).toBe(403);
    const placed = await reviewer('POST', `/api/v1/chains/${chainId}/placements`, { placements: [{ code, link: 'ecu' }] });
    expect(placed.json()).toEqual({ placed: 1 });
    expect(((await reviewer('GET', `/api/v1/projects/${code}`)).json() as { project: { chain: string } }).project.chain).toBe(
      '汽车及零部件/汽车电子',
    );
    expect(((await reviewer('GET', `/api/v1/chains/${chainId}/placements?unit=321000`)).json() as { total: number }).total).toBe(0);
  });

  it('relabels the ledger when a link is renamed, and keeps a link projects sit on', async () => {
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    const hanjiang = as(context, await loginCookie(context, 'hj_officer'));
    const project = async (who: Injector, unitCode: string, name: string) => {
      const created = await who('POST', '/api/v1/projects', {
        unitCode,
        name,
        investorName: '某电池公司',
        capitalType: 'domestic',
        stage: 'lead',
        firstReportedOn: '2026-05-01',
        totalInvestment: '2亿元',
        chain: '汽车及零部件/动力电池',
      });
      expect(created.status).toBe(201);
      return (created.json() as { project: { code: string } }).project.code;
    };
    const inHanjiang = await project(hanjiang, '321003', '邗江动力电池项目');
    const inGuangling = await project(district, '321002', '广陵动力电池项目'); // 广陵区 keeps its own copy of the chain
    const chain = (await reviewer('GET', `/api/v1/chains/${chainId}`)).json() as {
      version: number;
      links: { key: string; name: string; segment: string; parentKey: string | null }[];
    };
    const links = (rename: Record<string, string>, drop?: string) =>
      chain.links
        .filter((l) => l.key !== drop)
        .map((l) => ({ key: l.key, name: rename[l.key] ?? l.name, segment: l.segment, parent: l.parentKey ?? undefined }));
    const renamed = await reviewer('PUT', `/api/v1/chains/${chainId}`, {
      name: AUTO.name,
      links: links({ battery: '动力电池及储能' }),
      version: chain.version,
    });
    expect(renamed.status).toBe(200);
    const chainOf = async (code: string) =>
      ((await reviewer('GET', `/api/v1/projects/${code}`)).json() as { project: { chain: string; version: number } }).project;
    expect((await chainOf(inHanjiang)).chain).toBe('汽车及零部件/动力电池及储能');
    expect((await chainOf(inHanjiang)).version).toBe(2);
    expect((await chainOf(inGuangling)).chain).toBe('汽车及零部件/动力电池'); // named after the district's own copy
    const [audit] = await context.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(sql`${auditLog.action} = 'project.update' and ${auditLog.objectId} = ${inHanjiang}`);
    expect(audit!.n).toBe(1);

    // the link now carries a project: removing it is refused, naming it, and nothing changes
    const removed = await reviewer('PUT', `/api/v1/chains/${chainId}`, {
      name: AUTO.name,
      links: links({ battery: '动力电池及储能' }, 'battery'),
      version: chain.version + 1,
    });
    expect(removed.status).toBe(409);
    expect((removed.json() as { error: { message: string } }).error.message).toContain('动力电池及储能');
    expect((await reviewer('DELETE', `/api/v1/chains/${chainId}`)).status).toBe(409);
    expect((await chainOf(inHanjiang)).chain).toBe('汽车及零部件/动力电池及储能');
  });
});
