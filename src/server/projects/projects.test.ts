import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { todayIso } from '../../shared/projects/dates.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

interface ProjectJson {
  code: string;
  name: string;
  stage: string;
  version: number;
  totalInvestmentWan: number;
  tierIndex: number;
  contacts: { name: string; phone?: string }[];
  dates: Record<string, string | null>;
}

describe.each(BACKENDS)('project ledger on %s', (backend) => {
  let context: TestContext;
  let officer: Injector;
  let sibling: Injector;
  let leader: Injector;

  const base = {
    unitCode: '321084',
    investorName: '江苏华芯半导体有限公司',
    capitalType: 'domestic',
    stage: 'negotiating',
    firstReportedOn: '2025-02-10',
  } as const;

  beforeAll(async () => {
    context = await createTestContext(backend);
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'yz_leader', ['leader'], '321000');
    officer = as(context, await loginCookie(context, 'gy_officer'));
    sibling = as(context, await loginCookie(context, 'hj_officer'));
    leader = as(context, await loginCookie(context, 'yz_leader'));
  });
  afterAll(() => context.close());

  it('refuses anonymous callers and other districts first', async () => {
    expect((await as(context, null)('GET', '/api/v1/projects')).status).toBe(401);
    expect((await sibling('GET', '/api/v1/projects?unit=321084')).status).toBe(403);
    expect((await sibling('POST', '/api/v1/projects', { ...base, name: '越权项目', totalInvestment: '1亿元' })).status).toBe(403);
  });

  it('creates a project with a code of unit, year and sequence, and a computed tier', async () => {
    const response = await officer('POST', '/api/v1/projects', {
      ...base,
      name: '年产5000万片功率芯片项目',
      totalInvestment: '12亿元',
      contacts: [{ name: '王建国', title: '总经理', phone: '13812345678' }],
    });
    expect(response.status).toBe(201);
    const { project } = response.json() as { project: ProjectJson };
    expect(project.code).toBe('321084-2025-0001');
    expect(project.totalInvestmentWan).toBe(120_000);
    expect(project.tierIndex).toBe(2); // 10亿元以上
    const second = (
      await officer('POST', '/api/v1/projects', {
        ...base,
        name: '精密轴承生产线项目',
        investorName: '人本轴承集团',
        totalInvestment: 8000,
      })
    ).json() as { project: ProjectJson };
    expect(second.project.code).toBe('321084-2025-0002');
  });

  it('explains invalid input in Chinese and saves nothing', async () => {
    const response = await officer('POST', '/api/v1/projects', { ...base, name: '坏数据项目', totalInvestment: '约3亿', stage: 'signed' });
    expect(response.status).toBe(400);
    const body = response.json() as { error: { message: string; details: { problems: { field: string; message: string }[] } } };
    expect(body.error.message).toContain('须为确数');
    expect(body.error.details.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['totalInvestment', 'dates.signed']));
    const list = (await officer('GET', '/api/v1/projects?q=坏数据')).json() as { total: number };
    expect(list.total).toBe(0);
  });

  it('finds projects by two-character terms and filters by tier', async () => {
    const chips = (await officer('GET', '/api/v1/projects?q=芯片')).json() as { items: ProjectJson[]; total: number };
    expect(chips.items.map((p) => p.name)).toEqual(['年产5000万片功率芯片项目']);
    const bearings = (await leader('GET', '/api/v1/projects?q=轴承')).json() as { items: ProjectJson[] };
    expect(bearings.items).toHaveLength(1);
    const tier10 = (await officer('GET', '/api/v1/projects?tier=10')).json() as { total: number; totals: { totalInvestmentWan: number } };
    expect(tier10.total).toBe(1);
    expect(tier10.totals.totalInvestmentWan).toBe(120_000);
  });

  it('masks contacts for a leader and shows them to the officer', async () => {
    const forLeader = (await leader('GET', '/api/v1/projects/321084-2025-0001')).json() as { project: ProjectJson };
    expect(forLeader.project.contacts[0]).toEqual({ name: '王**', title: '总经理', phone: '138****5678' });
    const forOfficer = (await officer('GET', '/api/v1/projects/321084-2025-0001')).json() as { project: ProjectJson };
    expect(forOfficer.project.contacts[0]!.phone).toBe('13812345678');
  });

  it('advances through the lifecycle with dates, and refuses a stale version with 409', async () => {
    const code = '321084-2025-0001';
    let project = ((await officer('GET', `/api/v1/projects/${code}`)).json() as { project: ProjectJson }).project;
    const noKind = await officer('POST', `/api/v1/projects/${code}/transitions`, {
      version: project.version,
      stage: 'signed',
      date: '2025-03-08',
    });
    expect(noKind.status).toBe(400);
    const signed = await officer('POST', `/api/v1/projects/${code}/transitions`, {
      version: project.version,
      stage: 'signed',
      date: '2025-03-08',
      contractKind: 'formal',
      contractAmount: '12亿元',
      evidence: '正式合同',
    });
    expect(signed.status).toBe(200);
    const stale = await officer('POST', `/api/v1/projects/${code}/transitions`, {
      version: project.version,
      stage: 'started',
      date: '2025-06-01',
    });
    expect(stale.status).toBe(409);
    expect((stale.json() as { error: { message: string } }).error.message).toContain('已被他人修改');
    project = (signed.json() as { project: ProjectJson }).project;
    const backwards = await officer('POST', `/api/v1/projects/${code}/transitions`, {
      version: project.version,
      stage: 'started',
      date: '2025-01-01',
    });
    expect(backwards.status).toBe(400);
    const started = await officer('POST', `/api/v1/projects/${code}/transitions`, {
      version: project.version,
      stage: 'started',
      date: '2025-06-01',
    });
    expect(started.status).toBe(200);
    project = (started.json() as { project: ProjectJson }).project;
    expect(project.stage).toBe('started');
    const noReason = await officer('POST', `/api/v1/projects/${code}/corrections`, {
      version: project.version,
      stage: 'started',
      date: '2025-05-20',
      reason: '',
    });
    expect(noReason.status).toBe(400);
    const corrected = await officer('POST', `/api/v1/projects/${code}/corrections`, {
      version: project.version,
      stage: 'started',
      date: '2025-05-20',
      reason: '以施工许可后首次桩基日期为准',
    });
    expect(corrected.status).toBe(200);
    const history = (await officer('GET', `/api/v1/projects/${code}/history`)).json() as {
      items: { action: string; changes: Record<string, { before: unknown; after: unknown }>; detail: string | null }[];
    };
    const correction = history.items.find((h) => h.action === 'project.correct')!;
    expect(correction.changes.startedOn).toEqual({ before: '2025-06-01', after: '2025-05-20' });
    expect(correction.detail).toBe('以施工许可后首次桩基日期为准');
  });

  it('gives the summary as of a past date: stage on that day, terminated counted apart, tiers cumulative', async () => {
    const code2 = '321084-2025-0002';
    const p2 = ((await officer('GET', `/api/v1/projects/${code2}`)).json() as { project: ProjectJson }).project;
    expect(
      (
        await officer('POST', `/api/v1/projects/${code2}/status`, {
          version: p2.version,
          status: 'terminated',
          date: '2025-04-01',
          reason: 'moved_elsewhere',
        })
      ).status,
    ).toBe(200);

    const before = (await leader('GET', '/api/v1/projects/summary?unit=321084&asOf=2025-03-31')).json() as {
      count: number;
      byStage: Record<string, number>;
      terminated: number;
      byTier: { thresholdYi: number; count: number }[];
      totalInvestmentWan: number;
    };
    expect(before).toMatchObject({ count: 2, terminated: 0, totalInvestmentWan: 128_000 });
    expect(before.byStage).toMatchObject({ signed: 1, negotiating: 1, started: 0 });
    expect(before.byTier).toEqual([
      { thresholdYi: 1, count: 1 },
      { thresholdYi: 10, count: 1 },
      { thresholdYi: 20, count: 0 },
      { thresholdYi: 50, count: 0 },
      { thresholdYi: 100, count: 0 },
    ]);
    const after = (await leader('GET', `/api/v1/projects/summary?unit=321084&asOf=${todayIso()}`)).json() as typeof before;
    expect(after).toMatchObject({ count: 1, terminated: 1, totalInvestmentWan: 120_000 });
    expect(after.byStage.started).toBe(1);
    const early = (await leader('GET', '/api/v1/projects/summary?unit=321084&asOf=2025-01-01')).json() as typeof before;
    expect(early.count).toBe(0);
    expect((await sibling('GET', '/api/v1/projects/summary?unit=321084')).status).toBe(403);
  });

  it('sends only the fields a list asks for, and the whole record without fields=', async () => {
    const whole = (await leader('GET', '/api/v1/projects?unit=321084')).json() as { items: Record<string, unknown>[]; total: number };
    const lean = (await leader('GET', '/api/v1/projects?unit=321084&fields=name,stage,dates')).json() as typeof whole;
    expect(lean.total).toBe(whole.total);
    expect(lean.items.length).toBe(whole.items.length);
    expect(Object.keys(lean.items[0]!).sort()).toEqual(['code', 'dates', 'name', 'stage']);
    const first = whole.items[0]!;
    const setDates = Object.fromEntries(Object.entries(first['dates'] as Record<string, string | null>).filter(([, day]) => day !== null));
    expect(lean.items[0]).toEqual({ code: first['code'], name: first['name'], stage: first['stage'], dates: setDates });
    // every field asked for is presented exactly as in the whole record (one rule per field, read from fewer columns)
    const all = Object.keys(first).filter((field) => field !== 'dates');
    const every = (await leader('GET', `/api/v1/projects?unit=321084&fields=${all.join(',')}`)).json() as typeof whole;
    expect(every.items).toEqual(whole.items.map(({ dates: _dates, ...rest }) => rest));
    expect(Object.keys(whole.items[0]!)).toEqual(expect.arrayContaining(['content', 'contacts', 'planned', 'version']));
    // one stage's date alone: read from its column, carried in `dates` as the whole field carries it
    const two = (await leader('GET', '/api/v1/projects?unit=321084&fields=name,dates.signed,dates.started')).json() as typeof whole;
    expect(two.items).toEqual(
      whole.items.map((item) => {
        const dates = item['dates'] as Record<string, string | null>;
        const kept = Object.fromEntries(Object.entries({ signed: dates['signed'], started: dates['started'] }).filter(([, day]) => day));
        return { code: item['code'], name: item['name'], dates: kept };
      }),
    );
    expect(whole.items.some((item) => (item['dates'] as Record<string, string | null>)['signed'])).toBe(true);
    expect((await leader('GET', '/api/v1/projects?unit=321084&fields=dates.someday')).status).toBe(400);
    const wrong = await leader('GET', '/api/v1/projects?unit=321084&fields=name,password');
    expect(wrong.status).toBe(400);
    expect((wrong.json() as { error: { code: string } }).error.code).toBe('VALIDATION');
  });

  it('summarises a unit by child in one call, the rows adding up to the unit and to each child alone', async () => {
    type Figures = {
      count: number;
      totalInvestmentWan: number;
      terminated: number;
      byStage: Record<string, number>;
      byTier: { count: number }[];
    };
    type ByChild = Figures & { direct: Figures; children: (Figures & { unit: { code: string; name: string } })[] };
    for (const asOf of ['2025-03-31', todayIso()]) {
      const city = (await leader('GET', `/api/v1/projects/summary?unit=321000&asOf=${asOf}&by=child`)).json() as ByChild;
      const plain = (await leader('GET', `/api/v1/projects/summary?unit=321000&asOf=${asOf}`)).json() as Figures;
      expect({ ...city, direct: undefined, children: undefined }).toMatchObject(plain);
      const rows = [city.direct, ...city.children];
      for (const key of ['count', 'totalInvestmentWan', 'terminated'] as const)
        expect(rows.reduce((sum, row) => sum + row[key], 0)).toBeCloseTo(city[key], 4);
      for (const stage of Object.keys(city.byStage))
        expect(rows.reduce((sum, row) => sum + row.byStage[stage]!, 0)).toBe(city.byStage[stage]);
      // every child is listed, with zeros where it has nothing, and equals its own summary
      const codes = city.children.map((c) => c.unit.code);
      expect(codes).toEqual(expect.arrayContaining(['321084', '321003']));
      expect(new Set(codes).size).toBe(codes.length);
      const gaoyou = city.children.find((c) => c.unit.code === '321084')!;
      const alone = (await leader('GET', `/api/v1/projects/summary?unit=321084&asOf=${asOf}`)).json() as Figures;
      expect({ ...gaoyou, unit: undefined }).toMatchObject(alone);
      expect(city.children.find((c) => c.unit.code === '321003')!.count).toBe(0);
    }
    expect((await sibling('GET', '/api/v1/projects/summary?unit=321000&by=child')).status).toBe(403);
    expect((await leader('GET', '/api/v1/projects/summary?unit=321000&by=city')).status).toBe(400);
  });

  it('refuses a second concurrent edit and keeps the first', async () => {
    const code = '321084-2025-0001';
    const project = ((await officer('GET', `/api/v1/projects/${code}`)).json() as { project: ProjectJson }).project;
    const first = await officer('PATCH', `/api/v1/projects/${code}`, { version: project.version, sponsorLeader: '张副市长' });
    const second = await officer('PATCH', `/api/v1/projects/${code}`, { version: project.version, sponsorLeader: '李副市长' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect((second.json() as { error: { details: { current: { version: number } } } }).error.details.current.version).toBe(
      project.version + 1,
    );
    const now = ((await officer('GET', `/api/v1/projects/${code}`)).json() as { project: ProjectJson & { sponsorLeader: string } }).project;
    expect(now.sponsorLeader).toBe('张副市长');
  });

  it('keeps saved views per user, audited', async () => {
    const saved = await officer('POST', '/api/v1/projects/views', {
      name: '高邮在谈',
      filters: { stage: 'negotiating', unit: '321084' },
      columns: ['code', 'name'],
    });
    expect(saved.status).toBe(201);
    const mine = (await officer('GET', '/api/v1/projects/views/mine')).json() as { items: { id: string; name: string }[] };
    expect(mine.items.map((v) => v.name)).toEqual(['高邮在谈']);
    expect(((await leader('GET', '/api/v1/projects/views/mine')).json() as { items: unknown[] }).items).toEqual([]);
    expect((await leader('DELETE', `/api/v1/projects/views/${mine.items[0]!.id}`)).status).toBe(204);
    expect(((await officer('GET', '/api/v1/projects/views/mine')).json() as { items: unknown[] }).items).toHaveLength(1);
    expect((await officer('DELETE', `/api/v1/projects/views/${mine.items[0]!.id}`)).status).toBe(204);
    const { auditLog } = await import('../audit/schema.ts');
    const { inArray } = await import('drizzle-orm');
    const rows = await context.database.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ['view.save', 'view.delete']));
    expect(rows.map((r) => r.action).sort()).toEqual(['view.delete', 'view.save']);
  });

  it('flags a likely duplicate in another unit for a reviewer', async () => {
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    const created = await sibling('POST', '/api/v1/projects', {
      ...base,
      unitCode: '321003',
      name: '年产5000万片功率芯片项目',
      totalInvestment: '12亿元',
    });
    expect(created.status).toBe(201);
    expect((created.json() as { duplicates: number }).duplicates).toBe(1);
    const reviewer = as(context, await loginCookie(context, 'yz_reviewer'));
    const open = (await reviewer('GET', '/api/v1/projects/duplicates/open')).json() as {
      items: { id: string; reason: string; project: { code: string }; other: { code: string } }[];
    };
    expect(open.items).toHaveLength(1);
    expect(open.items[0]).toMatchObject({ reason: 'similar_name', other: { code: '321084-2025-0001' } });
    expect((await officer('POST', `/api/v1/projects/duplicates/${open.items[0]!.id}/resolve`, { action: 'merge' })).status).toBe(403);
    // the alerts' signature of their data notices the deletion even when no maximum moves: the kept project is the
    // last changed, before and after
    const { dataSignature } = await import('../alerts/evaluate.ts');
    await context.database.db.execute(
      sql`update projects set updated_at = now() + interval '1 day' where code = ${open.items[0]!.other.code}`,
    );
    const before = await dataSignature(context.database.db);
    expect(await dataSignature(context.database.db)).toBe(before);
    expect((await reviewer('POST', `/api/v1/projects/duplicates/${open.items[0]!.id}/resolve`, { action: 'merge' })).status).toBe(200);
    expect((await reviewer('GET', `/api/v1/projects/${open.items[0]!.project.code}`)).status).toBe(404);
    expect(await dataSignature(context.database.db)).not.toBe(before);
  });

  it('decides on the server which lifecycle actions are open and whether a project is 重特大', async () => {
    const created = await officer('POST', '/api/v1/projects', { ...base, name: '动作测试项目', totalInvestment: '60亿元' });
    expect(created.status, created.body).toBe(201);
    const code = (created.json() as { project: ProjectJson }).project.code;
    type Detail = { actions: string[]; major: boolean; project: ProjectJson };
    const detail = (await officer('GET', `/api/v1/projects/${code}`)).json() as Detail;
    expect(detail.major).toBe(true); // 60亿元 ≥ the default 50亿元 threshold
    expect(detail.actions).toEqual(['advance', 'correct', 'arrival', 'status', 'edit']); // negotiating: no listing yet
    expect(((await leader('GET', `/api/v1/projects/${code}`)).json() as Detail).actions).toEqual([]); // a leader reads only
    // listing before the start is refused by the command, not only hidden by the page
    const early = await officer('POST', `/api/v1/projects/${code}/listing`, { version: detail.project.version, date: '2026-01-05' });
    expect(early.status).toBe(400);
    const terminated = await officer('POST', `/api/v1/projects/${code}/status`, {
      version: detail.project.version,
      status: 'terminated',
      reason: 'investor_withdrew',
      date: '2026-02-01',
    });
    expect(terminated.status, terminated.body).toBe(200);
    expect(((await officer('GET', `/api/v1/projects/${code}`)).json() as Detail).actions).not.toContain('advance');
  });
});
