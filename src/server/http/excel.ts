import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateTimeIn, timeZone, zoneLabel } from '../../shared/calendar.ts';
import type { DbOrTx } from '../db/client.ts';
import { AppError } from './errors.ts';
import { receiveWorkbook } from './upload.ts';

/** A cell beginning with = + - @ (or a tab / CR) would run as a formula in Excel: prefix it with a quote. */
export function safeCell(value: unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => unknown;
}

/** Adds a sheet with a bold, frozen header row and the given rows. */
export function addSheet<T>(workbook: ExcelJS.Workbook, name: string, columns: SheetColumn<T>[], rows: Iterable<T>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: String(safeCell(column.header)), width: column.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((column) => safeCell(column.value(row))));
  return sheet;
}

export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function sendWorkbook(reply: FastifyReply, filename: string, workbook: ExcelJS.Workbook) {
  const buffer = await workbook.xlsx.writeBuffer();
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', attachmentHeader(filename))
    .send(Buffer.from(buffer as ArrayBuffer));
}

/**
 * The .xlsx uploaded in the multipart field `file`, measured under the ⚙ sheet limits (http/upload.ts) and loaded.
 * Throws the upload's problem (413 too large, 422 not a workbook); upload endpoints write nothing then.
 */
export async function readUploadedWorkbook(request: FastifyRequest, db: DbOrTx): Promise<ExcelJS.Workbook> {
  const buffer = await receiveWorkbook(request, db, 'sheet');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('UPLOAD_NOT_XLSX');
  }
  return workbook;
}

export interface ListColumn<T> extends SheetColumn<T> {
  /** summed into the 合计 row (amounts, counts) */
  sum?: boolean;
  /** Excel number format, e.g. '#,##0.00' */
  numFmt?: string;
}

export interface ListSheet<T> {
  /** the sheet's title line, e.g. 扬州市预警清单 */
  title: string;
  /** the line under it: the unit, the filter, when it was exported */
  subtitle?: string;
  columns: ListColumn<T>[];
  rows: readonly T[];
  lang?: 'zh' | 'en';
  /** the 合计 line as a row of its own (a unit's whole figures, a rate computed on the totals) instead of the sums */
  totalRow?: T;
}

/**
 * A list as officials print it: a title, a line saying what and when, 序号, the columns with their units in the
 * header, a 合计 row (the count and the sums), frozen under the header, repeated on every printed page, landscape.
 */
export function addListSheet<T>(workbook: ExcelJS.Workbook, name: string, list: ListSheet<T>): ExcelJS.Worksheet {
  const zh = (list.lang ?? 'zh') === 'zh';
  const headerRow = list.subtitle ? 3 : 2;
  const sheet = workbook.addWorksheet(name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 1 }],
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
  });
  const width = list.columns.length + 1;
  sheet.columns = [{ width: 6 }, ...list.columns.map((c) => ({ width: c.width ?? 16 }))];
  sheet.mergeCells(1, 1, 1, width);
  const title = sheet.getCell(1, 1);
  title.value = safeCell(list.title);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 28;
  if (list.subtitle) {
    sheet.mergeCells(2, 1, 2, width);
    const sub = sheet.getCell(2, 1);
    sub.value = safeCell(list.subtitle);
    sub.alignment = { horizontal: 'left' };
    sub.font = { color: { argb: 'FF595959' } };
  }
  const header = sheet.getRow(headerRow);
  header.values = [zh ? '序号' : 'No.', ...list.columns.map((c) => String(safeCell(c.header)))];
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const sums = list.columns.map(() => 0);
  list.rows.forEach((row, index) => {
    const values = list.columns.map((c, i) => {
      const value = c.value(row);
      if (c.sum && typeof value === 'number' && Number.isFinite(value)) sums[i]! += value;
      return safeCell(value);
    });
    sheet.addRow([index + 1, ...values]);
  });
  const totalRow = list.totalRow;
  const total = sheet.addRow([
    zh ? '合计' : 'Total',
    ...list.columns.map((c, i) =>
      totalRow !== undefined
        ? safeCell(c.value(totalRow))
        : c.sum
          ? Math.round(sums[i]! * 100) / 100
          : i === 0
            ? zh
              ? `共 ${list.rows.length} 条`
              : `${list.rows.length} rows`
            : null,
    ),
  ]);
  total.font = { bold: true };
  list.columns.forEach((c, i) => {
    if (c.numFmt) sheet.getColumn(i + 2).numFmt = c.numFmt;
  });
  for (let r = headerRow; r <= total.number; r++) for (let c = 1; c <= width; c++) sheet.getCell(r, c).border = border;
  return sheet;
}

/** "导出时间 2026-12-04 09:30（北京时间）": when a sheet was made, in the units' zone, for its subtitle line. */
export function exportedAt(lang: 'zh' | 'en'): string {
  const at = dateTimeIn(new Date());
  return lang === 'zh' ? `导出时间 ${at}（${zoneLabel(timeZone(), 'zh')}）` : `exported ${at} (${zoneLabel(timeZone(), 'en')})`;
}
