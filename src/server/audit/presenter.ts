import type { AuditRow } from './queries.ts';

export function presentAuditRow(row: AuditRow) {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    username: row.username,
    unitCode: row.unitCode,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    changes: row.changes,
    ip: row.ip,
    outcome: row.outcome,
    detail: row.detail,
  };
}
