import type { MeetingRow } from './queries.ts';

export const presentMeeting = (row: MeetingRow, unitName: string) => ({
  id: row.id,
  unit: row.unitCode,
  unitName,
  title: row.title,
  heldOn: row.heldOn,
  location: row.location,
  chair: row.chair,
  attendees: row.attendees,
  filter: row.filter,
  notes: row.notes,
  createdBy: row.createdBy,
  version: row.version,
});
