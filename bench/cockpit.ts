// Cockpit and league-table benchmarks on province-scale data (100,000 projects with their history, targets for every
// city, district and park): the cockpit's data at province, city and district level, and a monthly league table, through the HTTP API.
import { buildApp } from '../src/server/app.ts';
import { DEMO_PASSWORD } from '../src/server/demo/fixtures.ts';
import { todayIso } from '../src/shared/projects/dates.ts';
import { loadProvince, openBenchDatabase, percentile, type BenchRow } from './ledger.ts';

export async function benchCockpit(kind: 'postgres' | 'pglite', log: (line: string) => void): Promise<BenchRow[]> {
  const { database, cleanup } = await openBenchDatabase(kind, 'zhaoyin_bench_cockpit');
  const rows: BenchRow[] = [];
  try {
    await loadProvince(database, kind, log);
    const { app } = await buildApp({ db: database.db });
    const login = async (username: string) => {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      return `zhaoyin_session=${response.cookies.find((c) => c.name === 'zhaoyin_session')!.value}`;
    };
    const leader = await login('js_leader');
    const time = async (url: string) => {
      const t0 = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { cookie: leader } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      return performance.now() - t0;
    };
    const today = todayIso();
    const cockpits = [
      `/api/v1/cockpit?unit=320000`,
      `/api/v1/cockpit?unit=320000&asOf=${Number(today.slice(0, 4)) - 1}-09-30`,
      '/api/v1/cockpit?unit=321000',
      '/api/v1/cockpit?unit=320500',
      '/api/v1/cockpit?unit=321084',
    ];
    for (const url of cockpits) await time(url); // warm up
    const cockpitTimes: number[] = [];
    for (let round = 0; round < 12; round++) for (const url of cockpits) cockpitTimes.push(await time(url));
    rows.push({
      label: `${kind}: cockpit data (province, province last year, two cities, a district; × 12)`,
      p50: percentile(cockpitTimes, 50),
      p95: percentile(cockpitTimes, 95),
      goal: kind === 'postgres' ? 'p95 < 300 ms' : '',
    });
    const schemes = (
      await app.inject({ method: 'GET', url: '/api/v1/league/schemes?unit=321000', headers: { cookie: leader } })
    ).json() as { items: { id: number }[] };
    const league = `/api/v1/league/schemes/${schemes.items[0]!.id}/standings`;
    await time(league);
    const leagueTimes: number[] = [];
    for (let round = 0; round < 20; round++) leagueTimes.push(await time(league));
    rows.push({
      label: `${kind}: league table (Yangzhou, monthly, all periods of the year for movement)`,
      p50: percentile(leagueTimes, 50),
      p95: percentile(leagueTimes, 95),
      goal: kind === 'postgres' ? 'p95 < 300 ms' : '',
    });
    await app.close();
  } finally {
    await database.close();
    await cleanup();
  }
  return rows;
}
