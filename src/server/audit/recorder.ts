import { clockNow } from '../../shared/calendar.ts';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { auditHead, auditLog } from './schema.ts';
import { canonicalJson, GENESIS_HASH, hashAuditRow } from './chain.ts';

/** Advisory lock that serializes appends (across instances), so `seq` has no gaps and the chain is linear. */
const AUDIT_LOCK_KEY = 7_426_002;

export type AuditOutcome = 'success' | 'failure' | 'denied';

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

/** Appends rows (one, or many for an import), chained in order, inside the caller's transaction. */
export async function appendAuditBatch(tx: DbOrTx, subject: AuditSubject, meta: Pick<RequestMeta, 'ip'>, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const occurredAt = clockNow();
  const rows: (typeof auditLog.$inferInsert)[] = [];
  for (const entry of entries) {
    seq += 1;
    const content = {
      seq,
      occurredAt,
      userId: subject.userId,
      username: subject.username,
      unitCode: subject.unitCode,
      action: entry.action,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId ?? null,
      changes: entry.changes ?? null,
      ip: meta.ip,
      outcome: entry.outcome ?? 'success',
      detail: entry.detail ?? null,
      prevHash,
    };
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

/** Field-level before/after for the audit log; secrets are never passed in. */
export function diffFields<T extends Record<string, unknown>>(before: T | null, after: T | null, fields: readonly (keyof T & string)[]): Record<string, { before: unknown; after: unknown }> {
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
