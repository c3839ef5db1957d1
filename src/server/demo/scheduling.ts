import { addDays, clockNow, monthEnd, startOfDay } from '../../shared/calendar.ts';
import { formatDocNumber } from '../../shared/bulletins/docNumber.ts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { todayIso } from '../../shared/projects/dates.ts';
import type { Db } from '../db/client.ts';
import { blockerNotes, blockers } from '../blockers/schema.ts';
import { bulletinProfiles, bulletins } from '../bulletins/schema.ts';
import { buildBulletin } from '../bulletins/snapshot.ts';
import { departments } from '../departments/schema.ts';
import { meetingItems, meetings } from '../meetings/schema.ts';
import { projects } from '../projects/schema.ts';
import { units } from '../units/schema.ts';

const PROBLEMS: [string, string, string][] = [
  ['land', '新增建设用地指标不足，需市级统筹调剂', '自然资源和规划局'],
  ['utilities', '110千伏专线接入方案未批复，影响设备调试', '供电公司'],
  ['environment', '环评批复待省厅审查', '生态环境局'],
  ['approval', '施工许可证办理缺少消防设计审查意见', '住建局'],
  ['funding', '项目贷款审批进度慢，需协调银行', '发改委'],
  ['demolition', '红线内3户居民房屋征收未完成', '自然资源和规划局'],
];

/**
 * Scheduling demo for Yangzhou: blockers on the largest projects under way (some overdue, one resolved awaiting
 * confirmation, one closed), a monthly scheduling meeting of 邗江's projects with a decision, and last month's bulletin.
 */
export async function loadDemoScheduling(db: Db, today = todayIso()): Promise<void> {
  const [yangzhou] = await db.select().from(units).where(eq(units.code, '321000'));
  if (!yangzhou) return;
  const picked = await db
    .select()
    .from(projects)
    .where(
      and(
        sql`${projects.unitPath} like '/320000/321000/%'`,
        sql`${projects.stage} in ('signed', 'registered', 'started')`,
        eq(projects.status, 'normal'),
      ),
    )
    .orderBy(desc(projects.totalInvestmentWan))
    .limit(PROBLEMS.length);
  const bureaus = await db
    .select({ id: departments.id, name: departments.name, unitCode: departments.unitCode })
    .from(departments)
    .where(sql`${departments.unitCode} = '321000'`);
  const day = (offset: number) => addDays(today, offset);
  for (const [index, project] of picked.entries()) {
    const [type, description, bureauName] = PROBLEMS[index]!;
    const bureau = bureaus.find((b) => b.name.includes(bureauName)) ?? bureaus[0];
    if (!bureau) break;
    const status = index === 4 ? 'resolved' : index === 5 ? 'closed' : index < 2 ? 'in_progress' : 'open';
    // a history in the past, so last month's bulletin shows each blocker as it stood at the month's end
    const at = (offset: number, hour: number) => new Date(startOfDay(day(offset)).getTime() + hour * 3_600_000);
    const history: { kind: string; text: string; by: [string, string]; at: Date }[] = [
      { kind: 'raise', text: description, by: ['yz_reviewer', '市审核员'], at: at(-45 + index, 10) },
    ];
    if (status !== 'open')
      history.push({ kind: 'note', text: '已召开专题协调会，明确办理路径', by: ['yz_liaison', '部门联络员'], at: at(-30, 15) });
    if (status === 'resolved' || status === 'closed')
      history.push({ kind: 'resolve', text: '已协调解决', by: ['yz_liaison', '部门联络员'], at: at(status === 'closed' ? -20 : -12, 16) });
    if (status === 'closed')
      history.push({ kind: 'confirm', text: '经核实已解决，同意销号', by: ['yz_officer', '招商专员'], at: at(-10, 9) });
    const resolvedAt = history.find((h) => h.kind === 'resolve')?.at ?? null;
    const closedAt = history.find((h) => h.kind === 'confirm')?.at ?? null;
    const [row] = await db
      .insert(blockers)
      .values({
        projectId: project.id,
        unitPath: project.unitPath,
        type,
        description,
        departmentIds: [bureau.id],
        responsiblePerson: '王科长',
        coordinatingLeader: '李副市长',
        deadline: day(index < 3 ? -20 + index * 5 : 15 + index * 5),
        status,
        raisedBy: 'yz_reviewer',
        raisedAt: history[0]!.at,
        updatedAt: history.at(-1)!.at,
        ...(resolvedAt ? { resolution: '已协调解决', resolvedAt, resolvedBy: '部门联络员' } : {}),
        ...(closedAt ? { closedAt, closedBy: '招商专员' } : {}),
      })
      .returning();
    await db
      .insert(blockerNotes)
      .values(history.map((h) => ({ blockerId: row!.id, kind: h.kind, text: h.text, byUser: h.by[0], byName: h.by[1], at: h.at })));
  }
  const hanjiang = await db
    .select({ id: projects.id })
    .from(projects)
    .where(
      and(eq(projects.unitCode, '321003'), sql`${projects.stage} in ('negotiating', 'signed', 'started')`, eq(projects.status, 'normal')),
    )
    .orderBy(desc(projects.totalInvestmentWan), asc(projects.code))
    .limit(12);
  if (hanjiang.length) {
    const [meeting] = await db
      .insert(meetings)
      .values({
        unitCode: '321000',
        unitPath: yangzhou.path,
        title: '邗江区重大项目月度调度会',
        heldOn: day(-7),
        location: '市政府第三会议室',
        chair: '李副市长',
        attendees: ['市发改委', '市自然资源和规划局', '邗江区政府'],
        filter: { unit: '321003', stages: ['negotiating', 'signed', 'started'] },
        createdBy: 'yz_reviewer',
      })
      .returning();
    await db.insert(meetingItems).values(
      hanjiang.map((p, i) => ({
        meetingId: meeting!.id,
        projectId: p.id,
        position: i + 1,
        ...(i === 0
          ? {
              decision: '由邗江区政府牵头，月底前完成项目用地组卷报批。',
              decidedBy: '市审核员',
              decidedAt: new Date(startOfDay(day(-7)).getTime() + 11 * 3_600_000),
            }
          : {}),
      })),
    );
  }
  const lastMonth = day(-Number(today.slice(8, 10))).slice(0, 7);
  // Yangzhou numbers its bulletins as its commerce bureau does, and signed last month's a few days after the month closed
  await db
    .insert(bulletinProfiles)
    .values({ unitCode: yangzhou.code, docNumberPattern: '扬商通〔{year}〕{n}号', issuerName: '扬州市商务局', updatedBy: 'system:demo' })
    .onConflictDoNothing();
  const asOf = monthEnd(lastMonth);
  const signedOn = addDays(asOf, 3) < today ? addDays(asOf, 3) : today;
  const content = await buildBulletin(
    db,
    { code: yangzhou.code, name: yangzhou.name, level: yangzhou.level, path: yangzhou.path },
    lastMonth,
    { asOf, number: 1, issuer: '扬州市商务局', issuedBy: '市审核员', previous: null },
  );
  const docNumber = formatDocNumber('扬商通〔{year}〕{n}号', { year: signedOn.slice(0, 4), n: 1 });
  const issuedAt = new Date(startOfDay(signedOn).getTime() + 10 * 3_600_000);
  await db.insert(bulletins).values({
    unitCode: yangzhou.code,
    unitPath: yangzhou.path,
    period: lastMonth,
    asOf,
    status: 'issued',
    number: 1,
    docNumber,
    signedOn,
    title: content.title,
    content: { ...content, docNumber, signedOn, issuedAt: issuedAt.toISOString() },
    createdBy: 'yz_officer',
    issuedBy: 'yz_reviewer',
    issuedAt: new Date(Math.min(issuedAt.getTime(), clockNow().getTime())),
  });
}
