import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase } from '../testing/harness.ts';
import { rowsOf, type Database } from './client.ts';

describe.each(BACKENDS)('reads side by side inside a transaction, on %s', (backend) => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ database, dispose } = await openTestDatabase(backend)));
  afterAll(() => dispose());

  it('answers each in its order, without node-postgres warning that pg@9 will refuse them', async () => {
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listen);
    try {
      const answers = await database.db.transaction((tx) =>
        Promise.all([3, 1, 2].map(async (n) => rowsOf<{ n: number }>(await tx.execute(sql`select ${n}::int as n, pg_sleep(0.01)`))[0]!.n)),
      );
      expect(answers).toEqual([3, 1, 2]);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', listen);
    }
    expect(warnings.filter((message) => message.includes('already executing'))).toEqual([]);
  });

  it('still undoes the whole transaction when one of them fails', async () => {
    await database.db.execute(sql`create table side_by_side (n int)`);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into side_by_side values (1)`);
        await Promise.all([tx.execute(sql`select 1`), tx.execute(sql`select * from no_such_table`), tx.execute(sql`select 2`)]);
      }),
    ).rejects.toThrow();
    expect(rowsOf(await database.db.execute(sql`select * from side_by_side`))).toEqual([]);
  });
});
