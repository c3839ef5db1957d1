import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';

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
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width ?? 16 }));
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
 * The .xlsx uploaded in the multipart field `file` (at most 10 MB), or the user's problem with it: none sent, too
 * large, or not a workbook. Upload endpoints answer such a problem with 422 and write nothing.
 */
export async function readUploadedWorkbook(request: FastifyRequest, zh: boolean): Promise<{ workbook: ExcelJS.Workbook } | { problem: string }> {
  let buffer: Buffer | undefined;
  try {
    const file = await request.file({ limits: { fileSize: 10 * 1024 * 1024 } });
    buffer = file ? await file.toBuffer() : undefined;
    if (file?.file.truncated) return { problem: zh ? '文件超过 10MB' : 'the file exceeds 10 MB' };
  } catch {
    buffer = undefined;
  }
  if (!buffer) return { problem: zh ? '请上传文件（表单字段 file）' : 'upload a file in the form field "file"' };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { problem: zh ? '无法读取文件：请上传 .xlsx 格式的 Excel 文件' : 'unreadable file: upload an .xlsx workbook' };
  }
  return { workbook };
}
