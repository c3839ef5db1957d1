import type { AuditOutcome, AuditRowView } from '../../shared/api/audit.ts';
import type { AuditRow } from './queries.ts';

export function presentAuditRow(row: AuditRow): AuditRowView {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    username: row.username,
    unitCode: row.unitCode,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    changes: row.changes as AuditRowView['changes'], // written only by appendAudit, as field → {before, after}
    ip: row.ip,
    outcome: row.outcome as AuditOutcome,
    detail: row.detail,
  };
}
