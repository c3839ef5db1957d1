import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { normalizeHeader, plainValue, type CellValue } from './cells.ts';

// Reading an uploaded sheet row by row (exceljs's streaming reader) rather than loading the whole workbook: only the
// columns with a known header are kept, as a sparse array per row, so a 100,000-row ledger stays in tens of MB.

export interface StreamedRow {
  number: number;
  /** indexed by column number (1-based); only known columns are filled */
  cells: (CellValue | undefined)[];
}

export interface StreamedTable {
  headerRow: number;
  /** column number → normalized header */
  headers: Map<number, string>;
  rows: StreamedRow[];
}

export class SheetReadError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'too_many_rows',
    readonly limit = 0,
  ) {
    super(reason);
  }
}

interface Options {
  /** the header row holds at least this many known headers */
  minKnown?: number;
  /** a sheet holding all of these wins over an earlier one holding only some (the template's hidden lists sheet) */
  preferHeaders?: string[];
  maxRows?: number;
}

const HEADER_SEARCH_ROWS = 15;

function headersOf(row: ExcelJS.Row | undefined): Map<number, string> {
  const headers = new Map<number, string>();
  row?.eachCell({ includeEmpty: false }, (cell, col) => {
    const value = plainValue(cell.value);
    if (typeof value === 'string') headers.set(col, normalizeHeader(value));
  });
  return headers;
}

/**
 * The first table of the workbook: its header row (the first of the top 15 rows with `minKnown` known headers; a
 * second header row below it adds the known names of a two-level header) and every non-empty row below.
 */
export async function readTableStream(buffer: Buffer, known: (header: string) => boolean, options: Options = {}): Promise<StreamedTable | null> {
  const minKnown = options.minKnown ?? 3;
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  let fallback: StreamedTable | null = null;
  try {
    for await (const sheet of reader) {
      const table = await readSheet(sheet as unknown as AsyncIterable<ExcelJS.Row>, known, minKnown, maxRows);
      if (!table) continue;
      const names = new Set(table.headers.values());
      if (!options.preferHeaders || options.preferHeaders.every((h) => names.has(h))) return table;
      fallback ??= table;
    }
  } catch (error) {
    if (error instanceof SheetReadError) throw error;
    throw new SheetReadError('unreadable');
  }
  return fallback;
}

async function readSheet(sheet: AsyncIterable<ExcelJS.Row>, known: (header: string) => boolean, minKnown: number, maxRows: number): Promise<StreamedTable | null> {
  const top: ExcelJS.Row[] = [];
  let table: StreamedTable | null = null;
  let searched = false;
  const take = (row: ExcelJS.Row) => {
    const cells: (CellValue | undefined)[] = [];
    let filled = false;
    for (const col of table!.headers.keys()) {
      const value = plainValue(row.getCell(col).value);
      if (value !== null) {
        cells[col] = value;
        filled = true;
      }
    }
    if (!filled) return;
    if (table!.rows.length >= maxRows) throw new SheetReadError('too_many_rows', maxRows);
    table!.rows.push({ number: row.number, cells });
  };
  const findHeader = () => {
    searched = true;
    for (let i = 0; i < top.length; i++) {
      const headers = headersOf(top[i]);
      if ([...headers.values()].filter(known).length < minKnown) continue;
      let dataFrom = i + 1;
      const below = top[i + 1] && top[i + 1]!.number === top[i]!.number + 1 ? headersOf(top[i + 1]) : new Map<number, string>();
      const found = new Set([...headers.values()].filter(known));
      if ([...below.values()].some((h) => known(h) && !found.has(h))) {
        for (const [col, header] of below) if (known(header) || !headers.has(col)) headers.set(col, header);
        dataFrom = i + 2;
      }
      const headerRow = top[dataFrom - 1]!.number;
      table = { headerRow, headers: new Map([...headers].filter(([, h]) => known(h))), rows: [] };
      for (const row of top.slice(dataFrom)) take(row);
      return;
    }
  };
  for await (const row of sheet) {
    if (table) take(row);
    else if (!searched) {
      if (row.number <= HEADER_SEARCH_ROWS + 1) top.push(row);
      else {
        findHeader();
        if (table) take(row);
      }
    }
    // a sheet without a header is read to its end (the reader must drain it) and ignored
  }
  if (!searched) findHeader();
  return table;
}
