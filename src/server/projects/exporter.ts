import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { CURRENCY_LABELS, type Currency } from '../../shared/projects/amounts.ts';
import {
  industryName,
  LEAD_SOURCE_LABELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_TYPE_LABELS,
  type LeadSource,
  type ProjectLevel,
  type ProjectType,
} from '../../shared/projects/classification.ts';
import {
  STAGE_LABELS,
  STATUS_LABELS,
  TERMINATION_REASON_LABELS,
  type ProjectStatus,
  type Stage,
  type TerminationReason,
} from '../../shared/projects/stages.ts';
import { CAPITAL_TYPE_LABELS, type CapitalType } from '../../shared/projects/tiers.ts';
import type { Db } from '../db/client.ts';
import { safeCell } from '../http/excel.ts';
import { units } from '../units/schema.ts';
import { maskContacts } from './presenter.ts';
import { filterConditions, type ProjectFilter, type ProjectRow } from './repository.ts';
import { projects } from './schema.ts';
import { TEMPLATE_COLUMNS } from './importer.ts';

export const EXPORT_LAYOUTS = ['ledger', 'signed', 'negotiating'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];
type Row = ProjectRow & { unitName: string; unitLabel: string };
interface Column {
  header: string;
  width: number;
  value: (row: Row) => unknown;
}

const yi = (wan: number | null) => (wan === null ? null : Math.round(wan) / 10_000);
const label = <K extends string>(labels: Record<K, { zh: string }>, key: string | null) => (key ? (labels[key as K]?.zh ?? key) : null);

function ledgerColumns(): Column[] {
  const byField: Partial<Record<(typeof TEMPLATE_COLUMNS)[number]['field'], (row: Row) => unknown>> = {
    code: (r) => r.code,
    name: (r) => r.name,
    unitCode: (r) => r.unitLabel,
    investorName: (r) => r.investorName,
    capitalType: (r) => label(CAPITAL_TYPE_LABELS, r.capitalType),
    currency: (r) => CURRENCY_LABELS[r.currency as Currency]?.zh ?? r.currency,
    totalInvestment: (r) => r.totalInvestmentOrig,
    stage: (r) => label(STAGE_LABELS, r.stage),
    investorCreditCode: (r) => r.investorCreditCode,
    projectType: (r) => label(PROJECT_TYPE_LABELS, r.projectType as ProjectType),
    industryDivision: (r) => industryName(r.industrySection, r.industryDivision) || null,
    chain: (r) => r.chain,
    levels: (r) => r.levels.map((l) => PROJECT_LEVEL_LABELS[l as ProjectLevel]?.zh ?? l).join('、') || null,
    leadSource: (r) => label(LEAD_SOURCE_LABELS, r.leadSource as LeadSource),
    sponsorLeader: (r) => r.sponsorLeader,
    referrer: (r) => r.referrer,
    responsibleUnit: (r) => r.responsibleUnit,
    landMu: (r) => r.landMu,
    fixedAssetInvestment: (r) => r.fixedAssetInvestmentOrig,
    registeredCapital: (r) => r.registeredCapitalOrig,
    contractForeignCapital: (r) => r.contractForeignCapitalUsdWan,
    content: (r) => r.content,
    firstReportedOn: (r) => r.firstReportedOn,
    'dates.signed': (r) => r.signedOn,
    'dates.registered': (r) => r.registeredOn,
    'dates.started': (r) => r.startedOn,
    'dates.completed': (r) => r.completedOn,
    'dates.producing': (r) => r.producingOn,
    'dates.at_capacity': (r) => r.atCapacityOn,
    listedOn: (r) => r.listedOn,
    status: (r) => label(STATUS_LABELS, r.status as ProjectStatus),
    terminatedOn: (r) => r.terminatedOn,
    terminationReason: (r) =>
      r.terminationReason === 'other' && r.terminationNote
        ? r.terminationNote
        : label(TERMINATION_REASON_LABELS, r.terminationReason as TerminationReason),
    remarks: (r) => r.remarks,
  };
  const columns: Column[] = [];
  for (const c of TEMPLATE_COLUMNS) {
    const header = LEDGER_HEADERS[c.field] ?? c.header;
    columns.push({ header, width: c.width, value: byField[c.field] ?? (() => null) });
    // beside the amount in its own currency, the same in 亿元 of 人民币 (what officials add up and read)
    if (c.field === 'totalInvestment') columns.push({ header: YI_HEADER, width: 14, value: (r) => yi(r.totalInvestmentWan) });
  }
  return columns;
}

/**
 * The ledger's headers where the template's plain word would hide the unit: an amount in the project's currency says
 * so (the importer reads 万 of the 币种 beside it), the foreign capital is in 万美元.
 */
const LEDGER_HEADERS: Partial<Record<(typeof TEMPLATE_COLUMNS)[number]['field'], string>> = {
  totalInvestment: '总投资(万，按币种)',
  fixedAssetInvestment: '固定资产投资(万，按币种)',
  registeredCapital: '注册资本(万，按币种)',
  contractForeignCapital: '合同外资(万美元)',
};
const YI_HEADER = '总投资折人民币(亿元)';

/** Columns of the glossary's 签约台账 and 在谈项目表. */
function layoutColumns(layout: ExportLayout, contactsVisible: boolean): Column[] {
  if (layout === 'ledger') return ledgerColumns();
  if (layout === 'signed') {
    return [
      { header: '项目编号', width: 20, value: (r) => r.code },
      { header: '外来投资方', width: 28, value: (r) => r.investorName },
      { header: '项目名称', width: 32, value: (r) => r.name },
      { header: '建设内容', width: 40, value: (r) => r.content },
      { header: '签约时间', width: 12, value: (r) => r.signedOn },
      { header: '签约总投资(万元)', width: 16, value: (r) => r.totalInvestmentWan },
      { header: '内外资', width: 10, value: (r) => label(CAPITAL_TYPE_LABELS, r.capitalType as CapitalType) },
      { header: '产业类别', width: 22, value: (r) => industryName(r.industrySection, r.industryDivision) || r.chain },
      {
        header: '状态',
        width: 10,
        value: (r) => (r.status === 'normal' ? label(STAGE_LABELS, r.stage) : label(STATUS_LABELS, r.status as ProjectStatus)),
      },
      { header: '所属单位', width: 18, value: (r) => r.unitName },
    ];
  }
  return [
    { header: '项目名称', width: 32, value: (r) => r.name },
    { header: '建设内容', width: 40, value: (r) => r.content },
    { header: '拟投资额(亿元)', width: 14, value: (r) => yi(r.totalInvestmentWan) },
    { header: '投资方', width: 28, value: (r) => r.investorName },
    { header: '行业', width: 22, value: (r) => industryName(r.industrySection, r.industryDivision) },
    { header: '拟建地点', width: 18, value: (r) => r.unitName },
    { header: '用地(亩)', width: 10, value: (r) => r.landMu },
    {
      header: '联系人/职务/电话',
      width: 28,
      value: (r) =>
        (contactsVisible ? r.contacts : maskContacts(r.contacts))
          .map((c) => [c.name, c.title, c.phone].filter(Boolean).join('/'))
          .join('；'),
    },
    { header: '跟踪人/跟踪单位', width: 18, value: (r) => r.responsibleUnit },
    { header: '首次填报时间', width: 13, value: (r) => r.firstReportedOn },
    {
      header: '内外资/币种',
      width: 14,
      value: (r) =>
        `${label(CAPITAL_TYPE_LABELS, r.capitalType as CapitalType)}/${CURRENCY_LABELS[r.currency as Currency]?.zh ?? r.currency}`,
    },
    { header: '洽谈进展', width: 12, value: (r) => label(STAGE_LABELS, r.stage) },
    { header: '预计签约时间', width: 13, value: (r) => r.plannedSignedOn },
    { header: '产业链', width: 16, value: (r) => r.chain },
    { header: '引荐人', width: 12, value: (r) => r.referrer },
  ];
}

/** Columns whose figures share one unit in every row: summed on the 合计 line. */
const SUMMED_HEADERS = new Set([YI_HEADER, '签约总投资(万元)', '拟投资额(亿元)', '用地(亩)']);

/** Unit names more than one unit bears (several 经济开发区 …): those are written with their code. */
async function ambiguousUnitNames(db: Db): Promise<Set<string>> {
  const rows = await db
    .select({ name: units.name })
    .from(units)
    .groupBy(units.name)
    .having(sql`count(*) > 1`);
  return new Set(rows.map((r) => r.name));
}

export const LAYOUT_FILE_NAMES: Record<ExportLayout, string> = {
  ledger: '项目台账.xlsx',
  signed: '签约台账.xlsx',
  negotiating: '在谈项目表.xlsx',
};
export const LAYOUT_DEFAULT_STAGES: Record<ExportLayout, Stage[] | undefined> = {
  ledger: undefined,
  signed: ['signed', 'registered', 'started', 'completed', 'producing', 'at_capacity'],
  negotiating: ['lead', 'negotiating'],
};

/**
 * Streams the filtered projects as .xlsx in batches (keyset on the code), so memory stays bounded for 100k rows: a
 * title line, the header, 序号 before every row and a 合计 line (the count, the 亿元 total) at the end. The importer
 * reads the same file back (it finds the header under the title and passes over the 合计 line).
 */
export function streamExport(
  db: Db,
  filter: ProjectFilter,
  layout: ExportLayout,
  contactsVisible: boolean,
  title: string,
  onError: (error: unknown) => void,
): PassThrough {
  const stream = new PassThrough();
  // Without styles exceljs writes twice as fast; at 100k rows that matters more than a bold header.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(LAYOUT_FILE_NAMES[layout].replace('.xlsx', ''), {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
  });
  const columns = layoutColumns(layout, contactsVisible);
  sheet.columns = [{ width: 7 }, ...columns.map((c) => ({ width: c.width }))];
  const titleRow = sheet.addRow([safeCell(title)]);
  sheet.mergeCells(1, 1, 1, Math.min(columns.length + 1, 12)); // before the row is committed (a streamed row is final)
  titleRow.commit();
  sheet.addRow(['序号', ...columns.map((c) => c.header)]).commit();
  const conditions = filterConditions(filter);
  // the 合计 line: the count under the name, the sums of the columns that are one unit throughout
  const nameColumn = columns.findIndex((c) => c.header === '项目名称');
  const summed = columns.map((c) => SUMMED_HEADERS.has(c.header));
  const sums = columns.map(() => 0);
  let count = 0;
  void (async () => {
    try {
      const ambiguous = await ambiguousUnitNames(db);
      let after = '';
      for (;;) {
        const batch = await db
          .select({ project: projects, unitName: units.name })
          .from(projects)
          .innerJoin(units, eq(units.code, projects.unitCode))
          .where(and(...conditions, gt(projects.code, after)))
          .orderBy(asc(projects.code))
          .limit(2_000);
        for (const { project, unitName } of batch) {
          // a unit's name, with its code beside it only where two units share the name (the importer reads both)
          const unitLabel = ambiguous.has(unitName) ? `${unitName}（${project.unitCode}）` : unitName;
          const row: Row = Object.assign(project, { unitName, unitLabel });
          count += 1;
          const values = columns.map((c, i) => {
            const value = c.value(row);
            if (summed[i] && typeof value === 'number') sums[i]! += value;
            return safeCell(value);
          });
          sheet.addRow([count, ...values]).commit();
        }
        if (batch.length < 2_000) break;
        after = batch[batch.length - 1]!.project.code;
        // backpressure: the next batch waits until the client has taken this one, so a fast database and a slow
        // reader do not pile the file up in memory; a client that left ends the wait (and the export)
        if (stream.writableNeedDrain) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
        if (stream.destroyed) return;
      }
      sheet
        .addRow([
          '合计',
          ...columns.map((_, i) => (i === nameColumn ? `共 ${count} 个项目` : summed[i] ? Math.round(sums[i]! * 10_000) / 10_000 : null)),
        ])
        .commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      onError(error);
      stream.destroy(error as Error);
    }
  })();
  return stream;
}
