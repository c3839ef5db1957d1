// The ledger's questions against their floor (issue 14): each question asked through the HTTP API of a listening
// server (real sockets, keep-alive, the production logger writing to a file) alternating with the minimal SQL that
// answers it, prepared and run directly on the same database in the same process. The floor SQL is written here,
// beside its question, so anyone can check that it is the least honest query for the same answer.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { sql, type SQL } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { migrateDatabase } from '../src/server/db/setup.ts';
import { DEMO_PASSWORD } from '../src/server/demo/fixtures.ts';
import { queryTokens } from '../src/shared/projects/search.ts';
import { todayIso } from '../src/shared/projects/dates.ts';
import { settingDefinition } from '../src/shared/settings.ts';
import { progressMonthOf } from '../src/server/reporting/apply.ts';
import { loadProvince, openBenchDatabase, percentile, type BenchRow } from './ledger.ts';

interface FloorQuery {
  name: string;
  text: string;
  values: unknown[];
}

interface Question {
  label: string;
  url: string;
  floor: FloorQuery[];
  /** the ledger's questions: within 2×; the composite pages: within 3× */
  goal?: string;
}

// 苏州 (320500): one city of the province; 开工 (started) is the stage with the most projects.
const CITY = '/320000/320500/';
// the table's default columns, exactly: code, name, unit, investor, capital type, investment, stage (and status), the
// signing and start dates, chain
const LIST_COLUMNS = `p.code, p.name, p.stage, p.status, p.total_investment_wan, u.name as unit_name, p.investor_name,
  p.capital_type, p.chain, p.signed_on, p.started_on`;
// The schema keeps each project's character bigrams in a GIN-indexed array: the least query narrows by them, then
// keeps the true substring matches.
const MATCH = `p.search_tokens @> $2::text[] and (p.name ilike $1 or p.investor_name ilike $1 or p.code ilike $1)`;
// what the ledger table asks for with its default columns (ProjectsPage's fieldsOf)
const TABLE_FIELDS = 'capitalType,chain,dates.signed,dates.started,investorName,name,stage,status,totalInvestmentWan,unitName';
const search = (name: string, text: string): FloorQuery[] => [
  {
    name: `${name}-page`,
    text: `select ${LIST_COLUMNS} from projects p join units u on u.code = p.unit_code where ${MATCH} order by p.updated_at desc, p.code limit 50`,
    values: [`%${text}%`, queryTokens(text)],
  },
  {
    name: `${name}-count`,
    text: `select count(*)::int, coalesce(sum(total_investment_wan), 0)::float8 from projects p where ${MATCH}`,
    values: [`%${text}%`, queryTokens(text)],
  },
];

const LEDGER_QUESTIONS: Question[] = [
  {
    label: "list: 50 projects of one city and stage, by investment, with count and total (the table's default columns)",
    url: `/api/v1/projects?unit=320500&stage=started&sort=totalInvestmentWan&order=desc&pageSize=50&fields=${TABLE_FIELDS}`,
    floor: [
      {
        name: 'list-page',
        text: `select ${LIST_COLUMNS} from projects p join units u on u.code = p.unit_code
          where p.unit_path like $1 and p.stage = 'started' order by p.total_investment_wan desc, p.code limit 50`,
        values: [`${CITY}%`],
      },
      {
        name: 'list-count',
        text: `select count(*)::int, coalesce(sum(total_investment_wan), 0)::float8 from projects where unit_path like $1 and stage = 'started'`,
        values: [`${CITY}%`],
      },
    ],
  },
  {
    label: 'count and total investment per city, whole province (one call: `summary?by=child`)',
    url: '/api/v1/projects/summary?unit=320000&by=child',
    floor: [
      {
        name: 'per-city',
        text: `select split_part(substr(unit_path, 9), '/', 1) as city, count(*)::int, sum(total_investment_wan)::float8
          from projects where unit_path like '/320000/%' and status <> 'terminated' group by 1`,
        values: [],
      },
    ],
  },
  {
    label: 'search, 2 characters (芯片), 50 by last change',
    url: `/api/v1/projects?q=${encodeURIComponent('芯片')}&pageSize=50&fields=${TABLE_FIELDS}`,
    floor: search('q2', '芯片'),
  },
  {
    label: 'search, 4 characters (精密轴承), 50 by last change',
    url: `/api/v1/projects?q=${encodeURIComponent('精密轴承')}&pageSize=50&fields=${TABLE_FIELDS}`,
    floor: search('q4', '精密轴承'),
  },
];

/** What the questions beyond the ledger depend on: the day, and rows the province demo holds (read before the run). */
export interface Context {
  asOf: string;
  year: number;
  /** js_leader's id (alert read marks) */
  userId: string;
  /** the largest report submission (rows), approved: the grid a reviewer opens */
  submissionId: number;
  bulletinId: number;
  /** the grid's investment so far: from January of its month's year, before its month */
  gridMonths: [string, string];
}

// The cockpit's default indicators (⚙ targets.cockpitIndicators) that count milestones by their own date column.
const MILESTONE_COUNTS = ['registered_on', 'started_on', 'producing_on', 'listed_on'];
const ladder = (settingDefinition('ledger.tierLadder')?.defaultValue ?? []) as { yi: number; usdWan: number }[];
const usdWanOf = (yi: number) => ladder.find((step) => step.yi === yi)?.usdWan ?? yi * 1_000;
// 亿元 tiers as the glossary counts them: domestic projects by CNY, foreign and joint ones by USD
const atLeastYi = (yi: number) =>
  `((capital_type = 'domestic' and total_investment_wan >= ${yi * 10_000}) or (capital_type <> 'domestic' and coalesce(total_investment_usd_wan, 0) >= ${usdWanOf(yi)}))`;
// A figure's unit row and each child's: the targets of the year for those units.
const targetsOf = (unit: string, keys: string[], year: number): FloorQuery => ({
  name: `targets-${unit}-${keys.length}`,
  text: `select t.unit_code, t.indicator_key, t.annual, t.monthly from targets t join units u on u.code = t.unit_code
    where (u.code = $1 or (u.parent_code = $1 and u.active)) and t.year = $2 and t.indicator_key = any($3::text[])`,
  values: [unit, year, keys],
});
const childrenOf = (unit: string): FloorQuery => ({
  name: `children-${unit}`,
  text: `select code, name, level from units where parent_code = $1 and active order by code`,
  values: [unit],
});
// Month by month per city, from January of last year to the day (this year's and last year's to-date figures come
// from the same rows).
// the month of a date as its place among the month starts (width_bucket: cheaper than to_char or date_trunc)
const monthOf = (column: string, year: number) =>
  `width_bucket(${column}, array[${Array.from({ length: 24 }, (_, i) => `'${year - 1 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01'`).join(', ')}]::date[])`;
const perCityMonth = (name: string, dateColumn: string, measures: string, context: Context): FloorQuery => ({
  name,
  text: `select split_part(unit_path, '/', 3) as city, ${monthOf(dateColumn, context.year)} as month, ${measures}
    from projects where unit_path like '/320000/%' and ${dateColumn} between '${context.year - 1}-01-01'::date and '${context.asOf}'::date
    group by 1, 2`,
  // the dates written into the text: prepared with parameters, PostgreSQL's generic plan for a range of a third of
  // the table is worse than the plan for the dates themselves (the API's statements are planned for their values)
  values: [],
});

export function questionsFor(context: Context): Question[] {
  const { asOf, year } = context;
  const cohort = `unit_path like '/320000/%' and signed_on between '${year}-01-01'::date and '${asOf}'::date`;
  const stageAsOf = `case when at_capacity_on <= $1 then 'at_capacity' when producing_on <= $1 then 'producing'
    when completed_on <= $1 then 'completed' when started_on <= $1 then 'started' when registered_on <= $1 then 'registered'
    when signed_on <= $1 then 'signed' when negotiating_on <= $1 then 'negotiating' when lead_on <= $1 then 'lead'
    when stage = 'lead' then 'lead' else 'negotiating' end`;
  return [
    ...LEDGER_QUESTIONS,
    {
      label: "this year's signings per city, count and investment, with targets and last year (`/api/v1/figures`)",
      url: '/api/v1/figures?unit=320000&indicators=signed_projects,signed_investment',
      goal: '≤ 2× the floor',
      floor: [
        childrenOf('320000'),
        perCityMonth('figures-signed', 'signed_on', 'count(*)::int, coalesce(sum(total_investment_wan), 0)::float8', context),
        targetsOf('320000', ['signed_projects', 'signed_investment'], year),
      ],
    },
    {
      label: "the cockpit of the province (ten indicators per city by month, targets, funnel, tiers, this year's largest)",
      url: '/api/v1/cockpit?unit=320000',
      goal: '≤ 3× the floor',
      floor: [
        childrenOf('320000'),
        perCityMonth(
          'cockpit-signed',
          'signed_on',
          `count(*)::int, count(*) filter (where ${atLeastYi(1)})::int, count(*) filter (where ${atLeastYi(10)})::int,
          coalesce(sum(total_investment_wan), 0)::float8,
          coalesce(sum(contract_foreign_capital_usd_wan) filter (where capital_type in ('foreign', 'joint')), 0)::float8`,
          context,
        ),
        ...MILESTONE_COUNTS.map((column) => perCityMonth(`cockpit-${column}`, column, 'count(*)::int', context)),
        {
          name: 'cockpit-arrivals',
          text: `select split_part(p.unit_path, '/', 3), ${monthOf('a.arrived_on', year)}, sum(a.amount_wan)::float8
            from project_arrivals a join projects p on p.id = a.project_id
            where p.unit_path like '/320000/%' and a.arrived_on between '${year - 1}-01-01'::date and '${asOf}'::date group by 1, 2`,
          values: [],
        },
        targetsOf('320000', (settingDefinition('targets.cockpitIndicators')?.defaultValue ?? []) as string[], year),
        {
          name: 'cockpit-funnel',
          text: `select ${stageAsOf} as stage, count(*) filter (where not (status = 'terminated' and terminated_on <= $1))::int
            from projects where unit_path like '/320000/%' and exists_from <= $1 group by 1`.replaceAll('$1', `'${asOf}'::date`),
          values: [],
        },
        {
          name: 'cockpit-tiers',
          text: `select tier_index, count(*)::int, coalesce(sum(total_investment_wan), 0)::float8 from projects where ${cohort} group by 1`,
          values: [],
        },
        {
          name: 'cockpit-largest',
          text: `select p.code, p.name, u.name, p.total_investment_wan, p.capital_type, p.stage, p.status, p.signed_on
            from projects p join units u on u.code = p.unit_code where ${cohort.replaceAll('unit_path', 'p.unit_path').replaceAll('signed_on', 'p.signed_on')}
            order by p.total_investment_wan desc limit 10`,
          values: [],
        },
      ],
    },
    {
      label: "the province's open alerts as the alert page asks (500, most severe and newest first, with counts per kind)",
      url: '/api/v1/alerts?limit=500',
      goal: '≤ 3× the floor',
      floor: [
        {
          name: 'alerts-page',
          text: `select a.*, p.name as project_name, u.name as unit_name, r.alert_id is not null as read
            from alerts a left join projects p on p.id = a.project_id left join units u on u.code = a.unit_code
            left join alert_reads r on r.alert_id = a.id and r.user_id = $2
            where a.unit_path like $1 and a.resolved_at is null
            order by case a.severity when 'high' then 0 when 'medium' then 1 else 2 end, a.raised_at desc, a.id desc limit 500`,
          values: ['/320000/%', context.userId],
        },
        {
          name: 'alerts-counts',
          text: `select kind, count(*)::int from alerts where unit_path like $1 and resolved_at is null group by kind`,
          values: ['/320000/%'],
        },
      ],
    },
    {
      label: 'a bulletin (通报) as issued: its content with a row per unit',
      url: `/api/v1/bulletins/${context.bulletinId}`,
      goal: '≤ 3× the floor',
      floor: [{ name: 'bulletin', text: `select * from bulletins where id = $1`, values: [context.bulletinId] }],
    },
    {
      label: "a report grid (填报): the largest submission's rows with each project's ledger context and investment so far",
      url: `/api/v1/reporting/submissions/${context.submissionId}`,
      goal: '≤ 3× the floor',
      floor: [
        {
          name: 'grid-head',
          text: `select s.*, t.*, su.name, tu.name from report_submissions s join report_tasks t on t.id = s.task_id
            join units su on su.code = s.unit_code join units tu on tu.code = t.unit_code where s.id = $1`,
          values: [context.submissionId],
        },
        {
          name: 'grid-rows',
          text: `select r.*, p.code, p.name, p.stage, p.total_investment_wan, p.started_on, p.planned_started_on, p.completed_on,
              p.planned_completed_on, p.sponsor_leader, p.responsible_unit, coalesce(x.ytd, 0) as ytd, coalesce(x.since, 0) as since
            from report_rows r left join projects p on p.id = r.project_id
            left join lateral (select sum(invested_wan) filter (where month >= $2) as ytd, sum(invested_wan) as since
              from project_progress where project_id = r.project_id and month < $3) x on true
            where r.submission_id = $1 order by p.total_investment_wan desc nulls last, p.code, r.position, r.row_key`,
          values: [context.submissionId, ...context.gridMonths],
        },
      ],
    },
  ];
}

type Run = (query: FloorQuery) => Promise<unknown>;

/** `$1`-style text with its values as a Drizzle query (PGlite is reached through Drizzle only). */
function withParams(query: FloorQuery): SQL {
  const parts = query.text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${sql.param(query.values[Number(part) - 1])}`));
  return sql.join(chunks, sql``);
}

async function timed(task: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await task();
  return performance.now() - t0;
}

interface Server {
  address: string;
  rssMb: () => number;
  /** the most the process ever held (VmHWM) */
  peakMb: () => number;
  close: () => Promise<void>;
}

async function startServer(databaseUrl: string, logFile: string): Promise<Server> {
  // below the kernel's ephemeral range (32768–60999): a port there may already be the source of an outgoing connection
  const port = 24_100 + Math.floor(Math.random() * 1000);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DEMO: 'false', RATE_LIMIT_PER_MINUTE: '0' },
    stdio: ['ignore', out, out],
  });
  const address = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${logFile}`);
    const up = await fetch(`${address}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 300) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    address,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    peakMb: () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      fs.closeSync(out);
    },
  };
}

async function inProcessServer(database: Database, logFile: string): Promise<Server> {
  const logger = pino({ level: 'info' }, pino.destination({ dest: logFile, sync: false }));
  const { app } = await buildApp({ db: database.db, logger, rateLimitPerMinute: 0 });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    address,
    rssMb: () => process.memoryUsage().rss / 2 ** 20,
    peakMb: () => process.resourceUsage().maxRSS / 1024,
    close: () => app.close(),
  };
}

export async function benchFloor(kind: 'postgres' | 'pglite', log: (line: string) => void): Promise<BenchRow[]> {
  // BENCH_REUSE_DB=name runs on an already loaded PostgreSQL database (for iterating on one question)
  const reuse = kind === 'postgres' ? process.env.BENCH_REUSE_DB : undefined;
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  let database: Database;
  let cleanup = async () => {};
  let databaseUrl: string | undefined;
  if (reuse) {
    const url = new URL(adminUrl);
    url.pathname = `/${reuse}`;
    databaseUrl = url.toString();
    database = await openDatabase({ databaseUrl });
    await migrateDatabase(database.db);
  } else {
    ({ database, cleanup } = await openBenchDatabase(kind, 'zhaoyin_bench_floor'));
    await loadProvince(database, kind, log);
    if (kind === 'postgres') {
      const url = new URL(adminUrl);
      url.pathname = '/zhaoyin_bench_floor';
      databaseUrl = url.toString();
    }
  }
  // no automatic backup of the 100,000 projects in the middle of a measurement
  await database.db.execute(sql`update settings set value = '0'::jsonb where key = 'backup.everyHours'`);
  const logFile = path.join(os.tmpdir(), `zhaoyin-bench-${process.pid}.log`);
  const rows: BenchRow[] = [];
  const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 10 }) : undefined;
  // On PostgreSQL the server runs as in production: its own process (`npm start`'s entry), logging to a file, so
  // its time, memory and the benchmark's client are not mixed. PGlite allows one process, so there it runs here.
  const server = databaseUrl ? await startServer(databaseUrl, logFile) : await inProcessServer(database, logFile);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  try {
    const address = server.address;
    const login = await fetch(`${address}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'js_leader', password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    // the alert evaluation of the province (seconds, once) happens before the clock starts, as on any running server
    await fetch(`${address}/api/v1/alerts?pageSize=1`, { headers: { cookie } }).then((r) => r.arrayBuffer());
    // …and what a running server's database has long finished after such a burst of writes (42,717 alerts): their
    // statistics, and the checkpoint that writes them out (left to run, it competed with the first questions' reads)
    if (pool) await pool.query('vacuum analyze alerts').then(() => pool.query('checkpoint'));
    else await database.db.execute(sql`vacuum analyze alerts`);
    let bytes = 0;
    // node:http on kept-alive sockets, as load generators ask: fetch (undici) spends 0.4–1 ms of the client's own per
    // request, which is no part of the server's answer
    const ask = (url: string) =>
      new Promise<void>((resolve, reject) => {
        const request = http.request(`${address}${url}`, { agent, headers: { cookie } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const body = Buffer.concat(chunks);
            if (response.statusCode !== 200) reject(new Error(`${url}: ${response.statusCode} ${body.toString().slice(0, 300)}`));
            bytes = body.byteLength;
            resolve();
          });
          response.on('error', reject);
        });
        request.on('error', reject);
        request.end();
      });
    const rowsOfRun = async (text: string, values: unknown[] = []) => {
      const result = (pool ? await pool.query(text, values) : await database.db.execute(withParams({ name: '', text, values }))) as {
        rows: Record<string, unknown>[];
      };
      return result.rows;
    };
    const [leader] = await rowsOfRun(`select id::text from users where username = 'js_leader'`);
    const [grid] = await rowsOfRun(`select s.id, s.period_key, s.period_end::text, t.recurrence from report_submissions s
      join report_tasks t on t.id = s.task_id where s.status = 'approved'
      order by (select count(*) from report_rows r where r.submission_id = s.id) desc, s.id limit 1`);
    const [bulletin] = await rowsOfRun(`select min(id) as id from bulletins where status = 'issued'`);
    if (!leader || !grid || !bulletin?.id) throw new Error('the province demo has no approved submission or issued bulletin');
    const gridMonth = progressMonthOf(
      { recurrence: grid.recurrence as Parameters<typeof progressMonthOf>[0]['recurrence'] },
      {
        periodKey: String(grid.period_key),
        periodEnd: String(grid.period_end),
      },
    );
    const asOf = todayIso();
    const questions = questionsFor({
      asOf,
      year: Number(asOf.slice(0, 4)),
      userId: String(leader.id),
      submissionId: Number(grid.id),
      bulletinId: Number(bulletin.id),
      gridMonths: [`${gridMonth.slice(0, 4)}-01`, gridMonth],
    });
    const run: Run = pool
      ? (query) => pool.query({ name: query.name, text: query.text, values: query.values })
      : (query) => database.db.execute(withParams(query));
    // The floor's statements are independent: on PostgreSQL they run side by side on the pool, as the fastest client
    // could ask them (the API runs its own side by side too); PGlite answers one statement at a time either way.
    const floor = async (question: Question) => {
      if (process.env.BENCH_FLOOR_SEQUENTIAL) for (const query of question.floor) await run(query);
      else await Promise.all(question.floor.map(run));
    };
    // BENCH_ONLY=list asks only the questions whose label holds that text (for iterating on one of them)
    const only = process.env.BENCH_ONLY;
    for (const question of questions.filter((q) => !only || q.label.includes(only))) {
      // warm, as a server and a database that have answered the question before: the JIT has compiled the
      // request's path and PostgreSQL has the pages cached (a cold first answer is another measurement): 3 s, at least 40
      const warmUntil = performance.now() + 3_000;
      for (let i = 0; i < 40 || performance.now() < warmUntil; i++) {
        await ask(question.url);
        await floor(question);
      }
      const api: number[] = [];
      const direct: number[] = [];
      for (let round = 0; round < 60; round++) {
        api.push(await timed(() => ask(question.url)));
        direct.push(await timed(() => floor(question)));
      }
      const ratio = percentile(api, 50) / percentile(direct, 50);
      log(`${kind}: ${question.label}: ${percentile(api, 50).toFixed(1)} ms vs floor ${percentile(direct, 50).toFixed(1)} ms`);
      rows.push({
        label: `${kind}: ${question.label}`,
        p50: percentile(api, 50),
        p95: percentile(api, 95),
        value: `floor ${percentile(direct, 50).toFixed(1)} / ${percentile(direct, 95).toFixed(1)} ms · ${ratio.toFixed(1)}× · ${(bytes / 1024).toFixed(1)} KB`,
        goal: question.goal ?? '≤ 2× the floor',
      });
    }
    // Throughput: ten clients at once asking the list question, then the floor on ten connections.
    const list = questions[0]!;
    const concurrently = async (task: () => Promise<unknown>, total: number) => {
      const latencies: number[] = [];
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          while (next++ < total) latencies.push(await timed(task));
        }),
      );
      return { perSecond: total / ((performance.now() - t0) / 1000), latencies };
    };
    await concurrently(() => ask(list.url), 300); // warm-up at this concurrency
    const apiLoad = await concurrently(() => ask(list.url), 600);
    const floorLoad = await concurrently(() => floor(list), 600);
    rows.push({
      label: `${kind}: list at concurrency 10 (600 requests)`,
      p50: percentile(apiLoad.latencies, 50),
      p95: percentile(apiLoad.latencies, 95),
      value: `${apiLoad.perSecond.toFixed(0)} req/s (floor ${floorLoad.perSecond.toFixed(0)} /s); p95 ${percentile(apiLoad.latencies, 95).toFixed(1)} ms`,
      goal: '≥ 250 req/s, p95 < 100 ms',
    });
    rows.push({
      label: `${kind}: server RSS after the questions`,
      value: `${server.rssMb().toFixed(0)} MB (peak ${server.peakMb().toFixed(0)} MB)${databaseUrl ? '' : ' (benchmark and server in one process)'}`,
      goal: '< 300 MB',
    });
  } finally {
    agent.destroy();
    await pool?.end();
    await server.close();
    await database.close();
    await cleanup();
    fs.rmSync(logFile, { force: true });
  }
  return rows;
}
