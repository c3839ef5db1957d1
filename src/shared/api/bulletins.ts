// Responses of the bulletins API: the success bodies, checked on every response in tests.
import { z } from 'zod';
import { BULLETIN_STATUSES } from '../bulletins/status.ts';
import { progressUnitSchema } from './reporting.ts';

export const bulletinsPostResponse = z.union([
  z.object({ status: z.literal('issued'), number: z.number(), docNumber: z.string(), replaced: z.array(z.number()), id: z.number() }),
  z.object({ id: z.number(), status: z.literal('draft') }),
]);

export const bulletinsResponse = z.object({
  items: z.array(
    z.object({
      issuedAt: z.string(),
      id: z.number(),
      unitCode: z.string(),
      period: z.string(),
      asOf: z.string().nullable(),
      status: z.enum(BULLETIN_STATUSES),
      number: z.number().nullable(),
      docNumber: z.string().nullable(),
      title: z.string(),
      signedOn: z.string().nullable(),
      createdBy: z.string().nullable(),
      issuedBy: z.string(),
      replacedBy: z.number().nullable(),
    }),
  ),
});

export const bulletinRowSchema = progressUnitSchema.extend({
  newProjects: z.number(),
  newSigned: z.number(),
  newRegistered: z.number(),
  newStarted: z.number(),
  newProducing: z.number(),
  rank: z.number().nullable(),
  previousRank: z.number().nullable(),
});

export const bulletinProjectSchema = z.object({
  code: z.string(),
  name: z.string(),
  unitName: z.string(),
  totalInvestmentWan: z.number(),
  date: z.string().nullable(),
  note: z.string().optional(),
});

export const bulletinsByIdResponse = z.object({
  id: z.number(),
  previousId: z.number().nullable(),
  status: z.enum(BULLETIN_STATUSES),
  version: z.number(),
  replacedBy: z.number().nullable(),
  reviewComment: z.string().nullable(),
  createdBy: z.string().nullable(),
  submittedBy: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string() }),
  period: z.string(),
  asOf: z.string(),
  number: z.number(),
  docNumber: z.string().nullable(),
  title: z.string(),
  issuer: z.string(),
  signedOn: z.string().nullable(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  builtAt: z.string().optional(),
  schedule: z.number(),
  rows: z.array(bulletinRowSchema),
  total: bulletinRowSchema,
  signed: z.array(bulletinProjectSchema),
  started: z.array(bulletinProjectSchema),
  producing: z.array(bulletinProjectSchema),
  stalled: z.array(bulletinProjectSchema),
  overdue: z.array(bulletinProjectSchema),
  stalledCount: z.number(),
  overdueCount: z.number(),
  blockersByDepartment: z.array(
    z.object({ name: z.string(), pending: z.number(), resolved: z.number(), closed: z.number(), overdue: z.number() }),
  ),
  blockers: z.array(
    z.object({
      id: z.number(),
      projectCode: z.string(),
      projectName: z.string(),
      unitName: z.string(),
      type: z.string(),
      description: z.string(),
      departments: z.array(z.string()),
      deadline: z.string().nullable(),
      status: z.enum(['open', 'resolved', 'in_progress', 'closed']),
      statusLabel: z.string(),
      overdueDays: z.number(),
      resolution: z.string().nullable(),
    }),
  ),
  compliance: z.array(
    z.object({ unitName: z.string(), due: z.number(), onTime: z.number(), late: z.number(), missing: z.number(), lateHours: z.number() }),
  ),
  changes: z.object({
    previousId: z.number().nullable(),
    previousPeriod: z.string().nullable(),
    movedUp: z.array(z.string()),
    movedDown: z.array(z.string()),
    blockersClosed: z.array(z.string()),
    blockersNew: z.array(z.string()),
  }),
});

export const bulletinsProfileByUnitResponse = z.object({
  unitCode: z.string(),
  docNumberPattern: z.string(),
  issuerName: z.string(),
  custom: z.boolean(),
});

export const bulletinsProfileByUnitPutResponse = z.object({
  unitCode: z.string(),
  docNumberPattern: z.string(),
  issuerName: z.string(),
  custom: z.boolean(),
});

/** A step of a bulletin's review (refresh, submit, return, issue): its new status; issuing also gives its 期数 and 文号. */
export const bulletinStepResponse = z.union([
  z.object({ status: z.literal('issued'), number: z.number(), docNumber: z.string(), replaced: z.array(z.number()) }),
  z.object({ id: z.number(), status: z.enum(BULLETIN_STATUSES) }),
]);
