// `npm run bench [cold|ledger-postgres|ledger-pglite|floor-postgres|floor-pglite|cockpit-postgres|cockpit-pglite|deadline-postgres|deadline-pglite|chains-postgres|chains-pglite|staff-postgres|staff-pglite …]`: runs the benchmarks and prints Markdown for the README.
import os from 'node:os';
import { coldStart } from './cold-start.ts';
import { benchChains } from './chains.ts';
import { benchStaff } from './staff.ts';
import { benchCockpit } from './cockpit.ts';
import { benchDeadline } from './deadline.ts';
import { benchFloor } from './floor.ts';
import { benchLedger, type BenchRow } from './ledger.ts';

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const wanted = process.argv.slice(2);
const all = wanted.length === 0;
const rows: BenchRow[] = [];
const log = (line: string) => console.error(line);

if (all || wanted.includes('cold'))
  for (const row of await coldStart())
    rows.push({
      label: row.label,
      value: `${fmt(median(row.values))} (runs: ${row.values.map(fmt).join(', ')})`,
      goal: row.label.includes('existing') ? '< 3 s' : '< 15 s',
    });
if (all || wanted.includes('ledger-postgres')) rows.push(...(await benchLedger('postgres', log)));
if (all || wanted.includes('ledger-pglite')) rows.push(...(await benchLedger('pglite', log)));
if (all || wanted.includes('floor-postgres')) rows.push(...(await benchFloor('postgres', log)));
if (all || wanted.includes('floor-pglite')) rows.push(...(await benchFloor('pglite', log)));
if (all || wanted.includes('cockpit-postgres')) rows.push(...(await benchCockpit('postgres', log)));
if (all || wanted.includes('cockpit-pglite')) rows.push(...(await benchCockpit('pglite', log)));
if (all || wanted.includes('chains-postgres')) rows.push(...(await benchChains('postgres', log)));
if (all || wanted.includes('chains-pglite')) rows.push(...(await benchChains('pglite', log)));
if (all || wanted.includes('staff-postgres')) rows.push(...(await benchStaff('postgres', log)));
if (all || wanted.includes('staff-pglite')) rows.push(...(await benchStaff('pglite', log)));
if (all || wanted.includes('deadline-postgres')) rows.push(...(await benchDeadline('postgres', log)));
if (all || wanted.includes('deadline-pglite')) rows.push(...(await benchDeadline('pglite', log)));

console.log(
  `\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
console.log('| benchmark | p50 | p95 / result | goal |');
console.log('|---|---|---|---|');
for (const row of rows)
  console.log(
    `| ${row.label} | ${row.p50 !== undefined ? fmt(row.p50) : ''} | ${[row.p95 !== undefined ? fmt(row.p95) : '', row.value ?? ''].filter(Boolean).join(' — ')} | ${row.goal ?? ''} |`,
  );
