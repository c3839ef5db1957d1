// Ledger benchmarks on province-scale data (100,000 projects): list and summary latency through the HTTP API,
// a 10,000-row import, and a streamed export of every project with the process's memory watched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, rowsOf, type Database } from '../src/server/db/client.ts';
import { migrateDatabase } from '../src/server/db/setup.ts';
import { DEMO_PASSWORD } from '../src/server/demo/fixtures.ts';
import { loadDemo } from '../src/server/demo/load.ts';
import { generateProject } from '../src/server/demo/projects.ts';
import { seededRandom } from '../src/server/demo/random.ts';
import { TEMPLATE_COLUMNS } from '../src/server/projects/importer.ts';
import { STAGE_LABELS } from '../src/shared/projects/stages.ts';
import { todayIso } from '../src/shared/projects/dates.ts';

export interface BenchRow {
  label: string;
  p50?: number;
  p95?: number;
  value?: string;
  goal?: string;
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function importSheet(rows: number): Promise<Buffer> {
  const random = seededRandom(99);
  const today = todayIso();
  const yangzhou = ['321002', '321003', '321012', '321023', '321081', '321084'];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('项目台账');
  sheet.addRow(TEMPLATE_COLUMNS.map((c) => c.header));
  for (let i = 0; i < rows; i++) {
    const p = generateProject(random, yangzhou[i % yangzhou.length]!, '扬州', today, 900);
    const byHeader: Record<string, unknown> = {
      项目名称: `${p.name}（导入${i}）`,
      所属单位: p.unitCode,
      投资方: p.investorName,
      内外资: p.capitalType === 'domestic' ? '内资' : p.capitalType === 'foreign' ? '外资' : '中外合资',
      币种: p.currency === 'CNY' ? '人民币' : '美元',
      总投资: p.totalInvestment,
      当前阶段: STAGE_LABELS[p.stage as keyof typeof STAGE_LABELS].zh,
      统一社会信用代码: p.investorCreditCode,
      产业链: p.chain,
      首次填报日期: p.firstReportedOn,
      签约日期: p.dates?.signed,
      注册日期: p.dates?.registered,
      开工日期: p.dates?.started,
      竣工日期: p.dates?.completed,
      投产日期: p.dates?.producing,
      达产日期: p.dates?.at_capacity,
      入库列统日期: p.listedOn,
      状态: p.status === 'terminated' ? '终止' : '正常',
      终止日期: p.terminatedOn,
      建设内容: p.content,
    };
    sheet.addRow(TEMPLATE_COLUMNS.map((c) => byHeader[c.header] ?? null));
  }
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function multipart(buffer: Buffer, decisions?: Record<string, string>) {
  const boundary = '----bench' + Date.now();
  const fields = decisions
    ? Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="decisions"\r\n\r\n${JSON.stringify(decisions)}\r\n`)
    : Buffer.alloc(0);
  return {
    payload: Buffer.concat([
      fields,
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      buffer,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A fresh database for a benchmark: a throw-away PostgreSQL database, or a PGlite folder in the temp directory. */
export async function openBenchDatabase(
  kind: 'postgres' | 'pglite',
  name = 'zhaoyin_bench',
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  let database: Database;
  let cleanup = async () => {};
  if (kind === 'postgres') {
    const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString() });
    cleanup = async () => {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoyin-bench-'));
    database = await openDatabase({ dataDir: dir });
    const close = database.close;
    database.close = async () => {
      await close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  return { database, cleanup };
}

/** Migrates and loads the province-scale demo (100,000 projects with their history), then refreshes statistics. */
export async function loadProvince(database: Database, kind: string, log: (line: string) => void): Promise<void> {
  await migrateDatabase(database.db);
  const started = performance.now();
  const loaded = await loadDemo(database.db, { size: 'province' });
  log(`${kind}: loaded ${loaded.projects} projects in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // After a bulk load, statistics and the visibility map are refreshed (autovacuum on PostgreSQL, the scheduled job on PGlite).
  await database.db.execute(sql`vacuum analyze`);
}

/**
 * Count and total investment per city of the province in one call (`by=child`), alternating with its floor: the
 * minimal SQL for the same question, run directly on the same database in the same process.
 */
export async function benchSummaryByChild(database: Database, kind: string, time: (url: string) => Promise<number>): Promise<BenchRow[]> {
  const floor = async () => {
    const t0 = performance.now();
    await database.db.execute(sql`select split_part(substr(unit_path, 9), '/', 1) as city, count(*)::int, sum(total_investment_wan)::float8
      from projects where unit_path like '/320000/%' and status <> 'terminated' group by 1`);
    return performance.now() - t0;
  };
  const url = '/api/v1/projects/summary?unit=320000&by=child';
  await time(url);
  await floor();
  const api: number[] = [];
  const direct: number[] = [];
  for (let round = 0; round < 20; round++) {
    api.push(await time(url));
    direct.push(await floor());
  }
  const ratio = percentile(api, 50) / percentile(direct, 50);
  return [
    {
      label: `${kind}: count and total investment per city, whole province — one call (\`by=child\`, with stages as of the day and tiers)`,
      p50: percentile(api, 50),
      p95: percentile(api, 95),
      value: `floor ${percentile(direct, 50).toFixed(1)} / ${percentile(direct, 95).toFixed(1)} ms — ${ratio.toFixed(1)}× the floor`,
      goal: '≤ 2× the floor',
    },
  ];
}

export async function benchLedger(kind: 'postgres' | 'pglite', log: (line: string) => void): Promise<BenchRow[]> {
  const { database, cleanup } = await openBenchDatabase(kind);
  const rows: BenchRow[] = [];
  try {
    await loadProvince(database, kind, log);
    let started = performance.now();
    const { app } = await buildApp({ db: database.db });
    const login = async (username: string) => {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      return `zhaoyin_session=${response.cookies.find((c) => c.name === 'zhaoyin_session')!.value}`;
    };
    const leader = await login('js_leader');
    const projectCount = async () =>
      Number(rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from projects`))[0]?.n ?? 0);
    const auditCount = async () =>
      Number(rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from audit_log`))[0]?.n ?? 0);
    const time = async (url: string, cookie: string) => {
      const t0 = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      return performance.now() - t0;
    };
    const lists = [
      '/api/v1/projects?page=1&pageSize=20',
      '/api/v1/projects?stage=started&page=2&pageSize=50',
      '/api/v1/projects?tier=10&sort=totalInvestmentWan&order=desc',
      '/api/v1/projects?q=芯片',
      '/api/v1/projects?q=轴承&unit=321000',
      '/api/v1/projects?unit=320500&capitalType=foreign',
      '/api/v1/projects?chain=生物医药&dateField=signed&from=2025-01-01&to=2025-12-31',
    ];
    for (const url of lists) await time(url, leader); // warm up
    const listTimes: number[] = [];
    for (let round = 0; round < 15; round++) for (const url of lists) listTimes.push(await time(url, leader));
    rows.push({
      label: `${kind}: filtered list (province scope, 7 filter mixes × 15)`,
      p50: percentile(listTimes, 50),
      p95: percentile(listTimes, 95),
      goal: kind === 'postgres' ? 'p95 < 100 ms' : 'p95 < 300 ms',
    });
    const summaries = [
      '/api/v1/projects/summary?unit=320000&asOf=2026-06-30',
      '/api/v1/projects/summary?unit=320000&asOf=2025-12-31',
      '/api/v1/projects/summary?unit=321000&asOf=2026-03-31',
      '/api/v1/projects/summary?unit=320500',
    ];
    for (const url of summaries) await time(url, leader);
    const summaryTimes: number[] = [];
    for (let round = 0; round < 15; round++) for (const url of summaries) summaryTimes.push(await time(url, leader));
    rows.push({
      label: `${kind}: summary as of a date (province and city)`,
      p50: percentile(summaryTimes, 50),
      p95: percentile(summaryTimes, 95),
      goal: kind === 'postgres' ? 'p95 < 200 ms' : 'p95 < 600 ms',
    });
    rows.push(...(await benchSummaryByChild(database, kind, (url) => time(url, leader))));

    const sheet = await importSheet(10_000);
    const officer = await login('yz_officer');
    const upload = async (file: Buffer, cookie: string, dryRun: boolean, decisions?: Record<string, string>) => {
      const body = multipart(file, decisions);
      const t0 = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/projects/import${dryRun ? '?dryRun=true' : ''}`,
        payload: body.payload,
        headers: { ...body.headers, cookie },
      });
      const ms = performance.now() - t0;
      if (response.statusCode !== 200) throw new Error(`import: ${response.statusCode} ${response.body.slice(0, 500)}`);
      return {
        ms,
        result: JSON.parse(response.body) as {
          created: number;
          updated: number;
          unchanged: number;
          review: number;
          rows: { row: number; action: string }[];
        },
      };
    };
    const counts = (r: { created: number; updated: number; unchanged: number; review: number }) =>
      `created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged.toLocaleString('en')}, to decide ${r.review}`;
    const dry = await upload(sheet, officer, true);
    rows.push({
      label: `${kind}: import dry run, 10,000 new rows against the ${(await projectCount()).toLocaleString('en')}-project ledger (every row matched, every look-alike checked)`,
      value: `${(dry.ms / 1000).toFixed(1)} s (${counts(dry.result)})`,
      goal: '< 10 s',
    });
    // as a user would: every 待确认 row decided (the synthetic names resemble the demo's), here as new projects
    const imported = await upload(
      sheet,
      officer,
      false,
      Object.fromEntries(dry.result.rows.filter((r) => r.action === 'review').map((r) => [String(r.row), 'create'])),
    );
    rows.push({
      label: `${kind}: import a 10,000-row sheet (${imported.result.created} created)`,
      value: `${(imported.ms / 1000).toFixed(1)} s`,
      goal: kind === 'postgres' ? '< 20 s' : '< 60 s',
    });
    const again = await upload(sheet, officer, false);
    if (again.result.created !== 0) throw new Error(`re-import created ${again.result.created}`);
    rows.push({
      label: `${kind}: the same 10,000-row sheet imported again`,
      value: `${(again.ms / 1000).toFixed(1)} s (${counts(again.result)})`,
      goal: 'created 0',
    });

    // Export through a real socket, reading the stream, with RSS sampled.
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    started = performance.now();
    const response = await fetch(`${address}/api/v1/projects/export?layout=ledger`, { headers: { cookie: leader } });
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    const exportMs = performance.now() - started;
    clearInterval(sampler);
    const exported = Buffer.concat(chunks);
    rows.push({
      label: `${kind}: export every project (${Math.round(exported.length / 1_048_576)} MB xlsx, streamed)`,
      value: `${(exportMs / 1000).toFixed(1)} s, RSS +${Math.round((peak - baseline) / 1_048_576)} MB`,
      goal: 'memory bounded',
    });

    // The whole province's export imported back: a reconciliation that finds nothing to do.
    const province = await login('js_officer');
    const auditBefore = await auditCount();
    const roundDry = await upload(exported, province, true);
    const roundCommit = await upload(exported, province, false);
    if (roundCommit.result.created !== 0 || roundCommit.result.updated !== 0 || (await auditCount()) !== auditBefore)
      throw new Error(`round trip wrote: ${counts(roundCommit.result)}`);
    rows.push({
      label: `${kind}: the whole province's 项目台账 export imported back, dry run`,
      value: `${(roundDry.ms / 1000).toFixed(1)} s (${counts(roundDry.result)})`,
      goal: 'unchanged = all',
    });
    rows.push({
      label: `${kind}: … and committed (nothing written: no version, no audit row)`,
      value: `${(roundCommit.ms / 1000).toFixed(1)} s`,
      goal: 'created 0, updated 0',
    });
    await app.close();
  } finally {
    await database.close();
    await cleanup();
  }
  return rows;
}
