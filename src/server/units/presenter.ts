import type { UnitRow } from './repository.ts';

export function presentUnit(unit: UnitRow) {
  return {
    code: unit.code,
    name: unit.name,
    shortName: unit.shortName,
    level: unit.level,
    kind: unit.kind,
    parentCode: unit.parentCode,
    depth: unit.depth,
    isReference: unit.isReference,
    active: unit.active,
    version: unit.version,
  };
}
export type PresentedUnit = ReturnType<typeof presentUnit>;
