import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
