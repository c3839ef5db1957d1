import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rowsOf, type DbOrTx } from './client.ts';

/**
 * Inserts many rows in one statement from one JSON parameter (`jsonb_populate_recordset`). Drizzle's query builder
 * spends seconds on thousands of wide rows; this does not. Columns missing from the rows take their defaults.
 * Returns the requested columns, keyed by their TypeScript names. `onConflict` is trusted SQL (an ON CONFLICT clause).
 */
export async function bulkInsert<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: T['$inferInsert'][],
  returning: (keyof T['$inferSelect'] & string)[] = [],
  onConflict?: string,
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(columns).filter((key) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const names = keys.map((key) => columns[key]!.name);
  const payload = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const value = (row as Record<string, unknown>)[key];
      out[columns[key]!.name] = value instanceof Date ? value.toISOString() : (value ?? null);
    }
    return out;
  });
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  const back = returning.length ? sql.raw(` returning ${returning.map((key) => `"${columns[key]!.name}" as "${key}"`).join(', ')}`) : sql``;
  const result = await db.execute(
    sql`insert into ${sql.raw(`"${getTableName(table)}"`)} (${list}) select ${list} from jsonb_populate_recordset(null::${sql.raw(`"${getTableName(table)}"`)}, ${JSON.stringify(payload)}::jsonb)${onConflict ? sql.raw(` ${onConflict}`) : sql``}${back}`,
  );
  return rowsOf<Record<string, unknown>>(result);
}
