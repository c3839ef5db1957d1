import type { AuditOutcome, AuditRowView } from '../../shared/api/audit.ts';
import type { AuditNames, AuditRow } from './queries.ts';

/** The name of what a row acted on, where it is a user, a unit or a project still there. */
export function objectNameOf(row: AuditRow, names: AuditNames): string | null {
  if (!row.objectId) return null;
  if (row.objectType === 'user') return names.users.get(row.objectId) ?? null;
  if (row.objectType === 'unit') return names.units.get(row.objectId) ?? null;
  if (row.objectType === 'project') return names.projects.get(row.objectId) ?? null;
  return null;
}

export function presentAuditRow(row: AuditRow, names: AuditNames): AuditRowView {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    username: row.username,
    displayName: row.userId ? (names.users.get(row.userId) ?? null) : null,
    unitCode: row.unitCode,
    unitName: row.unitCode ? (names.units.get(row.unitCode) ?? null) : null,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    objectName: objectNameOf(row, names),
    changes: row.changes as AuditRowView['changes'], // written only by appendAudit, as field → {before, after}
    ip: row.ip,
    outcome: row.outcome as AuditOutcome,
    detail: row.detail,
  };
}
