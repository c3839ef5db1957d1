// Requests of the meetings API (调度会), shared by the server's validation and the web's forms.
import { z } from 'zod';
import { PROJECT_LEVELS } from '../projects/classification.ts';
import { STAGES, type Stage } from '../projects/stages.ts';
import type { BlockerStatus } from '../blockers/rules.ts';
import type { MilestoneStatus } from '../projects/milestones.ts';

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

/** One project on a meeting's agenda, as the presentation shows it. */
export interface AgendaItem {
  position: number;
  project: {
    code: string;
    name: string;
    unitName: string;
    stage: Stage;
    totalInvestmentWan: number;
    investorName: string;
    sponsorLeader: string | null;
    content: string | null;
  };
  milestones: MilestoneStatus[];
  progress: { year: number; planWan: number | null; ytdWan: number; lastMonth: string | null; imageProgress: string | null };
  blockers: {
    id: number;
    type: string;
    description: string;
    departments: string[];
    deadline: string | null;
    status: BlockerStatus;
    overdueDays: number;
    raisedHere: boolean;
  }[];
  decision: string | null;
  earlierDecisions: { meetingTitle: string; heldOn: string; decision: string }[];
}

// Responses (success bodies), checked on every response in tests.
export const meetingsResponse = z.object({
  items: z.array(
    z.object({
      items: z.number(),
      id: z.number(),
      unit: z.string(),
      unitName: z.string(),
      title: z.string(),
      heldOn: z.string(),
      location: z.string().nullable(),
      chair: z.string().nullable(),
      attendees: z.array(z.string()),
      filter: z.object({
        unit: z.string().optional(),
        stages: z.array(z.string()).optional(),
        levels: z.array(z.string()).optional(),
        sponsorLeader: z.string().optional(),
      }),
      notes: z.string().nullable(),
      createdBy: z.string(),
      version: z.number(),
    }),
  ),
});

export const meetingsPostResponse = z.object({
  id: z.number(),
  unit: z.string(),
  unitName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  location: z.string().nullable(),
  chair: z.string().nullable(),
  attendees: z.array(z.string()),
  filter: z.object({
    unit: z.string().optional(),
    stages: z.array(z.string()).optional(),
    levels: z.array(z.string()).optional(),
    sponsorLeader: z.string().optional(),
  }),
  notes: z.string().nullable(),
  createdBy: z.string(),
  version: z.number(),
});

export const meetingsByIdResponse = z.object({
  agenda: z.array(
    z.object({
      position: z.number(),
      project: z.object({
        code: z.string(),
        name: z.string(),
        unitName: z.string(),
        stage: z.enum(['registered', 'started', 'lead', 'negotiating', 'signed', 'completed', 'producing', 'at_capacity']),
        totalInvestmentWan: z.number(),
        investorName: z.string(),
        sponsorLeader: z.string().nullable(),
        content: z.string().nullable(),
      }),
      milestones: z.array(
        z.object({
          key: z.enum(['registered', 'started', 'signed', 'completed', 'producing', 'at_capacity']),
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
          status: z.enum(['open', 'resolved', 'in_progress', 'closed']),
          overdueDays: z.number(),
          raisedHere: z.boolean(),
        }),
      ),
      decision: z.string().nullable(),
      earlierDecisions: z.array(z.object({ meetingTitle: z.string(), heldOn: z.string(), decision: z.string() })),
    }),
  ),
  id: z.number(),
  unit: z.string(),
  unitName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  location: z.string().nullable(),
  chair: z.string().nullable(),
  attendees: z.array(z.string()),
  filter: z.object({
    unit: z.string().optional(),
    stages: z.array(z.string()).optional(),
    levels: z.array(z.string()).optional(),
    sponsorLeader: z.string().optional(),
  }),
  notes: z.string().nullable(),
  createdBy: z.string(),
  version: z.number(),
});

export const meetingsByIdPutResponse = z.object({
  agenda: z.array(
    z.object({
      position: z.number(),
      project: z.object({
        code: z.string(),
        name: z.string(),
        unitName: z.string(),
        stage: z.enum(['registered', 'started', 'lead', 'negotiating', 'signed', 'completed', 'producing', 'at_capacity']),
        totalInvestmentWan: z.number(),
        investorName: z.string(),
        sponsorLeader: z.string().nullable(),
        content: z.string().nullable(),
      }),
      milestones: z.array(
        z.object({
          key: z.enum(['registered', 'started', 'signed', 'completed', 'producing', 'at_capacity']),
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
          status: z.enum(['open', 'resolved', 'in_progress', 'closed']),
          overdueDays: z.number(),
          raisedHere: z.boolean(),
        }),
      ),
      decision: z.string().nullable(),
      earlierDecisions: z.array(z.object({ meetingTitle: z.string(), heldOn: z.string(), decision: z.string() })),
    }),
  ),
  id: z.number(),
  unit: z.string(),
  unitName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  location: z.string().nullable(),
  chair: z.string().nullable(),
  attendees: z.array(z.string()),
  filter: z.object({
    unit: z.string().optional(),
    stages: z.array(z.string()).optional(),
    levels: z.array(z.string()).optional(),
    sponsorLeader: z.string().optional(),
  }),
  notes: z.string().nullable(),
  createdBy: z.string(),
  version: z.number(),
});

export const meetingsByIdItemsByCodePutResponse = z.object({ decision: z.string().nullable() });
