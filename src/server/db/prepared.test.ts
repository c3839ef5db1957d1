import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase } from '../testing/harness.ts';
import type { Database } from './client.ts';
import { rowsOf } from './client.ts';
import { executePrepared } from './prepared.ts';

describe.each(BACKENDS)('statements built per request, run prepared, on %s', (backend) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ database, dispose } = await openTestDatabase(backend)));
  afterAll(() => dispose());

  const codesLike = async (prefix: string) =>
    rowsOf<{ code: string }>(
      await executePrepared(database.db, sql`select code from units where path like ${`${prefix}%`} order by code limit ${3}`),
    ).map((row) => row.code);

  it('answers each run with its own values, the same text reused', async () => {
    const yangzhou = await codesLike('/320000/321000/');
    const suzhou = await codesLike('/320000/320500/');
    expect(yangzhou[0]).toBe('321000');
    expect(suzhou[0]).toBe('320500');
    expect(await codesLike('/320000/321000/')).toEqual(yangzhou);
    // many texts on one connection, beyond the named ones: every one still answers
    for (let i = 0; i < 450; i++) {
      const [row] = rowsOf<{ n: number }>(await executePrepared(database.db, sql`select ${i}::int + ${sql.raw(String(i))} as n`));
      expect(row!.n).toBe(2 * i);
    }
  });

  it('runs inside a transaction, and fails there as any statement does', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        expect(rowsOf(await executePrepared(tx, sql`select 1 as one`))).toEqual([{ one: 1 }]);
        await executePrepared(tx, sql`select * from no_such_table`);
      }),
    ).rejects.toThrow(/no_such_table/);
  });
});
