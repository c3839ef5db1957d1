#!/usr/bin/env node
// `npx zhaoyin <command>`: runs the TypeScript CLI through tsx (no build step for the server).
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli.ts');
