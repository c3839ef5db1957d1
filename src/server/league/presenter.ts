import type { SchemeRow } from './queries.ts';

export function presentScheme(row: SchemeRow) {
  return {
    id: row.id,
    unit: row.unitCode,
    name: row.name,
    periodKind: row.periodKind,
    items: row.items,
    groups: row.groups,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
