import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { currencyFromChinese, parseAmount, toHalfWidth } from '../../shared/projects/amounts.ts';
import { industryFromText, keyByChineseLabel, LEAD_SOURCE_LABELS, PROJECT_LEVEL_LABELS, PROJECT_TYPE_LABELS } from '../../shared/projects/classification.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { stageFromChinese, STATUS_LABELS, TERMINATION_REASON_LABELS } from '../../shared/projects/stages.ts';
import { capitalTypeFromChinese } from '../../shared/projects/tiers.ts';
import type { Lang } from '../../shared/errors.ts';
import type { Db } from '../db/client.ts';
import { appendAuditBatch, diffFields, subjectOf, type AuditEntry } from '../audit/recorder.ts';
import type { Actor, RequestMeta } from '../http/actor.ts';
import { listUnits } from '../units/repository.ts';
import { AUDITED_FIELDS, flagDuplicatesBatch, loadNormalizeContext } from './commands.ts';
import { normalizeProject, type ProjectField, type ProjectInput, type ProjectValues } from './input.ts';
import { projectsWithin } from './repository.ts';
import { projectCodeSequences, projectEvents, projects } from './schema.ts';
import { readTable, type CellValue } from './sheet.ts';
import { bulkInsert } from '../db/bulk.ts';

/** The import template's columns (exact text; docs/import-template.md) and the record fields they fill. */
export const TEMPLATE_COLUMNS = [
  { header: '项目编号', field: 'code', required: false, width: 20 },
  { header: '项目名称', field: 'name', required: true, width: 32 },
  { header: '所属单位', field: 'unitCode', required: true, width: 18 },
  { header: '投资方', field: 'investorName', required: true, width: 28 },
  { header: '内外资', field: 'capitalType', required: true, width: 10 },
  { header: '币种', field: 'currency', required: false, width: 8 },
  { header: '总投资', field: 'totalInvestment', required: true, width: 14 },
  { header: '当前阶段', field: 'stage', required: true, width: 10 },
  { header: '统一社会信用代码', field: 'investorCreditCode', required: false, width: 22 },
  { header: '项目类型', field: 'projectType', required: false, width: 10 },
  { header: '行业', field: 'industryDivision', required: false, width: 22 },
  { header: '产业链', field: 'chain', required: false, width: 16 },
  { header: '项目级别', field: 'levels', required: false, width: 12 },
  { header: '线索来源', field: 'leadSource', required: false, width: 12 },
  { header: '挂钩领导', field: 'sponsorLeader', required: false, width: 12 },
  { header: '责任单位', field: 'responsibleUnit', required: false, width: 16 },
  { header: '用地(亩)', field: 'landMu', required: false, width: 10 },
  { header: '固定资产投资', field: 'fixedAssetInvestment', required: false, width: 14 },
  { header: '注册资本', field: 'registeredCapital', required: false, width: 12 },
  { header: '合同外资', field: 'contractForeignCapital', required: false, width: 12 },
  { header: '建设内容', field: 'content', required: false, width: 36 },
  { header: '首次填报日期', field: 'firstReportedOn', required: false, width: 13 },
  { header: '签约日期', field: 'dates.signed', required: false, width: 12 },
  { header: '注册日期', field: 'dates.registered', required: false, width: 12 },
  { header: '开工日期', field: 'dates.started', required: false, width: 12 },
  { header: '竣工日期', field: 'dates.completed', required: false, width: 12 },
  { header: '投产日期', field: 'dates.producing', required: false, width: 12 },
  { header: '达产日期', field: 'dates.at_capacity', required: false, width: 12 },
  { header: '入库列统日期', field: 'listedOn', required: false, width: 13 },
  { header: '状态', field: 'status', required: false, width: 8 },
  { header: '终止日期', field: 'terminatedOn', required: false, width: 12 },
  { header: '终止原因', field: 'terminationReason', required: false, width: 14 },
  { header: '备注', field: 'remarks', required: false, width: 24 },
] as const;
type TemplateField = (typeof TEMPLATE_COLUMNS)[number]['field'];

const MONEY_FIELDS = new Set<TemplateField>(['totalInvestment', 'fixedAssetInvestment', 'registeredCapital', 'contractForeignCapital']);
/** Money headers may carry their unit: 总投资(万元), 总投资(亿元), 合同外资(万美元) … */
function matchHeader(header: string): { field: TemplateField; scale: number } | null {
  for (const column of TEMPLATE_COLUMNS) {
    if (header === column.header) return { field: column.field, scale: 1 };
    if (MONEY_FIELDS.has(column.field)) {
      const unit = new RegExp(`^${column.header}\\((万元|亿元|万美元|亿美元|万)\\)$`).exec(header);
      if (unit) return { field: column.field, scale: unit[1]!.startsWith('亿') ? 10_000 : 1 };
    }
  }
  if (header === '项目代码') return { field: 'code', scale: 1 };
  return null;
}

export interface ImportError {
  row: number;
  column: string;
  message: string;
}
export interface ImportPreviewRow {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  code: string | null;
  name: string;
  unitCode: string;
  stage: string;
  totalInvestmentWan: number;
}
export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  warnings: ImportError[];
  /** what each valid row will do, for the check before the commit (the first 200 rows) */
  preview: ImportPreviewRow[];
}

type Planned = { row: number; kind: 'create'; values: ProjectValues; unitPath: string } | { row: number; kind: 'update'; id: string; code: string; before: typeof projects.$inferSelect; values: ProjectValues } | { row: number; kind: 'unchanged'; code: string; values: ProjectValues };

function text(value: CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return toHalfWidth(String(value)).trim() || null;
}

/**
 * Validates every row of an uploaded sheet and, unless `dryRun`, writes all of it in one transaction —
 * or nothing when any row has an error. Rows match existing projects by 项目编号, else by 统一社会信用代码 + 项目名称,
 * so the same file imported twice creates nothing twice.
 */
export async function importProjects(db: Db, actor: Actor, meta: RequestMeta, file: Buffer, options: { dryRun: boolean }): Promise<ImportResult> {
  const zh = meta.lang === 'zh';
  const errors: ImportError[] = [];
  const warnings: ImportError[] = [];
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { created: 0, updated: 0, unchanged: 0, errors: [{ row: 0, column: '', message: zh ? '无法读取文件：请上传 .xlsx 格式的 Excel 文件' : 'unreadable file: upload an .xlsx workbook' }], warnings, preview: [] };
  }
  const known = (header: string) => matchHeader(header) !== null;
  let table = null;
  for (const sheet of workbook.worksheets) {
    table = readTable(sheet, known);
    if (table) break;
  }
  if (!table) return { created: 0, updated: 0, unchanged: 0, errors: [{ row: 0, column: '', message: zh ? '找不到表头：请使用导入模板，表头须包含“项目名称”“所属单位”“投资方”等列' : 'no header row found: use the import template' }], warnings, preview: [] };

  const columns = new Map<number, { field: TemplateField; scale: number; header: string }>();
  for (const [col, header] of table.headers) {
    const match = matchHeader(header);
    if (match && ![...columns.values()].some((c) => c.field === match.field)) columns.set(col, { ...match, header });
  }
  for (const required of TEMPLATE_COLUMNS.filter((c) => c.required)) {
    if (![...columns.values()].some((c) => c.field === required.field)) errors.push({ row: table.headerRow, column: required.header, message: zh ? `缺少必填列“${required.header}”` : `missing required column ${required.header}` });
  }
  if (errors.length > 0) return { created: 0, updated: 0, unchanged: 0, errors, warnings, preview: [] };
  const headerOf = (field: ProjectField | 'code') => [...columns.values()].find((c) => c.field === field || (field === 'industrySection' && c.field === 'industryDivision'))?.header ?? TEMPLATE_COLUMNS.find((c) => c.field === field)?.header ?? String(field);

  const context = await loadNormalizeContext(db, meta.lang);
  const scopeUnits = await listUnits(db, { scopePath: actor.unitPath, includeInactive: false });
  const unitByCode = new Map(scopeUnits.map((u) => [u.code, u]));
  const unitsByName = new Map<string, typeof scopeUnits>();
  for (const unit of scopeUnits) for (const name of new Set([unit.name, unit.shortName])) unitsByName.set(name, [...(unitsByName.get(name) ?? []), unit]);

  // Existing projects of the scope, for matching.
  const existing = await db.select().from(projects).where(projectsWithin(actor.unitPath));
  const byCode = new Map(existing.map((p) => [p.code, p]));
  const byCreditAndName = new Map(existing.filter((p) => p.investorCreditCode).map((p) => [`${p.investorCreditCode}|${p.name}`, p]));
  const seenKeys = new Map<string, number>();
  const plans: Planned[] = [];
  const today = todayIso();

  for (const row of table.rows) {
    const rowErrors: ImportError[] = [];
    const cell = (field: TemplateField) => {
      for (const [col, column] of columns) if (column.field === field) return { value: row.cells.get(col) ?? null, scale: column.scale, header: column.header };
      return { value: null, scale: 1, header: '' };
    };
    const fail = (field: TemplateField | ProjectField, message: string) => rowErrors.push({ row: row.number, column: headerOf(field as ProjectField), message });
    const money = (field: TemplateField): string | number | null => {
      const { value, scale } = cell(field);
      if (value === null) return null;
      if (typeof value === 'number') return value * scale;
      const raw = text(value)!;
      if (scale !== 1 && /^[\d.,]+$/.test(raw)) {
        const parsed = parseAmount(raw);
        return parsed.ok ? parsed.wan * scale : raw;
      }
      return raw;
    };
    const dateCell = (field: TemplateField): string | null => {
      const { value } = cell(field);
      if (value === null) return null;
      if (value instanceof Date || typeof value === 'number') {
        const d = value instanceof Date ? value : null;
        return d ? `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}` : String(value);
      }
      return text(value);
    };

    const unitText = text(cell('unitCode').value);
    let unitCode: string | null = null;
    if (unitText) {
      if (unitByCode.has(unitText)) unitCode = unitText;
      else {
        const candidates = unitsByName.get(unitText) ?? [];
        if (candidates.length === 1) unitCode = candidates[0]!.code;
        else if (candidates.length > 1) fail('unitCode', zh ? `单位名称“${unitText}”不唯一，请填写单位编码` : `unit name ${unitText} is ambiguous; give its code`);
        else fail('unitCode', zh ? `单位“${unitText}”不存在或不在您的管辖范围内` : `unit ${unitText} is unknown or outside your scope`);
      }
    }
    const capitalText = text(cell('capitalType').value);
    const capitalType = capitalText ? capitalTypeFromChinese(capitalText) : undefined;
    if (capitalText && !capitalType) fail('capitalType', zh ? '内外资须为：内资、外资、中外合资' : 'capital type must be 内资, 外资 or 中外合资');
    const stageText = text(cell('stage').value);
    const stage = stageText ? stageFromChinese(stageText) : undefined;
    if (stageText && !stage) fail('stage', zh ? '当前阶段须为：线索、在谈、签约、注册、开工、竣工、投产、达产' : 'unknown stage');
    const currencyText = text(cell('currency').value);
    const currency = currencyText ? currencyFromChinese(currencyText) : undefined;
    if (currencyText && !currency) fail('currency', zh ? '币种须为：人民币、美元、欧元、港元、日元' : 'unknown currency');
    const typeText = text(cell('projectType').value);
    const projectType = typeText ? keyByChineseLabel(PROJECT_TYPE_LABELS, typeText) : undefined;
    if (typeText && !projectType) fail('projectType', zh ? '项目类型须为：新引进、增资扩产、技改' : 'unknown project type');
    const industryText = text(cell('industryDivision').value);
    const industry = industryText ? industryFromText(industryText) : undefined;
    if (industryText && !industry) fail('industryDivision', zh ? `无法识别的行业“${industryText}”（填写国民经济行业门类或大类名称，或大类代码如 39）` : 'unknown industry');
    const levels = (text(cell('levels').value) ?? '')
      .split(/[、,，;；/\s]+/)
      .filter(Boolean)
      .map((label) => {
        const key = keyByChineseLabel(PROJECT_LEVEL_LABELS, label);
        if (!key) fail('levels', zh ? `未知项目级别“${label}”（省重大、市重点、区重点）` : `unknown level ${label}`);
        return key;
      })
      .filter((key): key is NonNullable<typeof key> => Boolean(key));
    const sourceText = text(cell('leadSource').value);
    const leadSource = sourceText ? keyByChineseLabel(LEAD_SOURCE_LABELS, sourceText) : undefined;
    if (sourceText && !leadSource) fail('leadSource', zh ? '线索来源不在清单中' : 'unknown lead source');
    const statusText = text(cell('status').value);
    const status = statusText ? keyByChineseLabel(STATUS_LABELS, statusText) : 'normal';
    if (statusText && !status) fail('status', zh ? '状态须为：正常、暂停、终止' : 'status must be 正常, 暂停 or 终止');
    const reasonText = text(cell('terminationReason').value);
    const terminationReason = reasonText ? (keyByChineseLabel(TERMINATION_REASON_LABELS, reasonText) ?? 'other') : null;
    const landText = cell('landMu').value;
    const landMu = landText === null ? null : Number(typeof landText === 'string' ? toHalfWidth(landText).replace(/,/g, '') : landText);
    if (landText !== null && !Number.isFinite(landMu)) fail('landMu', zh ? '用地须为数字（亩）' : 'land must be a number');

    const input: ProjectInput = {
      name: text(cell('name').value),
      unitCode,
      investorName: text(cell('investorName').value),
      capitalType: capitalType ?? (capitalText ? null : null),
      currency: currency ?? null,
      totalInvestment: money('totalInvestment'),
      stage: stage ?? null,
      investorCreditCode: text(cell('investorCreditCode').value),
      projectType: projectType ?? null,
      industrySection: industry?.section ?? null,
      industryDivision: industry?.division ?? null,
      chain: text(cell('chain').value),
      levels,
      leadSource: leadSource ?? null,
      sponsorLeader: text(cell('sponsorLeader').value),
      responsibleUnit: text(cell('responsibleUnit').value),
      landMu: landMu !== null && Number.isFinite(landMu) ? landMu : null,
      fixedAssetInvestment: money('fixedAssetInvestment'),
      registeredCapital: money('registeredCapital'),
      contractForeignCapital: money('contractForeignCapital'),
      content: text(cell('content').value),
      firstReportedOn: dateCell('firstReportedOn'),
      dates: { signed: dateCell('dates.signed'), registered: dateCell('dates.registered'), started: dateCell('dates.started'), completed: dateCell('dates.completed'), producing: dateCell('dates.producing'), at_capacity: dateCell('dates.at_capacity') },
      listedOn: dateCell('listedOn'),
      status: status ?? 'normal',
      terminatedOn: dateCell('terminatedOn'),
      terminationReason,
      terminationNote: reasonText && terminationReason === 'other' ? reasonText : null,
      remarks: text(cell('remarks').value),
    };
    for (const [required, label] of [['name', '项目名称'], ['unitCode', '所属单位'], ['investorName', '投资方'], ['capitalType', '内外资'], ['totalInvestment', '总投资'], ['stage', '当前阶段']] as const) {
      if (cell(required).value === null) fail(required, zh ? `${label}必填` : `${label} is required`);
    }
    // Match an existing project, or a row above in the same file.
    const codeText = text(cell('code').value);
    let match: typeof projects.$inferSelect | undefined;
    if (codeText) {
      match = byCode.get(codeText);
      if (!match) fail('code', zh ? `项目编号“${codeText}”不存在或不在您的管辖范围内（新项目请留空）` : `unknown project code ${codeText}`);
    } else if (input.investorCreditCode && input.name) {
      match = byCreditAndName.get(`${input.investorCreditCode.toUpperCase()}|${input.name}`);
    }
    const key = codeText ?? (input.investorCreditCode && input.name ? `${input.investorCreditCode.toUpperCase()}|${input.name}` : null);
    if (key) {
      const earlier = seenKeys.get(key);
      if (earlier) fail(codeText ? 'code' : 'name', zh ? `与第 ${earlier} 行是同一个项目` : `same project as row ${earlier}`);
      else seenKeys.set(key, row.number);
    }

    const { values, problems } = normalizeProject(input, { ...context, today });
    for (const problem of problems) {
      const entry = { row: row.number, column: headerOf(problem.field), message: problem.message };
      if (problem.severity === 'error') {
        if (!rowErrors.some((e) => e.column === entry.column)) rowErrors.push(entry);
      } else warnings.push(entry);
    }
    if (rowErrors.length > 0 || !values) {
      errors.push(...rowErrors);
      continue;
    }
    if (match) {
      const changes = diffFields(match, { ...match, ...values }, AUDITED_FIELDS);
      plans.push(Object.keys(changes).length === 0 ? { row: row.number, kind: 'unchanged', code: match.code, values } : { row: row.number, kind: 'update', id: match.id, code: match.code, before: match, values });
    } else {
      plans.push({ row: row.number, kind: 'create', values, unitPath: unitByCode.get(values.unitCode)!.path });
    }
  }

  const result: ImportResult = {
    created: plans.filter((p) => p.kind === 'create').length,
    updated: plans.filter((p) => p.kind === 'update').length,
    unchanged: plans.filter((p) => p.kind === 'unchanged').length,
    errors: errors.sort((a, b) => a.row - b.row),
    warnings,
    preview: plans.slice(0, 200).map((plan) => ({
      row: plan.row,
      action: plan.kind,
      code: plan.kind === 'create' ? null : plan.code,
      name: plan.values.name,
      unitCode: plan.values.unitCode,
      stage: plan.values.stage,
      totalInvestmentWan: plan.values.totalInvestmentWan,
    })),
  };
  if (errors.length > 0 || options.dryRun) return result;
  if (plans.length === 0) return result;

  await db.transaction(async (tx) => {
    // Codes: reserve a block per unit and year at once.
    const creates = plans.filter((p): p is Extract<Planned, { kind: 'create' }> => p.kind === 'create');
    const groups = new Map<string, typeof creates>();
    for (const plan of creates) {
      const key = `${plan.values.unitCode}|${(plan.values.firstReportedOn ?? today).slice(0, 4)}`;
      groups.set(key, [...(groups.get(key) ?? []), plan]);
    }
    const audit: AuditEntry[] = [];
    const inserted: { id: string; code: string; stage: string; existsFrom: string; [field: string]: unknown }[] = [];
    for (const [key, group] of groups) {
      const [unitCode, yearText] = key.split('|') as [string, string];
      const year = Number(yearText);
      const [sequence] = await tx
        .insert(projectCodeSequences)
        .values({ unitCode, year, next: group.length + 1 })
        .onConflictDoUpdate({ target: [projectCodeSequences.unitCode, projectCodeSequences.year], set: { next: sql`${projectCodeSequences.next} + ${group.length}` } })
        .returning({ next: projectCodeSequences.next });
      const first = sequence!.next - group.length;
      const rows = group.map((plan, index) => ({ ...plan.values, code: `${unitCode}-${year}-${String(first + index).padStart(4, '0')}`, unitPath: plan.unitPath, createdBy: actor.userId }));
      for (let i = 0; i < rows.length; i += 5_000) inserted.push(...((await bulkInsert(tx, projects, rows.slice(i, i + 5_000), ['id', 'code', 'existsFrom', ...AUDITED_FIELDS])) as typeof inserted));
    }
    for (const row of inserted) audit.push({ action: 'project.import_create', objectType: 'project', objectId: row.code, changes: diffFields(null, row as Record<string, unknown>, AUDITED_FIELDS as unknown as string[]) });
    const updates = plans.filter((p): p is Extract<Planned, { kind: 'update' }> => p.kind === 'update');
    for (const plan of updates) {
      const [after] = await tx
        .update(projects)
        .set({ ...plan.values, existsFrom: plan.values.existsFrom, version: sql`${projects.version} + 1`, updatedAt: new Date() })
        .where(eq(projects.id, plan.id))
        .returning();
      audit.push({ action: 'project.import_update', objectType: 'project', objectId: plan.code, changes: diffFields(plan.before, after ?? null, AUDITED_FIELDS) });
    }
    const events = [
      ...inserted.map((row) => ({ projectId: row.id, kind: 'imported', stage: row.stage, eventDate: row.existsFrom, recordedBy: actor.userId, recordedByName: actor.displayName })),
      ...updates.map((plan) => ({ projectId: plan.id, kind: 'imported', stage: plan.values.stage, eventDate: today, recordedBy: actor.userId, recordedByName: actor.displayName })),
    ];
    await bulkInsert(tx, projectEvents, events);
    await flagDuplicatesBatch(tx, inserted.map((row) => row.id));
    await appendAuditBatch(tx, subjectOf(actor), meta, audit);
  });
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
      (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${targetLetter}2:${targetLetter}5000`, {
        type: 'list',
        allowBlank: true,
        formulae: [`选项!$${letter}$2:$${letter}$${list.values.length + 1}`],
        showErrorMessage: list.key !== '所属单位',
        errorTitle: '请从下拉列表选择',
        error: `“${list.key}”请从下拉列表中选择`,
      });
    }
  });
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 18 }, { width: 90 }];
  const lines: [string, string][] = [
    ['说明', '每行一个项目。红色表头为必填列。表头文字不要修改；可以增加其他列，导入时会忽略。'],
    ['项目编号', '新项目留空，系统自动生成（单位编码-年份-序号）；修改已有项目时填写其编号。同一文件重复导入不会重复创建。'],
    ['所属单位', '填写单位编码（如 321084）或完整单位名称（如 高邮市）。'],
    ['内外资', '内资、外资或中外合资。内资按人民币档次统计，外资、中外合资按美元档次统计。'],
    ['币种', '人民币、美元、欧元、港元、日元；不填时内资为人民币，其他为美元。'],
    ['总投资', '纯数字单位为“万”（该币种），也可写带单位的金额，如 3.5亿元、12000万元、1.6亿美元、3000万美元。增资扩产项目只填新增投资额。'],
    ['当前阶段', '线索、在谈、签约、注册、开工、竣工、投产、达产。签约及以后的阶段须填写该阶段日期；晚于当前阶段的日期不能填写。'],
    ['日期', '可写 2024-03-08、2024/3/8、2024.3.8、2024年3月8日，或使用 Excel 日期格式。各阶段日期须按先后顺序。'],
    ['入库列统日期', '须已开工、不早于开工日期，且总投资不少于500万元。'],
    ['统一社会信用代码', '18位，系统校验其校验位。'],
    ['行业', '国民经济行业分类（GB/T 4754）门类或大类名称，或大类代码（如 39）。'],
    ['项目级别', '省重大、市重点、区重点，多个用顿号分隔。'],
    ['状态', '正常、暂停、终止；终止须填写终止日期和原因。'],
  ];
  lines.forEach(([a, b], i) => {
    help.getCell(i + 1, 1).value = a;
    help.getCell(i + 1, 1).font = { bold: true };
    help.getCell(i + 1, 2).value = b;
    help.getCell(i + 1, 2).alignment = { wrapText: true, vertical: 'top' };
  });
  return workbook;
}

