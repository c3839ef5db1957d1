// The ledger's questions against their floor (issue 14): each question asked through the HTTP API of a listening
// server (real sockets, keep-alive, the production logger writing to a file) alternating with the minimal SQL that
// answers it, prepared and run directly on the same database in the same process. The floor SQL is written here,
// beside its question, so anyone can check that it is the least honest query for the same answer.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
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
}

// 苏州 (320500): one city of the province; 开工 (started) is the stage with the most projects.
const CITY = '/320000/320500/';
const LIST_COLUMNS = `p.code, p.name, p.stage, p.status, p.total_investment_wan, p.unit_code, u.name as unit_name, p.investor_name,
  p.capital_type, p.chain, p.signed_on, p.started_on, p.updated_at`;
// The schema keeps each project's character bigrams in a GIN-indexed array: the least query narrows by them, then
// keeps the true substring matches.
const MATCH = `p.search_tokens @> $2::text[] and (p.name ilike $1 or p.investor_name ilike $1 or p.code ilike $1)`;
// what the ledger table asks for with its default columns (ProjectsPage's fieldsOf)
const TABLE_FIELDS = 'capitalType,chain,dates,investorName,name,stage,status,totalInvestmentWan,unitName';
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

export const QUESTIONS: Question[] = [
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
  close: () => Promise<void>;
}

async function startServer(databaseUrl: string, logFile: string): Promise<Server> {
  const port = 39_000 + Math.floor(Math.random() * 1000);
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
  return { address, rssMb: () => process.memoryUsage().rss / 2 ** 20, close: () => app.close() };
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
    let bytes = 0;
    const ask = async (url: string) => {
      const response = await fetch(`${address}${url}`, { headers: { cookie } });
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url}: ${response.status} ${Buffer.from(body).toString().slice(0, 300)}`);
      bytes = body.byteLength;
    };
    const run: Run = pool
      ? (query) => pool.query({ name: query.name, text: query.text, values: query.values })
      : (query) => database.db.execute(withParams(query));
    const floor = async (question: Question) => {
      for (const query of question.floor) await run(query);
    };
    for (const question of QUESTIONS) {
      for (let i = 0; i < 3; i++) {
        await ask(question.url);
        await floor(question);
      }
      const api: number[] = [];
      const direct: number[] = [];
      for (let round = 0; round < 30; round++) {
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
        goal: '≤ 2× the floor',
      });
    }
    // Throughput: ten clients at once asking the list question, then the floor on ten connections.
    const list = QUESTIONS[0]!;
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
      value: `${server.rssMb().toFixed(0)} MB${databaseUrl ? '' : ' (benchmark and server in one process)'}`,
      goal: '< 300 MB',
    });
  } finally {
    await pool?.end();
    await server.close();
    await database.close();
    await cleanup();
    fs.rmSync(logFile, { force: true });
  }
  return rows;
}
