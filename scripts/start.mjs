// `npm start`: builds what is out of date, then runs the server in this process. The web UI is built by Vite when
// its sources changed (ensure-web-build); the server is bundled by esbuild into dist/server when its sources changed,
// so a start runs plain JavaScript instead of compiling TypeScript through a loader on every start (seconds).
import fs from 'node:fs';
import v8 from 'node:v8';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, newest } from './sources.mjs';
import './ensure-web-build.mjs';

const out = path.join(root, 'dist/server');
const entry = path.join(out, 'main.mjs');
const sources = Math.max(
  newest(path.join(root, 'src/server')),
  newest(path.join(root, 'src/shared')),
  fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
  fs.statSync(new URL(import.meta.url)).mtimeMs,
);
if (!fs.existsSync(entry) || fs.statSync(entry).mtimeMs < sources) {
  const { build } = await import('esbuild');
  await build({
    // the worker's output name matches src/server/excel/ledger-worker.mjs, so `new URL('./ledger-worker.mjs', …)` in
    // parse-worker.ts finds it beside the bundle as it finds the tsx shim beside the source
    entryPoints: {
      main: path.join(root, 'src/server/main.ts'),
      'ledger-worker': path.join(root, 'src/server/excel/ledger-worker.ts'),
    },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external', // node_modules stay where npm put them
    sourcemap: true,
    logLevel: 'warning',
  });
}
// A server holds ~50 MB of live objects and makes garbage fast (a province page of alerts is ~5 MB of it): V8's
// default lets the old generation grow to up to 4× what survived the last full collection before collecting again, so
// an idle server kept 300+ MB of garbage. 1.5× keeps it near 200 MB; the measured latencies did not change (DECISIONS).
v8.setFlagsFromString('--heap-growing-percent=50');
process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources
await import(pathToFileURL(entry).href);
