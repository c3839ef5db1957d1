// Trips as the API sends them: codes and dates, never display text.
import { daysBetween } from '../../shared/calendar.ts';
import type { Stage } from '../../shared/projects/stages.ts';
import type { TripRow } from './repository.ts';

type Person = { username: string; displayName: string; leader: boolean };

export const presentTripSummary = (trip: TripRow, unitName: string, people: Person[]) => ({
  id: trip.id,
  kind: trip.kind,
  unitCode: trip.unitCode,
  unitName,
  from: trip.fromOn,
  to: trip.toOn,
  days: daysBetween(trip.fromOn, trip.toOn) + 1,
  destination: trip.destination,
  abroad: trip.abroad,
  purpose: trip.purpose,
  results: trip.results,
  status: trip.status,
  people: people.map((p) => ({ username: p.username, displayName: p.displayName, leader: p.leader })),
  createdByName: trip.createdByName,
  version: trip.version,
  createdAt: trip.createdAt.toISOString(),
});

export const presentTrip = (
  trip: TripRow,
  unitName: string,
  people: Person[],
  visits: { companyId: string | null; companyName: string; summary: string | null }[],
  projects: { code: string; name: string; stage: Stage }[],
  approval: boolean,
  photos: { id: string; filename: string; size: number; uploadedAt: Date }[],
) => ({
  ...presentTripSummary(trip, unitName, people),
  visitors: trip.visitors,
  nextSteps: trip.nextSteps,
  reviewNote: trip.reviewNote,
  approval,
  visits: visits.map((v) => ({ companyId: v.companyId, company: v.companyName, summary: v.summary })),
  projects,
  photos: photos.map((p) => ({ id: p.id, filename: p.filename, size: p.size, uploadedAt: p.uploadedAt.toISOString() })),
});
