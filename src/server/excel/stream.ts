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
    readonly reason: 'unreadable' | 'too_many_rows' | 'too_large',
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

/** Bytes of `data` that end on a whole UTF-8 character (a character's bytes never straddle two chunks). */
function wholeCharacters(data: Buffer): number {
  let i = data.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 4 && (data[i]! & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return data.length; // not UTF-8 at all: passed on as it is
  const lead = data[i]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + length <= data.length ? data.length : i;
}

/**
 * Re-cuts a byte stream so that no chunk ends inside a UTF-8 character. exceljs's streaming reader decodes every
 * inflated chunk on its own, which mangles a Chinese character falling on a chunk boundary (高技术 → 高��术).
 */
export async function* utf8Aligned(source: AsyncIterable<Uint8Array | Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    const data = carry.length ? Buffer.concat([carry, Buffer.from(chunk)]) : Buffer.from(chunk);
    const cut = wholeCharacters(data);
    if (cut > 0) yield data.subarray(0, cut);
    carry = data.subarray(cut);
  }
  if (carry.length) yield carry;
}

/** The reader's hooks where each part of the file enters (not in exceljs's typings). */
interface ReaderParts {
  _parseWorksheet(iterator: AsyncIterable<Uint8Array>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: AsyncIterable<Uint8Array>): AsyncGenerator<unknown>;
  _parseStyles(entry: AsyncIterable<Uint8Array>): Promise<void>;
  _parseWorkbook(entry: AsyncIterable<Uint8Array>): Promise<void>;
}
type ReaderClass = new (
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => ExcelJS.stream.xlsx.WorkbookReader & ReaderParts;
const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as ReaderClass;

/** exceljs's streaming reader with every XML part decoded whole characters at a time. */
class WorkbookReader extends Base {
  override _parseWorksheet(iterator: AsyncIterable<Uint8Array>, sheetNo: string) {
    return super._parseWorksheet(utf8Aligned(iterator), sheetNo);
  }
  override _parseSharedStrings(entry: AsyncIterable<Uint8Array>) {
    return super._parseSharedStrings(Readable.from(utf8Aligned(entry)));
  }
  override _parseStyles(entry: AsyncIterable<Uint8Array>) {
    return super._parseStyles(Readable.from(utf8Aligned(entry)));
  }
  override _parseWorkbook(entry: AsyncIterable<Uint8Array>) {
    return super._parseWorkbook(Readable.from(utf8Aligned(entry)));
  }
}

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
export async function readTableStream(
  buffer: Buffer,
  known: (header: string) => boolean,
  options: Options = {},
): Promise<StreamedTable | null> {
  const minKnown = options.minKnown ?? 3;
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const reader = new WorkbookReader(Readable.from(buffer), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
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

/** 合计 / 总计 / 小计 in one of the first three cells: a sheet's total line (our exports end with one), never a record. */
const TOTAL_WORDS = new Set(['合计', '总计', '小计', 'total']);
function isTotalRow(row: ExcelJS.Row): boolean {
  for (let col = 1; col <= 3; col++) {
    const value = plainValue(row.getCell(col).value);
    if (typeof value === 'string' && TOTAL_WORDS.has(value.replace(/\s+/g, '').toLowerCase())) return true;
  }
  return false;
}

async function readSheet(
  sheet: AsyncIterable<ExcelJS.Row>,
  known: (header: string) => boolean,
  minKnown: number,
  maxRows: number,
): Promise<StreamedTable | null> {
  const top: ExcelJS.Row[] = [];
  let table: StreamedTable | null = null;
  let searched = false;
  const take = (row: ExcelJS.Row) => {
    if (isTotalRow(row)) return;
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
