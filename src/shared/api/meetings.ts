// The meetings API (调度会): requests, shared by the server's validation and the web's forms, and responses.
import { z } from 'zod';
import { PROJECT_LEVELS } from '../projects/classification.ts';
import { STAGES } from '../projects/stages.ts';
import { BLOCKER_STATUSES } from '../blockers/rules.ts';
import { MILESTONES } from '../projects/milestones.ts';

export const meetingIdParams = z.object({ id: z.coerce.number().int().positive() });
export const meetingDetails = z.object({
  title: z.string().trim().min(1).max(100),
  heldOn: z.iso.date(),
  location: z.string().max(100).nullish(),
  chair: z.string().max(40).nullish(),
  attendees: z.array(z.string().trim().min(1).max(40)).max(100).default([]),
});
export const agendaFilter = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  stages: z.array(z.enum(STAGES)).max(8).optional(),
  levels: z.array(z.enum(PROJECT_LEVELS)).max(3).optional(),
  sponsorLeader: z.string().max(40).optional(),
});
export type MeetingDetails = z.infer<typeof meetingDetails>;

// Responses (success bodies), checked on every response in tests.
export const meetingFilterSchema = z.object({
  unit: z.string().optional(),
  stages: z.array(z.string()).optional(),
  levels: z.array(z.string()).optional(),
  sponsorLeader: z.string().optional(),
});

export const meetingSchema = z.object({
  id: z.number(),
  unit: z.string(),
  unitName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  location: z.string().nullable(),
  chair: z.string().nullable(),
  attendees: z.array(z.string()),
  filter: meetingFilterSchema,
  notes: z.string().nullable(),
  createdBy: z.string(),
  version: z.number(),
});

export const meetingsResponse = z.object({ items: z.array(meetingSchema.extend({ items: z.number() })) });

export const agendaEntrySchema = z.object({
  position: z.number(),
  project: z.object({
    code: z.string(),
    name: z.string(),
    unitName: z.string(),
    stage: z.enum(STAGES),
    totalInvestmentWan: z.number(),
    investorName: z.string(),
    sponsorLeader: z.string().nullable(),
    content: z.string().nullable(),
  }),
  milestones: z.array(
    z.object({
      key: z.enum(MILESTONES),
      planned: z.string().nullable(),
      actual: z.string().nullable(),
      late: z.boolean(),
    }),
  ),
  progress: z.object({
    year: z.number(),
    planWan: z.number().nullable(),
    ytdWan: z.number(),
    lastMonth: z.string().nullable(),
    imageProgress: z.string().nullable(),
  }),
  blockers: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      description: z.string(),
      departments: z.array(z.string()),
      deadline: z.string().nullable(),
      status: z.enum(BLOCKER_STATUSES),
      overdueDays: z.number(),
      raisedHere: z.boolean(),
    }),
  ),
  decision: z.string().nullable(),
  earlierDecisions: z.array(z.object({ meetingTitle: z.string(), heldOn: z.string(), decision: z.string() })),
});

/** One project on a meeting's agenda, as the presentation shows it. */
export type AgendaItem = z.infer<typeof agendaEntrySchema>;

export const meetingDetailSchema = z.object({
  agenda: z.array(agendaEntrySchema),
  id: z.number(),
  unit: z.string(),
  unitName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  location: z.string().nullable(),
  chair: z.string().nullable(),
  attendees: z.array(z.string()),
  filter: meetingFilterSchema,
  notes: z.string().nullable(),
  createdBy: z.string(),
  version: z.number(),
});

export const meetingsByIdItemsByCodePutResponse = z.object({ decision: z.string().nullable() });
