import { describe, expect, it } from 'vitest';
import { canonicalJson, ChainVerifier, GENESIS_HASH, hashAuditRow, type AuditRowContent } from './chain.ts';

function chain(n: number): (AuditRowContent & { hash: string })[] {
  const rows: (AuditRowContent & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content: AuditRowContent = {
      seq,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      userId: 'u',
      username: 'alice',
      unitCode: '321003',
      action: 'x.update',
      objectType: 'x',
      objectId: String(seq),
      changes: { b: { before: 1, after: 2 }, a: null },
      ip: '127.0.0.1',
      outcome: 'success',
      detail: null,
      prevHash,
    };
    const hash = hashAuditRow(content);
    rows.push({ ...content, hash });
    prevHash = hash;
  }
  return rows;
}

function verify(rows: (AuditRowContent & { hash: string })[], head: { seq: number; hash: string } | null) {
  const verifier = new ChainVerifier();
  for (const row of rows) {
    const problem = verifier.check(row);
    if (problem) return problem;
  }
  return verifier.finish(head);
}

describe('audit hash chain', () => {
  it('does not depend on key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(canonicalJson({ a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }));
  });
  it('accepts an intact chain', () => {
    const rows = chain(5);
    expect(verify(rows, { seq: 5, hash: rows[4]!.hash })).toBeNull();
  });
  it('finds an altered row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, username: 'mallory' };
    expect(verify(rows, { seq: 5, hash: rows[4]!.hash })).toEqual({ seq: 3, kind: 'altered' });
  });
  it('finds a removed row, and removed last rows', () => {
    const rows = chain(5);
    expect(verify([...rows.slice(0, 2), ...rows.slice(3)], { seq: 5, hash: rows[4]!.hash })).toEqual({ seq: 4, kind: 'removed_before' });
    expect(verify(rows.slice(0, 4), { seq: 5, hash: rows[4]!.hash })).toEqual({ seq: 5, kind: 'tail_removed' });
  });
  it('finds a row re-hashed after editing (its successor no longer links to it)', () => {
    const rows = chain(4);
    const forged = { ...rows[1]!, detail: 'forged' };
    forged.hash = hashAuditRow(forged);
    rows[1] = forged;
    expect(verify(rows, { seq: 4, hash: rows[3]!.hash })).toEqual({ seq: 3, kind: 'relinked' });
  });
});

describe('the verifier', () => {
  it('reports every broken row, not only the first', () => {
    const rows = chain(8);
    rows[2] = { ...rows[2]!, username: 'mallory' };
    rows[6] = { ...rows[6]!, detail: 'covered up' };
    const verifier = new ChainVerifier();
    const problems = rows.map((row) => verifier.check(row)).filter(Boolean);
    expect(problems).toEqual([
      { seq: 3, kind: 'altered' },
      { seq: 7, kind: 'altered' },
    ]);
    expect(verifier.finish({ seq: 8, hash: rows[7]!.hash })).toBeNull();
  });
});
