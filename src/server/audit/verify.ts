import { asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { ChainVerifier, type ChainProblem } from './chain.ts';
import { auditHead, auditLog } from './schema.ts';

export interface VerifyReport {
  ok: boolean;
  checked: number;
  problem: ChainProblem | null;
}

/** Walks the whole log in seq order, in batches, and reports the first row that was altered or removed. */
export async function verifyAuditChain(db: DbOrTx, batchSize = 5_000): Promise<VerifyReport> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(batchSize);
    for (const row of rows) {
      const problem = verifier.check(row);
      if (problem) return { ok: false, checked: verifier.checked, problem };
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.seq;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const problem = verifier.finish(head ?? null);
  return { ok: problem === null, checked: verifier.checked, problem };
}
