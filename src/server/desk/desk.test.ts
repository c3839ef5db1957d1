import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byDeadline, daysOverdue } from '../../shared/desk.ts';
import { deadlineLabel } from '../../shared/reporting/periods.ts';
import { clockFrom, installClock, shiftMonth } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { departments } from '../departments/schema.ts';
import { auditLog } from '../audit/schema.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';

describe('the desk order', () => {
  it('lists by due day (the overdue first), the undated last, and counts days overdue', () => {
    const order = byDeadline([
      { kind: 'meeting', dueOn: '2031-09-25' },
      { kind: 'alert', dueOn: null },
      { kind: 'blocker', dueOn: '2031-09-01' },
      { kind: 'fill', dueOn: '2031-09-25' },
    ]);
    expect(order.map((i) => i.kind)).toEqual(['blocker', 'fill', 'meeting', 'alert']);
    expect(daysOverdue('2031-09-01', '2031-09-20')).toBe(19);
    expect(daysOverdue('2031-09-25', '2031-09-20')).toBe(0);
    expect(daysOverdue(null, '2031-09-20')).toBe(0);
    const task = { dueWeekday: 5, dueDay: null, dueMonthOffset: null, dueOn: null, dueTime: '10:00' };
    expect(deadlineLabel({ ...task, recurrence: 'weekly' })).toEqual({ zh: '每周五 10:00', en: 'every Fri 10:00' });
    expect(deadlineLabel({ ...task, recurrence: 'monthly', dueDay: 5, dueMonthOffset: 1 }).zh).toBe('次月5日 10:00');
    expect(deadlineLabel({ ...task, recurrence: 'biweekly', dueWeekday: null }).zh).toBe('每两周的第二个周五 10:00');
  });
});

// A day after the machine's (rows the database stamps must not look newer than the clock), past the 5th.
const CLOCK = clockFrom('2031-09-20T09:00:00+08:00');
installClock(CLOCK);
const lastMonth = shiftMonth(todayIso().slice(0, 7), -1);

interface Desk {
  items: {
    kind: string;
    ref: string;
    title: string;
    detail: string | null;
    dueOn: string | null;
    overdueDays: number;
    count: number | null;
  }[];
  counts: Record<string, number>;
  alerts: { kind: string; open: number; high: number; unread: number; snoozed: number; mine: number; unassigned: number }[];
}

describe.each(BACKENDS)('the desk (工作台) and alert triage on %s', (backend) => {
  let context: TestContext;
  let cityOfficer: Injector;
  let reviewer: Injector;
  let hanjiang: Injector;
  let liaison: Injector;
  let outsider: Injector;
  let hanjiangId: string;
  let nanjingId: string;
  let code: string;
  let cityCookie: string;

  beforeAll(async () => {
    context = await createTestContext(backend, { clock: CLOCK });
    const [bureau] = await context.database.db
      .insert(departments)
      .values({ unitCode: '321000', name: '扬州市自然资源和规划局', kind: 'natural_resources' })
      .returning();
    await addUser(context.database, 'yz_officer', ['officer'], '321000');
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    hanjiangId = await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'yz_liaison', ['liaison'], '321000', { departmentId: bureau!.id });
    nanjingId = await addUser(context.database, 'nj_officer', ['officer'], '320100');
    cityCookie = await loginCookie(context, 'yz_officer');
    cityOfficer = as(context, cityCookie);
    reviewer = as(context, await loginCookie(context, 'yz_reviewer'));
    hanjiang = as(context, await loginCookie(context, 'hj_officer'));
    liaison = as(context, await loginCookie(context, 'yz_liaison'));
    outsider = as(context, await loginCookie(context, 'nj_officer'));
    const created = await cityOfficer('POST', '/api/v1/projects', {
      name: '邗江电机项目',
      unitCode: '321003',
      investorName: '某电机公司',
      capitalType: 'domestic',
      totalInvestment: '5亿元',
      stage: 'started',
      dates: { signed: '2024-03-01', registered: '2024-04-01', started: '2024-06-01' },
      firstReportedOn: '2024-01-10',
      levels: ['city_key'],
    });
    expect(created.status, created.body).toBe(201);
    code = (created.json() as { project: { code: string } }).project.code;
    // one the report does not cover (not a city key project): no progress since 2024, it stays stalled
    const stalled = await cityOfficer('POST', '/api/v1/projects', {
      name: '邗江玻璃项目',
      unitCode: '321003',
      investorName: '某玻璃公司',
      capitalType: 'domestic',
      totalInvestment: '2亿元',
      stage: 'started',
      dates: { signed: '2024-03-01', registered: '2024-04-01', started: '2024-06-01' },
      firstReportedOn: '2024-01-10',
    });
    expect(stalled.status, stalled.body).toBe(201);
    // a blocker for the bureau, its deadline past
    const blocker = await hanjiang('POST', '/api/v1/blockers', {
      projectCode: code,
      type: 'land',
      description: '用地指标不足，需市里统筹',
      departmentIds: [bureau!.id],
      deadline: '2031-09-10',
    });
    expect(blocker.status, blocker.body).toBe(201);
    // a date that is no date says how to write one; a missing department says to choose one
    const wrong = await hanjiang('POST', '/api/v1/blockers', {
      projectCode: code,
      type: 'land',
      description: '用地指标不足',
      departmentIds: [],
      deadline: '2031-13-45',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('如 2026-12-04');
    expect(wrong.body).toContain('至少选择 1 项');
    // a monthly report the city asks of Hanjiang
    const task = await reviewer('POST', '/api/v1/reporting/tasks', {
      unit: '321000',
      name: '重点项目月度进度',
      kind: 'monthly_progress',
      recurrence: 'monthly',
      startOn: `${lastMonth}-01`,
      dueDay: 5,
      dueMonthOffset: 1,
      dueTime: '17:00',
      targetUnits: ['321003'],
      form: { projects: { stages: ['started'], levels: ['city_key'] } },
    });
    expect(task.status, task.body).toBe(201);
  });
  afterAll(() => context.close());

  const desk = async (who: Injector) => {
    const response = await who('GET', '/api/v1/desk');
    expect(response.status, response.body).toBe(200);
    return response.json() as Desk;
  };

  it("shows a liaison the department's blockers, overdue, and nothing of reports", async () => {
    expect((await as(context, null)('GET', '/api/v1/desk')).status).toBe(401);
    const mine = await desk(liaison);
    expect(mine.items.map((i) => i.kind)).toEqual(['blocker']);
    expect(mine.items[0]).toMatchObject({
      title: '邗江电机项目',
      detail: '用地指标不足，需市里统筹',
      dueOn: '2031-09-10',
      overdueDays: 10,
    });
    expect(mine.counts.blocker).toBe(1);
    expect((await desk(outsider)).items).toEqual([]);
  });

  it('shows the report to fill, then to review, then returned with its rows counted and the comment', async () => {
    const toFill = (await desk(hanjiang)).items.filter((i) => i.kind === 'fill');
    // last month's, 15 days late, on top; this month's, due on 5 October, below it
    expect(toFill.map((i) => [i.dueOn, i.overdueDays])).toEqual([
      ['2031-09-05', 15],
      ['2031-10-05', 0],
    ]);
    expect(toFill[0]!.title).toBe('重点项目月度进度');
    const id = Number(toFill[0]!.ref);
    // the city's officer fills nothing of Hanjiang's
    expect((await desk(cityOfficer)).items.filter((i) => i.kind === 'fill')).toEqual([]);
    let submission = (await hanjiang('GET', `/api/v1/reporting/submissions/${id}`)).json() as {
      version: number;
      rows: { key: string; version: number; values: Record<string, unknown> }[];
    };
    const row = submission.rows[0]!;
    const saved = await hanjiang('PUT', `/api/v1/reporting/submissions/${id}/rows`, {
      rows: [{ key: row.key, version: row.version, values: { ...row.values, investedWan: 120, imageProgress: '主体施工' } }],
    });
    expect(saved.status, saved.body).toBe(200);
    submission = (await hanjiang('GET', `/api/v1/reporting/submissions/${id}`)).json() as typeof submission;
    expect((await hanjiang('POST', `/api/v1/reporting/submissions/${id}/submit`, { version: submission.version })).status).toBe(200);
    expect((await desk(hanjiang)).items.filter((i) => i.kind === 'fill').map((i) => i.dueOn)).toEqual(['2031-10-05']);
    const review = (await desk(reviewer)).items.filter((i) => i.kind === 'review');
    expect(review.map((i) => i.ref)).toEqual([String(id)]);
    expect((await desk(cityOfficer)).items.filter((i) => i.kind === 'review')).toEqual([]); // an officer does not review
    const header = (await reviewer('GET', `/api/v1/reporting/submissions/${id}`)).json() as { version: number };
    const returned = await reviewer('POST', `/api/v1/reporting/submissions/${id}/review`, {
      action: 'return',
      version: header.version,
      comment: '请核实本月投资',
      rows: [{ key: row.key, comment: '本月投资与形象进度不符' }],
    });
    expect(returned.status, returned.body).toBe(200);
    const back = (await desk(hanjiang)).items.find((i) => i.kind === 'returned');
    expect(back).toMatchObject({ ref: String(id), count: 1, detail: '请核实本月投资' });
    expect((await desk(reviewer)).items.filter((i) => i.kind === 'review')).toEqual([]);
  });

  it('assigns an alert to a person who sees it, snoozes it with a reason and wakes it, each audited', async () => {
    const list = (await cityOfficer('GET', '/api/v1/alerts?kind=stalled')).json() as { items: { id: number; assignee: unknown }[] };
    expect(list.items.length).toBeGreaterThan(0);
    const id = list.items[0]!.id;
    const handlers = (await cityOfficer('GET', `/api/v1/alerts/${id}/handlers`)).json() as { items: { id: string; username: string }[] };
    expect(handlers.items.map((h) => h.username)).toEqual(['hj_officer', 'yz_officer', 'yz_reviewer']);
    expect((await outsider('GET', `/api/v1/alerts/${id}/handlers`)).status).toBe(404);
    expect((await outsider('POST', `/api/v1/alerts/${id}/triage`, { action: 'assign', assigneeId: nanjingId })).status).toBe(404);
    const wrong = await cityOfficer('POST', `/api/v1/alerts/${id}/triage`, { action: 'assign', assigneeId: nanjingId });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('只能指派给');
    expect((await liaison('POST', `/api/v1/alerts/${id}/triage`, { action: 'assign', assigneeId: hanjiangId })).status).toBe(403);
    expect((await cityOfficer('POST', `/api/v1/alerts/${id}/triage`, { action: 'assign', assigneeId: hanjiangId })).status).toBe(200);
    const assigned = (await hanjiang('GET', '/api/v1/alerts?assignee=me')).json() as {
      items: { id: number; assignee: { name: string } }[];
    };
    expect(assigned.items.map((a) => a.id)).toEqual([id]);
    expect(assigned.items[0]!.assignee.name).toBe('hj_officer');
    const mine = await desk(hanjiang);
    expect(mine.items.filter((i) => i.kind === 'alert').map((i) => i.ref)).toEqual([String(id)]);
    expect(mine.alerts.find((a) => a.kind === 'stalled')).toMatchObject({ mine: 1 });

    const unreadBefore = ((await hanjiang('GET', '/api/v1/alerts/unread')).json() as { count: number }).count;
    const late = await hanjiang('POST', `/api/v1/alerts/${id}/triage`, { action: 'snooze', until: '2032-12-31', reason: '等待用地批复' });
    expect(late.status).toBe(422);
    expect(late.body).toContain('2031-12-19'); // 90 days ⚙
    const why = await hanjiang('POST', `/api/v1/alerts/${id}/triage`, { action: 'snooze', until: '2031-10-20', reason: ' ' });
    expect(why.status).toBe(422);
    expect(why.body).toContain('原因');
    expect(
      (await hanjiang('POST', `/api/v1/alerts/${id}/triage`, { action: 'snooze', until: '2031-10-20', reason: '等待用地批复' })).status,
    ).toBe(200);
    expect(((await hanjiang('GET', '/api/v1/alerts?assignee=me')).json() as { items: unknown[] }).items).toEqual([]);
    const snoozed = (await hanjiang('GET', '/api/v1/alerts?snoozed=only')).json() as {
      items: { id: number; snoozeReason: string; snoozedUntil: string }[];
    };
    expect(snoozed.items).toEqual([expect.objectContaining({ id, snoozeReason: '等待用地批复', snoozedUntil: '2031-10-20' })]);
    expect(((await hanjiang('GET', '/api/v1/alerts/unread')).json() as { count: number }).count).toBe(unreadBefore - 1);
    expect((await desk(hanjiang)).alerts.find((a) => a.kind === 'stalled')).toMatchObject({ snoozed: 1, mine: 0 });
    expect((await hanjiang('POST', `/api/v1/alerts/${id}/triage`, { action: 'wake' })).status).toBe(200);
    expect(((await hanjiang('GET', '/api/v1/alerts?assignee=me')).json() as { items: unknown[] }).items).toHaveLength(1);
    const audited = await context.database.db.select().from(auditLog).where(eq(auditLog.objectType, 'alert')).orderBy(auditLog.seq);
    expect(audited.map((a) => a.action).filter((a) => a !== 'alert.read')).toEqual(['alert.assign', 'alert.snooze', 'alert.wake']);
  });

  it('exports the alert list with a title, 序号, names, local times and a 合计 row', async () => {
    expect((await as(context, null)('GET', '/api/v1/alerts/export')).status).toBe(401);
    const file = await context.built.app.inject({
      method: 'GET',
      url: '/api/v1/alerts/export?kind=stalled',
      headers: { cookie: cityCookie },
    });
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell(1, 1).value).toBe('扬州市预警清单');
    expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(['序号', '级别', '预警类型', '所属单位', '发生时间', '处置人']));
    const stalled = ((await cityOfficer('GET', '/api/v1/alerts?kind=stalled&snoozed=all')).json() as { items: unknown[] }).items.length;
    expect(sheet.getCell(4, 1).value).toBe(1);
    expect(sheet.getCell(4, 7).value).toBe('邗江区');
    expect(String(sheet.getCell(4, 8).value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/); // local time, not ISO
    expect(sheet.getCell(4 + stalled, 1).value).toBe('合计');
    expect(sheet.getCell(4 + stalled, 2).value).toBe(`共 ${stalled} 条`);
  });

  const workbookOf = async (url: string) => {
    const file = await context.built.app.inject({ method: 'GET', url, headers: { cookie: cityCookie } });
    expect(file.statusCode, file.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    return workbook.worksheets[0]!;
  };
  const lastRow = (sheet: ExcelJS.Worksheet) => sheet.getRow(sheet.rowCount);

  it('exports 问题清单, 投资完成 and the meetings as titled lists with a 合计 line', async () => {
    const blockers = await workbookOf('/api/v1/blockers/export');
    expect(blockers.getCell(1, 1).value).toBe('扬州市问题清单');
    expect(blockers.getCell(4, 2).value).toBe('邗江电机项目');
    expect(blockers.getCell(4, 3).value).toBe('邗江区');
    expect(blockers.getCell(4, 7).value).toBe('扬州市自然资源和规划局');
    expect(lastRow(blockers).getCell(1).value).toBe('合计');
    expect(lastRow(blockers).getCell(4).value).toBe(5); // 亿元, summed
    const progress = await workbookOf(`/api/v1/progress/summary.xlsx?unit=321000&month=${lastMonth}`);
    expect(String(progress.getCell(1, 1).value)).toContain('投资完成情况');
    const summary = (await cityOfficer('GET', `/api/v1/progress/summary?unit=321000&month=${lastMonth}`)).json() as {
      self: { projects: number; ytdWan: number };
      children: unknown[];
    };
    expect(progress.rowCount).toBe(3 + summary.children.length + 1);
    expect(lastRow(progress).getCell(3).value).toBe(summary.self.projects);
    expect(lastRow(progress).getCell(7).value).toBe(summary.self.ytdWan);
    const meetings = await workbookOf('/api/v1/meetings/export');
    expect(meetings.getRow(3).values).toEqual(expect.arrayContaining(['序号', '会议日期', '会议名称']));
    expect(lastRow(meetings).getCell(1).value).toBe('合计');
    expect((await liaison('GET', '/api/v1/meetings/export')).status).toBe(403); // a liaison reads, and does not export
    const reports = await workbookOf('/api/v1/reporting/submissions/export');
    expect(reports.getCell(1, 1).value).toBe('扬州市填报情况');
    expect(reports.getCell(4, 2).value).toBe('重点项目月度进度');
    expect(reports.getCell(4, 4).value).toBe('邗江区');
    expect(lastRow(reports).getCell(2).value).toBe(`共 ${reports.rowCount - 4} 条`);
    const tasks = await workbookOf('/api/v1/reporting/tasks/export');
    expect(tasks.getCell(4, 2).value).toBe('重点项目月度进度');
    expect(tasks.getCell(4, 6).value).toBe('次月5日 17:00');
    expect(tasks.getCell(4, 8).value).toBe('邗江区');
    const sources = await workbookOf(`/api/v1/sources/conversion.xlsx?year=2031`);
    expect(String(sources.getCell(1, 1).value)).toContain('2031年新增线索来源转化情况');
    expect(lastRow(sources).getCell(1).value).toBe('合计');
    const sponsored = await workbookOf(`/api/v1/sponsors/projects.xlsx?leader=${encodeURIComponent('张市长')}`);
    expect(sponsored.getCell(1, 1).value).toBe('张市长同志挂钩项目推进情况');
    const bulletins = await workbookOf('/api/v1/bulletins/export');
    expect(bulletins.getCell(1, 1).value).toBe('扬州市通报目录');
    expect(lastRow(bulletins).getCell(1).value).toBe('合计');
    const indicators = await workbookOf('/api/v1/indicators.xlsx');
    expect(indicators.getCell(4, 2).value).toBe('新签约项目数');
    expect(indicators.getCell(4, 3).value).toBe('signed_projects'); // the code beside the name
    const funnel = await workbookOf('/api/v1/pipeline/funnel.xlsx?by=chain');
    expect(String(funnel.getCell(1, 1).value)).toContain('招商推进漏斗');
    expect(lastRow(funnel).getCell(1).value).toBe('合计');
    const reviewerCookie = await loginCookie(context, 'yz_reviewer');
    const duplicates = await context.built.app.inject({
      method: 'GET',
      url: '/api/v1/projects/duplicates/export',
      headers: { cookie: reviewerCookie },
    });
    expect(duplicates.statusCode).toBe(200);
    expect((await cityOfficer('GET', '/api/v1/projects/duplicates/export')).status).toBe(403); // the reviewers' queue
    const aftercare = await workbookOf('/api/v1/companies/aftercare.xlsx');
    expect(String(aftercare.getCell(1, 1).value)).toContain('在地企业增资扩产跟踪');
  });
});
