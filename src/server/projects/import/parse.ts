import { currencyFromChinese, parseAmount, toHalfWidth } from '../../../shared/projects/amounts.ts';
import {
  industryFromText,
  keyByChineseLabel,
  LEAD_SOURCE_LABELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_TYPE_LABELS,
} from '../../../shared/projects/classification.ts';
import { stageFromChinese, STAGES, STATUS_LABELS, TERMINATION_REASON_LABELS, type Stage } from '../../../shared/projects/stages.ts';
import { capitalTypeFromChinese } from '../../../shared/projects/tiers.ts';
import type { Lang } from '../../../shared/errors.ts';
import type { CellValue } from '../../excel/cells.ts';
import type { StreamedRow } from '../../excel/stream.ts';
import type { ProjectField, ProjectInput } from '../input.ts';
import { TEMPLATE_COLUMNS, type TemplateField } from './columns.ts';

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export interface SheetColumn {
  /** the sheet's column number */
  col: number;
  field: TemplateField;
  scale: number;
  header: string;
}

/** One row of the sheet, read: what it says of the project (only the columns the sheet has) and how to find it. */
export interface ParsedRow {
  row: number;
  code: string | null;
  /** the row's fields, for the columns present in the sheet (a present column with a blank cell clears the field) */
  input: ProjectInput;
  /** the input keys the sheet sets */
  present: Set<keyof ProjectInput>;
  correctionNote: string | null;
  errors: ImportError[];
}

export interface UnitLookup {
  byCode: Map<string, { code: string; path: string }>;
  byName: Map<string, { code: string; path: string }[]>;
}

/**
 * Free text as written: trimmed, never width-folded (a name keeps its （一期）). Our exports write a text that would run
 * as a formula with a leading quote (`'=…`); that quote is taken off again, so export → import is the identity.
 */
function plain(value: CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = String(value).trim();
  return (/^'[=+\-@]/.test(text) ? text.slice(1) : text) || null;
}
/** Codes, labels, amounts: full-width digits and letters folded, as people type them. */
function folded(value: CellValue | undefined): string | null {
  const text = plain(value);
  return text === null ? null : toHalfWidth(text).trim() || null;
}

const FIELD_KEYS: Partial<Record<TemplateField, (keyof ProjectInput)[]>> = {
  industryDivision: ['industrySection', 'industryDivision'],
  terminationReason: ['terminationReason', 'terminationNote'],
};

/** The problem columns of `normalizeProject` named as the sheet names them. */
export function headerResolver(columns: SheetColumn[]): (field: ProjectField | TemplateField) => string {
  return (field) => {
    const wanted = field === 'industrySection' ? 'industryDivision' : field;
    return columns.find((c) => c.field === wanted)?.header ?? TEMPLATE_COLUMNS.find((c) => c.field === wanted)?.header ?? String(field);
  };
}

export function parseRow(row: StreamedRow, columns: SheetColumn[], units: UnitLookup, lang: Lang): ParsedRow {
  const zh = lang === 'zh';
  const errors: ImportError[] = [];
  const headerOf = headerResolver(columns);
  const column = (field: TemplateField) => columns.find((c) => c.field === field);
  const has = (field: TemplateField) => column(field) !== undefined;
  const cell = (field: TemplateField): CellValue | null => {
    const c = column(field);
    return c ? (row.cells[c.col] ?? null) : null;
  };
  const fail = (field: TemplateField, message: string) => errors.push({ row: row.number, column: headerOf(field), message });
  const money = (field: TemplateField): string | number | null => {
    const value = cell(field);
    const scale = column(field)?.scale ?? 1;
    if (value === null) return null;
    if (typeof value === 'number') return value * scale;
    const raw = folded(value);
    if (raw === null) return null;
    if (scale !== 1 && /^[\d.,]+$/.test(raw)) {
      const parsed = parseAmount(raw);
      return parsed.ok ? parsed.wan * scale : raw;
    }
    return raw;
  };
  const dateCell = (field: TemplateField): string | null => {
    const value = cell(field);
    if (value === null) return null;
    if (value instanceof Date)
      return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}-${String(value.getUTCDate()).padStart(2, '0')}`;
    if (typeof value === 'number') return String(value);
    return folded(value);
  };

  const input: ProjectInput = {};
  const present = new Set<keyof ProjectInput>();
  const set = <K extends keyof ProjectInput>(key: K, value: ProjectInput[K]) => {
    input[key] = value;
    present.add(key);
  };
  for (const c of columns) for (const key of FIELD_KEYS[c.field] ?? []) present.add(key);
  /** A cell that must be one of a list: its key, or null with the error when it is not. */
  const choice = <T>(field: TemplateField, read: (text: string) => T | undefined, message: string): T | null => {
    const text = folded(cell(field));
    const value = text ? read(text) : undefined;
    if (text && value === undefined) fail(field, message);
    return value ?? null;
  };

  if (has('name')) set('name', plain(cell('name')));
  if (has('investorName')) set('investorName', plain(cell('investorName')));
  if (has('unitCode')) {
    const unitText = folded(cell('unitCode'));
    let unitCode: string | null = null;
    // 名称（编码）, as the ledger export writes a name two units share: the code decides
    const named = unitText ? /^.+[（(]\s*(\d{6,12})\s*[)）]$/.exec(unitText) : null;
    if (named && units.byCode.has(named[1]!)) unitCode = named[1]!;
    else if (unitText) {
      if (units.byCode.has(unitText)) unitCode = unitText;
      else {
        const candidates = units.byName.get(unitText) ?? [];
        if (candidates.length === 1) unitCode = candidates[0]!.code;
        else if (candidates.length > 1)
          fail('unitCode', zh ? `单位名称“${unitText}”不唯一，请填写单位编码` : `unit name ${unitText} is ambiguous; give its code`);
        else fail('unitCode', zh ? `单位“${unitText}”不存在或不在您的管辖范围内` : `unit ${unitText} is unknown or outside your scope`);
      }
    }
    set('unitCode', unitCode);
  }
  if (has('capitalType'))
    set(
      'capitalType',
      choice(
        'capitalType',
        capitalTypeFromChinese,
        zh ? '内外资须为：内资、外资、中外合资' : 'capital type must be 内资, 外资 or 中外合资',
      ),
    );
  if (has('stage'))
    set('stage', choice('stage', stageFromChinese, zh ? '当前阶段须为：线索、在谈、签约、注册、开工、竣工、投产、达产' : 'unknown stage'));
  if (has('currency'))
    set('currency', choice('currency', currencyFromChinese, zh ? '币种须为：人民币、美元、欧元、港元、日元' : 'unknown currency'));
  if (has('projectType'))
    set(
      'projectType',
      choice(
        'projectType',
        (t) => keyByChineseLabel(PROJECT_TYPE_LABELS, t),
        zh ? '项目类型须为：新引进、增资扩产、技改' : 'unknown project type',
      ),
    );
  if (has('industryDivision')) {
    const text = plain(cell('industryDivision'));
    const value = text ? (industryFromText(toHalfWidth(text)) ?? industryFromText(text)) : undefined;
    if (text && !value)
      fail('industryDivision', zh ? `无法识别的行业“${text}”（填写国民经济行业门类或大类名称，或大类代码如 39）` : 'unknown industry');
    set('industrySection', value?.section ?? null);
    set('industryDivision', value?.division ?? null);
  }
  if (has('chain')) set('chain', plain(cell('chain')));
  if (has('levels')) {
    const levels = (folded(cell('levels')) ?? '')
      .split(/[、,，;；/\s]+/)
      .filter(Boolean)
      .map((label) => {
        const key = keyByChineseLabel(PROJECT_LEVEL_LABELS, label);
        if (!key) fail('levels', zh ? `未知项目级别“${label}”（省重大、市重点、区重点）` : `unknown level ${label}`);
        return key;
      })
      .filter((key): key is NonNullable<typeof key> => Boolean(key));
    set('levels', levels);
  }
  if (has('leadSource'))
    set(
      'leadSource',
      choice('leadSource', (t) => keyByChineseLabel(LEAD_SOURCE_LABELS, t), zh ? '线索来源不在清单中' : 'unknown lead source'),
    );
  if (has('status')) {
    const text = folded(cell('status'));
    const value = text ? keyByChineseLabel(STATUS_LABELS, text) : 'normal';
    if (text && !value) fail('status', zh ? '状态须为：正常、暂停、终止' : 'status must be 正常, 暂停 or 终止');
    set('status', value ?? 'normal');
  }
  if (has('terminationReason')) {
    const text = plain(cell('terminationReason'));
    const key = text ? keyByChineseLabel(TERMINATION_REASON_LABELS, text) : undefined;
    // a reason not on the list is 其他 with the text as its note; the label 其他 itself has no note
    set('terminationReason', text ? (key ?? 'other') : null);
    set('terminationNote', text && !key ? text : null);
  }
  if (has('landMu')) {
    const value = cell('landMu');
    const number = value === null ? null : Number(typeof value === 'string' ? toHalfWidth(value).replace(/,/g, '') : value);
    if (value !== null && !Number.isFinite(number)) fail('landMu', zh ? '用地须为数字（亩）' : 'land must be a number');
    set('landMu', number !== null && Number.isFinite(number) ? number : null);
  }
  if (has('investorCreditCode')) set('investorCreditCode', folded(cell('investorCreditCode')));
  if (has('sponsorLeader')) set('sponsorLeader', plain(cell('sponsorLeader')));
  if (has('referrer')) set('referrer', plain(cell('referrer')));
  if (has('responsibleUnit')) set('responsibleUnit', plain(cell('responsibleUnit')));
  if (has('content')) set('content', plain(cell('content')));
  if (has('remarks')) set('remarks', plain(cell('remarks')));
  for (const field of ['totalInvestment', 'fixedAssetInvestment', 'registeredCapital', 'contractForeignCapital'] as const)
    if (has(field)) set(field, money(field));
  if (has('firstReportedOn')) set('firstReportedOn', dateCell('firstReportedOn'));
  if (has('listedOn')) set('listedOn', dateCell('listedOn'));
  if (has('terminatedOn')) set('terminatedOn', dateCell('terminatedOn'));
  const dates: Partial<Record<Stage, string | null>> = {};
  let anyDate = false;
  for (const stage of STAGES) {
    const field = `dates.${stage}` as TemplateField;
    if (!has(field)) continue;
    dates[stage] = dateCell(field);
    anyDate = true;
  }
  if (anyDate) set('dates', dates);

  for (const field of ['name', 'unitCode', 'investorName', 'capitalType', 'totalInvestment', 'stage'] as const) {
    if (has(field) && cell(field) === null) fail(field, zh ? `${headerOf(field)}必填` : `${headerOf(field)} is required`);
  }
  return {
    row: row.number,
    code: has('code') ? folded(cell('code')) : null,
    input,
    present,
    correctionNote: has('correctionNote') ? plain(cell('correctionNote')) : null,
    errors,
  };
}

/** The sheet's known columns, each field once (the leftmost wins). */
export function mapColumns(
  headers: Map<number, string>,
  match: (header: string) => { field: TemplateField; scale: number } | null,
): SheetColumn[] {
  const columns: SheetColumn[] = [];
  for (const [col, header] of headers) {
    const found = match(header);
    if (!found || columns.some((c) => c.field === found.field)) continue;
    columns.push({ col, ...found, header });
  }
  return columns;
}
