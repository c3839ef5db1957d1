import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';
import { acquireDataDirLock } from './lock.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/** Rows of a raw `db.execute` result: node-postgres and PGlite both answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — the production path. */
  databaseUrl?: string;
  /** Folder for the embedded database; omitted means in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

/**
 * A connection that sends its statements one after another itself. Reads that are independent run side by side
 * (`Promise.all`); on the pool each takes its own connection, but inside a transaction they share one, where
 * node-postgres queues them and warns that pg@9 will refuse to. Chaining them here keeps that order and that
 * behaviour without the warning, whatever the caller.
 */
class OneAtATimeClient extends pg.Client {}
const clientQuery = pg.Client.prototype.query;
const tails = new WeakMap<pg.Client, Promise<unknown>>();
Object.defineProperty(OneAtATimeClient.prototype, 'query', {
  value: function query(this: pg.Client, ...args: unknown[]): unknown {
    // callbacks and submittables (cursors, streams) go straight through: drizzle sends neither
    const last = args[args.length - 1];
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof last === 'function' || typeof first?.submit === 'function') return Reflect.apply(clientQuery, this, args);
    const run = (tails.get(this) ?? Promise.resolve()).then(() => Reflect.apply(clientQuery, this, args) as Promise<unknown>);
    tails.set(
      this,
      run.catch(() => undefined),
    );
    return run;
  },
});

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, Client: OneAtATimeClient });
    // An idle connection the server closes (restart, failover, a dropped test database) emits 'error' on the pool;
    // unhandled, that would crash the process. The pool discards that client and opens a new one when next needed.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    await db.execute(sql`select 1`);
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  let releaseLock: (() => void) | undefined;
  let dataPath: string | undefined;
  if (options.dataDir) {
    releaseLock = acquireDataDirLock(options.dataDir);
    dataPath = path.join(options.dataDir, 'pgdata');
  }
  try {
    const client = await PGlite.create(dataPath ? { dataDir: dataPath } : {});
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        releaseLock?.();
      },
    };
  } catch (error) {
    releaseLock?.();
    throw error;
  }
}
