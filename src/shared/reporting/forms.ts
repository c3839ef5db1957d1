// What a reporting task collects: its kind, the projects its rows are, and the fields of a row. The same rules check
// a row in the browser as it is typed, in an uploaded sheet and on the server.
import { parseAmount, toHalfWidth } from '../projects/amounts.ts';
import { parseFlexibleDate } from '../projects/dates.ts';
import { STAGES, type Stage } from '../projects/stages.ts';
import { MAX_MONTH_WAN, MAX_TEXT } from './progress.ts';

export const TASK_KINDS = ['monthly_progress', 'negotiating_major', 'blocker_update', 'custom'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_KIND_LABELS: Record<TaskKind, { zh: string; en: string }> = {
  monthly_progress: { zh: '重点项目月度进度', en: 'Monthly progress of key projects' },
  negotiating_major: { zh: '新增在谈重大项目', en: 'New major projects under negotiation' },
  blocker_update: { zh: '问题清单更新', en: 'Problem list update' },
  custom: { zh: '自定义', en: 'Custom' },
};

export type FieldType = 'number' | 'text' | 'date';

export interface FieldDefinition {
  key: string;
  label: { zh: string; en: string };
  type: FieldType;
  required: boolean;
  /** 万元 or 亿元 for amounts */
  unit?: { zh: string; en: string };
  min?: number;
}

export interface CustomField {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
}

/** Which ledger projects make a task's rows (all conditions hold; empty = every project of the unit). */
export interface ProjectSelection {
  stages?: Stage[];
  /** on one of these lists (省重大 / 市重点 / 区重点) */
  levels?: string[];
  /** 总投资 at least this many 亿元 */
  minInvestmentYi?: number;
}

export interface TaskForm {
  projects?: ProjectSelection;
  /** negotiating_major: the smallest project worth reporting, 亿元 (Yangzhou: 20) */
  minInvestmentYi?: number;
  /** custom: the fields of a row */
  customFields?: CustomField[];
}

const wan = { zh: '万元', en: 'CNY 10k' };
const yi = { zh: '亿元', en: 'CNY 100M' };

const FIELDS: Record<Exclude<TaskKind, 'custom'>, FieldDefinition[]> = {
  monthly_progress: [
    { key: 'investedWan', label: { zh: '本月完成投资', en: 'Invested this month' }, type: 'number', required: true, unit: wan, min: 0 },
    { key: 'annualPlanWan', label: { zh: '年度计划投资', en: 'Annual plan' }, type: 'number', required: false, unit: wan, min: 0 },
    { key: 'imageProgress', label: { zh: '形象进度', en: 'Physical progress' }, type: 'text', required: false },
    { key: 'problems', label: { zh: '存在问题', en: 'Problems' }, type: 'text', required: false },
    { key: 'nextSteps', label: { zh: '下步计划', en: 'Next steps' }, type: 'text', required: false },
    { key: 'note', label: { zh: '说明', en: 'Note' }, type: 'text', required: false },
  ],
  negotiating_major: [
    { key: 'name', label: { zh: '项目名称', en: 'Project' }, type: 'text', required: true },
    { key: 'investorName', label: { zh: '投资方', en: 'Investor' }, type: 'text', required: true },
    { key: 'investmentYi', label: { zh: '拟投资额', en: 'Planned investment' }, type: 'number', required: true, unit: yi, min: 0 },
    { key: 'content', label: { zh: '建设内容', en: 'Content' }, type: 'text', required: false },
    { key: 'chain', label: { zh: '产业链', en: 'Chain' }, type: 'text', required: false },
    { key: 'landMu', label: { zh: '用地（亩）', en: 'Land (mu)' }, type: 'number', required: false, min: 0 },
    { key: 'contact', label: { zh: '联系人及电话', en: 'Contact' }, type: 'text', required: false },
    { key: 'progressNote', label: { zh: '洽谈进展', en: 'Progress of talks' }, type: 'text', required: false },
    { key: 'expectedSignOn', label: { zh: '预计签约时间', en: 'Expected signing' }, type: 'date', required: false },
  ],
  blocker_update: [
    { key: 'problems', label: { zh: '存在问题', en: 'Problems' }, type: 'text', required: true },
    { key: 'nextSteps', label: { zh: '下步计划', en: 'Next steps' }, type: 'text', required: false },
  ],
};

/** The fields of a task's rows. */
export function fieldsOf(kind: TaskKind, form: TaskForm): FieldDefinition[] {
  if (kind === 'custom')
    return (form.customFields ?? []).map((f) => ({ key: f.key, label: { zh: f.label, en: f.label }, type: f.type, required: f.required }));
  return FIELDS[kind];
}

/** A typed amount in the field's unit: plain digits (1,234.5) as they are; with 亿 / 万 converted (3.5亿 in a 万元 field is 35000). */
function numberOf(text: string, unit: 'wan' | 'yi'): number {
  const plain = toHalfWidth(text)
    .replace(/[,，\s]/g, '')
    .replace(/(万元|亿元|元)$/, (m) => (m === '元' ? '' : m));
  if (/^-?\d+(\.\d+)?$/.test(plain)) return Number(plain);
  if (/^-?\d+(\.\d+)?亿元?$/.test(plain) && unit === 'yi') return Number(plain.replace(/亿元?$/, ''));
  if (/^-?\d+(\.\d+)?万元?$/.test(plain) && unit === 'wan') return Number(plain.replace(/万元?$/, ''));
  if (plain.startsWith('-')) return -1;
  const parsed = parseAmount(plain);
  if (!parsed.ok) return parsed.error === 'not_positive' ? 0 : Number.NaN;
  return unit === 'yi' ? parsed.wan / 10_000 : parsed.wan;
}

/** Rows are the unit's ledger projects, except for newly reported projects, which the unit adds. */
export const rowsAreProjects = (kind: TaskKind): boolean => kind !== 'negotiating_major';

export interface RowProblem {
  field: string;
  message: { zh: string; en: string };
}

/**
 * A row's values, normalized (amounts as numbers, dates as ISO, text trimmed, empty → absent) with the problems found.
 * `partial` (a draft) lets required fields be empty; a submission does not.
 */
export function normalizeRow(
  fields: readonly FieldDefinition[],
  raw: Record<string, unknown>,
  options: { partial: boolean; minInvestmentYi?: number | undefined },
): { values: Record<string, string | number>; problems: RowProblem[] } {
  const values: Record<string, string | number> = {};
  const problems: RowProblem[] = [];
  for (const field of fields) {
    const input = raw[field.key];
    const empty = input === null || input === undefined || (typeof input === 'string' && input.trim() === '');
    if (empty) {
      if (field.required && !options.partial)
        problems.push({ field: field.key, message: { zh: `请填写${field.label.zh}`, en: `${field.label.en} is required` } });
      continue;
    }
    if (field.type === 'number') {
      const value = typeof input === 'number' ? input : numberOf(String(input), field.unit === yi ? 'yi' : 'wan');
      if (!Number.isFinite(value))
        problems.push({
          field: field.key,
          message: { zh: `${field.label.zh}“${String(input)}”不是有效数字`, en: `${field.label.en}: “${String(input)}” is not a number` },
        });
      else if (field.min !== undefined && value < field.min)
        problems.push({ field: field.key, message: { zh: `${field.label.zh}不能为负数`, en: `${field.label.en} cannot be negative` } });
      else if (value > MAX_MONTH_WAN)
        problems.push({
          field: field.key,
          message: {
            zh: `${field.label.zh}数值过大，请核对单位（${field.unit?.zh ?? ''}）`,
            en: `${field.label.en} is too large; check the unit`,
          },
        });
      else values[field.key] = Math.round(value * 10_000) / 10_000;
    } else if (field.type === 'date') {
      const date = parseFlexibleDate(input);
      if (!date)
        problems.push({
          field: field.key,
          message: { zh: `${field.label.zh}“${String(input)}”不是有效日期`, en: `${field.label.en}: “${String(input)}” is not a date` },
        });
      else values[field.key] = date;
    } else {
      const text = String(input).trim();
      if (text.length > MAX_TEXT)
        problems.push({
          field: field.key,
          message: { zh: `${field.label.zh}过长（最多 ${MAX_TEXT} 字）`, en: `${field.label.en} is too long` },
        });
      else values[field.key] = text;
    }
  }
  if (options.minInvestmentYi && typeof values.investmentYi === 'number' && values.investmentYi < options.minInvestmentYi) {
    problems.push({
      field: 'investmentYi',
      message: {
        zh: `拟投资额 ${values.investmentYi} 亿元低于本任务的 ${options.minInvestmentYi} 亿元标准`,
        en: `${values.investmentYi}亿 is below this task's ${options.minInvestmentYi}亿 threshold`,
      },
    });
  }
  return { values, problems };
}

/** A task form's own problems (bad custom fields, unknown stages). */
export function formProblems(kind: TaskKind, form: TaskForm, lang: 'zh' | 'en'): string[] {
  const problems: string[] = [];
  const zh = lang === 'zh';
  for (const stage of form.projects?.stages ?? [])
    if (!(STAGES as readonly string[]).includes(stage)) problems.push(zh ? `未知阶段 ${stage}` : `unknown stage ${stage}`);
  if (kind === 'custom') {
    const fields = form.customFields ?? [];
    if (!fields.length) problems.push(zh ? '自定义任务至少需要一个填报字段' : 'a custom task needs at least one field');
    const keys = new Set<string>();
    for (const field of fields) {
      if (!/^[a-zA-Z]\w{0,30}$/.test(field.key))
        problems.push(zh ? `字段代码“${field.key}”须为字母开头的字母数字` : `field key ${field.key} must be alphanumeric`);
      if (keys.has(field.key)) problems.push(zh ? `字段代码“${field.key}”重复` : `duplicate field key ${field.key}`);
      keys.add(field.key);
      if (!field.label.trim()) problems.push(zh ? '字段名称不能为空' : 'a field needs a label');
    }
  }
  return problems;
}

/**
 * A row checked as the grid, an uploaded sheet and the submit check it: the fields' rules, and for monthly progress
 * the cumulative figure (开工至上月 + this month) against the total investment, which needs a confirming note.
 */
export function checkRow(
  kind: TaskKind,
  form: TaskForm,
  fields: readonly FieldDefinition[],
  values: Record<string, unknown>,
  context: { sinceStartBeforeWan: number; totalInvestmentWan: number | null },
  partial: boolean,
): { values: Record<string, string | number>; problems: RowProblem[] } {
  const normalized = normalizeRow(fields, values, { partial, minInvestmentYi: form.minInvestmentYi });
  if (kind === 'monthly_progress' && typeof normalized.values.investedWan === 'number') {
    const sinceStart = Math.round((context.sinceStartBeforeWan + normalized.values.investedWan) * 100) / 100;
    const total = context.totalInvestmentWan;
    if (total && sinceStart > total + 1e-6 && !normalized.values.note) {
      normalized.problems.push({
        field: 'note',
        message: {
          zh: `开工至今累计 ${sinceStart} 万元超过总投资 ${total} 万元，请在“说明”中确认`,
          en: `Cumulative ${sinceStart} 万元 exceeds the total ${total} 万元: confirm in the note`,
        },
      });
    }
  }
  return normalized;
}
