// Responses of the promotion team's API: trips and receptions, the out-of-city table, posts.
import { z } from 'zod';
import { STAGES } from '../projects/stages.ts';
import { STAFF_POSTS } from '../staff/posts.ts';
import { TRIP_KINDS, TRIP_STATUSES } from '../staff/trips.ts';

export const tripPersonSchema = z.object({ username: z.string(), displayName: z.string(), leader: z.boolean() });

export const tripSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(TRIP_KINDS),
  unitCode: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  /** calendar days from the first to the last, both included */
  days: z.number().int(),
  destination: z.string(),
  abroad: z.boolean(),
  purpose: z.string(),
  results: z.string().nullable(),
  status: z.enum(TRIP_STATUSES),
  people: z.array(tripPersonSchema),
  createdByName: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
});

export const tripSchema = tripSummarySchema.extend({
  visitors: z.string().nullable(),
  nextSteps: z.string().nullable(),
  reviewNote: z.string().nullable(),
  /** ⚙ staff.tripApproval is on: a reviewer approves or returns it */
  approval: z.boolean(),
  visits: z.array(z.object({ companyId: z.string().nullable(), company: z.string(), summary: z.string().nullable() })),
  projects: z.array(z.object({ code: z.string(), name: z.string(), stage: z.enum(STAGES) })),
  /** photos from the trip (GET /api/v1/trips/{id}/photos/{photoId}) */
  photos: z.array(z.object({ id: z.string(), filename: z.string(), size: z.number().int(), uploadedAt: z.string() })),
});

export const tripsResponse = z.object({ total: z.number().int(), items: z.array(tripSummarySchema) });
export const tripCreatedSchema = z.object({ id: z.string() });

/** A person of the promotion team with their post (岗位). */
const teamMemberSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  post: z.enum(STAFF_POSTS).nullable(),
});

export const outOfCitySchema = z.object({
  /** ⚙ staff.tripApproval: only approved trips count */
  approvedOnly: z.boolean(),
  months: z.array(z.string()),
  /** working days of the period by the official calendar */
  workdays: z.number().int(),
  /** years of the period whose official arrangement is not yet in the calendar (counted Monday to Friday) */
  unknownYears: z.array(z.number().int()),
  items: z.array(
    teamMemberSchema.extend({
      workdays: z.number().int(),
      daysAway: z.number().int(),
      share: z.number(),
      quota: z.number().nullable(),
      met: z.boolean().nullable(),
      months: z.array(z.object({ month: z.string(), workdays: z.number().int(), daysAway: z.number().int() })),
    }),
  ),
});
export const postSetSchema = z.object({ username: z.string(), post: z.enum(STAFF_POSTS).nullable() });
export const teamSchema = z.object({ items: z.array(teamMemberSchema) });
