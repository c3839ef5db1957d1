import type {} from '@fastify/multipart';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { readUploadedWorkbook, sendWorkbook, safeCell } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { normalizeHeader, readTable, type CellValue } from '../excel/cells.ts';
import { isWithin } from '../../shared/units.ts';
import { scopePathFor } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { indicatorCatalog } from './catalog.ts';
import { childSumWarnings, maySetOwnTargets, monthsProblem, setTargets, type TargetInput } from './commands.ts';
import { targets } from './schema.ts';

// 目标分解表: one row per unit and indicator (annual target and its 12 months), exported and imported as .xlsx.

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

interface ImportError {
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

export function registerTargetExcelRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/targets/xlsx',
    {
      config: { access: 'business:export' },
      schema: {
        tags: ['targets'],
        summary: '导出目标分解表（本单位及直属下级，全部指标；可改后导入）',
        querystring: z.object({
          unit: z
            .string()
            .regex(/^\d{6,15}$/)
            .optional(),
          year: z.coerce.number().int().min(2000).max(2100),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      await scopePathFor(db, actor, code);
      const rowsUnits = await db
        .select()
        .from(units)
        .where(and(or(eq(units.code, code), eq(units.parentCode, code)), eq(units.active, true)))
        .orderBy(asc(units.path));
      const [catalog, existing] = await Promise.all([
        indicatorCatalog(db, { viewerPath: actor.unitPath }),
        db
          .select()
          .from(targets)
          .where(
            and(
              eq(targets.year, request.query.year),
              inArray(
                targets.unitCode,
                rowsUnits.map((u) => u.code),
              ),
            ),
          ),
      ]);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(`${request.query.year}年目标`, { views: [{ state: 'frozen', ySplit: 1, xSplit: 4 }] });
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
      return sendWorkbook(reply, `目标分解表-${request.query.year}.xlsx`, workbook);
    },
  );

  app.post(
    '/api/v1/targets/xlsx',
    {
      config: { access: 'business:write' },
      schema: {
        tags: ['targets'],
        summary: '导入目标分解表（multipart 字段 file；dryRun=true 只校验）。有错误时 422 且不写入',
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100),
          dryRun: z.enum(['true', 'false']).optional(),
          reason: z.string().trim().max(500).optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const fail = (errors: ImportError[]) => reply.status(422).send({ errors });
      const workbook = await readUploadedWorkbook(request, db);
      const known = new Set<string>(
        [HEADERS.unit, HEADERS.indicator, HEADERS.annual, HEADERS.indicatorName, HEADERS.unitName, ...MONTHS].map(normalizeHeader),
      );
      let table = null;
      for (const sheet of workbook.worksheets) {
        table = readTable(sheet, (h) => known.has(h), 3);
        if (table) break;
      }
      if (!table)
        return fail([
          {
            row: 0,
            column: '',
            message: zh
              ? '找不到表头：需要“单位代码”“指标代码”（或“指标名称”）“年度目标”列'
              : 'header row not found: 单位代码, 指标代码, 年度目标',
          },
        ]);
      const columnOf = (header: string) => [...table.headers].find(([, h]) => h === normalizeHeader(header))?.[0];
      const unitColumn = columnOf(HEADERS.unit);
      const annualColumn = columnOf(HEADERS.annual);
      const keyColumn = columnOf(HEADERS.indicator);
      const nameColumn = columnOf(HEADERS.indicatorName);
      if (!unitColumn || !annualColumn || (!keyColumn && !nameColumn))
        return fail([
          {
            row: table.headerRow,
            column: '',
            message: zh
              ? '缺少必需的列：单位代码、指标代码（或指标名称）、年度目标'
              : 'missing columns: 单位代码, 指标代码 (or 指标名称), 年度目标',
          },
        ]);
      const monthColumns = MONTHS.map(columnOf);
      const catalog = await indicatorCatalog(db, { includeArchived: true, viewerPath: actor.unitPath });
      const codes = [...new Set(table.rows.map((r) => String(r.cells.get(unitColumn) ?? '').trim()).filter(Boolean))];
      const knownUnits = codes.length ? await db.select().from(units).where(inArray(units.code, codes)) : [];
      const errors: ImportError[] = [];
      const inputs: TargetInput[] = [];
      const seen = new Map<string, number>();
      // the importer's own unit: its targets come from above (⚙ targets.setBy); a row repeating them as issued passes
      const ownIssued = (await maySetOwnTargets(db, actor))
        ? null
        : await db
            .select()
            .from(targets)
            .where(and(eq(targets.unitCode, actor.unitCode), eq(targets.year, request.query.year)));
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
            error(
              HEADERS.indicator,
              zh ? `与第 ${seen.get(id)} 行重复（同一单位同一指标）` : `same unit and indicator as row ${seen.get(id)}`,
            );
          seen.set(id, row.number);
          inputs.push({ unit: unit.code, indicator: indicator.key, annual, monthly });
        }
      }
      if (errors.length) return fail(errors);
      if (inputs.length === 0)
        return fail([{ row: 0, column: HEADERS.annual, message: zh ? '没有填写任何年度目标' : 'no annual target in the sheet' }]);
      const year = request.query.year;
      const dryRun = request.query.dryRun === 'true';
      const result = dryRun
        ? { saved: 0, unchanged: 0 }
        : await setTargets(db, actor, request.meta, year, inputs, { reason: request.query.reason ?? null });
      // Each imported target against its children, and its parent against the imported one and its siblings.
      const parentOf = new Map(knownUnits.map((u) => [u.code, u.parentCode]));
      const pairs = inputs.flatMap((i) => [
        { unit: i.unit, indicator: i.indicator },
        ...(parentOf.get(i.unit) ? [{ unit: parentOf.get(i.unit)!, indicator: i.indicator }] : []),
      ]);
      const unique = [...new Map(pairs.map((p) => [`${p.unit}/${p.indicator}`, p])).values()];
      const warnings = dryRun ? [] : await childSumWarnings(db, year, unique, zh);
      return { rows: inputs.length, saved: result.saved, unchanged: result.unchanged, dryRun, warnings, errors: [] };
    },
  );
}
