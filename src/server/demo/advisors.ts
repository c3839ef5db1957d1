// Demo 招商顾问: the fifteen Quanshan appointed ("选聘15人为泉山区人民政府招商顾问") and a few of Hanjiang's, with
// the district's advisor-sourced projects attributed to them (their names as 引荐人) and this year's rewards so far,
// half of them approved and some paid (the demo's monthly progress covers this year only). Deterministic; loaded once (the first advisor is the claim).
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { addDays, shiftMonth } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { rewardLedger } from '../advisors/queries.ts';
import { attribute, insertAdvisor, insertReward } from '../advisors/repository.ts';
import { advisors } from '../advisors/schema.ts';
import type { Db } from '../db/client.ts';
import { projects } from '../projects/schema.ts';
import { units } from '../units/schema.ts';
import { users } from '../users/schema.ts';
import { chineseName, mobileNumber, seededRandom } from './random.ts';

const ORGANISATIONS: [string, string, string][] = [
  ['上海徐州商会', '常务副会长', '高端装备'],
  ['深圳江苏商会', '副会长', '电子信息'],
  ['中国矿业大学校友会', '秘书长', '新能源'],
  ['某新能源集团', '战略投资总监', '储能'],
  ['某产业投资基金', '合伙人', '集成电路'],
  ['北京徐州企业家联谊会', '会长', '数字经济'],
  ['某汽车零部件集团', '副总裁', '汽车零部件'],
  ['某会计师事务所', '合伙人', '企业服务'],
  ['杭州徐州商会', '副会长', '生物医药'],
  ['某科技园区运营公司', '总经理', '科技孵化'],
  ['某律师事务所', '高级合伙人', '跨国投资'],
  ['苏州大学校友会', '理事', '新材料'],
  ['泉山区发展和改革委员会', '退休干部', '政策咨询'],
  ['某物流集团', '董事', '现代物流'],
  ['某德资企业（中国）', '中国区代表', '外资招引'],
];

export async function loadDemoAdvisors(db: Db): Promise<number> {
  const [claimed] = await db.select({ id: advisors.id }).from(advisors).limit(1);
  if (claimed) return 0;
  const people = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, ['quanshan_officer', 'quanshan_reviewer', 'hanjiang_officer', 'hanjiang_reviewer']));
  const by = new Map(people.map((p) => [p.username, p.id]));
  const random = seededRandom(20_261_215);
  const today = todayIso();
  const year = Number(today.slice(0, 4));
  const lastYear = year - 1;
  let count = 0;
  for (const [code, size, officer, reviewer] of [
    ['320311', 15, 'quanshan_officer', 'quanshan_reviewer'],
    ['321003', 4, 'hanjiang_officer', 'hanjiang_reviewer'],
  ] as const) {
    const [unit] = await db.select().from(units).where(eq(units.code, code));
    const officerId = by.get(officer);
    const reviewerId = by.get(reviewer);
    if (!unit || !officerId || !reviewerId) continue;
    await db.transaction(async (tx) => {
      const appointed = [];
      for (let i = 0; i < size; i++) {
        const [organisation, title, field] = ORGANISATIONS[(i + (code === '321003' ? 5 : 0)) % ORGANISATIONS.length]!;
        // appointed in two batches, last year and the year before, for three-year terms; two ended early
        const appointedOn = `${lastYear - (i < 10 ? 0 : 1)}-0${1 + (i % 3) * 3}-15`;
        const termEnd =
          i === 13 || i === 14
            ? shiftMonth(today.slice(0, 7), -2) + '-28'
            : `${Number(appointedOn.slice(0, 4)) + 3}-${appointedOn.slice(5)}`;
        appointed.push(
          await insertAdvisor(tx, {
            unitCode: unit.code,
            unitPath: unit.path,
            name: chineseName(random),
            organisation,
            title,
            field,
            phone: mobileNumber(random),
            appointedOn,
            termEnd: termEnd < appointedOn ? null : termEnd,
            publicServant: organisation.includes('委员会'),
            createdBy: officerId,
          }),
        );
        count++;
      }
      // the district's advisor-sourced projects (and a few others), shared out among them
      const sourced = await tx
        .select({ id: projects.id, leadSource: projects.leadSource, leadOn: projects.leadOn, firstReportedOn: projects.firstReportedOn })
        .from(projects)
        .where(and(like(projects.unitPath, `${unit.path}%`), inArray(projects.leadSource, ['advisor', 'business_referral'])))
        // the ones under construction first: they report 完成投资, the reward's basis
        .orderBy(sql`${projects.startedOn} is null`, projects.code)
        .limit(size * 3);
      for (const [i, project] of sourced.entries()) {
        const advisor = appointed[i % appointed.length]!;
        await attribute(tx, {
          projectId: project.id,
          advisorId: advisor.id,
          attributedOn: project.leadOn ?? project.firstReportedOn ?? advisor.appointedOn,
          attributedBy: officerId,
        });
        await tx.update(projects).set({ referrer: advisor.name }).where(eq(projects.id, project.id));
      }
      // this year's rewards: every other one the rule gives something for approved last month, most of those paid
      const lines = (await rewardLedger(tx, appointed, year)).filter((l) => l.amountWan > 0);
      const approvedOn = addDays(today, -30);
      for (const [i, line] of lines.entries()) {
        if (i % 2 === 1) continue;
        await insertReward(tx, {
          projectId: line.project.id,
          year,
          advisorId: line.advisor.id,
          basis: line.basis,
          basisWan: line.basisWan,
          perMille: line.perMille,
          amountWan: line.amountWan,
          approvedBy: reviewerId,
          approvedAt: new Date(`${approvedOn}T10:00:00+08:00`),
          paidOn: i % 6 === 4 ? null : addDays(approvedOn, 10 + (i % 7)),
          paidBy: i % 6 === 4 ? null : reviewerId,
        });
      }
    });
  }
  return count;
}
