// Responses of the alerts API (预警).
import { z } from 'zod';
import { ALERT_KINDS, ALERT_MESSAGE_KEYS, SEVERITIES } from '../reporting/alerts.ts';

const localized = z.object({ zh: z.string(), en: z.string() });

export const alertSchema = z.object({
  id: z.number().int(),
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(SEVERITIES),
  projectCode: z.string().nullable(),
  projectName: z.string().nullable(),
  submissionId: z.number().int().nullable(),
  /** 跟进逾期: the company whose agreed next step is overdue */
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  unitCode: z.string(),
  unitName: z.string().nullable(),
  /** the message's key and parameters: the web words it from its dictionary (`alertMessage.<key>`) */
  text: z.object({
    key: z.enum(ALERT_MESSAGE_KEYS),
    params: z.record(z.string(), z.union([z.string(), z.number(), localized])),
  }),
  /** the same message in the requester's language, for API clients (the alert is worded when raised, in both) */
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  read: z.boolean(),
  /** 处置: the person it is assigned to, and until when it is set aside (with why) */
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  snoozedUntil: z.string().nullable(),
  snoozeReason: z.string().nullable(),
});

export const alertListSchema = z.object({
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  items: z.array(alertSchema),
});
export const unreadCountSchema = z.object({ count: z.number().int() });
export const markedSchema = z.object({ marked: z.number().int() });

/** Per kind, the open alerts of the subtree a person can act on (snoozed ones apart). */
export const alertSummarySchema = z.object({
  items: z.array(
    z.object({
      kind: z.enum(ALERT_KINDS),
      open: z.number().int(),
      high: z.number().int(),
      unread: z.number().int(),
      snoozed: z.number().int(),
      mine: z.number().int(),
      unassigned: z.number().int(),
    }),
  ),
});
export const alertHandlersSchema = z.object({
  items: z.array(z.object({ id: z.string(), displayName: z.string(), username: z.string(), unitCode: z.string(), unitName: z.string() })),
});
export const okSchema = z.object({ ok: z.literal(true) });
