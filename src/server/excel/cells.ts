import type ExcelJS from 'exceljs';

// Reading real-world spreadsheets: values of formulas, rich text and hyperlinks; merged header cells; a title above the headers.

export type CellValue = string | number | Date | boolean | null;

export function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return typeof value === 'string' ? value.trim() || null : value;
  if (typeof value === 'object') {
    if ('result' in value) return plainValue((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in value)
      return (
        (value as ExcelJS.CellRichTextValue).richText
          .map((part) => part.text)
          .join('')
          .trim() || null
      );
    if ('text' in value) return String((value as { text: unknown }).text).trim() || null;
    if ('error' in value) return null;
  }
  return null;
}

/** Header text as written: no spaces, stars or (必填); full-width parentheses folded. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\((必填|选填|可选)\)/g, '')
    .trim();
}

export interface SheetTable {
  headerRow: number;
  /** column index (1-based) → normalized header */
  headers: Map<number, string>;
  rows: { number: number; cells: Map<number, CellValue> }[];
}

/** Finds the header row (the first of the top 15 rows holding at least `minKnown` known headers) and reads the rows below it. */
export function readTable(sheet: ExcelJS.Worksheet, known: (header: string) => boolean, minKnown = 3): SheetTable | null {
  const headersOf = (r: number) => {
    const headers = new Map<number, string>();
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      // a merged header cell answers with its master's value
      const value = plainValue(cell.isMerged ? cell.master.value : cell.value);
      if (typeof value === 'string') headers.set(col, normalizeHeader(value));
    });
    return headers;
  };
  const last = Math.min(sheet.rowCount, 15);
  for (let r = 1; r <= last; r++) {
    const headers = headersOf(r);
    if ([...headers.values()].filter(known).length < minKnown) continue;
    // A two-level header (投资额 over 总投资 | 固定资产投资): the row below adds known names; take them.
    let dataStart = r + 1;
    const below = headersOf(r + 1);
    const found = new Set([...headers.values()].filter(known));
    if ([...below.values()].some((h) => known(h) && !found.has(h))) {
      for (const [col, header] of below) if (known(header) || !headers.has(col)) headers.set(col, header);
      dataStart = r + 2;
    }
    const rows: SheetTable['rows'] = [];
    for (let n = dataStart; n <= sheet.rowCount; n++) {
      const dataRow = sheet.getRow(n);
      const cells = new Map<number, CellValue>();
      for (const col of headers.keys()) {
        const value = plainValue(dataRow.getCell(col).value);
        if (value !== null) cells.set(col, value);
      }
      if (cells.size > 0) rows.push({ number: n, cells });
    }
    return { headerRow: dataStart - 1, headers, rows };
  }
  return null;
}
