import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { clockNow } from '../../shared/calendar.ts';
import { appendAudit } from '../audit/recorder.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { rowsOf, type Db, type DbOrTx, type Tx } from '../db/client.ts';

// A backup is portable between the two databases the product runs on: gzip'd NDJSON — a header line (format, the
// migrations it was taken at, each table's row count), then per table a line naming it and one JSON object per row
// (PostgreSQL's own row_to_json, read back by json_populate_recordset, so every type round-trips as PostgreSQL
// writes it). A PGlite office moves to a PostgreSQL server by backup there and restore here. Taken in one snapshot;
// restored in one transaction, checked (row counts, the audit chain) before it commits.

export const BACKUP_FORMAT = 'zhaoyin-backup';
const FORMAT_VERSION = 1;
const BATCH = 500;

interface Header {
  format: string;
  version: number;
  createdAt: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

export class BackupError extends Error {}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The product's tables (public schema, not the migration ledger), parents before children. */
async function tablesInOrder(db: DbOrTx): Promise<string[]> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'schema_migrations' order by table_name`,
    ),
  ).map((r) => r.name);
  const edges = rowsOf<{ child: string; parent: string }>(
    await db.execute(sql`select c.relname as child, p.relname as parent from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`),
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (table: string, path: Set<string>) => {
    if (placed.has(table) || path.has(table)) return;
    path.add(table);
    for (const edge of edges) if (edge.child === table) visit(edge.parent, path);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

async function migrationTags(db: DbOrTx): Promise<string[]> {
  return rowsOf<{ tag: string }>(await db.execute(sql`select tag from schema_migrations order by tag`)).map((r) => r.tag);
}

/** Writes a backup of the whole database to `file`; returns the tables and their row counts. */
export async function backupDatabase(db: Db, file: string): Promise<Header> {
  const temporary = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const out = fs.createWriteStream(temporary);
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  try {
    const header = await db.transaction(
      async (tx) => {
        const tables = await tablesInOrder(tx);
        const counts = [];
        for (const name of tables)
          counts.push({
            name,
            rows: Number(rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from ${quote(name)}`)))[0]!.n),
          });
        const header: Header = {
          format: BACKUP_FORMAT,
          version: FORMAT_VERSION,
          createdAt: clockNow().toISOString(),
          migrations: await migrationTags(tx),
          tables: counts,
        };
        await write(JSON.stringify(header));
        for (const { name } of counts) {
          await write(JSON.stringify({ table: name }));
          await tx.execute(sql.raw(`declare backup_rows no scroll cursor for select row_to_json(t)::text as j from ${quote(name)} t`));
          for (;;) {
            const batch = rowsOf<{ j: string }>(await tx.execute(sql.raw(`fetch ${BATCH} from backup_rows`)));
            for (const row of batch) await write(row.j);
            if (batch.length < BATCH) break;
          }
          await tx.execute(sql.raw('close backup_rows'));
        }
        return header;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await once(out, 'close');
    fs.renameSync(temporary, file);
    return header;
  } catch (error) {
    gzip.destroy();
    out.destroy();
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Rows that were never the operator's: what `migrate` seeds into a new database (units, settings, rates). */
const SEEDED = new Set(['units', 'unit_tree_version', 'project_deletion_mark', 'settings', 'exchange_rates']);

/** Whether the database holds anything besides what `migrate` seeds. */
export async function holdsData(db: DbOrTx): Promise<string[]> {
  const busy: string[] = [];
  for (const table of await tablesInOrder(db)) {
    if (SEEDED.has(table)) continue;
    const [row] = rowsOf<{ any: boolean }>(await db.execute(sql.raw(`select exists (select 1 from ${quote(table)}) as any`)));
    if (row?.any) busy.push(table);
  }
  return busy;
}

async function* lines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file).pipe(createGunzip());
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of reader) if (line) yield line;
}

async function insertBatch(tx: Tx, table: string, columns: string, rows: string[]): Promise<void> {
  if (!rows.length) return;
  const list = columns;
  await tx.execute(
    sql`${sql.raw(`insert into ${quote(table)} (${list}) overriding system value select ${list} from json_populate_recordset(null::${quote(table)}, `)}${`[${rows.join(',')}]`}::json)`,
  );
}

/**
 * Restores a backup into this (migrated) database, replacing everything in it: refused when the database holds data
 * unless `force`, or when the backup comes from other migrations. Row counts and the audit chain are checked inside
 * the transaction: a backup that does not restore whole restores nothing.
 */
export async function restoreDatabase(
  db: Db,
  file: string,
  options: { force: boolean },
): Promise<{ tables: { name: string; rows: number }[]; auditRows: number }> {
  if (!fs.existsSync(file)) throw new BackupError(`no such file: ${file}`);
  const source = lines(file);
  let header: Header;
  try {
    const first = await source.next();
    header = JSON.parse(first.done ? '{}' : first.value) as Header;
  } catch {
    throw new BackupError('not a Zhaoyin backup (unreadable header)');
  }
  if (header.format !== BACKUP_FORMAT || header.version !== FORMAT_VERSION) throw new BackupError('not a Zhaoyin backup (unknown format)');
  const here = await migrationTags(db);
  if (header.migrations.join() !== here.join()) {
    throw new BackupError(
      `the backup was taken at migration ${header.migrations.at(-1) ?? '(none)'}, this database is at ${here.at(-1) ?? '(none)'}: run the same version of Zhaoyin`,
    );
  }
  const busy = await holdsData(db);
  if (busy.length && !options.force)
    throw new BackupError(
      `the database already holds data (${busy.slice(0, 5).join(', ')}${busy.length > 5 ? ', …' : ''}); restore with --force to replace it`,
    );
  const tables = await tablesInOrder(db);
  const expected = new Map(header.tables.map((t) => [t.name, t.rows]));
  for (const name of expected.keys())
    if (!tables.includes(name)) throw new BackupError(`the backup has a table this database does not: ${name}`);

  const auditRows = await db.transaction(async (tx) => {
    // the audit log refuses TRUNCATE by trigger (append-only); lifted for this transaction only. The unit tree's token
    // is restored with its table (not written by the units trigger meanwhile), then replaced below, so no instance's
    // copy of the tree survives the restore.
    await tx.execute(sql.raw('alter table units disable trigger units_tree_changed'));
    await tx.execute(sql.raw('alter table audit_log disable trigger audit_log_no_truncate'));
    await tx.execute(sql.raw(`truncate ${tables.map(quote).join(', ')} restart identity cascade`));
    await tx.execute(sql.raw('alter table audit_log enable trigger audit_log_no_truncate'));
    const columnsOf = new Map<string, string>();
    for (const table of tables) {
      const columns = rowsOf<{ name: string }>(
        await tx.execute(
          sql`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`,
        ),
      );
      columnsOf.set(table, columns.map((c) => quote(c.name)).join(', '));
    }
    let table: string | null = null;
    let batch: string[] = [];
    for await (const line of source) {
      if (line.startsWith('{"table":')) {
        if (table) await insertBatch(tx, table, columnsOf.get(table)!, batch);
        batch = [];
        table = (JSON.parse(line) as { table: string }).table;
        if (!columnsOf.has(table)) throw new BackupError(`unknown table in the backup: ${table}`);
        continue;
      }
      if (!table) throw new BackupError('a row before any table');
      batch.push(line);
      if (batch.length >= BATCH) {
        await insertBatch(tx, table, columnsOf.get(table)!, batch);
        batch = [];
      }
    }
    if (table) await insertBatch(tx, table, columnsOf.get(table)!, batch);
    // serial columns continue after the restored ids
    const sequences = rowsOf<{ table: string; column: string; sequence: string }>(
      await tx.execute(sql`select c.table_name as table, c.column_name as column, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) as sequence
        from information_schema.columns c where c.table_schema = 'public' and pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) is not null`),
    );
    for (const s of sequences)
      await tx.execute(
        sql.raw(`select setval('${s.sequence}', coalesce((select max(${quote(s.column)}) from ${quote(s.table)}), 0) + 1, false)`),
      );
    for (const [name, rows] of expected) {
      const [count] = rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from ${quote(name)}`)));
      if (Number(count!.n) !== rows) throw new BackupError(`${name}: ${count!.n} rows restored, the backup holds ${rows}`);
    }
    await tx.execute(sql.raw('alter table units enable trigger units_tree_changed'));
    await tx.execute(sql.raw('update unit_tree_version set token = gen_random_uuid()'));
    const report = await verifyAuditChain(tx);
    if (!report.ok)
      throw new BackupError(
        `the restored audit log does not verify (${report.problemCount} problem(s), first at seq ${report.problems[0]?.seq ?? '?'})`,
      );
    await appendAudit(
      tx,
      { userId: null, username: 'cli', unitCode: null },
      { ip: null },
      {
        action: 'system.restore',
        objectType: 'database',
        objectId: header.createdAt,
        detail: `restored ${header.tables.reduce((sum, t) => sum + t.rows, 0)} rows from a backup of ${header.createdAt}`,
      },
    );
    return report.checked;
  });
  return { tables: header.tables, auditRows };
}
