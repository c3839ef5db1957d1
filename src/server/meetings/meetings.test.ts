import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../departments/schema.ts';
import { addUser, as, BACKENDS, createTestContext, loginCookie, type Injector, type TestContext } from '../testing/harness.ts';

interface Meeting {
  id: number;
  version: number;
  agenda: {
    project: { code: string; name: string };
    decision: string | null;
    blockers: { description: string; raisedHere: boolean }[];
    earlierDecisions: { decision: string }[];
    milestones: { key: string; planned: string | null; actual: string | null; late: boolean }[];
  }[];
}

describe.each(BACKENDS)('scheduling meetings (调度会) on %s', (backend) => {
  let context: TestContext;
  let reviewer: Injector;
  let leader: Injector;
  let outsider: Injector;
  let bureau: string;
  const codes: string[] = [];

  beforeAll(async () => {
    context = await createTestContext(backend);
    const [nr] = await context.database.db
      .insert(departments)
      .values({ unitCode: '321000', name: '扬州市自然资源和规划局', kind: 'natural_resources' })
      .returning();
    bureau = nr!.id;
    await addUser(context.database, 'yz_reviewer', ['reviewer'], '321000');
    await addUser(context.database, 'yz_leader', ['leader'], '321000');
    await addUser(context.database, 'hj_officer', ['officer'], '321003');
    await addUser(context.database, 'nj_officer', ['officer'], '320100');
    reviewer = as(context, await loginCookie(context, 'yz_reviewer'));
    leader = as(context, await loginCookie(context, 'yz_leader'));
    outsider = as(context, await loginCookie(context, 'nj_officer'));
    const officer = as(context, await loginCookie(context, 'hj_officer'));
    for (const [name, total, stage, planned] of [
      ['邗江甲项目', '10亿元', 'negotiating', '2020-01-01'],
      ['邗江乙项目', '30亿元', 'started', 'registered'],
      ['邗江丙项目', '5亿元', 'producing', null],
    ] as const) {
      const response = await officer('POST', '/api/v1/projects', {
        name,
        unitCode: '321003',
        investorName: `${name}公司`,
        capitalType: 'domestic',
        totalInvestment: total,
        stage,
        sponsorLeader: '李副市长',
        dates:
          stage === 'negotiating'
            ? { negotiating: '2026-01-05' }
            : stage === 'started'
              ? { signed: '2025-01-05', started: '2025-06-01' }
              : { signed: '2024-01-05', started: '2024-03-01', producing: '2025-10-01' },
        // 乙 was planned to register by March 2025 and started in June without registering first: a skipped stage
        ...(planned === 'registered' ? { planned: { registered: '2025-03-01' } } : planned ? { planned: { signed: planned } } : {}),
      });
      expect(response.status, response.body).toBe(201);
      codes.push((response.json() as { project: { code: string } }).project.code);
    }
  });
  afterAll(() => context.close());

  it('builds an agenda from a filter, reorders it, records decisions and blockers, and writes the minutes', async () => {
    const body = {
      unit: '321000',
      title: '邗江区重大项目调度会',
      heldOn: '2026-11-20',
      location: '市政府第一会议室',
      chair: '李副市长',
      attendees: ['市发改委', '市自然资源和规划局'],
      agenda: { unit: '321003', stages: ['negotiating', 'signed', 'started'] },
    };
    expect((await as(context, null)('POST', '/api/v1/meetings', body)).status).toBe(401);
    expect((await outsider('POST', '/api/v1/meetings', body)).status).toBe(403);
    expect((await leader('POST', '/api/v1/meetings', body)).status).toBe(403);
    const created = await reviewer('POST', '/api/v1/meetings', body);
    expect(created.status, created.body).toBe(201);
    const id = (created.json() as { id: number }).id;
    let meeting = (await leader('GET', `/api/v1/meetings/${id}`)).json() as Meeting;
    // 在谈、在建 of 邗江, largest first; the producing one is not on it.
    expect(meeting.agenda.map((i) => i.project.name)).toEqual(['邗江乙项目', '邗江甲项目']);
    expect(meeting.agenda[1]!.milestones.find((m) => m.key === 'signed')).toMatchObject({ late: true });
    // a skipped stage counts as reached by the later one, in a meeting as in 挂钩 (the meetings copy of the rule forgot it)
    expect(meeting.agenda[0]!.milestones.find((m) => m.key === 'registered')).toMatchObject({
      planned: '2025-03-01',
      actual: '2025-06-01',
      late: false,
    });
    expect((await outsider('GET', `/api/v1/meetings/${id}`)).status).toBe(404);
    const reordered = await reviewer('PUT', `/api/v1/meetings/${id}`, {
      title: body.title,
      heldOn: body.heldOn,
      location: body.location,
      chair: body.chair,
      attendees: body.attendees,
      version: meeting.version,
      projectCodes: [codes[0], codes[1], codes[2]],
    });
    expect(reordered.status, reordered.body).toBe(200);
    meeting = reordered.json() as Meeting;
    expect(meeting.agenda.map((i) => i.project.name)).toEqual(['邗江甲项目', '邗江乙项目', '邗江丙项目']);
    expect((await reviewer('PUT', `/api/v1/meetings/${id}`, { ...body, version: meeting.version - 1 })).status).toBe(409);
    expect(
      (await reviewer('PUT', `/api/v1/meetings/${id}/items/${codes[0]}`, { decision: '由市发改委牵头，11月底前完成项目准入评审。' }))
        .status,
    ).toBe(200);
    const blocker = await reviewer('POST', '/api/v1/blockers', {
      projectCode: codes[0],
      type: 'land',
      description: '用地规划调整未完成',
      departmentIds: [bureau],
      deadline: '2026-12-15',
      meetingId: id,
    });
    expect(blocker.status, blocker.body).toBe(201);
    expect(
      (
        await reviewer('POST', '/api/v1/blockers', {
          projectCode: codes[0],
          type: 'land',
          description: 'x',
          departmentIds: [bureau],
          meetingId: 999_999,
        })
      ).status,
    ).toBe(400);
    meeting = (await leader('GET', `/api/v1/meetings/${id}`)).json() as Meeting;
    expect(meeting.agenda[0]).toMatchObject({
      decision: '由市发改委牵头，11月底前完成项目准入评审。',
      blockers: [{ description: '用地规划调整未完成', raisedHere: true }],
    });
    // A later meeting shows the decisions of this one.
    const later = (await reviewer('POST', '/api/v1/meetings', { ...body, heldOn: '2026-12-20', title: '12月调度会' })).json() as {
      id: number;
    };
    const laterMeeting = (await leader('GET', `/api/v1/meetings/${later.id}`)).json() as Meeting;
    expect(laterMeeting.agenda.find((i) => i.project.code === codes[0])!.earlierDecisions).toEqual([
      expect.objectContaining({ decision: '由市发改委牵头，11月底前完成项目准入评审。' }),
    ]);
    // The minutes.
    const docx = await context.built.app.inject({
      method: 'GET',
      url: `/api/v1/meetings/${id}/minutes.docx`,
      headers: { cookie: await loginCookie(context, 'yz_leader') },
    });
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('邗江区重大项目调度会会议纪要');
    expect(xml).toContain('11月底前完成项目准入评审');
    expect(xml).toContain('用地规划调整未完成');
    expect(xml).toContain('扬州市自然资源和规划局');
  });

  it('shows a sponsoring leader their projects: ahead, on time, behind, next milestones, open blockers, 开工率 and investment completion', async () => {
    expect((await outsider('GET', '/api/v1/sponsors?unit=321000')).status).toBe(403);
    expect(((await leader('GET', '/api/v1/sponsors?unit=321000')).json() as { items: unknown[] }).items).toEqual([
      { leader: '李副市长', projects: 3 },
    ]);
    const view = (await leader('GET', `/api/v1/sponsors/projects?leader=${encodeURIComponent('李副市长')}`)).json() as {
      counts: { total: number; behind: number; openBlockers: number };
      items: { name: string; standing: string; next: { key: string } | null; blockers: unknown[] }[];
    };
    expect(view.counts).toMatchObject({ total: 3, behind: 1, openBlockers: 1 });
    expect(view.items.find((i) => i.name === '邗江乙项目')).toMatchObject({ standing: 'on_time' });
    expect(view.items.find((i) => i.name === '邗江甲项目')).toMatchObject({
      standing: 'behind',
      next: { key: 'signed' },
      blockers: [expect.anything()],
    });
  });
});
