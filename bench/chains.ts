// Chain-map and company-register benchmarks on province-scale data (issue 15): the coverage of a 60-link chain over
// the province's ~100,000 projects and 50,000 companies, at province, city and district level, and an import of
// 10,000 companies — all through the HTTP API.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { buildApp } from '../src/server/app.ts';
import { insertCompanies, replaceCompanyLinks } from '../src/server/companies/repository.ts';
import { DEMO_PASSWORD } from '../src/server/demo/fixtures.ts';
import { seededRandom } from '../src/server/demo/random.ts';
import { creditCodeCheckChar } from '../src/shared/projects/creditCode.ts';
import { rowsOf } from '../src/server/db/client.ts';
import { multipart } from '../src/server/testing/harness.ts';
import { loadProvince, openBenchDatabase, percentile, type BenchRow } from './ledger.ts';

const SEGMENTS = ['upstream', 'midstream', 'downstream'] as const;
const code = (n: number) => {
  const first = `91320000MA${String(n).padStart(7, '0')}`;
  return first + creditCodeCheckChar(first);
};

export async function benchChains(kind: 'postgres' | 'pglite', log: (line: string) => void): Promise<BenchRow[]> {
  const { database, cleanup } = await openBenchDatabase(kind, 'zhaoyin_bench_chains');
  const rows: BenchRow[] = [];
  const random = seededRandom(15);
  try {
    await loadProvince(database, kind, log);
    const { app } = await buildApp({ db: database.db });
    const login = async (username: string) => {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      return `zhaoyin_session=${response.cookies.find((c) => c.name === 'zhaoyin_session')!.value}`;
    };
    const officer = await login('js_officer');
    // a province chain of 60 links, 20 per segment, every fourth under the one before
    const links = Array.from({ length: 60 }, (_, i) => ({
      key: `L${i + 1}`,
      name: `环节${i + 1}`,
      segment: SEGMENTS[Math.floor(i / 20)]!,
      ...(i % 4 === 3 ? { parent: `L${i}` } : {}),
    }));
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/chains',
      headers: { cookie: officer },
      payload: { unit: '320000', name: '新一代信息技术', links },
    });
    if (created.statusCode !== 201) throw new Error(`chain: ${created.statusCode} ${created.body}`);
    const chainId = (created.json() as { id: string }).id;

    // 50,000 companies over the province's districts, one or two links each; a fifth of the projects on a link
    const districts = rowsOf<{ code: string; path: string }>(
      await database.db.execute(sql`select code, path from units where level = 'district'`),
    );
    const t0 = performance.now();
    for (let batch = 0; batch < 50; batch++) {
      const values = Array.from({ length: 1000 }, (_, i) => {
        const n = batch * 1000 + i;
        const unit = districts[Math.floor(random() * districts.length)]!;
        const local = random() < 0.7;
        return {
          name: `基准企业${n}有限公司`,
          creditCode: code(1_000_000 + n),
          kind: local ? ('local' as const) : ('target' as const),
          unitCode: unit.code,
          unitPath: unit.path,
          location: local ? null : '上海市',
          tags: random() < 0.05 ? ['chain_leader'] : [],
          pipelineStage: local ? null : ('target' as const),
        };
      });
      const inserted = await insertCompanies(database.db, values);
      await replaceCompanyLinks(
        database.db,
        new Map(
          inserted.map((row) => {
            const first = 1 + Math.floor(random() * 60);
            const second = 1 + Math.floor(random() * 60);
            return [row.id, [...new Set([first, second])].map((k) => ({ chainId, linkKey: `L${k}` }))];
          }),
        ),
      );
    }
    await database.db.execute(
      sql`update projects set chain = '新一代信息技术/环节' || (1 + abs(hashtext(id::text)) % 60)::text where abs(hashtext(id::text)) % 5 = 0`,
    );
    await database.db.execute(sql`vacuum analyze`);
    log(`${kind}: 50,000 companies and their links in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const time = async (url: string) => {
      const started = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { cookie: officer } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      return performance.now() - started;
    };
    const maps = ['320000', '320500', '321084'].map((unit) => `/api/v1/chains/${chainId}/coverage?unit=${unit}`);
    for (const url of maps) await time(url);
    const times: number[] = [];
    for (let round = 0; round < 15; round++) for (const url of maps) times.push(await time(url));
    rows.push({
      label: `${kind}: chain map of a 60-link chain (province, a city, a district) over 50,000 companies and the province's projects`,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      goal: kind === 'postgres' ? 'p95 < 300 ms' : '',
    });

    // an import of 10,000 companies, checked and written in one request; then the same sheet again (all unchanged)
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('企业');
    sheet.addRow(['企业名称', '统一社会信用代码', '企业类型', '所属单位', '所在地', '产业链环节', '标签', '营业收入(万元)']);
    for (let n = 0; n < 10_000; n++) {
      const unit = districts[n % districts.length]!;
      sheet.addRow([
        `导入企业${n}有限公司`,
        code(2_000_000 + n),
        n % 3 ? '在地企业' : '目标企业',
        unit.code,
        n % 3 ? null : '深圳市',
        `新一代信息技术/环节${1 + (n % 60)}`,
        n % 20 ? null : '链主',
        1000 + n,
      ]);
    }
    const body = multipart(Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
    const upload = async () => {
      const started = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/companies/import',
        payload: body.payload,
        headers: { ...body.headers, cookie: officer },
      });
      if (response.statusCode !== 200) throw new Error(`import: ${response.statusCode} ${response.body.slice(0, 300)}`);
      return { ms: performance.now() - started, result: response.json() as { created: number; unchanged: number } };
    };
    const first = await upload();
    const again = await upload();
    rows.push({
      label: `${kind}: company import of 10,000 rows (${first.result.created} created; again: ${again.result.unchanged} unchanged)`,
      value: `${(first.ms / 1000).toFixed(1)} s; again ${(again.ms / 1000).toFixed(1)} s`,
      goal: '< 20 s',
    });
    await app.close();
  } finally {
    await database.close();
    await cleanup();
  }
  return rows;
}
