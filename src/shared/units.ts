// Unit tree rules (行政区划与园区): levels, codes, materialized paths. Pure functions.

export const UNIT_LEVELS = ['province', 'city', 'district', 'park', 'town'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const UNIT_LEVEL_LABELS: Record<UnitLevel, { zh: string; en: string }> = {
  province: { zh: '省', en: 'Province' },
  city: { zh: '市', en: 'City' },
  district: { zh: '县(市、区)', en: 'County / district' },
  park: { zh: '园区', en: 'Park' },
  town: { zh: '镇(街道)', en: 'Town / street' },
};

/** Kinds of park and town an admin may add (开发区 / 园区 / 高新区 / 综保区; 镇 / 街道). */
export const PARK_KINDS = ['development_zone', 'industrial_park', 'high_tech_zone', 'bonded_zone'] as const;
export const TOWN_KINDS = ['town', 'street'] as const;
export type UnitKind = (typeof PARK_KINDS)[number] | (typeof TOWN_KINDS)[number] | 'administrative';

export const UNIT_KIND_LABELS: Record<UnitKind, { zh: string; en: string }> = {
  administrative: { zh: '行政区', en: 'Administrative' },
  development_zone: { zh: '开发区', en: 'Development zone' },
  industrial_park: { zh: '园区', en: 'Industrial park' },
  high_tech_zone: { zh: '高新区', en: 'High-tech zone' },
  bonded_zone: { zh: '综保区', en: 'Bonded zone' },
  town: { zh: '镇', en: 'Town' },
  street: { zh: '街道', en: 'Street' },
};

/** Which levels may be added under a parent of the given level. Parks sit under a city or a district; towns under a district (or a park that manages them). */
export function childLevelsAllowed(parentLevel: UnitLevel): UnitLevel[] {
  switch (parentLevel) {
    case 'province':
      return [];
    case 'city':
      return ['park'];
    case 'district':
      return ['park', 'town'];
    case 'park':
      return ['town'];
    case 'town':
      return [];
  }
}

export function kindsForLevel(level: UnitLevel): UnitKind[] {
  if (level === 'park') return [...PARK_KINDS];
  if (level === 'town') return [...TOWN_KINDS];
  return ['administrative'];
}

/** Materialized path of a unit: its ancestors' codes and its own, between slashes. */
export function childPath(parentPath: string, code: string): string {
  return `${parentPath}${code}/`;
}

export function rootPath(code: string): string {
  return `/${code}/`;
}

/** True when `path` is the unit of `scopePath` or below it. */
export function isWithin(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath);
}

/** The paths of the units above the unit at `path`, nearest last (`/32/3210/321002/` → `/32/`, `/32/3210/`). */
export function ancestorPaths(path: string): string[] {
  const codes = path.split('/').filter(Boolean);
  return codes.slice(0, -1).map((_, i) => `/${codes.slice(0, i + 1).join('/')}/`);
}

export type UnitRelation = 'own' | 'child' | 'parent' | 'sibling' | 'unrelated';

export function relationOf(targetPath: string, userPath: string): UnitRelation {
  if (targetPath === userPath) return 'own';
  if (targetPath.startsWith(userPath)) return 'child';
  if (userPath.startsWith(targetPath)) return 'parent';
  const parentOf = (path: string) => path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1);
  if (parentOf(targetPath) === parentOf(userPath)) return 'sibling';
  return 'unrelated';
}

/**
 * Code of a new park or town: the parent's code and a three-digit suffix.
 * Towns take 001–899 (as GB/T 10114 numbers them), parks 901–999, so a later official town code never collides with a park.
 */
export function nextChildCode(parentCode: string, level: 'park' | 'town', existingCodes: readonly string[]): string {
  const [from, to] = level === 'park' ? [901, 999] : [1, 899];
  const used = new Set(existingCodes);
  for (let n = from; n <= to; n++) {
    const candidate = `${parentCode}${String(n).padStart(3, '0')}`;
    if (!used.has(candidate)) return candidate;
  }
  throw new Error('no free code');
}

/** GB/T 2260 codes are six digits; parks and towns extend their parent's code by three digits. */
export const UNIT_CODE_PATTERN = /^\d{6}(\d{3}){0,3}$/;
