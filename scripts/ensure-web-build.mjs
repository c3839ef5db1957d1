// Builds the web UI when dist/web is missing or older than its sources, so `npm start` always serves the current UI.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newest, root } from './sources.mjs';

const built = path.join(root, 'dist/web/index.html');
const sources = Math.max(
  newest(path.join(root, 'src/web')),
  newest(path.join(root, 'src/shared')),
  fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs,
);
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('Building the web UI (vite build)…');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}
