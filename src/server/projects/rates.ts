import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Currency } from '../../shared/projects/amounts.ts';
import type { DbOrTx } from '../db/client.ts';
import { exchangeRates } from './schema.ts';

// Default monthly rates (CNY per unit) shipped for 2022–2026: reference values close to the PBoC central parity,
// to be checked and corrected by the administrator (settings → 汇率, or import an .xlsx of official rates).
const USD_BY_MONTH: Record<number, number[]> = {
  2022: [6.37, 6.35, 6.35, 6.38, 6.63, 6.69, 6.73, 6.78, 6.95, 7.1, 7.15, 6.98],
  2023: [6.79, 6.85, 6.9, 6.89, 7.02, 7.17, 7.15, 7.18, 7.18, 7.18, 7.17, 7.1],
  2024: [7.11, 7.11, 7.1, 7.11, 7.11, 7.12, 7.13, 7.13, 7.08, 7.1, 7.18, 7.19],
  2025: [7.19, 7.17, 7.18, 7.2, 7.19, 7.17, 7.15, 7.14, 7.11, 7.1, 7.08, 7.07],
  2026: [7.06, 7.05, 7.05, 7.04, 7.04, 7.03, 7.03, 7.02, 7.02, 7.01, 7.01, 7.0],
};
const EUR_PER_USD: Record<number, number> = { 2022: 1.05, 2023: 1.08, 2024: 1.08, 2025: 1.12, 2026: 1.15 };
const JPY_PER_USD: Record<number, number> = { 2022: 131, 2023: 140, 2024: 151, 2025: 148, 2026: 150 };
const HKD_PER_USD = 7.8;
export const DEFAULT_RATE_SOURCE = '默认参考汇率（请按人民银行中间价核对）';

export function defaultRates(): { currency: Currency; month: string; rate: number }[] {
  const rows: { currency: Currency; month: string; rate: number }[] = [];
  for (const [yearText, months] of Object.entries(USD_BY_MONTH)) {
    const year = Number(yearText);
    months.forEach((usd, index) => {
      const month = `${year}-${String(index + 1).padStart(2, '0')}`;
      rows.push({ currency: 'USD', month, rate: usd });
      rows.push({ currency: 'EUR', month, rate: Math.round(usd * EUR_PER_USD[year]! * 10_000) / 10_000 });
      rows.push({ currency: 'HKD', month, rate: Math.round((usd / HKD_PER_USD) * 10_000) / 10_000 });
      rows.push({ currency: 'JPY', month, rate: Math.round((usd / JPY_PER_USD[year]!) * 1_000_000) / 1_000_000 });
    });
  }
  return rows;
}

/** Reference data loaded by `migrate`: missing months are added, edited ones are kept. */
export async function insertDefaultRates(db: DbOrTx): Promise<void> {
  await db
    .insert(exchangeRates)
    .values(defaultRates().map((row) => ({ ...row, source: DEFAULT_RATE_SOURCE })))
    .onConflictDoNothing();
}

/**
 * The monthly rate table, loaded once per command (an import of 10,000 rows asks it 10,000 times).
 * An amount uses the rate of its date's month; before the first month known, the first; after the last, the last.
 */
export class RateTable {
  private readonly byCurrency = new Map<string, { month: string; rate: number }[]>();

  constructor(rows: { currency: string; month: string; rate: number }[]) {
    for (const row of rows) {
      const list = this.byCurrency.get(row.currency) ?? [];
      list.push({ month: row.month, rate: row.rate });
      this.byCurrency.set(row.currency, list);
    }
    for (const list of this.byCurrency.values()) list.sort((a, b) => a.month.localeCompare(b.month));
  }

  static async load(db: DbOrTx): Promise<RateTable> {
    return new RateTable(await db.select().from(exchangeRates).orderBy(asc(exchangeRates.currency), asc(exchangeRates.month)));
  }

  /** CNY per one unit of `currency` for the month of `isoDate`; null when the table holds no rate for it. */
  rate(currency: string, isoDate: string): number | null {
    if (currency === 'CNY') return 1;
    const list = this.byCurrency.get(currency);
    if (!list || list.length === 0) return null;
    const month = isoDate.slice(0, 7);
    let found = list[0]!;
    for (const entry of list) {
      if (entry.month <= month) found = entry;
      else break;
    }
    return found.rate;
  }
}

export async function upsertRate(
  db: DbOrTx,
  row: { currency: string; month: string; rate: number; source?: string | null },
): Promise<void> {
  await db
    .insert(exchangeRates)
    .values({ ...row, source: row.source ?? null })
    .onConflictDoUpdate({
      target: [exchangeRates.currency, exchangeRates.month],
      set: { rate: row.rate, source: row.source ?? null, updatedAt: sql`now()` },
    });
}

/** The table's rows between two months (either open), by month then currency. */
export async function listRates(db: DbOrTx, range: { from?: string | undefined; to?: string | undefined } = {}) {
  const conditions = [
    range.from ? gte(exchangeRates.month, range.from) : undefined,
    range.to ? lte(exchangeRates.month, range.to) : undefined,
  ];
  return db
    .select()
    .from(exchangeRates)
    .where(and(...conditions.filter(Boolean)))
    .orderBy(asc(exchangeRates.month), asc(exchangeRates.currency));
}

export async function findRate(db: DbOrTx, currency: string, month: string) {
  const [row] = await db
    .select()
    .from(exchangeRates)
    .where(and(eq(exchangeRates.currency, currency), eq(exchangeRates.month, month)));
  return row;
}
