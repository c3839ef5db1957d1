// Responses of the audit API: the success bodies, checked on every response in tests.
import { z } from 'zod';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
/** Field-level before and after values of a change. */
export const fieldChangesSchema = z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() }));

export const auditRowSchema = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  username: z.string().nullable(),
  /** the person's name (the web shows it, the username beside it) */
  displayName: z.string().nullable(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  /** a code: the web words it (shared/auditWords.ts) */
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /** the user's, unit's or project's name the row acted on, where it still exists */
  objectName: z.string().nullable(),
  changes: fieldChangesSchema.nullable(),
  ip: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  detail: z.string().nullable(),
});

export type AuditRowView = z.infer<typeof auditRowSchema>;

export const auditResponse = z.object({ items: z.array(auditRowSchema), total: z.number() });

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number(),
  problem: z
    .union([
      z.object({ seq: z.number(), kind: z.literal('altered') }),
      z.object({ seq: z.number(), kind: z.literal('removed_before') }),
      z.object({ seq: z.number(), kind: z.literal('relinked') }),
      z.object({ seq: z.number(), kind: z.literal('tail_removed') }),
    ])
    .nullable(),
  problems: z.array(
    z.union([
      z.object({ seq: z.number(), kind: z.literal('altered') }),
      z.object({ seq: z.number(), kind: z.literal('removed_before') }),
      z.object({ seq: z.number(), kind: z.literal('relinked') }),
      z.object({ seq: z.number(), kind: z.literal('tail_removed') }),
    ]),
  ),
  problemCount: z.number(),
});

export const auditActionsResponse = z.object({ items: z.array(z.string()) });
