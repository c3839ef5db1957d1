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
