import { asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { ChainVerifier, type ChainProblem } from './chain.ts';
import { auditHead, auditLog } from './schema.ts';

export interface VerifyReport {
  ok: boolean;
  checked: number;
  /** the first problem (null when intact) */
  problem: ChainProblem | null;
  /** every problem found, in order (the first `MAX_LISTED`), and how many there are */
  problems: ChainProblem[];
  problemCount: number;
}

const MAX_LISTED = 1_000;

/** Walks the whole log in seq order, in batches, and reports every row that was altered, relinked or removed. */
export async function verifyAuditChain(db: DbOrTx, batchSize = 5_000): Promise<VerifyReport> {
  const verifier = new ChainVerifier();
  const problems: ChainProblem[] = [];
  let problemCount = 0;
  const note = (problem: ChainProblem | null) => {
    if (!problem) return;
    problemCount++;
    if (problems.length < MAX_LISTED) problems.push(problem);
  };
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(batchSize);
    for (const row of rows) note(verifier.check(row));
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.seq;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  note(verifier.finish(head ?? null));
  return { ok: problemCount === 0, checked: verifier.checked, problem: problems[0] ?? null, problems, problemCount };
}
