// Responses of the blockers API (问题清单): the server declares them on its routes (so OpenAPI documents them and the
// serializer checks them), the web infers its types from them.
import { z } from 'zod';
import { BLOCKER_STATUSES } from '../blockers/rules.ts';

export const blockerSchema = z.object({
  id: z.number().int(),
  project: z.object({ code: z.string(), name: z.string(), unitCode: z.string(), totalInvestmentWan: z.number() }),
  type: z.string(),
  description: z.string(),
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  responsiblePerson: z.string().nullable(),
  coordinatingLeader: z.string().nullable(),
  deadline: z.string().nullable(),
  status: z.enum(BLOCKER_STATUSES),
  overdueDays: z.number().int(),
  /** on the higher unit's 要素保障 list */
  escalated: z.boolean(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  reopenCount: z.number().int(),
  meetingId: z.number().int().nullable(),
  raisedBy: z.string(),
  raisedAt: z.string(),
  version: z.number().int(),
});
export type PresentedBlocker = z.infer<typeof blockerSchema>;

export const blockerListSchema = z.object({ items: z.array(blockerSchema) });

export const blockerDetailSchema = blockerSchema.extend({
  /** what the caller may do now (the server decides; the page shows only these) */
  actions: z.array(z.enum(['note', 'resolve', 'confirm', 'reopen', 'edit'])),
  notes: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      text: z.string().nullable(),
      attachments: z.array(z.object({ id: z.string(), filename: z.string() })),
      byName: z.string(),
      at: z.string(),
    }),
  ),
});
export type BlockerDetail = z.infer<typeof blockerDetailSchema>;

export const assignableDepartmentsSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string() })),
});

export const blockersByDepartmentSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      unitName: z.string(),
      open: z.number().int(),
      inProgress: z.number().int(),
      resolved: z.number().int(),
      closed: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
});
