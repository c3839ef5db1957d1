// Responses of the reporting API: the success bodies, checked on every response in tests.
import { z } from 'zod';
import { TASK_KINDS } from '../reporting/forms.ts';
import { RECURRENCES, SUBMISSION_STATUSES } from '../reporting/periods.ts';

export const progressMonthSchema = z.object({
  month: z.string(),
  investedWan: z.number(),
  ytdWan: z.number(),
  sinceStartWan: z.number(),
  annualPlanWan: z.number().nullable(),
  ofPlan: z.number().nullable(),
  ofTotal: z.number().nullable(),
  imageProgress: z.string().nullable(),
  problems: z.string().nullable(),
  nextSteps: z.string().nullable(),
  note: z.string().nullable(),
  photos: z.array(z.string()),
  locked: z.boolean(),
  version: z.number(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});

export const submissionHeaderSchema = z.object({
  id: z.number(),
  task: z.object({ id: z.number(), name: z.string(), kind: z.enum(TASK_KINDS), unit: z.string(), unitName: z.string() }),
  unit: z.string(),
  unitName: z.string(),
  periodKey: z.string(),
  periodLabel: z.object({ zh: z.string(), en: z.string() }),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueAt: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  revision: z.number(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewComment: z.string().nullable(),
  compliance: z.object({ status: z.enum(['on_time', 'late', 'missing', 'pending']), lateHours: z.number() }),
  version: z.number(),
});

export const taskFormSchema = z.object({
  projects: z
    .object({
      stages: z
        .array(z.enum(['registered', 'started', 'lead', 'negotiating', 'signed', 'completed', 'producing', 'at_capacity']))
        .optional(),
      levels: z.array(z.string()).optional(),
      minInvestmentYi: z.number().optional(),
    })
    .optional(),
  minInvestmentYi: z.number().optional(),
  customFields: z
    .array(z.object({ key: z.string(), label: z.string(), type: z.enum(['number', 'date', 'text']), required: z.boolean() }))
    .optional(),
});

export const taskSchema = z.object({
  id: z.number(),
  unit: z.string(),
  unitName: z.string(),
  name: z.string(),
  kind: z.enum(['custom', 'monthly_progress', 'negotiating_major', 'blocker_update']),
  recurrence: z.enum(RECURRENCES),
  startOn: z.string(),
  dueWeekday: z.number().nullable(),
  dueDay: z.number().nullable(),
  dueMonthOffset: z.number().nullable(),
  dueOn: z.string().nullable(),
  dueTime: z.string(),
  targetUnits: z.array(z.object({ code: z.string(), name: z.string() })),
  form: taskFormSchema,
  active: z.boolean(),
  version: z.number(),
  createdBy: z.string().nullable(),
});

export const submissionSchema = z.object({
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.object({ zh: z.string(), en: z.string() }),
      type: z.enum(['number', 'date', 'text']),
      required: z.boolean(),
      unit: z.object({ zh: z.string(), en: z.string() }).optional(),
      min: z.number().optional(),
    }),
  ),
  form: taskFormSchema,
  rowsAreProjects: z.boolean(),
  progressMonth: z.string().nullable(),
  editable: z.boolean(),
  reviewable: z.boolean(),
  unlockable: z.boolean(),
  rows: z.array(
    z.object({
      key: z.string(),
      projectId: z.string().nullable(),
      context: z.object({
        code: z.string().nullable(),
        name: z.string(),
        stage: z.string().nullable(),
        totalInvestmentWan: z.number().nullable(),
        startedOn: z.string().nullable(),
        plannedStartedOn: z.string().nullable(),
        completedOn: z.string().nullable(),
        plannedCompletedOn: z.string().nullable(),
        sponsorLeader: z.string().nullable(),
        responsibleUnit: z.string().nullable(),
        ytdBeforeWan: z.number(),
        sinceStartBeforeWan: z.number(),
      }),
      values: z.record(z.string(), z.unknown()),
      returnComment: z.string().nullable(),
      version: z.number(),
      problems: z.array(z.object({ field: z.string(), message: z.object({ zh: z.string(), en: z.string() }) })),
    }),
  ),
  id: z.number(),
  task: z.object({ id: z.number(), name: z.string(), kind: z.enum(TASK_KINDS), unit: z.string(), unitName: z.string() }),
  unit: z.string(),
  unitName: z.string(),
  periodKey: z.string(),
  periodLabel: z.object({ zh: z.string(), en: z.string() }),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueAt: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  revision: z.number(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewComment: z.string().nullable(),
  compliance: z.object({ status: z.enum(['on_time', 'late', 'missing', 'pending']), lateHours: z.number() }),
  version: z.number(),
});

export const projectsByCodeProgressResponse = z.object({
  months: z.array(progressMonthSchema),
  plans: z.array(z.object({ year: z.number(), plannedWan: z.number() })),
  code: z.string(),
  totalInvestmentWan: z.number(),
});

export const projectsByCodePlansByYearPutResponse = z.object({ year: z.number(), plannedWan: z.number() });

export const projectsByCodeScheduleProposePostResponse = z.object({
  gaps: z.object({ registered: z.number(), started: z.number(), completed: z.number(), producing: z.number(), at_capacity: z.number() }),
  items: z.array(
    z.object({
      milestone: z.enum(['registered', 'started', 'signed', 'completed', 'producing', 'at_capacity']),
      date: z.string(),
      reached: z.boolean(),
      tight: z.boolean(),
    }),
  ),
});

export const progressUnitSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  projects: z.number(),
  totalInvestmentWan: z.number(),
  annualPlanWan: z.number(),
  monthWan: z.number(),
  ytdWan: z.number(),
  completion: z.number().nullable(),
  points: z.number().nullable(),
});

export const progressSummaryResponse = z.object({
  month: z.string(),
  schedule: z.number(),
  self: progressUnitSchema,
  children: z.array(progressUnitSchema),
});

export const reportingTasksResponse = z.object({ issued: z.array(taskSchema), assigned: z.array(taskSchema) });

export const reportingTasksByIdResponse = z.object({ task: taskSchema, submissions: z.array(submissionHeaderSchema) });

export const reportingSubmissionsResponse = z.object({ items: z.array(submissionHeaderSchema) });

export const reportingSubmissionsByIdRowsPutResponse = z.object({ saved: z.number(), versions: z.record(z.string(), z.number()) });

export const reportingSubmissionsByIdVersionsResponse = z.object({
  items: z.array(z.object({ revision: z.number(), submittedBy: z.string(), submittedAt: z.string(), rows: z.number() })),
});

export const reportingSubmissionsByIdCompareResponse = z.object({
  from: z.number(),
  to: z.number(),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      change: z.enum(['added', 'removed', 'changed']),
      fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
});

export const reportingSubmissionsByIdXlsxPostResponse = z.object({ rows: z.number(), saved: z.number() });

export const reportingComplianceResponse = z.object({
  month: z.string(),
  rows: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      due: z.number(),
      onTime: z.number(),
      late: z.number(),
      missing: z.number(),
      pending: z.number(),
      lateHours: z.number(),
      onTimeRate: z.number().nullable(),
      items: z.array(
        z.object({
          submissionId: z.number(),
          taskId: z.number(),
          taskName: z.string(),
          periodKey: z.string(),
          dueAt: z.string(),
          firstSubmittedAt: z.string().nullable(),
          status: z.enum(['on_time', 'late', 'missing', 'pending']),
          lateHours: z.number(),
        }),
      ),
    }),
  ),
});

export const reportingComplianceLeaguePostResponse = z.object({
  period: z.string(),
  adjustments: z.array(z.object({ unitCode: z.string(), points: z.number(), reason: z.string() })),
});
