import { clockNow } from '../../shared/calendar.ts';
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { auditHead, auditLog } from './schema.ts';
import { canonicalJson, GENESIS_HASH, hashAuditRow } from './chain.ts';

/** Advisory lock that serializes appends (across instances), so `seq` has no gaps and the chain is linear. */
const AUDIT_LOCK_KEY = 7_426_002;

import type { AuditOutcome } from '../../shared/api/audit.ts';
export type { AuditOutcome };

export interface AuditEntry {
  action: string; // e.g. 'auth.login', 'user.create', 'unit.update'
  objectType?: string;
  objectId?: string;
  changes?: Record<string, unknown>;
  outcome?: AuditOutcome;
  detail?: string;
}

export interface AuditSubject {
  userId: string | null;
  username: string | null;
  unitCode: string | null;
}

export const subjectOf = (actor: Actor | null): AuditSubject =>
  actor ? { userId: actor.userId, username: actor.username, unitCode: actor.unitCode } : { userId: null, username: null, unitCode: null };

/**
 * Appends one row to the audit log inside the caller's transaction. When it fails the transaction fails,
 * so no business change is ever made without its audit row.
 */
export async function appendAudit(tx: DbOrTx, subject: AuditSubject, meta: Pick<RequestMeta, 'ip'>, entry: AuditEntry): Promise<void> {
  await appendAuditBatch(tx, subject, meta, [entry]);
}

/**
 * Appends rows (one, or many for an import), chained in order, inside the caller's transaction — or, handed the
 * database itself, in a transaction of their own: the chain's advisory lock is a transaction lock, and an append
 * outside one would release it at once (rows lost or refused under concurrent load).
 */
export async function appendAuditBatch(
  tx: DbOrTx,
  subject: AuditSubject,
  meta: Pick<RequestMeta, 'ip'>,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await writeRows(
    tx,
    entries.map((entry) => ({ subject, ip: meta.ip, entry })),
  );
}

interface PendingRow {
  subject: AuditSubject;
  ip: string | null;
  entry: AuditEntry;
}

const isTransaction = (db: DbOrTx): boolean => typeof (db as { rollback?: unknown }).rollback === 'function';

async function writeRows(db: DbOrTx, pending: PendingRow[]): Promise<void> {
  if (!isTransaction(db)) {
    await (db as Db).transaction((tx) => writeRows(tx, pending));
    return;
  }
  const tx = db;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const occurredAt = clockNow();
  const rows: (typeof auditLog.$inferInsert)[] = [];
  for (const { subject, ip, entry } of pending) {
    seq += 1;
    // hashed exactly as it will be stored: the driver sends UTF-8, where a lone surrogate cannot exist
    const content = storable({
      seq,
      occurredAt,
      userId: subject.userId,
      username: subject.username,
      unitCode: subject.unitCode,
      action: entry.action,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId ?? null,
      changes: entry.changes ?? null,
      ip,
      outcome: entry.outcome ?? 'success',
      detail: entry.detail ?? null,
      prevHash,
    });
    const hash = hashAuditRow(content);
    rows.push({ ...content, hash });
    prevHash = hash;
  }
  for (let i = 0; i < rows.length; i += 1_000) await tx.insert(auditLog).values(rows.slice(i, i + 1_000));
  await tx
    .insert(auditHead)
    .values({ id: 1, seq, hash: prevHash })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq, hash: prevHash } });
}

/**
 * Text as PostgreSQL stores it: lone UTF-16 surrogates (which UTF-8 cannot carry; the driver sends U+FFFD) and NUL
 * (which text and jsonb refuse) become U+FFFD, at every depth. The audit row is hashed after this, so what is stored
 * verifies — whatever bytes a caller sent.
 */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.toWellFormed().replaceAll('\u0000', '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  return value;
}

/**
 * Appends that belong to no business change (a denial, a failed sign-in, an export) are committed in groups: each
 * caller waits until its row is committed (so it still fails closed), but a burst of them takes the chain's lock once
 * per group instead of once per row. Per database handle; the lock still orders groups across instances.
 */
class AuditQueue {
  private pending: (PendingRow & { resolve: () => void; reject: (error: unknown) => void })[] = [];
  private flushing = false;

  constructor(private readonly db: Db) {}

  append(row: PendingRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...row, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, QUEUE_GROUP);
      let error: unknown = null;
      for (let attempt = 0; attempt < QUEUE_ATTEMPTS; attempt++) {
        try {
          await writeRows(this.db, group);
          error = null;
          break;
        } catch (failure) {
          error = failure;
          await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        }
      }
      for (const item of group) {
        if (error) item.reject(error);
        else item.resolve();
      }
    }
    this.flushing = false;
  }
}

const QUEUE_GROUP = 500;
const QUEUE_ATTEMPTS = 5;
const queues = new WeakMap<object, AuditQueue>();

/** An audit row of no business transaction, committed with others arriving at the same moment; resolves once committed. */
export function appendAuditSoon(db: Db, subject: AuditSubject, meta: Pick<RequestMeta, 'ip'>, entry: AuditEntry): Promise<void> {
  let queue = queues.get(db);
  if (!queue) {
    queue = new AuditQueue(db);
    queues.set(db, queue);
  }
  return queue.append({ subject, ip: meta.ip, entry });
}

/** Field-level before/after for the audit log; secrets are never passed in. */
export function diffFields<T extends Record<string, unknown>>(
  before: T | null,
  after: T | null,
  fields: readonly (keyof T & string)[],
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of fields) {
    const a = before ? normalize(before[field]) : null;
    const b = after ? normalize(after[field]) : null;
    // canonically: jsonb keeps object keys in its own order, so {name, title} read back as {name, phone, title} is no change
    if (canonicalJson(a) !== canonicalJson(b)) changes[field] = { before: a, after: b };
  }
  return changes;
}

function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}
