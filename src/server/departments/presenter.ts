import type { DepartmentRow } from './repository.ts';

export function presentDepartment(row: DepartmentRow, extra: { unitName: string; users?: number }) {
  return {
    id: row.id,
    unitCode: row.unitCode,
    unitName: extra.unitName,
    name: row.name,
    kind: row.kind,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    active: row.active,
    version: row.version,
    users: extra.users ?? null,
  };
}
