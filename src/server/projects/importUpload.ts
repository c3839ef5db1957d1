// The multipart parts of a ledger import: the workbook and, for the commit, the reviewer's decisions.
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { uploadError } from '../http/upload.ts';

const decisionsSchema = z.record(z.string().regex(/^\d{1,7}$/), z.union([z.literal('create'), z.string().min(5).max(40)]));

/**
 * The multipart parts of an import: the file (`file`, at most ⚙ import.maxFileMb: a province's ledger) and, for the
 * commit, the user's `decisions` (JSON). Too large, missing or malformed: the upload errors (413, 422, 400).
 */
export async function readImportUpload(
  request: FastifyRequest,
  zh: boolean,
  maxFileBytes: number,
): Promise<{ file: Buffer; decisions: Record<string, string> } | { problem: string }> {
  if (!request.isMultipart()) throw new AppError('UPLOAD_MISSING');
  let file: Buffer | undefined;
  let decisionsText: string | undefined;
  try {
    for await (const part of request.parts({
      limits: { fileSize: maxFileBytes, files: 1, fields: 5, fieldSize: 2 * 1024 * 1024, parts: 10 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume(); // drained, not kept
          continue;
        }
        file = await part.toBuffer();
        if (part.file.truncated) throw new AppError('UPLOAD_TOO_LARGE', { limit: Math.round(maxFileBytes / 1_048_576) });
      } else if (part.fieldname === 'decisions') decisionsText = String(part.value);
    }
  } catch (error) {
    throw uploadError(error, maxFileBytes);
  }
  if (!file || file.length === 0) throw new AppError('UPLOAD_MISSING');
  if (decisionsText === undefined || decisionsText.trim() === '') return { file, decisions: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(decisionsText);
  } catch {
    return {
      problem: zh
        ? 'decisions 须为 JSON，如 {"5": "create", "8": "321084-2025-0012"}'
        : 'decisions must be JSON such as {"5": "create", "8": "321084-2025-0012"}',
    };
  }
  const parsed = decisionsSchema.safeParse(raw);
  if (!parsed.success)
    return {
      problem: zh ? 'decisions 的格式为 {"行号": "create" 或 项目编号}' : 'decisions must map row numbers to "create" or a project code',
    };
  return { file, decisions: parsed.data };
}
