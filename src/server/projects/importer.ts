import ExcelJS from 'exceljs';
import { LEAD_SOURCE_LABELS, PROJECT_LEVEL_LABELS, PROJECT_TYPE_LABELS } from '../../shared/projects/classification.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { STATUS_LABELS, TERMINATION_REASON_LABELS } from '../../shared/projects/stages.ts';
import type { Lang } from '../../shared/errors.ts';
import type { Db } from '../db/client.ts';
import { readLedgerTableInWorker } from '../excel/parse-worker.ts';
import { SheetReadError } from '../excel/stream.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { listUnits } from '../units/repository.ts';
import { loadNormalizeContext } from './commands.ts';
import { matchHeader, TEMPLATE_COLUMNS } from './import/columns.ts';
import { commitImport } from './import/commit.ts';
import { mapColumns, parseRow, type ImportError, type UnitLookup } from './import/parse.ts';
import { planImport, type CandidateView, type Decision, type FieldChange, type ImportPlan } from './import/plan.ts';

export { TEMPLATE_COLUMNS } from './import/columns.ts';
export type { ImportError } from './import/parse.ts';

/** Rows one sheet may hold: a province's whole ledger fits. */
export const MAX_IMPORT_ROWS = 200_000;

/** What each row of the sheet does, as the preview shows it. */
export interface ImportRowView {
  row: number;
  action: 'create' | 'update' | 'unchanged' | 'review';
  code?: string;
  name: string;
  unitCode: string;
  changes?: FieldChange[];
  candidates?: CandidateView[];
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  review: number;
  rows: ImportRowView[];
  missing: { code: string; name: string; unitCode: string }[];
  errors: ImportError[];
  warnings: ImportError[];
}

const problem = (message: string): ImportResult => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  review: 0,
  rows: [],
  missing: [],
  errors: [{ row: 0, column: '', message }],
  warnings: [],
});

function present(plan: ImportPlan): ImportResult {
  const rows: ImportRowView[] = plan.rows.map((p) => {
    switch (p.action) {
      case 'create':
        return { row: p.row, action: 'create', name: p.values.name, unitCode: p.values.unitCode };
      case 'update':
        return { row: p.row, action: 'update', code: p.before.code, name: p.values.name, unitCode: p.values.unitCode, changes: p.changes };
      case 'unchanged':
        return { row: p.row, action: 'unchanged', code: p.before.code, name: p.before.name, unitCode: p.before.unitCode };
      case 'review':
        return { row: p.row, action: 'review', name: p.name, unitCode: p.unitCode, candidates: p.candidates };
    }
  });
  const count = (action: ImportRowView['action']) => rows.filter((r) => r.action === action).length;
  return {
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    review: count('review'),
    rows,
    missing: plan.missing,
    errors: plan.errors,
    warnings: plan.warnings,
  };
}

/**
 * Reconciles a sheet with the ledger: every row is matched (项目编号; else 统一社会信用代码 + 项目名称; else 所属单位 +
 * 项目名称) and updates its project, or leaves it unchanged; a row like existing projects waits for the user's decision
 * (待确认); only a row that matches nothing creates a project. Unless `dryRun`, writes it all in one transaction — or
 * nothing when any row has an error or a 待确认 row has no decision. Projects the sheet does not mention are listed,
 * never deleted.
 */
export async function importProjects(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  file: Buffer,
  options: { dryRun: boolean; decisions?: Record<string, Decision>; maxRows?: number },
): Promise<ImportResult> {
  const zh = meta.lang === 'zh';
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  let table;
  try {
    table = await readLedgerTableInWorker(file, maxRows);
  } catch (error) {
    if (error instanceof SheetReadError && error.reason === 'too_many_rows')
      return problem(
        zh ? `表格超过 ${maxRows.toLocaleString('zh-CN')} 行，请分批导入` : `the sheet has more than ${maxRows} rows; import it in parts`,
      );
    if (error instanceof SheetReadError && error.reason === 'too_large')
      return problem(zh ? '表格内容过大，无法读取，请分批导入' : 'the sheet is too large to read; import it in parts');
    return problem(zh ? '无法读取文件：请上传 .xlsx 格式的 Excel 文件' : 'unreadable file: upload an .xlsx workbook');
  }
  if (!table)
    return problem(
      zh ? '找不到表头：请使用导入模板，表头须包含“项目名称”“所属单位”“投资方”等列' : 'no header row found: use the import template',
    );
  const columns = mapColumns(table.headers, matchHeader);
  const missingColumns = TEMPLATE_COLUMNS.filter((c) => c.required && !columns.some((m) => m.field === c.field));
  if (missingColumns.length > 0)
    return {
      ...problem(''),
      errors: missingColumns.map((c) => ({
        row: table.headerRow,
        column: c.header,
        message: zh ? `缺少必填列“${c.header}”` : `missing required column ${c.header}`,
      })),
    };

  const [context, scopeUnits] = await Promise.all([
    loadNormalizeContext(db, meta.lang),
    listUnits(db, { scopePath: actor.unitPath, includeInactive: false }),
  ]);
  const units: UnitLookup = { byCode: new Map(scopeUnits.map((u) => [u.code, u])), byName: new Map() };
  for (const unit of scopeUnits)
    for (const name of new Set([unit.name, unit.shortName])) units.byName.set(name, [...(units.byName.get(name) ?? []), unit]);
  const today = todayIso();
  const parsed = table.rows.map((row) => parseRow(row, columns, units, meta.lang));
  const plan = await planImport(db, {
    actor,
    meta,
    context,
    today,
    columns,
    parsed,
    unitPathOf: (code) => units.byCode.get(code)?.path,
    decisions: options.decisions ?? {},
    requireDecisions: !options.dryRun,
  });
  const result = present(plan);
  if (result.errors.length > 0 || options.dryRun) return result;
  await commitImport(db, actor, meta, plan, today);
  return result;
}

/** The downloadable template: headers, an instructions sheet and drop-down lists. */
export async function buildTemplate(db: Db, actor: Actor, lang: Lang): Promise<ExcelJS.Workbook> {
  const context = await loadNormalizeContext(db, lang);
  const scopeUnits = await listUnits(db, { scopePath: actor.unitPath });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '招引 Zhaoyin';
  const sheet = workbook.addWorksheet('项目台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  sheet.getRow(1).eachCell((cell, col) => {
    const required = TEMPLATE_COLUMNS[col - 1]?.required;
    cell.font = { bold: true, color: { argb: required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    if (required) cell.note = '必填';
  });
  const lists = workbook.addWorksheet('选项', { state: 'hidden' });
  const listColumns: { key: string; values: string[] }[] = [
    { key: '内外资', values: ['内资', '外资', '中外合资'] },
    { key: '当前阶段', values: ['线索', '在谈', '签约', '注册', '开工', '竣工', '投产', '达产'] },
    { key: '币种', values: ['人民币', '美元', '欧元', '港元', '日元'] },
    { key: '项目类型', values: Object.values(PROJECT_TYPE_LABELS).map((l) => l.zh) },
    { key: '产业链', values: context.chains },
    { key: '项目级别', values: Object.values(PROJECT_LEVEL_LABELS).map((l) => l.zh) },
    { key: '线索来源', values: Object.values(LEAD_SOURCE_LABELS).map((l) => l.zh) },
    { key: '状态', values: Object.values(STATUS_LABELS).map((l) => l.zh) },
    { key: '终止原因', values: Object.values(TERMINATION_REASON_LABELS).map((l) => l.zh) },
    { key: '所属单位', values: scopeUnits.map((u) => u.name) },
  ];
  listColumns.forEach((list, index) => {
    const col = index + 1;
    lists.getCell(1, col).value = list.key;
    list.values.forEach((value, i) => (lists.getCell(i + 2, col).value = value));
    const target = TEMPLATE_COLUMNS.findIndex((c) => c.header === list.key) + 1;
    if (target > 0 && list.values.length > 0) {
      const letter = lists.getColumn(col).letter;
      const targetLetter = sheet.getColumn(target).letter;
      // exceljs supports range validations at run time; its typings lack them
      (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(
        `${targetLetter}2:${targetLetter}5000`,
        {
          type: 'list',
          allowBlank: true,
          formulae: [`选项!$${letter}$2:$${letter}$${list.values.length + 1}`],
          showErrorMessage: list.key !== '所属单位',
          errorTitle: '请从下拉列表选择',
          error: `“${list.key}”请从下拉列表中选择`,
        },
      );
    }
  });
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 18 }, { width: 90 }];
  const lines: [string, string][] = [
    ['说明', '每行一个项目。红色表头为必填列。表头文字不要修改；可以增加其他列，导入时会忽略。'],
    ['项目编号', '新项目留空，系统自动生成（单位编码-年份-序号）；修改已有项目时填写其编号。'],
    [
      '重复导入',
      '导入是与台账对账，不会重复建项目：每行按项目编号，或统一社会信用代码+项目名称，或所属单位+项目名称（忽略空格、全半角、括号样式和末尾“项目”二字）找到台账中的项目并更新；与已有项目相似但不能确定的行标为“待确认”，由您选择更新哪个项目或新建。台账中有、表中没有的项目不会被删除。',
    ],
    ['所属单位', '填写单位编码（如 321084）或完整单位名称（如 高邮市）。'],
    ['内外资', '内资、外资或中外合资。内资按人民币档次统计，外资、中外合资按美元档次统计。'],
    ['币种', '人民币、美元、欧元、港元、日元；不填时内资为人民币，其他为美元。'],
    [
      '总投资',
      '纯数字单位为“万”（该币种），也可写带单位的金额，如 3.5亿元、12000万元、1.6亿美元、3000万美元。增资扩产项目只填新增投资额。',
    ],
    ['当前阶段', '线索、在谈、签约、注册、开工、竣工、投产、达产。签约及以后的阶段须填写该阶段日期；晚于当前阶段的日期不能填写。'],
    ['日期', '可写 2024-03-08、2024/3/8、2024.3.8、2024年3月8日，或使用 Excel 日期格式。各阶段日期须按先后顺序。'],
    ['入库列统日期', '须已开工、不早于开工日期，且总投资不少于500万元。'],
    ['统一社会信用代码', '18位，系统校验其校验位。'],
    ['行业', '国民经济行业分类（GB/T 4754）门类或大类名称，或大类代码（如 39）。'],
    ['项目级别', '省重大、市重点、区重点，多个用顿号分隔。'],
    ['状态', '正常、暂停、终止；终止须填写终止日期和原因。'],
    [
      '更正说明',
      '表格描述项目的现状：阶段推进、补填日期会按阶段推进记录。阶段倒退或修改已到达阶段的日期属于更正，须在本列写明原因，否则该行报错。',
    ],
  ];
  lines.forEach(([a, b], i) => {
    help.getCell(i + 1, 1).value = a;
    help.getCell(i + 1, 1).font = { bold: true };
    help.getCell(i + 1, 2).value = b;
    help.getCell(i + 1, 2).alignment = { wrapText: true, vertical: 'top' };
  });
  return workbook;
}
