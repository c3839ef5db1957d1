// Demo 招商队伍: posts of the featured units (Quanshan's 招商分管领导 and its park's 园区主要负责人, Hanjiang's, the
// Yangzhou development zone's), and a year of trips and receptions for their leaders and officers — some months
// meeting the quota, some not — and the featured units' projects given to them to follow (跟踪人). Deterministic; loaded once (the first trip is the claim).
import { and, eq, inArray } from 'drizzle-orm';
import { addDays, shiftMonth } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { isWorkingDay } from '../../shared/staff/outOfCity.ts';
import type { StaffPost } from '../../shared/staff/posts.ts';
import { companies } from '../companies/schema.ts';
import { projects } from '../projects/schema.ts';
import type { Db } from '../db/client.ts';
import { insertTrip, writePost, writeTripDetails } from '../trips/repository.ts';
import { trips } from '../trips/schema.ts';
import { units } from '../units/schema.ts';
import { users } from '../users/schema.ts';
import { pick, seededRandom } from './random.ts';

/** Who holds a post, and the share of working days they are away in a typical month (around their quota). */
const POSTS: { username: string; post: StaffPost; share: [number, number] }[] = [
  { username: 'quanshan_leader', post: 'investment_leader', share: [0.25, 0.55] },
  { username: 'qskfq_leader', post: 'park_head', share: [0.4, 0.75] },
  { username: 'hanjiang_leader', post: 'investment_leader', share: [0.3, 0.55] },
  { username: 'yzkfq_leader', post: 'park_head', share: [0.45, 0.7] },
  { username: 'yz_leader', post: 'party_leader', share: [0.2, 0.45] },
];
/** Officers who travel with them, less often. */
const OFFICERS: { username: string; share: [number, number] }[] = [
  { username: 'quanshan_officer', share: [0.1, 0.35] },
  { username: 'qskfq_officer', share: [0.1, 0.35] },
  { username: 'hanjiang_officer', share: [0.1, 0.3] },
  { username: 'yzkfq_officer', share: [0.1, 0.3] },
];

const DESTINATIONS = ['上海市', '深圳市', '苏州市', '杭州市', '北京市', '合肥市', '广州市', '宁波市', '无锡市', '南京市'];
const ABROAD = ['德国 斯图加特', '日本 大阪', '韩国 首尔', '新加坡'];
const PURPOSES = [
  '拜访目标企业总部，推介产业园区载体',
  '参加长三角产业链招商推介会',
  '对接链主企业配套项目',
  '洽谈投资协议条款',
  '走访在外商会与校友企业',
];
const RESULTS = ['两家企业表示有投资意向', '达成来访考察意向', '获取项目线索一条', '推进协议文本修改', null];

export async function loadDemoTrips(db: Db): Promise<number> {
  const [claimed] = await db.select({ id: trips.id }).from(trips).limit(1);
  if (claimed) return 0;
  const names = [...POSTS.map((p) => p.username), ...OFFICERS.map((o) => o.username)];
  const people = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, unitCode: users.unitCode, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.code, users.unitCode))
    .where(and(inArray(users.username, names), eq(users.active, true)));
  const byName = new Map(people.map((p) => [p.username, p]));
  const targets = await db.select({ id: companies.id, name: companies.name }).from(companies).where(eq(companies.kind, 'target')).limit(60);
  const random = seededRandom(20_261_203);
  const today = todayIso();
  let count = 0;
  await db.transaction(async (tx) => {
    for (const holder of POSTS) {
      const person = byName.get(holder.username);
      if (person) await writePost(tx, person.id, holder.post, new Date());
    }
    const travellers = [...POSTS, ...OFFICERS];
    for (const traveller of travellers) {
      const person = byName.get(traveller.username);
      if (!person) continue;
      // the same unit's officer goes along now and then
      const colleague = people.find((p) => p.unitCode === person.unitCode && p.id !== person.id);
      for (let back = 11; back >= 0; back--) {
        const month = shiftMonth(today.slice(0, 7), -back);
        const target = traveller.share[0] + random() * (traveller.share[1] - traveller.share[0]);
        let away = 0;
        let day = `${month}-01`;
        const workdays = 21;
        while (day.slice(0, 7) === month && day <= today && away < target * workdays) {
          day = addDays(day, Math.floor(random() * 2));
          if (day.slice(0, 7) !== month || day > today) break;
          const length = 1 + Math.floor(random() * 4);
          const to = addDays(day, length - 1) > today ? today : addDays(day, length - 1);
          const abroad = random() < 0.05;
          // Yangzhou's people call on the register's targets; the others name the companies they met
          const destination = abroad ? pick(random, ABROAD) : pick(random, DESTINATIONS);
          const visit =
            person.unitPath.includes('/321000/') && targets.length
              ? pick(random, targets)
              : {
                  id: null,
                  name: `${destination.replace(/市$/, '').split(' ').pop()}${pick(random, ['智能装备', '新材料', '汽车零部件', '电子信息'])}有限公司`,
                };
          const trip = await insertTrip(tx, {
            kind: 'trip',
            unitCode: person.unitCode,
            unitPath: person.unitPath,
            fromOn: day,
            toOn: to,
            destination,
            abroad,
            purpose: pick(random, PURPOSES),
            results: pick(random, RESULTS),
            status: 'submitted',
            createdBy: person.id,
            createdByName: person.displayName,
          });
          const together = colleague && random() < 0.3 && !POSTS.some((p) => p.username === colleague.username);
          await writeTripDetails(tx, trip.id, {
            people: [{ userId: person.id, leader: true }, ...(together ? [{ userId: colleague.id, leader: false }] : [])],
            visits: [{ companyId: visit.id, companyName: visit.name, summary: '介绍园区载体与产业政策' }],
            projectIds: [],
          });
          count++;
          for (let d = day; d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) away++;
          day = addDays(to, 1 + Math.floor(random() * 3));
        }
        // a reception or two at home
        if (random() < 0.6) {
          const on = addDays(`${month}-01`, Math.floor(random() * 27));
          if (on <= today) {
            const reception = await insertTrip(tx, {
              kind: 'reception',
              unitCode: person.unitCode,
              unitPath: person.unitPath,
              fromOn: on,
              toOn: on,
              destination: pick(random, DESTINATIONS),
              purpose: '接待企业来访考察',
              visitors: '企业高管一行',
              results: pick(random, RESULTS),
              status: 'submitted',
              createdBy: person.id,
              createdByName: person.displayName,
            });
            await writeTripDetails(tx, reception.id, { people: [{ userId: person.id, leader: true }], visits: [], projectIds: [] });
            count++;
          }
        }
      }
    }
    // 跟踪人: the featured units' projects shared out among their travellers, so the scoreboard has a ledger side
    const byUnit = new Map<string, string[]>();
    for (const traveller of travellers) {
      const person = byName.get(traveller.username);
      if (person) byUnit.set(person.unitCode, [...(byUnit.get(person.unitCode) ?? []), person.id]);
    }
    for (const [unitCode, owners] of byUnit) {
      const own = await tx.select({ id: projects.id }).from(projects).where(eq(projects.unitCode, unitCode)).orderBy(projects.code);
      for (const [i, project] of own.entries())
        await tx
          .update(projects)
          .set({ ownerUserId: owners[i % owners.length]! })
          .where(eq(projects.id, project.id));
    }
  });
  return count;
}
