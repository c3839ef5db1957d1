// "Deadline peak": 120 units each saving and submitting a 300-row monthly report within the same few minutes, through
// the HTTP API with concurrent clients, on province-scale data. Afterwards the database is checked: every row saved once,
// every submission submitted with its version recorded, every month of progress written exactly once.
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { rowsOf } from '../src/server/db/client.ts';
import { todayIso } from '../src/shared/projects/dates.ts';
import { shiftMonth } from '../src/shared/reporting/progress.ts';
import { loadProvince, openBenchDatabase, percentile, type BenchRow } from './ledger.ts';

const UNITS = 120;
const ROWS = 300;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 24);
const PASSWORD = 'Bench@2026pass';

interface Row {
  key: string;
  version: number;
  values: Record<string, unknown>;
}

export async function benchDeadline(kind: 'postgres' | 'pglite', log: (line: string) => void): Promise<BenchRow[]> {
  const { database, cleanup } = await openBenchDatabase(kind, 'zhaoyin_bench_deadline');
  const rows: BenchRow[] = [];
  const db = database.db;
  try {
    await loadProvince(database, kind, log);
    const month = shiftMonth(todayIso().slice(0, 7), -1);
    // Jiangsu's demo has a few fewer leaf units than 120: add parks under districts that already have parks (so no
    // chosen unit is inside another).
    const [{ leavesNow } = { leavesNow: 0 }] = rowsOf<{ leavesNow: number }>(
      await db.execute(
        sql`select count(*)::int as "leavesNow" from units u where u.active and u.level in ('district', 'park', 'town') and not exists (select 1 from units c where c.parent_code = u.code)`,
      ),
    );
    if (leavesNow < UNITS) {
      await db.execute(sql`insert into units (code, name, short_name, level, kind, parent_code, path, depth, sort_order)
        select d.code || '99' || g, d.name || '压测园区' || g, '压测园区' || g, 'park', 'development_zone', d.code, d.path || d.code || '99' || g || '/', d.depth + 1, 999
        from (select u.* from units u where u.level = 'district' and exists (select 1 from units c where c.parent_code = u.code) order by u.code limit 1) d
        cross join generate_series(1, ${UNITS - leavesNow}) g`);
    }
    // 120 leaf units (no unit below them) with the most projects, each given exactly 300 projects under construction on
    // the 市重点 list (projects cloned within the unit where it has fewer).
    const leaves = rowsOf<{ code: string; path: string; projects: number }>(
      await db.execute(sql`select u.code, u.path, count(p.id)::int as projects from units u left join projects p on p.unit_code = u.code
        where u.active and u.level in ('district', 'park', 'town') and not exists (select 1 from units c where c.parent_code = u.code)
        group by u.code, u.path order by count(p.id) desc, u.code limit ${UNITS}`),
    );
    if (leaves.length < UNITS) throw new Error(`only ${leaves.length} leaf units`);
    const codes = leaves.map((u) => u.code);
    await db.execute(sql`update projects set levels = array_remove(levels, 'city_key') where unit_code = any(${sql.param(codes)}::text[])`);
    for (const unit of leaves.filter((u) => u.projects < ROWS)) {
      await db.execute(sql`insert into projects select (jsonb_populate_record(null::projects, to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'code', ${unit.code}::text || '-B' || g,
          'name', p.name || '（二期' || g || '）', 'unit_code', ${unit.code}::text, 'unit_path', ${unit.path}::text, 'park_code', null))).*
        from (select * from projects order by (unit_code = ${unit.code}::text) desc, id limit 1) p cross join generate_series(1, ${ROWS - unit.projects}) g`);
    }
    await db.execute(sql`with picked as (select id, row_number() over (partition by unit_code order by id) as n from projects where unit_code = any(${sql.param(codes)}::text[]))
      update projects p set stage = 'started', status = 'normal', started_on = coalesce(p.started_on, date '2025-03-01'), completed_on = null, producing_on = null, at_capacity_on = null,
        levels = array_append(array_remove(p.levels, 'city_key'), 'city_key')
      from picked where picked.id = p.id and picked.n <= ${ROWS}`);
    await db.execute(sql`vacuum analyze projects`);
    // One officer per unit, and the province reviewer who issues the task.
    const hash = await hashPassword(PASSWORD);
    await db.execute(sql`insert into users (username, display_name, password_hash, unit_code, roles)
      select 'bench_' || u.code, '填报员' || u.code, ${hash}, u.code, array['officer'] from units u where u.code = any(${sql.param(codes)}::text[])
      union all select 'bench_reviewer', '省审核员', ${hash}, '320000', array['reviewer']`);

    const { app } = await buildApp({ db });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const call = async (cookie: string, method: string, url: string, body?: unknown) => {
      const t0 = performance.now();
      const response = await fetch(`${address}${url}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      const ms = performance.now() - t0;
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
      return { ms, json: JSON.parse(text) as unknown };
    };
    const login = async (username: string) => {
      const response = await fetch(`${address}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
      return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    };
    const reviewer = await login('bench_reviewer');
    const task = (
      await call(reviewer, 'POST', '/api/v1/reporting/tasks', {
        unit: '320000',
        name: '省重点在建项目月报（压测）',
        kind: 'monthly_progress',
        recurrence: 'monthly',
        startOn: `${month}-01`,
        dueDay: 28,
        dueMonthOffset: 1,
        dueTime: '17:00',
        targetUnits: codes,
        form: { projects: { stages: ['started'], levels: ['city_key'] } },
      })
    ).json as { id: number };
    log(`${kind}: task issued to ${codes.length} units`);

    const saves: number[] = [];
    const submits: number[] = [];
    const opens: number[] = [];
    let next = 0;
    const started = performance.now();
    const client = async () => {
      while (next < codes.length) {
        const code = codes[next++]!;
        const cookie = await login(`bench_${code}`);
        const list = (await call(cookie, 'GET', `/api/v1/reporting/submissions?taskId=${task.id}`)).json as {
          items: { id: number; periodKey: string }[];
        };
        const id = list.items.find((s) => s.periodKey === month)!.id;
        const opened = await call(cookie, 'GET', `/api/v1/reporting/submissions/${id}`);
        opens.push(opened.ms);
        const submission = opened.json as { rows: Row[] };
        if (submission.rows.length !== ROWS) throw new Error(`${code}: ${submission.rows.length} rows`);
        // The whole sheet once, then two rounds of corrections (50 rows each), then the submission.
        const first = await call(cookie, 'PUT', `/api/v1/reporting/submissions/${id}/rows`, {
          rows: submission.rows.map((r, i) => ({
            key: r.key,
            version: r.version,
            values: { investedWan: 100 + (i % 37), imageProgress: '主体施工', problems: i % 10 === 0 ? '用电增容待批复' : null },
          })),
        });
        saves.push(first.ms);
        let versions = (first.json as { versions: Record<string, number> }).versions;
        for (const round of [1, 2]) {
          const edited = submission.rows.slice(round * 50, round * 50 + 50);
          const saved = await call(cookie, 'PUT', `/api/v1/reporting/submissions/${id}/rows`, {
            rows: edited.map((r, i) => ({
              key: r.key,
              version: versions[r.key]!,
              values: { investedWan: 200 + i, imageProgress: `第${round}次更正` },
            })),
          });
          saves.push(saved.ms);
          versions = { ...versions, ...(saved.json as { versions: Record<string, number> }).versions };
        }
        const current = (await call(cookie, 'GET', `/api/v1/reporting/submissions/${id}`)).json as { version: number };
        submits.push((await call(cookie, 'POST', `/api/v1/reporting/submissions/${id}/submit`, { version: current.version })).ms);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const wall = (performance.now() - started) / 1000;
    // The alert list is evaluated as of each request: measured at province scope after the peak.
    const alertTimes: number[] = [];
    for (let i = 0; i < 6; i++) alertTimes.push((await call(reviewer, 'GET', '/api/v1/alerts?unit=320000&limit=50')).ms);
    const cityAlertTimes: number[] = [];
    for (let i = 0; i < 6; i++) cityAlertTimes.push((await call(reviewer, 'GET', '/api/v1/alerts?unit=321000&kind=stalled&limit=50')).ms);
    await app.close();

    // Nothing lost, nothing doubled, every version recorded.
    const [check] = rowsOf<{ submitted: number; versions: number; rows: number; progress: number; wrong: number }>(
      await db.execute(sql`select
        (select count(*)::int from report_submissions where task_id = ${task.id} and period_key = ${month} and status = 'submitted' and revision = 1) as submitted,
        (select count(*)::int from report_versions v join report_submissions s on s.id = v.submission_id where s.task_id = ${task.id} and jsonb_array_length(v.rows) = ${ROWS}) as versions,
        (select count(*)::int from report_rows r join report_submissions s on s.id = r.submission_id where s.task_id = ${task.id} and s.period_key = ${month}) as rows,
        (select count(*)::int from project_progress pp join report_submissions s on s.id = pp.submission_id where s.task_id = ${task.id}) as progress,
        (select count(*)::int from project_progress pp join report_submissions s on s.id = pp.submission_id where s.task_id = ${task.id} and pp.invested_wan not between 100 and 249) as wrong`),
    );
    const expected = UNITS * ROWS;
    const ok =
      check!.submitted === UNITS &&
      check!.versions === UNITS &&
      check!.rows === expected &&
      check!.progress === expected &&
      check!.wrong === 0;
    log(`${kind}: ${JSON.stringify(check)} in ${wall.toFixed(0)} s`);
    if (!ok) throw new Error(`deadline peak lost or doubled data: ${JSON.stringify(check)}`);
    rows.push({
      label: `${kind}: deadline peak — save a 300-row report (${UNITS} units, ${CLIENTS} concurrent clients, ${saves.length} saves: whole sheet + 2 × 50-row corrections)`,
      p50: percentile(saves, 50),
      p95: percentile(saves, 95),
      goal: 'p95 < 500 ms',
    });
    rows.push({
      label: `${kind}: deadline peak — submit (checks 300 rows, writes the month into the ledger, freezes the version)`,
      p50: percentile(submits, 50),
      p95: percentile(submits, 95),
    });
    rows.push({ label: `${kind}: deadline peak — open a 300-row report`, p50: percentile(opens, 50), p95: percentile(opens, 95) });
    rows.push({
      label: `${kind}: alert list, province scope, current as of the request (the first call evaluated every alert of the province: ${(alertTimes[0]! / 1000).toFixed(2)} s; later ones find nothing changed)`,
      p50: percentile(alertTimes.slice(1), 50),
      p95: Math.max(...alertTimes.slice(1)),
    });
    rows.push({
      label: `${kind}: alert list, one city, evaluated as of the request`,
      p50: percentile(cityAlertTimes, 50),
      p95: percentile(cityAlertTimes, 95),
    });
    rows.push({
      label: `${kind}: deadline peak — all ${UNITS} units done`,
      value: `${wall.toFixed(0)} s; ${UNITS}/${UNITS} submitted, ${check!.versions} versions, ${check!.rows} rows, ${check!.progress} progress rows, none lost or doubled`,
    });
  } finally {
    await database.close();
    await cleanup();
  }
  return rows;
}
