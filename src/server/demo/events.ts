// Demo 招商活动 of Yangzhou (and one of Quanshan): signing ceremonies listing the demo ledger's projects signed in the
// quarter before the day within the holding unit, a promotion conference in Shanghai, as the news reports them
// ("18个项目集中签约，总投资达331亿元"). Deterministic; loaded once (the first event is the claim).
import { and, asc, eq, isNotNull, like, sql } from 'drizzle-orm';
import { addDays } from '../../shared/calendar.ts';
import type { EventKind } from '../../shared/staff/events.ts';
import type { Db } from '../db/client.ts';
import { insertEvent, writeEventProjects } from '../events/repository.ts';
import { events } from '../events/schema.ts';
import { projects } from '../projects/schema.ts';
import { units } from '../units/schema.ts';
import { users } from '../users/schema.ts';

interface DemoEvent {
  unit: string;
  kind: EventKind;
  name: string;
  place: string;
  organiser: string;
  /** how many signed projects it lists at most, and how many of them on the stage */
  size: number;
  onSite: number;
  /** the n-th distinct signing day of the unit's ledger, from the latest back */
  dayBack: number;
}

const EVENTS: DemoEvent[] = [
  {
    unit: '321000',
    kind: 'cloud_signing',
    name: '扬州市重大项目云签约活动',
    place: '扬州市会议中心（线上）',
    organiser: '扬州市人民政府',
    size: 18,
    onSite: 0,
    dayBack: 40,
  },
  {
    unit: '321000',
    kind: 'signing',
    name: '扬州市重大产业项目集中签约仪式',
    place: '扬州国际展览中心',
    organiser: '扬州市人民政府',
    size: 30,
    onSite: 8,
    dayBack: 12,
  },
  {
    unit: '321000',
    kind: 'promotion',
    name: '扬州（上海）产业合作推介会',
    place: '上海国际会议中心',
    organiser: '扬州市商务局',
    size: 8,
    onSite: 3,
    dayBack: 25,
  },
  {
    unit: '321003',
    kind: 'roundtable',
    name: '邗江区（深圳）招商恳谈会',
    place: '深圳会展中心',
    organiser: '邗江区人民政府',
    size: 6,
    onSite: 2,
    dayBack: 5,
  },
  {
    unit: '320311',
    kind: 'signing',
    name: '泉山区招商引资项目集中签约活动',
    place: '泉山区政务服务中心',
    organiser: '泉山区人民政府',
    size: 12,
    onSite: 4,
    dayBack: 8,
  },
];

export async function loadDemoEvents(db: Db): Promise<number> {
  const [claimed] = await db.select({ id: events.id }).from(events).limit(1);
  if (claimed) return 0;
  const [author] = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.username, 'yz_officer'));
  if (!author) return 0;
  let count = 0;
  await db.transaction(async (tx) => {
    for (const spec of EVENTS) {
      const [unit] = await tx.select().from(units).where(eq(units.code, spec.unit));
      if (!unit) continue;
      const signed = await tx
        .select({ id: projects.id, signedOn: projects.signedOn })
        .from(projects)
        .where(and(like(projects.unitPath, `${unit.path}%`), isNotNull(projects.signedOn), sql`${projects.status} <> 'terminated'`))
        .orderBy(asc(projects.signedOn), asc(projects.code));
      const days = [...new Set(signed.map((p) => p.signedOn!))].reverse();
      const day = days[Math.min(spec.dayBack, days.length - 1)];
      if (!day) continue;
      // the projects signed in the season before it, as a ceremony gathers the contracts of a quarter on the stage
      const listed = signed.filter((p) => p.signedOn! <= day && p.signedOn! >= addDays(day, -90)).slice(-spec.size);
      if (!listed.length) continue;
      const created = await insertEvent(tx, {
        unitCode: unit.code,
        unitPath: unit.path,
        kind: spec.kind,
        name: `${day.slice(0, 4)}年${spec.name}`,
        heldOn: day,
        place: spec.place,
        organiser: spec.organiser,
        createdBy: author.id,
        createdByName: author.displayName,
      });
      await writeEventProjects(
        tx,
        created.id,
        listed.map((p, i) => ({ projectId: p.id, onSite: i < spec.onSite })),
      );
      count++;
    }
  });
  return count;
}
