// The shapes every route shares: the error body (a stable code, its message in the caller's language, optional
// details) and the row errors of a sheet upload. Declared on every route by the platform (http/platform.ts).
import { z } from 'zod';
import { ERROR_MESSAGES, type ErrorCode } from '../errors.ts';

export const sheetErrorSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
  // an upload refused as a whole also speaks the sheet endpoints' list
  errors: z.array(sheetErrorSchema).optional(),
});

/** A sheet (xlsx) that cannot be taken: every problem by row and column, nothing written. */
export const sheetRejectedSchema = z.object({ errors: z.array(sheetErrorSchema), warnings: z.array(z.unknown()).optional() });

export const errorResponses = {
  '4xx': z.union([apiErrorSchema, sheetRejectedSchema]),
  '5xx': apiErrorSchema,
} as const;
