import { dayIn, now } from '../calendar.ts';
import { toHalfWidth } from './amounts.ts';

// Dates as they arrive from spreadsheets: `2024-03-08`, `2024/3/8`, `2024.3.8`, `2024年3月8日`, `20240308`,
// Excel date cells (JS Date at UTC midnight) and Excel serial numbers. Result: ISO `YYYY-MM-DD`, or null when unreadable.

function iso(year: number, month: number, day: number): string | null {
  if (year < 1950 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function parseFlexibleDate(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    // exceljs reads date cells as UTC midnight; a cell typed with a time keeps its date part
    return iso(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 18_000 || value > 75_000) return null; // Excel serials of 1949…2105
    const date = new Date(EXCEL_EPOCH + Math.floor(value) * 86_400_000);
    return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  if (typeof value !== 'string') return null;
  const text = toHalfWidth(value).trim().replace(/\s+/g, '');
  let match =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:T.*)?$/.exec(text) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return iso(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^\d{5}(\.\d+)?$/.exec(text);
  if (match) return parseFlexibleDate(Number(text));
  return null;
}

/** Today in the units' time zone (Beijing by default), by the clock — or the day of a given instant. */
export function todayIso(instant: Date = now()): string {
  return dayIn(instant);
}
