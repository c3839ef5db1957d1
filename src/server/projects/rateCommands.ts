// Changes to the monthly exchange-rate table, each in one transaction with its audit row. Projects already
// entered keep the rate they were converted at.
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import type { Db } from '../db/client.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { findRate, upsertRate } from './rates.ts';

export interface RateEntry {
  currency: string;
  month: string;
  rate: number;
}

export async function setRate(db: Db, actor: Actor, meta: RequestMeta, entry: RateEntry & { source: string }): Promise<RateEntry> {
  return db.transaction(async (tx) => {
    const before = await findRate(tx, entry.currency, entry.month);
    await upsertRate(tx, entry);
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'rate.update',
      objectType: 'exchange_rate',
      objectId: `${entry.currency}/${entry.month}`,
      changes: { rate: { before: before?.rate ?? null, after: entry.rate } },
    });
    return { currency: entry.currency, month: entry.month, rate: entry.rate };
  });
}

/** All the rows of a checked sheet, or none. */
export async function importRates(db: Db, actor: Actor, meta: RequestMeta, rows: RateEntry[], source: string): Promise<void> {
  await db.transaction(async (tx) => {
    for (const row of rows) await upsertRate(tx, { ...row, source });
    await appendAudit(tx, subjectOf(actor), meta, { action: 'rate.import', objectType: 'exchange_rate', detail: `${rows.length} rates` });
  });
}
