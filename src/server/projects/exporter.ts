import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, asc, eq, gt } from 'drizzle-orm';
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
type Row = ProjectRow & { unitName: string };
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
    unitCode: (r) => r.unitCode,
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
  return TEMPLATE_COLUMNS.map((c) => ({ header: c.header, width: c.width, value: byField[c.field] ?? (() => null) }));
}

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

/** Streams the filtered projects as .xlsx in batches (keyset on the code), so memory stays bounded for 100k rows. */
export function streamExport(
  db: Db,
  filter: ProjectFilter,
  layout: ExportLayout,
  contactsVisible: boolean,
  onError: (error: unknown) => void,
): PassThrough {
  const stream = new PassThrough();
  // Without styles exceljs writes twice as fast; at 100k rows that matters more than a bold header.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(LAYOUT_FILE_NAMES[layout].replace('.xlsx', ''), { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = layoutColumns(layout, contactsVisible);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const conditions = filterConditions(filter);
  void (async () => {
    try {
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
          const row: Row = Object.assign(project, { unitName });
          sheet.addRow(columns.map((c) => safeCell(c.value(row)))).commit();
        }
        if (batch.length < 2_000) break;
        after = batch[batch.length - 1]!.project.code;
        // backpressure: the next batch waits until the client has taken this one, so a fast database and a slow
        // reader do not pile the file up in memory; a client that left ends the wait (and the export)
        if (stream.writableNeedDrain) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
        if (stream.destroyed) return;
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      onError(error);
      stream.destroy(error as Error);
    }
  })();
  return stream;
}
