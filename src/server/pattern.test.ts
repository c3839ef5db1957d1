// The pattern every capability follows (docs/CONTRIBUTING.md), checked: routes hold no SQL and touch no table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const serverDir = join(import.meta.dirname);
const root = join(serverDir, '..', '..');
const isRouteFile = (name: string) => name === 'routes.ts' || /Routes\.ts$/.test(name);
const sourceFiles = readdirSync(serverDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    readdirSync(join(serverDir, entry.name))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => `src/server/${entry.name}/${name}`),
  );
const routeFiles = sourceFiles.filter((file) => isRouteFile(file.split('/').pop()!));
const text = (file: string) => readFileSync(join(root, file), 'utf8');

describe('the capability pattern', () => {
  it('keeps SQL out of routes: no route file imports drizzle-orm or a table', () => {
    const withSql = routeFiles.filter((file) => /from 'drizzle-orm'|\/schema\.ts'/.test(text(file)));
    expect(withSql).toEqual([]);
    expect(routeFiles.length).toBeGreaterThan(15);
  });

  it('registers routes only in route files (so the lint rule sees every one)', () => {
    const registering = sourceFiles.filter((file) => /\bapp\.(get|post|put|patch|delete)\(/.test(text(file)));
    expect(registering.filter((file) => !isRouteFile(file.split('/').pop()!))).toEqual([]);
    expect(registering.length).toBeGreaterThan(15);
  });

  it('has a lint rule that fails a route file importing drizzle-orm or a table', async () => {
    const eslint = new ESLint({ cwd: join(serverDir, '..', '..') });
    const text = "import { sql } from 'drizzle-orm';\nimport { units } from '../units/schema.ts';\nexport const x = [sql, units];\n";
    const [result] = await eslint.lintText(text, { filePath: 'src/server/newcapability/routes.ts' });
    const messages = result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line);
    expect(messages).toEqual([1, 2]);
    const [elsewhere] = await eslint.lintText(text, { filePath: 'src/server/newcapability/queries.ts' });
    expect(elsewhere!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});
