// Ledger benchmarks on province-scale data (100,000 projects): list and summary latency through the HTTP API,
// a 10,000-row import, and a streamed export of every project with the process's memory watched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
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
      项目名称: `${p.name}（导入${i}）`, 所属单位: p.unitCode, 投资方: p.investorName, 内外资: p.capitalType === 'domestic' ? '内资' : p.capitalType === 'foreign' ? '外资' : '中外合资',
      币种: p.currency === 'CNY' ? '人民币' : '美元', 总投资: p.totalInvestment, 当前阶段: STAGE_LABELS[p.stage as keyof typeof STAGE_LABELS].zh, 统一社会信用代码: p.investorCreditCode,
      产业链: p.chain, 首次填报日期: p.firstReportedOn, 签约日期: p.dates?.signed, 注册日期: p.dates?.registered, 开工日期: p.dates?.started, 竣工日期: p.dates?.completed,
      投产日期: p.dates?.producing, 达产日期: p.dates?.at_capacity, 入库列统日期: p.listedOn, 状态: p.status === 'terminated' ? '终止' : '正常', 终止日期: p.terminatedOn, 建设内容: p.content,
    };
    sheet.addRow(TEMPLATE_COLUMNS.map((c) => byHeader[c.header] ?? null));
  }
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function multipart(buffer: Buffer) {
  const boundary = '----bench' + Date.now();
  return {
    payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`), buffer, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A fresh database for a benchmark: a throw-away PostgreSQL database, or a PGlite folder in the temp directory. */
export async function openBenchDatabase(kind: 'postgres' | 'pglite', name = 'zhaoyin_bench'): Promise<{ database: Database; cleanup: () => Promise<void> }> {
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
    const time = async (url: string, cookie: string) => {
      const t0 = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      return performance.now() - t0;
    };
    const lists = ['/api/v1/projects?page=1&pageSize=20', '/api/v1/projects?stage=started&page=2&pageSize=50', '/api/v1/projects?tier=10&sort=totalInvestmentWan&order=desc', '/api/v1/projects?q=芯片', '/api/v1/projects?q=轴承&unit=321000', '/api/v1/projects?unit=320500&capitalType=foreign', '/api/v1/projects?chain=生物医药&dateField=signed&from=2025-01-01&to=2025-12-31'];
    for (const url of lists) await time(url, leader); // warm up
    const listTimes: number[] = [];
    for (let round = 0; round < 15; round++) for (const url of lists) listTimes.push(await time(url, leader));
    rows.push({ label: `${kind}: filtered list (province scope, 7 filter mixes × 15)`, p50: percentile(listTimes, 50), p95: percentile(listTimes, 95), goal: kind === 'postgres' ? 'p95 < 100 ms' : 'p95 < 300 ms' });
    const summaries = ['/api/v1/projects/summary?unit=320000&asOf=2026-06-30', '/api/v1/projects/summary?unit=320000&asOf=2025-12-31', '/api/v1/projects/summary?unit=321000&asOf=2026-03-31', '/api/v1/projects/summary?unit=320500'];
    for (const url of summaries) await time(url, leader);
    const summaryTimes: number[] = [];
    for (let round = 0; round < 15; round++) for (const url of summaries) summaryTimes.push(await time(url, leader));
    rows.push({ label: `${kind}: summary as of a date (province and city)`, p50: percentile(summaryTimes, 50), p95: percentile(summaryTimes, 95), goal: kind === 'postgres' ? 'p95 < 200 ms' : 'p95 < 600 ms' });

    const sheet = await importSheet(10_000);
    const officer = await login('yz_officer');
    const body = multipart(sheet);
    started = performance.now();
    const imported = await app.inject({ method: 'POST', url: '/api/v1/projects/import', payload: body.payload, headers: { ...body.headers, cookie: officer } });
    const importMs = performance.now() - started;
    if (imported.statusCode !== 200) throw new Error(`import: ${imported.statusCode} ${imported.body.slice(0, 500)}`);
    rows.push({ label: `${kind}: import a 10,000-row sheet (${JSON.parse(imported.body).created} created)`, value: `${(importMs / 1000).toFixed(1)} s`, goal: kind === 'postgres' ? '< 20 s' : '< 60 s' });

    // Export through a real socket, reading the stream, with RSS sampled.
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    started = performance.now();
    const response = await fetch(`${address}/api/v1/projects/export?layout=ledger`, { headers: { cookie: leader } });
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    const exportMs = performance.now() - started;
    clearInterval(sampler);
    rows.push({ label: `${kind}: export every project (${Math.round(bytes / 1_048_576)} MB xlsx, streamed)`, value: `${(exportMs / 1000).toFixed(1)} s, RSS +${Math.round((peak - baseline) / 1_048_576)} MB`, goal: 'memory bounded' });
    await app.close();
  } finally {
    await database.close();
    await cleanup();
  }
  return rows;
}
