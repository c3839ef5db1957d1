// The out-of-city table of a city (issue 16): 500 people of Yangzhou's subtree with a year of trips each (~18,000
// trips), a month's and the year's table through the HTTP API, alternating with the floor — the minimal SQL for the
// same question (each person's distinct days away in the period, weekdays standing in for the calendar), run directly.
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { rowsOf } from '../src/server/db/client.ts';
import { migrateDatabase } from '../src/server/db/setup.ts';
import { DEMO_PASSWORD } from '../src/server/demo/fixtures.ts';
import { loadDemo } from '../src/server/demo/load.ts';
import { seededRandom } from '../src/server/demo/random.ts';
import { addDays, shiftMonth } from '../src/shared/calendar.ts';
import { todayIso } from '../src/shared/projects/dates.ts';
import { openBenchDatabase, percentile, type BenchRow } from './ledger.ts';

export async function benchStaff(kind: 'postgres' | 'pglite', log: (line: string) => void): Promise<BenchRow[]> {
  const { database, cleanup } = await openBenchDatabase(kind, 'zhaoyin_bench_staff');
  const rows: BenchRow[] = [];
  try {
    await migrateDatabase(database.db);
    await loadDemo(database.db);
    const started = performance.now();
    const random = seededRandom(16);
    const units = rowsOf<{ code: string; path: string }>(
      await database.db.execute(sql`select code, path from units where path like '%/321000/%' and active`),
    );
    const [hash] = rowsOf<{ password_hash: string }>(
      await database.db.execute(sql`select password_hash from users where username = 'yz_officer'`),
    );
    // 500 officers over the city's units, each with trips of 1–4 days every week or two over the last twelve months
    const people = Array.from({ length: 500 }, (_, i) => ({ username: `bench_staff_${i}`, unit: units[i % units.length]! }));
    await database.db.execute(sql`insert into users (username, display_name, password_hash, unit_code, roles)
      select x.username, x.username, ${hash!.password_hash}, x.unit_code, array['officer']
      from jsonb_to_recordset(${JSON.stringify(people.map((p) => ({ username: p.username, unit_code: p.unit.code })))}::jsonb) as x(username text, unit_code text)`);
    const ids = rowsOf<{ id: string; username: string }>(
      await database.db.execute(sql`select id::text, username from users where username like 'bench_staff_%'`),
    );
    const byName = new Map(ids.map((r) => [r.username, r.id]));
    const today = todayIso();
    const start = `${shiftMonth(today.slice(0, 7), -11)}-01`;
    const trips: { id: string; unit_code: string; unit_path: string; from_on: string; to_on: string; user_id: string }[] = [];
    for (const person of people)
      for (let day = addDays(start, Math.floor(random() * 7)); day < today; day = addDays(day, 5 + Math.floor(random() * 10))) {
        const to = addDays(day, Math.floor(random() * 4));
        trips.push({
          id: crypto.randomUUID(),
          unit_code: person.unit.code,
          unit_path: person.unit.path,
          from_on: day,
          to_on: to > today ? today : to,
          user_id: byName.get(person.username)!,
        });
      }
    for (let i = 0; i < trips.length; i += 5000) {
      const chunk = JSON.stringify(trips.slice(i, i + 5000));
      await database.db
        .execute(sql`insert into trips (id, unit_code, unit_path, from_on, to_on, destination, purpose, created_by, created_by_name)
        select x.id, x.unit_code, x.unit_path, x.from_on, x.to_on, '上海市', '招商', x.user_id, 'bench'
        from jsonb_to_recordset(${chunk}::jsonb) as x(id uuid, unit_code text, unit_path text, from_on date, to_on date, user_id uuid)`);
      await database.db.execute(sql`insert into trip_people (trip_id, user_id, leader)
        select x.id, x.user_id, true from jsonb_to_recordset(${chunk}::jsonb) as x(id uuid, user_id uuid)`);
    }
    await database.db.execute(sql`vacuum analyze`);
    log(`${kind}: 500 people and ${trips.length} trips in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const { app } = await buildApp({ db: database.db });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'yz_reviewer', password: DEMO_PASSWORD },
    });
    const cookie = `zhaoyin_session=${login.cookies.find((c) => c.name === 'zhaoyin_session')!.value}`;
    const time = async (url: string) => {
      const t0 = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      return performance.now() - t0;
    };
    const outOfCityFloor = async (first: string, last: string) => {
      const t0 = performance.now();
      await database.db.execute(sql`select tp.user_id, count(distinct d) as away from trips t
        join trip_people tp on tp.trip_id = t.id join users u on u.id = tp.user_id join units un on un.code = u.unit_code
        cross join lateral generate_series(greatest(t.from_on, ${first}::date), least(t.to_on, ${last}::date), interval '1 day') d
        where t.kind = 'trip' and t.from_on <= ${last}::date and t.to_on >= ${first}::date and un.path like '%/321000/%'
          and extract(isodow from d) < 6
        group by tp.user_id`);
      return performance.now() - t0;
    };
    // the scoreboard's floor: each person's trips, receptions and companies met in the period, and the ledger's
    // counts of the projects they follow — the two statements the board needs at least
    const scoreboardFloor = async (first: string, last: string) => {
      const t0 = performance.now();
      await database.db.execute(sql`select tp.user_id, count(distinct t.id) filter (where t.kind = 'trip') as trips,
          count(distinct t.id) filter (where t.kind = 'reception') as receptions,
          count(distinct coalesce(v.company_id::text, lower(v.company_name))) as companies
        from trips t join trip_people tp on tp.trip_id = t.id left join trip_visits v on v.trip_id = t.id
        join users u on u.id = tp.user_id join units un on un.code = u.unit_code
        where t.from_on <= ${last}::date and t.to_on >= ${first}::date and t.status <> 'returned' and un.path like '%/321000/%'
        group by tp.user_id`);
      await database.db.execute(sql`select owner_user_id, count(*) filter (where exists_from between ${first}::date and ${last}::date),
          count(*) filter (where negotiating_on between ${first}::date and ${last}::date),
          count(*) filter (where signed_on between ${first}::date and ${last}::date),
          sum(total_investment_wan) filter (where signed_on between ${first}::date and ${last}::date)
        from projects where unit_path like '%/321000/%' and owner_user_id is not null group by owner_user_id`);
      return performance.now() - t0;
    };
    const month = shiftMonth(today.slice(0, 7), -1);
    const monthRange = { first: `${month}-01`, last: addDays(`${shiftMonth(month, 1)}-01`, -1) };
    const yearRange = { first: `${today.slice(0, 4)}-01-01`, last: today };
    const questions = [
      {
        label: 'out-of-city table of 扬州市 (500 people, a year of trips), a month',
        url: `/api/v1/staff/out-of-city?unit=321000&month=${month}`,
        floor: () => outOfCityFloor(monthRange.first, monthRange.last),
        goal: 'p95 < 200 ms',
      },
      {
        label: 'out-of-city table of 扬州市 (500 people, a year of trips), the year so far',
        url: `/api/v1/staff/out-of-city?unit=321000&year=${today.slice(0, 4)}`,
        floor: () => outOfCityFloor(yearRange.first, yearRange.last),
        goal: 'p95 < 200 ms',
      },
      {
        label: 'staff scoreboard of 扬州市 (500 people), a month',
        url: `/api/v1/staff/scoreboard?unit=321000&period=${month}`,
        floor: () => scoreboardFloor(monthRange.first, monthRange.last),
        goal: '',
      },
      {
        label: 'staff scoreboard of 扬州市 (500 people), the year',
        url: `/api/v1/staff/scoreboard?unit=321000&period=${today.slice(0, 4)}`,
        floor: () => scoreboardFloor(`${today.slice(0, 4)}-01-01`, `${today.slice(0, 4)}-12-31`),
        goal: '',
      },
    ];
    for (const q of questions) {
      await time(q.url);
      await q.floor();
      const api: number[] = [];
      const sqlFloor: number[] = [];
      for (let round = 0; round < 20; round++) {
        api.push(await time(q.url));
        sqlFloor.push(await q.floor());
      }
      const ratio = percentile(api, 50) / percentile(sqlFloor, 50);
      rows.push({
        label: `${kind}: ${q.label}`,
        p50: percentile(api, 50),
        p95: percentile(api, 95),
        value: `floor p50 ${percentile(sqlFloor, 50).toFixed(1)} ms, ${ratio.toFixed(1)}×`,
        goal: q.goal,
      });
    }
    await app.close();
  } finally {
    await database.close();
    await cleanup();
  }
  return rows;
}
