import type { PresentedUnit } from '../../shared/api/units.ts';
import type { UnitLevel } from '../../shared/units.ts';
import type { UnitRow } from './repository.ts';

export function presentUnit(unit: UnitRow): PresentedUnit {
  return {
    code: unit.code,
    name: unit.name,
    shortName: unit.shortName,
    level: unit.level as UnitLevel,
    kind: unit.kind,
    parentCode: unit.parentCode,
    depth: unit.depth,
    isReference: unit.isReference,
    active: unit.active,
    version: unit.version,
  };
}

export type { PresentedUnit };
