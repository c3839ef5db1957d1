import { clockNow } from '../../shared/calendar.ts';
import { and, eq, sql } from 'drizzle-orm';
import { todayIso } from '../../shared/projects/dates.ts';
import { shiftMonth } from '../../shared/reporting/progress.ts';
import type { Db } from '../db/client.ts';
import { projects } from '../projects/schema.ts';
import { projectAnnualPlans, projectProgress, reportRows, reportSubmissions, reportTasks, reportVersions } from '../reporting/schema.ts';
import { materializeRows } from '../reporting/submissions.ts';
import { materializeSubmissions } from '../reporting/tasks.ts';
import { units } from '../units/schema.ts';

/** 0 ≤ x < 1, fixed per project code (codes are deterministic, ids are not: the demo is the same on every machine). */
const hashOf = (salt: string) => sql`(abs(hashtext(${projects.code} || ${salt})) % 10000) / 10000.0`;

/**
 * Monthly progress for the projects under construction: an annual plan of 20–45% of the total,
 * and months from January (or the start) to last month; one project in eight stopped reporting investment four months
 * ago (停滞). Yangzhou collects a monthly report from its districts: the two months before last approved (one district
 * late), last month submitted by all but one, the current month open; plus a biweekly call for new 20亿元 negotiations.
 */
export async function loadDemoReporting(db: Db, today = todayIso()): Promise<void> {
  const year = Number(today.slice(0, 4));
  const thisMonth = today.slice(0, 7);
  const lastMonth = shiftMonth(thisMonth, -1);
  const inConstruction = sql`${projects.startedOn} is not null and ${projects.completedOn} is null and ${projects.status} = 'normal'`;
  // 续建 projects (started before this year) have an annual plan; this year's new starts report without one.
  await db.execute(sql`insert into ${projectAnnualPlans} (project_id, year, planned_wan, updated_by)
    select ${projects.id}, ${year}, round((${projects.totalInvestmentWan} * (0.2 + 0.25 * ${hashOf('plan')}))::numeric, 0)::float8, 'system:demo'
    from ${projects} where ${inConstruction} and ${projects.startedOn} < ${`${year}-01-01`}::date
    on conflict do nothing`);
  if (lastMonth.slice(0, 4) === String(year)) {
    await db.execute(sql`insert into ${projectProgress} (project_id, month, invested_wan, image_progress, updated_by)
      select p.id, m.month, round((coalesce(ap.planned_wan / 12, p.total_investment_wan * 0.025) * (0.8 + 0.4 * (abs(hashtext(p.code || m.month)) % 1000) / 1000.0))::numeric, 0)::float8,
        case when m.month = ${lastMonth} then '主体施工中' end, 'system:demo'
      from ${projects} p left join ${projectAnnualPlans} ap on ap.project_id = p.id and ap.year = ${year}
      cross join lateral (select to_char(d, 'YYYY-MM') as month from generate_series(${`${year}-01-01`}::date, ${`${lastMonth}-01`}::date, interval '1 month') d) m
      where p.started_on is not null and p.completed_on is null and p.status = 'normal' and m.month >= to_char(p.started_on, 'YYYY-MM')
        and not ((abs(hashtext(p.code)) % 8) = 0 and m.month > ${shiftMonth(thisMonth, -5)})
      on conflict do nothing`);
  }
  const [yangzhou] = await db.select().from(units).where(eq(units.code, '321000'));
  if (!yangzhou) return;
  const districts = await db
    .select({ code: units.code })
    .from(units)
    .where(and(eq(units.parentCode, '321000'), eq(units.active, true), sql`${units.level} = 'district'`));
  if (!districts.length) return;
  const startMonth = shiftMonth(thisMonth, -3);
  const [monthly] = await db
    .insert(reportTasks)
    .values({
      unitCode: '321000',
      unitPath: yangzhou.path,
      name: '重点项目月度进度',
      kind: 'monthly_progress',
      recurrence: 'monthly',
      startOn: `${startMonth}-01`,
      dueDay: 5,
      dueMonthOffset: 1,
      dueTime: '17:00',
      targetUnits: districts.map((d) => d.code),
      form: { projects: { stages: ['started'], levels: ['provincial_major', 'city_key', 'district_key'] } },
      createdBy: 'system:demo',
    })
    .returning();
  await db.insert(reportTasks).values({
    unitCode: '321000',
    unitPath: yangzhou.path,
    name: '新增在谈20亿元以上重大项目',
    kind: 'negotiating_major',
    recurrence: 'biweekly',
    startOn: today,
    dueWeekday: 5,
    dueTime: '10:00',
    targetUnits: districts.map((d) => d.code),
    form: { minInvestmentYi: 20 },
    createdBy: 'system:demo',
  });
  await materializeSubmissions(db, monthly!, today);
  const submissions = await db.select().from(reportSubmissions).where(eq(reportSubmissions.taskId, monthly!.id));
  for (const submission of submissions) {
    if (submission.periodKey === thisMonth) continue;
    await materializeRows(db, submission, monthly!);
    const index = districts.findIndex((d) => d.code === submission.unitCode);
    const approved = submission.periodKey < lastMonth;
    if (!approved && index === districts.length - 1) continue; // one district has not reported last month
    const late = index === 1 ? 30 : -20; // hours after (before) the deadline
    // never after now: a deadline still ahead was met early (the demo is generated relative to today)
    const now = clockNow().getTime();
    const planned = submission.dueAt.getTime() + late * 3_600_000 + index * 600_000;
    const at = new Date(planned < now ? planned : Math.min(submission.dueAt.getTime(), now) - (index + 2) * 3_600_000);
    await db.execute(sql`insert into ${reportVersions} (submission_id, revision, rows, submitted_by, submitted_at)
      select ${submission.id}, 1, coalesce(jsonb_agg(jsonb_build_object('key', r.row_key, 'projectId', r.project_id, 'label', p.name, 'values', r.values)), '[]'::jsonb), 'system:demo', ${at.toISOString()}::timestamptz
      from ${reportRows} r join ${projects} p on p.id = r.project_id where r.submission_id = ${submission.id}`);
    // 邗江区's last month came back from the city's reviewer: one row to correct, the comment beside it (the desk shows it)
    const returned = !approved && submission.unitCode === '321003';
    if (returned) {
      const [first] = await db
        .select()
        .from(reportRows)
        .where(eq(reportRows.submissionId, submission.id))
        .orderBy(reportRows.position)
        .limit(1);
      if (first)
        await db
          .update(reportRows)
          .set({ returnComment: '本月完成投资与形象进度不符，请核实后重报' })
          .where(and(eq(reportRows.submissionId, submission.id), eq(reportRows.rowKey, first.rowKey)));
    }
    await db
      .update(reportSubmissions)
      .set({
        status: approved ? 'approved' : returned ? 'returned' : 'submitted',
        ...(returned
          ? {
              reviewedAt: new Date(Math.min(at.getTime() + 86_400_000, clockNow().getTime() - 60_000)),
              reviewedBy: 'yz_reviewer',
              reviewComment: '请核实标注的行后重新提交',
            }
          : {}),
        revision: 1,
        firstSubmittedAt: at,
        submittedAt: at,
        submittedBy: 'system:demo',
        ...(approved ? { reviewedAt: new Date(Math.min(at.getTime() + 86_400_000, now - 60_000)), reviewedBy: 'yz_reviewer' } : {}),
        version: 3,
      })
      .where(eq(reportSubmissions.id, submission.id));
  }
}
