import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../db/client.ts';
import { inspectXlsx, UploadRejected, type UploadLimits } from '../excel/guard.ts';
import { readSettings } from '../settings/repository.ts';
import { AppError } from './errors.ts';

// Every upload passes here: the file read with a size limit (⚙), refused whole with a clear message (413 too large,
// 422 not a workbook, 400 a malformed request) — never a 500, never "please upload a file" for a file too large —
// and a workbook measured (guard.ts) before any parser sees it.

/** Which limits apply: the ledger import takes a province's sheet; every other sheet is a form's worth. */
export type UploadKind = 'sheet' | 'ledger' | 'attachment';

export interface UploadPolicy {
  maxFileBytes: number;
  workbook: UploadLimits;
}

const MB = 1024 * 1024;

export async function uploadPolicy(db: DbOrTx, kind: UploadKind): Promise<UploadPolicy> {
  const values = await readSettings(db, [
    'upload.maxFileMb',
    'upload.maxInflatedMb',
    'upload.maxRows',
    'import.maxFileMb',
    'import.maxInflatedMb',
    'import.maxRows',
  ]);
  const ledger = kind === 'ledger';
  return {
    maxFileBytes: Number(values[ledger ? 'import.maxFileMb' : 'upload.maxFileMb']) * MB,
    workbook: {
      maxInflatedBytes: Number(values[ledger ? 'import.maxInflatedMb' : 'upload.maxInflatedMb']) * MB,
      maxRows: Number(values[ledger ? 'import.maxRows' : 'upload.maxRows']),
    },
  };
}

export interface ReceivedFile {
  buffer: Buffer;
  filename: string;
  mimetype: string;
}

/** Multipart errors a client can cause (a wrong content type, a cut or garbled body) are its own: 400. */
export function uploadError(error: unknown, maxFileBytes: number): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
    return new AppError('UPLOAD_TOO_LARGE', { limit: Math.round(maxFileBytes / MB) });
  return new AppError('UPLOAD_MALFORMED', {}, { reason: (error as Error).message?.slice(0, 200) });
}

/** The file of the multipart field `file`, at most `maxFileBytes`; throws UPLOAD_MISSING / _TOO_LARGE / _MALFORMED. */
export async function receiveFile(request: FastifyRequest, maxFileBytes: number): Promise<ReceivedFile> {
  if (!request.isMultipart()) throw new AppError('UPLOAD_MISSING');
  let received: ReceivedFile | undefined;
  try {
    const file = await request.file({ limits: { fileSize: maxFileBytes, files: 1, fields: 10, parts: 20 } });
    if (!file) throw new AppError('UPLOAD_MISSING');
    const buffer = await file.toBuffer();
    if (file.file.truncated) throw new AppError('UPLOAD_TOO_LARGE', { limit: Math.round(maxFileBytes / MB) });
    received = { buffer, filename: file.filename, mimetype: file.mimetype };
  } catch (error) {
    throw uploadError(error, maxFileBytes);
  }
  if (received.buffer.length === 0) throw new AppError('UPLOAD_MISSING');
  return received;
}

/** Measures a workbook against the limits; throws the matching upload error. */
export async function guardWorkbook(buffer: Buffer, limits: UploadLimits): Promise<void> {
  try {
    await inspectXlsx(buffer, limits);
  } catch (error) {
    if (!(error instanceof UploadRejected)) throw new AppError('UPLOAD_NOT_XLSX');
    switch (error.reason) {
      case 'inflated_too_large':
        throw new AppError('UPLOAD_INFLATES_TOO_MUCH', { limit: Math.round(error.limit / MB) });
      case 'too_many_rows':
        throw new AppError('UPLOAD_TOO_MANY_ROWS', { limit: error.limit.toLocaleString('zh-CN') });
      default:
        throw new AppError('UPLOAD_NOT_XLSX');
    }
  }
}

/** An uploaded .xlsx (field `file`), read and measured under the kind's limits. */
export async function receiveWorkbook(request: FastifyRequest, db: DbOrTx, kind: UploadKind): Promise<Buffer> {
  const policy = await uploadPolicy(db, kind);
  const { buffer } = await receiveFile(request, policy.maxFileBytes);
  await guardWorkbook(buffer, policy.workbook);
  return buffer;
}
