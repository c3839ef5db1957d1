// The pattern every capability follows (docs/CONTRIBUTING.md), checked: routes hold no SQL and touch no table.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const serverDir = join(import.meta.dirname);
const routeFiles = readdirSync(serverDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(serverDir, entry.name, 'routes.ts')))
  .map((entry) => `src/server/${entry.name}/routes.ts`);

// Not yet moved onto the pattern (issue 13); this list only shrinks.
const NOT_YET = ['src/server/projects/routes.ts', 'src/server/reporting/routes.ts'];

describe('the capability pattern', () => {
  it('keeps SQL out of routes: no routes.ts imports drizzle-orm except those still to move', () => {
    const withSql = routeFiles.filter((file) => /from 'drizzle-orm'/.test(readFileSync(join(serverDir, '..', '..', file), 'utf8')));
    expect(withSql.sort()).toEqual(NOT_YET.filter((file) => withSql.includes(file)).sort());
    expect(routeFiles.length).toBeGreaterThan(12);
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
