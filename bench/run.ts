// `npm run bench`: runs the benchmarks and prints a Markdown table for the README.
import os from 'node:os';
import { coldStart } from './cold-start.ts';

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const rows = [...(await coldStart())];
console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
console.log('| benchmark | median | runs |');
console.log('|---|---|---|');
for (const row of rows) console.log(`| ${row.label} | ${fmt(median(row.values))} | ${row.values.map(fmt).join(', ')} |`);
