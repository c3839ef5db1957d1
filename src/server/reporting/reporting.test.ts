import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFrom, installClock } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { alertText, type AlertMessage } from '../../shared/reporting/alerts.ts';
import { shiftMonth } from '../../shared/reporting/progress.ts';
import { runAlertsIfDue } from '../alerts/job.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, multipart, type Injector, type TestContext } from '../testing/harness.ts';

interface Submission {
  id: number;
  status: string;
  version: number;
  revision: number;
  editable: boolean;
  reviewable: boolean;
  rows: {
    key: string;
    projectId: string | null;
    context: { code: string; name: string };
    values: Record<string, unknown>;
    version: number;
    returnComment: string | null;
    problems: unknown[];
  }[];
}

// A fixed day past the 5th, when last month's reports are due (the early-month case is checked on its own day below).
// It lies after the machine's real day: rows the database stamps itself (defaultNow) must not look newer than the
// clock's, or the alerts' change signature would miss the test's own edits.
const CLOCK = clockFrom('2031-09-20T09:00:00+08:00');
installClock(CLOCK);
const thisMonth = todayIso().slice(0, 7);
const lastMonth = shiftMonth(thisMonth, -1);

describe.each(BACKENDS)('reporting rounds, monthly progress and alerts on %s', (backend) => {
  let context: TestContext;
  let city: Injector;
  let reviewer: Injector;
  let hanjiang: Injector;
  let hanjiang2: Injector;
  let gaoyou: Injector;
  let outsider: Injector;
  const codes: Record<string, string> = {};
  let taskId: number;

  beforeAll(async () => {
    context = await createTestContext(backend, { clock: CLOCK });
    await addUser(context.database, 'yz_officer', ['officer'], '321000');
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'hj_officer2', ['officer'], '321003');
    await addUser(context.database, 'gy_officer', ['officer'], '321084');
    await addUser(context.database, 'nj_officer', ['officer'], '320100');
    city = as(context, await loginCookie(context, 'yz_officer'));
    reviewer = as(context, await loginCookie(context, 'yz_reviewer'));
    hanjiang = as(context, await loginCookie(context, 'hj_officer'));
    hanjiang2 = as(context, await loginCookie(context, 'hj_officer2'));
    gaoyou = as(context, await loginCookie(context, 'gy_officer'));
    outsider = as(context, await loginCookie(context, 'nj_officer'));
    const add = async (key: string, unitCode: string, name: string, total: string, started: string) => {
      const response = await city('POST', '/api/v1/projects', {
        name,
        unitCode,
        investorName: `${name}公司`,
        capitalType: 'domestic',
        totalInvestment: total,
        stage: 'started',
        dates: { signed: '2024-03-01', registered: '2024-04-01', started },
        firstReportedOn: '2024-01-10',
        levels: ['city_key'],
      });
      expect(response.status, response.body).toBe(201);
      codes[key] = (response.json() as { project: { code: string } }).project.code;
    };
    await add('motor', '321003', '邗江电机项目', '5亿元', '2024-06-01');
    await add('glass', '321003', '邗江玻璃项目', '1000', '2024-08-01');
    await add('bearing', '321084', '高邮轴承项目', '3亿元', '2024-05-01');
  });
  afterAll(() => context.close());

  it('records a month of progress with derived cumulative figures (the contract)', async () => {
    expect((await as(context, null)('PUT', `/api/v1/projects/${codes.motor}/progress/${lastMonth}`, { investedWan: 100 })).status).toBe(
      401,
    );
    expect((await outsider('PUT', `/api/v1/projects/${codes.motor}/progress/${lastMonth}`, { investedWan: 100 })).status).toBe(404);
    const earlier = shiftMonth(lastMonth, -1);
    expect((await hanjiang('PUT', `/api/v1/projects/${codes.motor}/progress/${earlier}`, { investedWan: 300 })).status).toBe(200);
    const saved = await hanjiang('PUT', `/api/v1/projects/${codes.motor}/progress/${lastMonth}`, {
      investedWan: 200,
      imageProgress: '主体结构封顶',
      problems: '用电增容未批',
      nextSteps: '设备进场',
    });
    expect(saved.status, saved.body).toBe(200);
    const sameYear = earlier.slice(0, 4) === lastMonth.slice(0, 4);
    expect(saved.json()).toMatchObject({ investedWan: 200, ytdWan: sameYear ? 500 : 200, sinceStartWan: 500 });
    // Saving the same month again replaces it: nothing is counted twice.
    expect((await hanjiang('PUT', `/api/v1/projects/${codes.motor}/progress/${lastMonth}`, { investedWan: 250 })).json()).toMatchObject({
      sinceStartWan: 550,
    });
    const negative = await hanjiang('PUT', `/api/v1/projects/${codes.motor}/progress/${lastMonth}`, { investedWan: -5 });
    expect(negative.status).toBe(400);
    expect(negative.body).toContain('负数');
    expect((await hanjiang('PUT', `/api/v1/projects/${codes.motor}/progress/2099-01`, { investedWan: 5 })).status).toBe(400);
    expect((await hanjiang('PUT', `/api/v1/projects/${codes.motor}/progress/2025-13`, { investedWan: 5 })).status).toBe(400);
    // 1000万 total: a cumulative figure above it needs a confirming note.
    const above = await hanjiang('PUT', `/api/v1/projects/${codes.glass}/progress/${lastMonth}`, { investedWan: 1200 });
    expect(above.status).toBe(400);
    expect(above.body).toContain('请填写说明');
    expect(
      (await hanjiang('PUT', `/api/v1/projects/${codes.glass}/progress/${lastMonth}`, { investedWan: 1200, note: '含二期设备款，已核实' }))
        .status,
    ).toBe(200);
    const history = (await hanjiang('GET', `/api/v1/projects/${codes.motor}/progress`)).json() as {
      months: { month: string; sinceStartWan: number }[];
    };
    expect(history.months.map((m) => [m.month, m.sinceStartWan])).toEqual([
      [lastMonth, 550],
      [earlier, 300],
    ]);
    // The months feed the targets' 项目完成投资 indicator, and its click-through lists the same projects.
    const year = thisMonth.slice(0, 4);
    const expected = [
      [earlier, 300],
      [lastMonth, 250 + 1200],
    ]
      .filter(([m]) => String(m).startsWith(year))
      .reduce((a, [, v]) => a + Number(v), 0);
    const values = (await city('GET', `/api/v1/indicators/project_investment/values?unit=321003&year=${year}`)).json() as {
      actual: number;
    };
    expect(values.actual).toBe(expected);
    const listed = (await city('GET', `/api/v1/projects?indicator=project_investment&unit=321003&year=${year}`)).json() as {
      total: number;
    };
    expect(listed.total).toBe(expected ? 2 : 0);
  });

  it('sums progress by district against the annual plan and 序时, proposes a backward schedule, and checks photos', async () => {
    expect((await outsider('GET', '/api/v1/progress/summary?unit=321000')).status).toBe(403);
    expect((await hanjiang('PUT', `/api/v1/projects/${codes.motor}/plans/${lastMonth.slice(0, 4)}`, { plannedWan: 1000 })).status).toBe(
      200,
    );
    const summary = (await city('GET', `/api/v1/progress/summary?unit=321000&month=${lastMonth}`)).json() as {
      schedule: number;
      children: {
        unitCode: string;
        projects: number;
        annualPlanWan: number;
        monthWan: number;
        ytdWan: number;
        completion: number | null;
      }[];
    };
    const hj = summary.children.find((c) => c.unitCode === '321003')!;
    expect(hj.monthWan).toBe(250 + 1200);
    expect(hj.annualPlanWan).toBe(1000);
    expect(hj.projects).toBe(2);
    expect(hj.completion).toBeCloseTo(hj.ytdWan / 1000, 6);
    expect(summary.schedule).toBeCloseTo(Number(lastMonth.slice(5, 7)) / 12, 6);
    const proposal = (
      await hanjiang('POST', `/api/v1/projects/${codes.motor}/schedule/propose`, { milestone: 'at_capacity', date: '2030-06-30' })
    ).json() as { items: { milestone: string; date: string; reached: boolean }[] };
    expect(proposal.items.map((i) => [i.milestone, i.date, i.reached])).toEqual([
      ['signed', '2024-03-01', true],
      ['registered', '2024-04-01', true],
      ['started', '2024-06-01', true],
      ['completed', '2029-03-30', false],
      ['producing', '2029-06-30', false],
      ['at_capacity', '2030-06-30', false],
    ]);
    expect(
      (await outsider('POST', `/api/v1/projects/${codes.motor}/schedule/propose`, { milestone: 'at_capacity', date: '2030-06-30' })).status,
    ).toBe(404);
    const photo = await hanjiang('PUT', `/api/v1/projects/${codes.motor}/progress/${lastMonth}`, {
      investedWan: 250,
      photos: ['6f0c1e2a-0000-4000-8000-000000000000'],
    });
    expect(photo.status).toBe(400);
    expect(photo.body).toContain('照片');
  });

  it('keeps the fields a progress save leaves out, and refuses a stale version with 409 (concurrent saves never silently overwrite)', async () => {
    const month = shiftMonth(lastMonth, -2);
    const created = await city('POST', '/api/v1/projects', {
      name: '高邮电池盒项目',
      unitCode: '321084',
      investorName: '高邮电池盒公司',
      capitalType: 'domestic',
      totalInvestment: '2亿元',
      stage: 'started',
      dates: { signed: '2024-03-01', registered: '2024-04-01', started: '2024-05-01' },
      firstReportedOn: '2024-01-10',
    });
    const code = (created.json() as { project: { code: string } }).project.code;
    const url = `/api/v1/projects/${code}/progress/${month}`;
    const first = await gaoyou('PUT', url, { investedWan: 100, imageProgress: '桩基施工', problems: '缺少用工', version: 0 });
    expect(first.status, first.body).toBe(200);
    const v1 = (first.json() as { version: number }).version;
    const partial = await gaoyou('PUT', url, { investedWan: 120, version: v1 });
    expect(partial.json()).toMatchObject({ investedWan: 120, imageProgress: '桩基施工', problems: '缺少用工' });
    const v2 = (partial.json() as { version: number }).version;
    expect((await gaoyou('PUT', url, { investedWan: 130, problems: null, version: v2 })).json()).toMatchObject({
      imageProgress: '桩基施工',
      problems: null,
    });
    // 20 people save the same month from the same version at once: one wins, the others are told (409)
    const version = (await gaoyou('GET', `/api/v1/projects/${code}/progress`)).json() as { months: { month: string; version: number }[] };
    const current = version.months.find((m) => m.month === month)!.version;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => gaoyou('PUT', url, { investedWan: 200 + i, version: current })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    // a first report of a month read as not yet reported (version 0) is refused once someone reported it
    expect((await gaoyou('PUT', url, { investedWan: 1, version: 0 })).status).toBe(409);
  });

  it('lets a reviewer define a monthly task; refuses bad tasks, other cities and non-reviewers', async () => {
    const body = {
      unit: '321000',
      name: '重点项目月度进度',
      kind: 'monthly_progress',
      recurrence: 'monthly',
      startOn: `${lastMonth}-01`,
      dueDay: 5,
      dueMonthOffset: 1,
      dueTime: '17:00',
      targetUnits: ['321003', '321084'],
      form: { projects: { stages: ['started'], levels: ['city_key'] } },
    };
    expect((await as(context, null)('POST', '/api/v1/reporting/tasks', body)).status).toBe(401);
    expect((await city('POST', '/api/v1/reporting/tasks', body)).status).toBe(403);
    expect((await reviewer('POST', '/api/v1/reporting/tasks', { ...body, unit: '320100' })).status).toBe(403);
    const bad = await reviewer('POST', '/api/v1/reporting/tasks', { ...body, targetUnits: ['320102'], dueDay: null });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('截止日');
    expect(bad.body).toContain('不是本单位的下级');
    const created = await reviewer('POST', '/api/v1/reporting/tasks', body);
    expect(created.status, created.body).toBe(201);
    taskId = (created.json() as { id: number }).id;
    const assigned = (await hanjiang('GET', '/api/v1/reporting/tasks')).json() as { assigned: { id: number }[] };
    expect(assigned.assigned.map((t) => t.id)).toContain(taskId);
    expect((await outsider('GET', `/api/v1/reporting/tasks/${taskId}`)).status).toBe(404);
  });

  async function hanjiangSubmission(period = lastMonth): Promise<Submission> {
    const list = (await hanjiang('GET', `/api/v1/reporting/submissions?taskId=${taskId}`)).json() as {
      items: { id: number; unit: string; periodKey: string }[];
    };
    const item = list.items.find((s) => s.unit === '321003' && s.periodKey === period)!;
    expect(item).toBeDefined();
    return (await hanjiang('GET', `/api/v1/reporting/submissions/${item.id}`)).json() as Submission;
  }

  it('fills a submission in drafts without overwriting a colleague, submits, is returned, resubmits and is approved and locked', async () => {
    const submission = await hanjiangSubmission();
    expect((await gaoyou('GET', `/api/v1/reporting/submissions/${submission.id}`)).status).toBe(404);
    expect(submission.rows.map((r) => r.context.code).sort()).toEqual([codes.motor, codes.glass].sort());
    const motor = submission.rows.find((r) => r.context.code === codes.motor)!;
    expect(motor.values.investedWan).toBe(250); // pre-filled from the ledger
    const glass = submission.rows.find((r) => r.context.code === codes.glass)!;
    // Two officers of the unit edit the same row: the second, working from the old version, is refused.
    expect(
      (
        await hanjiang('PUT', `/api/v1/reporting/submissions/${submission.id}/rows`, {
          rows: [{ key: motor.key, version: motor.version, values: { ...motor.values, investedWan: 260 } }],
        })
      ).status,
    ).toBe(200);
    // a save of one field keeps the row's others (a field is cleared only when sent empty)
    const partial = await hanjiang('PUT', `/api/v1/reporting/submissions/${submission.id}/rows`, {
      rows: [{ key: motor.key, version: motor.version + 1, values: { imageProgress: '设备安装' } }],
    });
    expect(partial.status, partial.body).toBe(200);
    const merged = (await hanjiangSubmission()).rows.find((r) => r.key === motor.key)!;
    expect(merged.values).toMatchObject({ investedWan: 260, imageProgress: '设备安装' });
    const stale = await hanjiang2('PUT', `/api/v1/reporting/submissions/${submission.id}/rows`, {
      rows: [{ key: motor.key, version: motor.version, values: { investedWan: 999 } }],
    });
    expect(stale.status).toBe(409);
    expect(
      (await hanjiang2('PUT', `/api/v1/reporting/submissions/${submission.id}/rows`, { rows: [{ key: 'nope', version: 1, values: {} }] }))
        .status,
    ).toBe(400);
    const typo = await hanjiang2('PUT', `/api/v1/reporting/submissions/${submission.id}/rows`, {
      rows: [{ key: glass.key, version: glass.version, values: { investedWan: '十几万' } }],
    });
    expect(typo.status).toBe(400);
    // A missing required figure blocks the submission, row by row.
    const cleared = await hanjiang2('PUT', `/api/v1/reporting/submissions/${submission.id}/rows`, {
      rows: [{ key: glass.key, version: glass.version, values: { investedWan: null } }],
    });
    expect(cleared.status, cleared.body).toBe(200);
    let current = await hanjiangSubmission();
    const incomplete = await hanjiang('POST', `/api/v1/reporting/submissions/${submission.id}/submit`, { version: current.version });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toContain('请填写本月完成投资');
    const glassNow = current.rows.find((r) => r.key === glass.key)!;
    expect(
      (
        await hanjiang('PUT', `/api/v1/reporting/submissions/${submission.id}/rows`, {
          rows: [{ key: glass.key, version: glassNow.version, values: { investedWan: 80, note: '含二期设备款' } }],
        })
      ).status,
    ).toBe(200);
    current = await hanjiangSubmission();
    const submitted = await hanjiang('POST', `/api/v1/reporting/submissions/${submission.id}/submit`, { version: current.version });
    expect(submitted.status, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', revision: 1 });
    expect(
      (
        await hanjiang('PUT', `/api/v1/reporting/submissions/${submission.id}/rows`, {
          rows: [{ key: glass.key, version: 99, values: {} }],
        })
      ).status,
    ).toBe(400);
    // the ledger has the month
    expect(
      ((await city('GET', `/api/v1/projects/${codes.motor}/progress`)).json() as { months: { month: string; investedWan: number }[] })
        .months[0],
    ).toMatchObject({ month: lastMonth, investedWan: 260 });

    // The city reviewer returns one row with a comment.
    const header = (await reviewer('GET', `/api/v1/reporting/submissions/${submission.id}`)).json() as Submission;
    expect(header.reviewable).toBe(true);
    expect(
      (await hanjiang('POST', `/api/v1/reporting/submissions/${submission.id}/review`, { action: 'approve', version: header.version }))
        .status,
    ).toBe(403);
    const returned = await reviewer('POST', `/api/v1/reporting/submissions/${submission.id}/review`, {
      action: 'return',
      version: header.version,
      rows: [{ key: motor.key, comment: '本月投资与形象进度不符，请核实' }],
    });
    expect(returned.status, returned.body).toBe(200);
    current = await hanjiangSubmission();
    expect(current.status).toBe('returned');
    const motorNow = current.rows.find((r) => r.key === motor.key)!;
    expect(motorNow.returnComment).toContain('请核实');
    expect(
      (
        await hanjiang('PUT', `/api/v1/reporting/submissions/${submission.id}/rows`, {
          rows: [{ key: motor.key, version: motorNow.version, values: { ...motorNow.values, investedWan: 180 } }],
        })
      ).status,
    ).toBe(200);
    current = await hanjiangSubmission();
    const resubmitted = await hanjiang('POST', `/api/v1/reporting/submissions/${submission.id}/submit`, { version: current.version });
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', revision: 2 });
    const progress = (await city('GET', `/api/v1/projects/${codes.motor}/progress`)).json() as {
      months: { month: string; investedWan: number; sinceStartWan: number }[];
    };
    expect(progress.months.filter((m) => m.month === lastMonth)).toHaveLength(1);
    expect(progress.months[0]).toMatchObject({ investedWan: 180, sinceStartWan: 480 });
    // versions compared
    const compare = (await reviewer('GET', `/api/v1/reporting/submissions/${submission.id}/compare?from=1&to=2`)).json() as {
      rows: { key: string; fields: { field: string; before: unknown; after: unknown }[] }[];
    };
    expect(compare.rows).toEqual([
      { key: motor.key, label: '邗江电机项目', change: 'changed', fields: [{ field: 'investedWan', before: 260, after: 180 }] },
    ]);
    // approved: the period locks
    const approvedHeader = (await reviewer('GET', `/api/v1/reporting/submissions/${submission.id}`)).json() as Submission;
    expect(
      (
        await reviewer('POST', `/api/v1/reporting/submissions/${submission.id}/review`, {
          action: 'approve',
          version: approvedHeader.version,
        })
      ).status,
    ).toBe(200);
    const locked = await hanjiang('PUT', `/api/v1/projects/${codes.motor}/progress/${lastMonth}`, { investedWan: 1 });
    expect(locked.status).toBe(423);
    expect(locked.body).toContain('锁定');
    // unlocked with a reason: open again
    const afterApprove = (await reviewer('GET', `/api/v1/reporting/submissions/${submission.id}`)).json() as Submission;
    expect(
      (
        await reviewer('POST', `/api/v1/reporting/submissions/${submission.id}/review`, {
          action: 'unlock',
          version: afterApprove.version,
          reason: '',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await reviewer('POST', `/api/v1/reporting/submissions/${submission.id}/review`, {
          action: 'unlock',
          version: afterApprove.version,
          reason: '统计局口径调整',
        })
      ).status,
    ).toBe(200);
    expect((await hanjiang('PUT', `/api/v1/projects/${codes.motor}/progress/${lastMonth}`, { investedWan: 180 })).status).toBe(200);
  });

  it('round-trips the submission through Excel, refusing bad cells with nothing written', async () => {
    const list = (await gaoyou('GET', `/api/v1/reporting/submissions?taskId=${taskId}`)).json() as {
      items: { id: number; periodKey: string }[];
    };
    const id = list.items.find((s) => s.periodKey === lastMonth)!.id;
    const download = await context.built.app.inject({
      method: 'GET',
      url: `/api/v1/reporting/submissions/${id}/xlsx`,
      headers: { cookie: await loginCookie(context, 'gy_officer') },
    });
    expect(download.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = Array.from(sheet.getRow(2).values as unknown[], (v) => String(v ?? ''));
    const investedColumn = headers.findIndex((h) => h.startsWith('本月完成投资'));
    expect(sheet.getRow(3).getCell(4).value).toBe('高邮轴承项目');
    sheet.getRow(3).getCell(investedColumn).value = -3;
    const upload = async () => {
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      const body = multipart(buffer);
      return context.built.app.inject({
        method: 'POST',
        url: `/api/v1/reporting/submissions/${id}/xlsx`,
        headers: { ...body.headers, cookie: await loginCookie(context, 'gy_officer') },
        payload: body.payload,
      });
    };
    const bad = await upload();
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ errors: [{ row: 3, column: '本月完成投资' }] });
    sheet.getRow(3).getCell(investedColumn).value = 420;
    const good = await upload();
    expect(good.statusCode, good.body).toBe(200);
    const after = (await gaoyou('GET', `/api/v1/reporting/submissions/${id}`)).json() as Submission;
    expect(after.rows[0]!.values.investedWan).toBe(420);
    const garbage = multipart(Buffer.from('not a workbook'));
    expect(
      (
        await context.built.app.inject({
          method: 'POST',
          url: `/api/v1/reporting/submissions/${id}/xlsx`,
          headers: { ...garbage.headers, cookie: await loginCookie(context, 'gy_officer') },
          payload: garbage.payload,
        })
      ).statusCode,
    ).toBe(422);
  });

  it('raises alerts within scope and resolves a stalled one after new progress', async () => {
    expect((await as(context, null)('GET', '/api/v1/alerts')).status).toBe(401);
    expect((await outsider('GET', '/api/v1/alerts?unit=321000')).status).toBe(403);
    const stalled = (await city('GET', '/api/v1/alerts?unit=321000&kind=stalled')).json() as {
      items: {
        kind: string;
        severity: string;
        projectCode: string;
        message: string;
        text: { key: string; params: Record<string, unknown> };
      }[];
    };
    // 高邮轴承 started in 2024 and never reported investment: stalled. 邗江电机 reported last month: not.
    expect(stalled.items.map((a) => a.projectCode)).toContain(codes.bearing);
    expect(stalled.items.map((a) => a.projectCode)).not.toContain(codes.motor);
    const alert = stalled.items.find((a) => a.projectCode === codes.bearing)!;
    expect(alert).toMatchObject({ kind: 'stalled', severity: 'high' });
    expect(alert.message).toContain('只开工不施工');
    // the key and parameters the web words it from, in either language, and the server's words agree with them
    expect(alert.text.key).toMatch(/^stalled/);
    expect(alert.text.params).toMatchObject({ name: expect.any(String), months: expect.any(Number) });
    expect(alertText(alert.text as AlertMessage, 'zh')).toBe(alert.message);
    const english = (await city('GET', '/api/v1/alerts?unit=321000&kind=stalled', undefined, { 'x-lang': 'en' })).json() as typeof stalled;
    expect(english.items.find((a) => a.projectCode === codes.bearing)!.message).toBe(alertText(alert.text as AlertMessage, 'en'));
    expect(((await hanjiang('GET', '/api/v1/alerts?kind=stalled')).json() as { items: unknown[] }).items).toHaveLength(0);
    const unread = (await gaoyou('GET', '/api/v1/alerts/unread')).json() as { count: number };
    expect(unread.count).toBeGreaterThan(0);
    expect((await gaoyou('POST', '/api/v1/alerts/read', { all: true })).status).toBe(200);
    expect(((await gaoyou('GET', '/api/v1/alerts/unread')).json() as { count: number }).count).toBe(0);
    expect((await gaoyou('PUT', `/api/v1/projects/${codes.bearing}/progress/${thisMonth}`, { investedWan: 50 })).status).toBe(200);
    const cleared = (await city('GET', '/api/v1/alerts?unit=321000&kind=stalled')).json() as { items: { projectCode: string }[] };
    expect(cleared.items.map((a) => a.projectCode)).not.toContain(codes.bearing);
    const resolved = (await city('GET', '/api/v1/alerts?unit=321000&kind=stalled&status=resolved')).json() as {
      items: { projectCode: string; resolvedAt: string }[];
    };
    expect(resolved.items.find((a) => a.projectCode === codes.bearing)?.resolvedAt).toBeTruthy();
  });

  it('tells who reported late in the compliance table and counts it in a league table', async () => {
    const dueMonth = thisMonth; // last month's report is due on the 5th of this month
    const table = (await city('GET', `/api/v1/reporting/compliance?unit=321000&month=${dueMonth}`)).json() as {
      rows: { unitCode: string; onTime: number; late: number; missing: number; pending: number }[];
    };
    const hj = table.rows.find((r) => r.unitCode === '321003')!;
    const gy = table.rows.find((r) => r.unitCode === '321084')!;
    expect(todayIso()).toBe('2031-09-20');
    expect(hj.late + hj.onTime).toBe(1); // submitted
    expect(gy.missing).toBe(1); // saved a draft but never submitted, and the 5th 17:00 has passed
    const overdue = (await city('GET', '/api/v1/alerts?unit=321000&kind=submission_overdue')).json() as {
      items: { unitCode: string; message: string }[];
    };
    expect(overdue.items.map((a) => a.unitCode)).toEqual(['321084']);
    // on the 3rd the same draft is still pending: the deadline has not come
    installClock(clockFrom('2031-09-03T09:00:00+08:00'));
    try {
      const early = (await city('GET', `/api/v1/reporting/compliance?unit=321000&month=${dueMonth}`)).json() as {
        rows: { unitCode: string; missing: number; pending: number }[];
      };
      expect(early.rows.find((r) => r.unitCode === '321084')).toMatchObject({ missing: 0, pending: 1 });
    } finally {
      installClock(CLOCK);
    }
    const scheme = await city('POST', '/api/v1/league/schemes', {
      unit: '321000',
      name: '擂台赛',
      periodKind: 'month',
      items: [{ indicator: 'signed_projects', weight: 100, cap: 1.2 }],
      groups: [],
    });
    const points = await city('POST', '/api/v1/reporting/compliance/league', {
      schemeId: (scheme.json() as { id: number }).id,
      month: dueMonth,
      latePoints: -1,
      missingPoints: -2,
    });
    expect(points.status, points.body).toBe(200);
    expect((points.json() as { adjustments: { unitCode: string; points: number }[] }).adjustments).toContainEqual(
      expect.objectContaining({ unitCode: '321084', points: -2 }),
    );
    // applying again replaces, never adds
    const again = (
      await city('POST', '/api/v1/reporting/compliance/league', {
        schemeId: (scheme.json() as { id: number }).id,
        month: dueMonth,
        latePoints: -1,
        missingPoints: -2,
      })
    ).json() as { adjustments: unknown[] };
    expect(again.adjustments).toEqual((points.json() as { adjustments: unknown[] }).adjustments);
  });

  it('runs the scheduled alert job once per interval however many instances try', async () => {
    const now = new Date('2030-01-01T00:10:00Z');
    const results = await Promise.all([
      runAlertsIfDue(context.database.db, now),
      runAlertsIfDue(context.database.db, now),
      runAlertsIfDue(context.database.db, now),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await runAlertsIfDue(context.database.db, new Date('2030-01-01T00:20:00Z'))).toBe(false); // same 30-minute interval
    expect(await runAlertsIfDue(context.database.db, new Date('2030-01-01T00:40:00Z'))).toBe(true);
  });

  it('creates projects from a negotiating-projects report once, however often it is resubmitted', async () => {
    const created = await reviewer('POST', '/api/v1/reporting/tasks', {
      unit: '321000',
      name: '新增在谈20亿元以上项目',
      kind: 'negotiating_major',
      recurrence: 'biweekly',
      startOn: todayIso(),
      dueWeekday: 5,
      dueTime: '10:00',
      targetUnits: ['321003'],
      form: { minInvestmentYi: 20 },
    });
    expect(created.status, created.body).toBe(201);
    const id = (created.json() as { id: number }).id;
    const list = (await hanjiang('GET', `/api/v1/reporting/submissions?taskId=${id}`)).json() as { items: { id: number }[] };
    const sid = list.items[0]!.id;
    const small = await hanjiang('PUT', `/api/v1/reporting/submissions/${sid}/rows`, {
      rows: [{ values: { name: '小项目', investorName: '某公司', investmentYi: 5 } }],
    });
    expect(small.status).toBe(400);
    expect(small.body).toContain('20 亿元标准');
    const added = await hanjiang('PUT', `/api/v1/reporting/submissions/${sid}/rows`, {
      rows: [{ values: { name: '新能源电池基地', investorName: '某新能源集团', investmentYi: '35亿', progressNote: '已完成两轮洽谈' } }],
    });
    expect(added.status, added.body).toBe(200);
    let current = (await hanjiang('GET', `/api/v1/reporting/submissions/${sid}`)).json() as Submission;
    expect(current.rows[0]!.values.investmentYi).toBe(35);
    expect((await hanjiang('POST', `/api/v1/reporting/submissions/${sid}/submit`, { version: current.version })).status).toBe(200);
    const found = async () =>
      (
        (await city('GET', `/api/v1/projects?q=${encodeURIComponent('新能源电池基地')}`)).json() as {
          items: { code: string; stage: string; totalInvestmentWan: number }[];
        }
      ).items;
    expect(await found()).toHaveLength(1);
    expect((await found())[0]).toMatchObject({ stage: 'negotiating', totalInvestmentWan: 350_000 });
    current = (await reviewer('GET', `/api/v1/reporting/submissions/${sid}`)).json() as Submission;
    await reviewer('POST', `/api/v1/reporting/submissions/${sid}/review`, {
      action: 'return',
      version: current.version,
      comment: '请补充建设内容',
    });
    current = (await hanjiang('GET', `/api/v1/reporting/submissions/${sid}`)).json() as Submission;
    const row = current.rows[0]!;
    const fixed = await hanjiang('PUT', `/api/v1/reporting/submissions/${sid}/rows`, {
      rows: [{ key: row.key, version: row.version, values: { ...row.values, content: '年产20GWh动力电池' } }],
    });
    expect(fixed.status, fixed.body).toBe(200);
    current = (await hanjiang('GET', `/api/v1/reporting/submissions/${sid}`)).json() as Submission;
    expect((await hanjiang('POST', `/api/v1/reporting/submissions/${sid}/submit`, { version: current.version })).status).toBe(200);
    expect(await found()).toHaveLength(1);
  });
  it('updates the project of a negotiation reported again in a later period instead of creating another', async () => {
    const start = new Date(Date.parse(`${todayIso()}T00:00:00Z`) - 16 * 86_400_000).toISOString().slice(0, 10);
    const created = await reviewer('POST', '/api/v1/reporting/tasks', {
      unit: '321000',
      name: '双周在谈项目',
      kind: 'negotiating_major',
      recurrence: 'biweekly',
      startOn: start,
      dueWeekday: 5,
      dueTime: '10:00',
      targetUnits: ['321003'],
      form: { minInvestmentYi: 20 },
    });
    expect(created.status, created.body).toBe(201);
    const id = (created.json() as { id: number }).id;
    const periods = (
      (await hanjiang('GET', `/api/v1/reporting/submissions?taskId=${id}`)).json() as { items: { id: number; periodKey: string }[] }
    ).items.sort((a, b) => a.periodKey.localeCompare(b.periodKey));
    expect(periods.length).toBeGreaterThanOrEqual(2);
    const report = async (sid: number, values: Record<string, unknown>) => {
      expect((await hanjiang('PUT', `/api/v1/reporting/submissions/${sid}/rows`, { rows: [{ values }] })).status).toBe(200);
      const current = (await hanjiang('GET', `/api/v1/reporting/submissions/${sid}`)).json() as Submission;
      const submitted = await hanjiang('POST', `/api/v1/reporting/submissions/${sid}/submit`, { version: current.version });
      expect(submitted.status, submitted.body).toBe(200);
    };
    await report(periods[0]!.id, { name: '氢燃料电池电堆产业园项目', investorName: '某氢能科技集团', investmentYi: 30 });
    // the next period, written as people write: no trailing 项目, a space, a new figure
    await report(periods[1]!.id, {
      name: '氢燃料电池电堆 产业园',
      investorName: '某氢能科技集团',
      investmentYi: 42,
      progressNote: '已签框架协议',
    });
    const found = (
      (await city('GET', `/api/v1/projects?q=${encodeURIComponent('氢燃料电池电堆')}`)).json() as {
        items: { name: string; totalInvestmentWan: number; remarks: string | null }[];
      }
    ).items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ totalInvestmentWan: 420_000, remarks: '已签框架协议' });
  });
});
