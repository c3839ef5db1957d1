import { createHash } from 'node:crypto';

// Pure hash-chain rules: what a row's hash covers, and how the chain is checked.

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRowContent {
  seq: number;
  occurredAt: Date;
  userId: string | null;
  username: string | null;
  unitCode: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  changes: unknown;
  ip: string | null;
  outcome: string;
  detail: string | null;
  prevHash: string;
}

/** JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashAuditRow(row: AuditRowContent): string {
  const material = canonicalJson([
    row.seq,
    row.occurredAt.toISOString(),
    row.userId,
    row.username,
    row.unitCode,
    row.action,
    row.objectType,
    row.objectId,
    row.changes ?? null,
    row.ip,
    row.outcome,
    row.detail,
    row.prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

export type ChainProblem =
  | { seq: number; kind: 'altered' }
  | { seq: number; kind: 'removed_before' } // a row (or rows) before this one is missing
  | { seq: number; kind: 'relinked' } // prev_hash does not match the row before
  | { seq: number; kind: 'tail_removed' }; // the last rows were removed (head says more)

/** Walks rows in seq order; keeps the state between batches so a large log is checked in bounded memory. */
export class ChainVerifier {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  checked = 0;

  /** The row's problem, if any; the walk goes on from the row as stored, so every broken row is reported, not just the first. */
  check(row: AuditRowContent & { hash: string }): ChainProblem | null {
    this.checked++;
    let problem: ChainProblem | null = null;
    if (row.seq !== this.expectedSeq) problem = { seq: row.seq, kind: 'removed_before' };
    else if (row.prevHash !== this.previousHash) problem = { seq: row.seq, kind: 'relinked' };
    else if (hashAuditRow(row) !== row.hash) problem = { seq: row.seq, kind: 'altered' };
    this.expectedSeq = row.seq + 1;
    this.previousHash = row.hash;
    return problem;
  }

  finish(head: { seq: number; hash: string } | null): ChainProblem | null {
    const lastSeq = this.expectedSeq - 1;
    if (head && (head.seq !== lastSeq || head.hash !== this.previousHash)) return { seq: lastSeq + 1, kind: 'tail_removed' };
    return null;
  }
}
