const { openDatabase } = await import('/work/main/src/server/db/client.ts');
const { buildApp } = await import('/work/main/src/server/app.ts');
const db = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/zhaoyin_probe' });
const { app } = await buildApp({ db: db.db });
const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'js_leader', password: 'Zhaoyin@2026' } });
const cookie = `zhaoyin_session=${r.cookies.find((c) => c.name === 'zhaoyin_session')!.value}`;
const urls = ['/api/v1/projects?page=1&pageSize=20', '/api/v1/projects?stage=started&page=2&pageSize=50', '/api/v1/projects?tier=10&sort=totalInvestmentWan&order=desc', '/api/v1/projects?q=芯片', '/api/v1/projects?q=轴承&unit=321000', '/api/v1/projects?unit=320500&capitalType=foreign', '/api/v1/projects?chain=生物医药&dateField=signed&from=2025-01-01&to=2025-12-31', '/api/v1/projects/summary?unit=320000&asOf=2026-06-30', '/api/v1/projects/summary?unit=321000&asOf=2026-03-31', '/api/v1/me'];
for (const url of urls) { const times = []; for (let i = 0; i < 8; i++) { const t = performance.now(); await app.inject({ method: 'GET', url, headers: { cookie } }); times.push(performance.now() - t); } times.sort((a,b)=>a-b); console.log(times[4].toFixed(0).padStart(5), 'ms', url); }
await app.close(); await db.close();
