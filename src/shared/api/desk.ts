// Responses of the desk (工作台): what the caller must do, by deadline, and the alerts they can act on.
import { z } from 'zod';
import { DESK_KINDS } from '../desk.ts';
import { alertSummarySchema } from './alerts.ts';

export const deskItemSchema = z.object({
  kind: z.enum(DESK_KINDS),
  /** what the web opens: a submission's or blocker's or meeting's or alert's id, the year of targets to issue */
  ref: z.string(),
  /** the task's, project's or meeting's name; an alert's message in the caller's language */
  title: z.string(),
  /** a line beside it: the reviewer's comment, the responsible departments, the place */
  detail: z.string().nullable(),
  unitName: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdueDays: z.number().int(),
  /** returned rows, rows to review, projects on the agenda … */
  count: z.number().int().nullable(),
});

export const deskSchema = z.object({
  asOf: z.string(),
  items: z.array(deskItemSchema),
  counts: z.record(z.enum(DESK_KINDS), z.number().int()),
  alerts: alertSummarySchema.shape.items,
});
