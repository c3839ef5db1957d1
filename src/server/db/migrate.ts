import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './client.ts';

// The migrations folder of the package this file belongs to, found upwards: the same from src/server/db (tsx) and from
// dist/server (the bundle `npm start` runs).
function findMigrations(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'migrations');
    if (fs.existsSync(path.join(candidate, 'meta/_journal.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no migrations folder above ${from}`);
  }
}
const MIGRATIONS_DIR = findMigrations(path.dirname(fileURLToPath(import.meta.url)));
/** Advisory lock key: several instances starting together apply migrations once. */
const MIGRATION_LOCK_KEY = 7_426_001;

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function listMigrations(): { tag: string; statements: string[] }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as Journal;
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((entry) => ({
      tag: entry.tag,
      statements: fs
        .readFileSync(path.join(MIGRATIONS_DIR, `${entry.tag}.sql`), 'utf8')
        .split('--> statement-breakpoint')
        .map((statement) => statement.trim())
        .filter((statement) => statement.length > 0),
    }));
}

/** Applies pending migrations, each in its own transaction. Returns the tags applied. */
export async function applyMigrations(db: Db): Promise<string[]> {
  const applied: string[] = [];
  await db.execute(sql`create table if not exists schema_migrations (tag text primary key, applied_at timestamptz not null default now())`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    const done = rowsOf<{ tag: string }>(await tx.execute(sql`select tag from schema_migrations`));
    const doneTags = new Set(done.map((row) => row.tag));
    for (const migration of listMigrations()) {
      if (doneTags.has(migration.tag)) continue;
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into schema_migrations (tag) values (${migration.tag})`);
      applied.push(migration.tag);
    }
  });
  return applied;
}
