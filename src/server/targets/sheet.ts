// 目标分解表: one row per unit and indicator (annual target and its 12 months), written to and read from .xlsx.
// Pure: the caller loads the units, catalog and targets; nothing here touches the database.
import ExcelJS from 'exceljs';
import { isWithin } from '../../shared/units.ts';
import { normalizeHeader, readTable, type CellValue } from '../excel/cells.ts';
import { safeCell } from '../http/excel.ts';
import type { UnitRow } from '../units/repository.ts';
import type { CatalogEntry } from './catalog.ts';
import { monthsProblem, type TargetInput } from './commands.ts';
import type { targets } from './schema.ts';

type TargetRow = typeof targets.$inferSelect;
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const HEADERS = {
  unit: '单位代码',
  unitName: '单位名称',
  indicator: '指标代码',
  indicatorName: '指标名称',
  measure: '计量单位',
  annual: '年度目标',
} as const;
const QUARTERS = ['一季度', '二季度', '三季度', '四季度'];

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

function numberOf(value: CellValue): number | null | 'invalid' {
  if (value === null || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'invalid';
  if (typeof value === 'string') {
    const text = value.replace(/[,，\s]/g, '');
    if (text === '' || text === '-' || text === '—') return null;
    const n = Number(text);
    return Number.isFinite(n) ? n : 'invalid';
  }
  return 'invalid';
}

/** The sheet of a unit and its children: every indicator of the catalog, with the targets already set. */
export function buildTargetWorkbook(year: number, rowsUnits: UnitRow[], catalog: CatalogEntry[], existing: TargetRow[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${year}年目标`, { views: [{ state: 'frozen', ySplit: 1, xSplit: 4 }] });
  sheet.columns = [...Object.values(HEADERS), ...MONTHS, ...QUARTERS].map((header, i) => ({
    header,
    width: i === 1 || i === 3 ? 26 : 10,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const unit of rowsUnits) {
    for (const indicator of catalog) {
      const target = existing.find((t) => t.unitCode === unit.code && t.indicatorKey === indicator.key);
      const monthly = target?.monthly ?? null;
      const row = sheet.addRow(
        [
          unit.code,
          unit.name,
          indicator.key,
          indicator.label.zh,
          indicator.unit.zh,
          target?.annual ?? null,
          ...(monthly ?? Array<null>(12).fill(null)),
        ].map(safeCell),
      );
      // Quarters are formulas over the months, for reading; the import takes the months.
      for (let q = 0; q < 4; q++) {
        const first = row.getCell(7 + q * 3).address;
        const last = row.getCell(9 + q * 3).address;
        row.getCell(19 + q).value = { formula: `IF(COUNT(${first}:${last})=0,"",SUM(${first}:${last}))` };
      }
    }
  }
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 100 }];
  for (const line of [
    '1. 每行是一个单位的一项指标；“年度目标”为空的行导入时跳过（不删除已有目标）。',
    '2. 月度分解可不填；填写时须填满12个月，合计等于年度目标。季度列由月度自动合计，导入时不读取。',
    '3. 单位代码、指标代码不要修改；单位须在您的管辖范围内。',
    '4. 导入为整表校验：任何一行有错误则全部不导入，并按行列列出错误。',
    '5. 下级单位目标合计与上级不一致时给出提醒，不阻止导入。',
  ])
    help.addRow([line]);
  return workbook;
}

export interface SheetContext {
  actor: { unitCode: string; unitPath: string };
  catalog: CatalogEntry[];
  /** The units the sheet names (by code), loaded by the caller from `sheetUnitCodes`. */
  knownUnits: UnitRow[];
  /** The importer's own targets as issued from above (⚙ targets.setBy), or null when it may set them itself. */
  ownIssued: TargetRow[] | null;
  zh: boolean;
}

export type ParsedSheet = {
  table: NonNullable<ReturnType<typeof readTable>>;
  unitColumn: number;
  annualColumn: number;
  keyColumn?: number;
  nameColumn?: number;
  monthColumns: (number | undefined)[];
};

/** Finds the header row and the columns; errors name what is missing. */
export function readTargetSheet(workbook: ExcelJS.Workbook, zh: boolean): ParsedSheet | { errors: ImportError[] } {
  const known = new Set<string>(
    [HEADERS.unit, HEADERS.indicator, HEADERS.annual, HEADERS.indicatorName, HEADERS.unitName, ...MONTHS].map(normalizeHeader),
  );
  let table = null;
  for (const sheet of workbook.worksheets) {
    table = readTable(sheet, (h) => known.has(h), 3);
    if (table) break;
  }
  if (!table)
    return {
      errors: [
        {
          row: 0,
          column: '',
          message: zh
            ? '找不到表头：需要“单位代码”“指标代码”（或“指标名称”）“年度目标”列'
            : 'header row not found: 单位代码, 指标代码, 年度目标',
        },
      ],
    };
  const columnOf = (header: string) => [...table.headers].find(([, h]) => h === normalizeHeader(header))?.[0];
  const unitColumn = columnOf(HEADERS.unit);
  const annualColumn = columnOf(HEADERS.annual);
  const keyColumn = columnOf(HEADERS.indicator);
  const nameColumn = columnOf(HEADERS.indicatorName);
  if (!unitColumn || !annualColumn || (!keyColumn && !nameColumn))
    return {
      errors: [
        {
          row: table.headerRow,
          column: '',
          message: zh
            ? '缺少必需的列：单位代码、指标代码（或指标名称）、年度目标'
            : 'missing columns: 单位代码, 指标代码 (or 指标名称), 年度目标',
        },
      ],
    };
  const monthColumns = MONTHS.map(columnOf);
  return { table, unitColumn, annualColumn, keyColumn, nameColumn, monthColumns };
}

/** The unit codes the sheet names (to load before checking the rows). */
export function sheetUnitCodes(sheet: ParsedSheet): string[] {
  return [...new Set(sheet.table.rows.map((r) => String(r.cells.get(sheet.unitColumn) ?? '').trim()).filter(Boolean))];
}

/** Checks every row: the targets to save, or the errors by row and column (the whole sheet or nothing). */
export function checkTargetRows(sheet: ParsedSheet, context: SheetContext): { inputs: TargetInput[]; errors: ImportError[] } {
  const { table, unitColumn, annualColumn, keyColumn, nameColumn, monthColumns } = sheet;
  const { actor, catalog, knownUnits, ownIssued, zh } = context;
  const errors: ImportError[] = [];
  const inputs: TargetInput[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const error = (column: string, message: string) => errors.push({ row: row.number, column, message });
    const annual = numberOf(row.cells.get(annualColumn) ?? null);
    if (annual === null) continue; // no target on this row
    const code = String(row.cells.get(unitColumn) ?? '').trim();
    const unit = knownUnits.find((u) => u.code === code);
    if (!code) error(HEADERS.unit, zh ? '单位代码为空' : 'unit code is empty');
    else if (!unit) error(HEADERS.unit, zh ? `单位代码 ${code} 不存在` : `unknown unit ${code}`);
    else if (!isWithin(unit.path, actor.unitPath))
      error(HEADERS.unit, zh ? `单位 ${unit.name} 不在您的管辖范围内` : `${unit.name} is outside your scope`);
    const key = keyColumn ? String(row.cells.get(keyColumn) ?? '').trim() : '';
    const name = nameColumn ? String(row.cells.get(nameColumn) ?? '').trim() : '';
    const indicator = key ? catalog.find((i) => i.key === key) : catalog.find((i) => i.label.zh === name);
    if (!indicator)
      error(key ? HEADERS.indicator : HEADERS.indicatorName, zh ? `指标“${key || name}”不存在` : `unknown indicator ${key || name}`);
    if (annual === 'invalid') error(HEADERS.annual, zh ? '年度目标须为数字' : 'the annual target must be a number');
    else if (annual < 0) error(HEADERS.annual, zh ? '年度目标不能为负数' : 'the annual target cannot be negative');
    const months = monthColumns.map((column) => (column ? numberOf(row.cells.get(column) ?? null) : null));
    let monthly: number[] | null = null;
    if (months.some((m) => m !== null)) {
      months.forEach((m, i) => {
        if (m === null) error(MONTHS[i]!, zh ? '月度分解须填满12个月（不分解则全部留空）' : 'fill all 12 months or none');
        else if (m === 'invalid' || m < 0) error(MONTHS[i]!, zh ? '须为不小于0的数字' : 'must be a number ≥ 0');
      });
      if (months.every((m) => typeof m === 'number' && m >= 0)) monthly = months as number[];
      if (monthly && typeof annual === 'number') {
        const problem = monthsProblem(annual, monthly, zh);
        if (problem) error(HEADERS.annual, problem);
      }
    }
    if (ownIssued && unit?.code === actor.unitCode && indicator && typeof annual === 'number') {
      const issued = ownIssued.find((t) => t.indicatorKey === indicator.key);
      if (issued && Math.abs(issued.annual - annual) < 1e-9) continue;
      error(HEADERS.annual, zh ? `${unit.name}的目标由上级单位下达，不能在此修改` : `${unit.name}'s targets are set by the unit above`);
      continue;
    }
    if (unit && indicator && typeof annual === 'number' && annual >= 0) {
      const id = `${unit.code}/${indicator.key}`;
      if (seen.has(id))
        error(HEADERS.indicator, zh ? `与第 ${seen.get(id)} 行重复（同一单位同一指标）` : `same unit and indicator as row ${seen.get(id)}`);
      seen.set(id, row.number);
      inputs.push({ unit: unit.code, indicator: indicator.key, annual, monthly });
    }
  }
  if (errors.length === 0 && inputs.length === 0)
    errors.push({ row: 0, column: HEADERS.annual, message: zh ? '没有填写任何年度目标' : 'no annual target in the sheet' });
  return { inputs, errors };
}
