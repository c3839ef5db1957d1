import { dateTimeIn } from '../../shared/calendar.ts';
import ExcelJS from 'exceljs';
import type { FieldDefinition } from '../../shared/reporting/forms.ts';
import type { Lang } from '../../shared/errors.ts';
import { addListSheet, safeCell, exportedAt } from '../http/excel.ts';
import { normalizeHeader, readTable, type CellValue } from '../excel/cells.ts';
import type { PresentedRow, presentSubmissionHeader, RowEdit } from './submissions.ts';
import type { presentTask } from './tasks.ts';
import { TASK_KIND_LABELS } from '../../shared/reporting/forms.ts';
import { COMPLIANCE_LABELS, deadlineLabel, RECURRENCE_LABELS, SUBMISSION_STATUS_LABELS } from '../../shared/reporting/periods.ts';
import type { progressSummary } from './progress.ts';

// A submission as a pre-filled sheet and back. Two hidden columns carry each row's key and the version it was
// downloaded at, so an upload lands on the right rows and cannot overwrite someone's later edit.

const KEY = '行标识';
const VERSION = '行版本';
const CONTEXT_HEADERS = {
  zh: ['项目代码', '项目名称', '总投资（万元）', '年初至上月累计（万元）', '开工至上月累计（万元）', '计划开工', '实际开工'],
  en: ['Code', 'Project', 'Total (万元)', 'YTD before (万元)', 'Since start before (万元)', 'Planned start', 'Started'],
};

const fieldHeader = (field: FieldDefinition, lang: Lang) =>
  `${field.label[lang]}${field.unit ? `（${field.unit[lang]}）` : ''}${field.required ? '*' : ''}`;

export interface SheetSubmission {
  task: { name: string; kind: string };
  unitName: string;
  periodLabel: { zh: string; en: string };
  dueAt: string;
  rowsAreProjects: boolean;
  fields: FieldDefinition[];
  rows: PresentedRow[];
}

export function submissionWorkbook(submission: SheetSubmission, lang: Lang): ExcelJS.Workbook {
  const zh = lang === 'zh';
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(zh ? '填报' : 'Report', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const context = submission.rowsAreProjects ? CONTEXT_HEADERS[lang] : [];
  const headers = [KEY, VERSION, ...context, ...submission.fields.map((f) => fieldHeader(f, lang))];
  const title = sheet.addRow([safeCell(`${submission.task.name}（${submission.unitName} ${submission.periodLabel[lang]}）`)]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, headers.length);
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const grey: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  const rows = submission.rowsAreProjects ? submission.rows : [...submission.rows, ...Array.from({ length: 20 }, () => null)];
  for (const row of rows) {
    const contextCells =
      submission.rowsAreProjects && row
        ? [
            row.context.code,
            row.context.name,
            row.context.totalInvestmentWan,
            row.context.ytdBeforeWan,
            row.context.sinceStartBeforeWan,
            row.context.plannedStartedOn,
            row.context.startedOn,
          ]
        : [];
    const added = sheet.addRow(
      [
        row?.key ?? null,
        row?.version ?? null,
        ...contextCells,
        ...submission.fields.map((f) => (row ? (row.values[f.key] ?? null) : null)),
      ].map(safeCell),
    );
    for (let c = 3; c < 3 + context.length; c++) added.getCell(c).fill = grey;
    submission.fields.forEach((field, i) => {
      const cell = added.getCell(3 + context.length + i);
      if (field.type === 'number')
        cell.dataValidation = {
          type: 'decimal',
          operator: 'greaterThanOrEqual',
          formulae: [0],
          allowBlank: true,
          showErrorMessage: true,
          errorTitle: zh ? '数字' : 'Number',
          error: zh ? `${field.label.zh}须为不小于 0 的数字` : `${field.label.en} must be a number ≥ 0`,
        };
      if (field.type === 'date') cell.numFmt = 'yyyy-mm-dd';
    });
  }
  sheet.getColumn(1).hidden = true;
  sheet.getColumn(2).hidden = true;
  sheet.columns.forEach((column, i) => {
    if (i < 2) return;
    column.width = i === 3 ? 30 : i < 2 + context.length ? 14 : submission.fields[i - 2 - context.length]?.type === 'text' ? 28 : 14;
  });
  sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: submission.rowsAreProjects ? 4 : 2 }];
  const help = workbook.addWorksheet(zh ? '填写说明' : 'Instructions');
  const lines = zh
    ? [
        `任务：${submission.task.name}；单位：${submission.unitName}；期间：${submission.periodLabel.zh}；截止：${dateTimeIn(submission.dueAt)}`,
        '灰色列为台账信息，仅供参考，修改无效；带 * 的列为必填。',
        '金额单位见列名（万元或亿元），可填数字，也可填“3.5亿元”这样的写法。',
        submission.rowsAreProjects ? '请勿增删行或修改隐藏列；未在本表中的项目不受影响。' : '每行一个新项目；在空行中填写即可新增。',
        '上传后保存为草稿，检查无误后在系统中点击“报送”。',
      ]
    : [
        'Grey columns are ledger facts (read only); columns marked * are required.',
        'Amounts in the unit in the header (万元 or 亿元).',
        'Do not add or remove rows, or change hidden columns.',
        'An upload saves a draft; submit it in the app.',
      ];
  lines.forEach((line) => help.addRow([line]));
  help.getColumn(1).width = 110;
  return workbook;
}

export interface SheetProblem {
  row: number;
  column: string;
  message: string;
}

/** The edits an uploaded sheet makes: rows matched by key, new rows (for newly reported projects) without one. */
export function editsFromSheet(
  workbook: ExcelJS.Workbook,
  fields: FieldDefinition[],
  rowsAreProjects: boolean,
  known: PresentedRow[],
  lang: Lang,
): { edits: RowEdit[]; sheetRows: number[]; problems: SheetProblem[] } {
  const zh = lang === 'zh';
  const headerOf = new Map<string, FieldDefinition>();
  for (const field of fields) for (const l of ['zh', 'en'] as const) headerOf.set(normalizeHeader(fieldHeader(field, l)), field);
  for (const field of fields) for (const l of ['zh', 'en'] as const) headerOf.set(normalizeHeader(field.label[l]), field);
  const isKnown = (h: string) => h === KEY || headerOf.has(h);
  let table = null;
  for (const sheet of workbook.worksheets) {
    table = readTable(sheet, isKnown, Math.min(2, fields.length + 1));
    if (table) break;
  }
  if (!table)
    return {
      edits: [],
      sheetRows: [],
      problems: [
        {
          row: 0,
          column: '',
          message: zh
            ? `找不到表头：请使用从系统下载的填报表（需要“${KEY}”列和填报字段列）`
            : 'header row not found: use the sheet downloaded from the app',
        },
      ],
    };
  const columns = [...table.headers];
  const keyColumn = columns.find(([, h]) => h === KEY)?.[0];
  const versionColumn = columns.find(([, h]) => h === VERSION)?.[0];
  const fieldColumns = columns.filter(([, h]) => headerOf.has(h)).map(([col, h]) => ({ col, field: headerOf.get(h)! }));
  const problems: SheetProblem[] = [];
  if (!keyColumn && rowsAreProjects)
    problems.push({
      row: table.headerRow,
      column: KEY,
      message: zh ? `缺少隐藏列“${KEY}”：请使用从系统下载的填报表` : `the hidden ${KEY} column is missing`,
    });
  const edits: RowEdit[] = [];
  const sheetRows: number[] = [];
  const seen = new Set<string>();
  for (const row of table.rows) {
    const key = keyColumn ? String(row.cells.get(keyColumn) ?? '').trim() : '';
    const values: Record<string, unknown> = {};
    for (const { col, field } of fieldColumns) {
      const value: CellValue | undefined = row.cells.get(col);
      values[field.key] = value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null);
    }
    const hasValues = Object.values(values).some((v) => v !== null && v !== '');
    if (!key) {
      if (!hasValues) continue;
      if (rowsAreProjects) {
        problems.push({
          row: row.number,
          column: KEY,
          message: zh ? '该行没有行标识：本任务的行为台账项目，不能新增' : 'a row without a key: rows of this task are ledger projects',
        });
        continue;
      }
      edits.push({ values });
      sheetRows.push(row.number);
      continue;
    }
    const existing = known.find((r) => r.key === key);
    if (!existing) {
      problems.push({
        row: row.number,
        column: KEY,
        message: zh
          ? '行标识不属于本期填报（是否上传了其他单位或其他期的表？）'
          : 'the row key is not in this report (another unit or period?)',
      });
      continue;
    }
    if (seen.has(key)) {
      problems.push({ row: row.number, column: KEY, message: zh ? '同一行出现两次' : 'the same row appears twice' });
      continue;
    }
    seen.add(key);
    const version = versionColumn ? Number(row.cells.get(versionColumn)) : existing.version;
    sheetRows.push(row.number);
    edits.push({ key, version: Number.isFinite(version) ? version : existing.version, values: { ...existing.values, ...values } });
  }
  return { edits, sheetRows, problems };
}

type ProgressSummary = Awaited<ReturnType<typeof progressSummary>>;

/** 投资完成情况 as a workbook: one line per unit below, the unit's own figures as the 合计 line. */
export function progressWorkbook(summary: ProgressSummary, lang: Lang): ExcelJS.Workbook {
  const zh = lang === 'zh';
  const workbook = new ExcelJS.Workbook();
  type Line = ProgressSummary['self'];
  // the rates are fractions: shown as per cent (points) to one decimal
  const pct = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
  addListSheet<Line>(workbook, zh ? '投资完成情况' : 'Investment completed', {
    lang,
    title: zh
      ? `${summary.self.unitName}重大项目投资完成情况（${summary.month}）`
      : `Investment completed · ${summary.self.unitName} · ${summary.month}`,
    subtitle: zh ? `序时进度 ${pct(summary.schedule)}%；${exportedAt('zh')}` : `Schedule ${pct(summary.schedule)}%; ${exportedAt('en')}`,
    rows: summary.children,
    totalRow: summary.self,
    columns: [
      { header: zh ? '单位' : 'Unit', width: 18, value: (l) => l.unitName },
      { header: zh ? '项目数(个)' : 'Projects', width: 10, value: (l) => l.projects },
      {
        header: zh ? '总投资(亿元)' : 'Total (100m CNY)',
        width: 14,
        value: (l) => Math.round(l.totalInvestmentWan) / 10_000,
        numFmt: '#,##0.00',
      },
      { header: zh ? '年度计划(万元)' : 'Annual plan (10k CNY)', width: 16, value: (l) => l.annualPlanWan, numFmt: '#,##0' },
      { header: zh ? '本月完成(万元)' : 'This month (10k CNY)', width: 16, value: (l) => l.monthWan, numFmt: '#,##0' },
      { header: zh ? '年度累计(万元)' : 'Year to date (10k CNY)', width: 16, value: (l) => l.ytdWan, numFmt: '#,##0' },
      { header: zh ? '完成年度计划(%)' : 'Of the plan (%)', width: 14, value: (l) => pct(l.completion) },
      { header: zh ? '超/欠序时(百分点)' : 'Vs schedule (points)', width: 16, value: (l) => pct(l.points) },
    ],
  });
  return workbook;
}

type SubmissionHeader = ReturnType<typeof presentSubmissionHeader>;

/** 填报列表 as a workbook: each submission's task, unit, period, deadline, status and 报送情况, in words and local times. */
export function submissionsWorkbook(unitName: string, items: SubmissionHeader[], lang: Lang): ExcelJS.Workbook {
  const zh = lang === 'zh';
  const workbook = new ExcelJS.Workbook();
  addListSheet<SubmissionHeader>(workbook, zh ? '填报列表' : 'Reports', {
    lang,
    title: zh ? `${unitName}填报情况` : `Reports · ${unitName}`,
    subtitle: zh ? `共 ${items.length} 份；${exportedAt('zh')}` : `${items.length} reports; ${exportedAt('en')}`,
    rows: items,
    columns: [
      { header: zh ? '填报任务' : 'Task', width: 28, value: (s) => s.task.name },
      { header: zh ? '发布单位' : 'Issued by', width: 14, value: (s) => s.task.unitName },
      { header: zh ? '填报单位' : 'Unit', width: 14, value: (s) => s.unitName },
      { header: zh ? '期间' : 'Period', width: 16, value: (s) => s.periodLabel[lang] },
      { header: zh ? '截止时间' : 'Due', width: 17, value: (s) => dateTimeIn(s.dueAt) },
      { header: zh ? '状态' : 'Status', width: 14, value: (s) => SUBMISSION_STATUS_LABELS[s.status][lang] },
      {
        header: zh ? '首次报送时间' : 'First submitted',
        width: 17,
        value: (s) => (s.firstSubmittedAt ? dateTimeIn(s.firstSubmittedAt) : null),
      },
      { header: zh ? '报送情况' : 'Compliance', width: 10, value: (s) => COMPLIANCE_LABELS[s.compliance.status][lang] },
      { header: zh ? '审核意见' : 'Review comment', width: 30, value: (s) => s.reviewComment },
    ],
  });
  return workbook;
}

type TaskView = ReturnType<typeof presentTask>;

/** 填报任务 as a workbook: each task's issuing unit, kind, recurrence and deadline in words, the units it goes to. */
export function tasksWorkbook(unitName: string, tasks: TaskView[], lang: Lang): ExcelJS.Workbook {
  const zh = lang === 'zh';
  const workbook = new ExcelJS.Workbook();
  addListSheet<TaskView>(workbook, zh ? '填报任务' : 'Reporting tasks', {
    lang,
    title: zh ? `${unitName}填报任务` : `Reporting tasks · ${unitName}`,
    subtitle: exportedAt(lang),
    rows: tasks,
    columns: [
      { header: zh ? '任务名称' : 'Task', width: 28, value: (t) => t.name },
      { header: zh ? '发布单位' : 'Issued by', width: 14, value: (t) => t.unitName },
      { header: zh ? '任务类型' : 'Kind', width: 16, value: (t) => TASK_KIND_LABELS[t.kind][lang] },
      {
        header: zh ? '频次' : 'Recurrence',
        width: 8,
        value: (t) => RECURRENCE_LABELS[t.recurrence as keyof typeof RECURRENCE_LABELS]?.[lang] ?? t.recurrence,
      },
      { header: zh ? '截止时间' : 'Deadline', width: 22, value: (t) => deadlineLabel(t)[lang] },
      { header: zh ? '起始日期' : 'From', width: 12, value: (t) => t.startOn },
      { header: zh ? '下发对象' : 'Sent to', width: 40, value: (t) => t.targetUnits.map((u) => u.name).join('、') },
      { header: zh ? '状态' : 'State', width: 8, value: (t) => (t.active ? (zh ? '启用' : 'Active') : zh ? '停用' : 'Stopped') },
    ],
  });
  return workbook;
}
