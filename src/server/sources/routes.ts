// 线索来源转化: routes only — the lead cohort of a year by source, through the ledger's repository.
import { z } from 'zod';
import { conversionSchema } from '../../shared/api/sources.ts';
import { LEAD_SOURCE_LABELS, LEAD_SOURCES, NO_SOURCE, type LeadSource } from '../../shared/projects/classification.ts';
import ExcelJS from 'exceljs';
import { addListSheet, sendWorkbook, exportedAt } from '../http/excel.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import type { Db } from '../db/client.ts';
import { requireActor, type App } from '../http/platform.ts';
import { conversionBySource } from '../projects/repository.ts';
import { findUnit, scopePathFor } from '../units/repository.ts';

type Counts = { leads: number; negotiating: number; signed: number; started: number; investmentWan: number; signedInvestmentWan: number };
const rate = (n: number, of: number) => (of > 0 ? n / of : null);
const present = (source: string, c: Counts) => ({
  source,
  ...c,
  rates: { negotiating: rate(c.negotiating, c.leads), signed: rate(c.signed, c.leads), started: rate(c.started, c.leads) },
});

const conversionQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export function registerSourceRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/sources/conversion',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: conversionSchema },
        tags: ['projects'],
        summary: '线索来源转化：某年新增线索按来源的在谈、签约、开工及投资',
        querystring: conversionQuery,
      },
    },
    async (request) => {
      const scopePath = await scopePathFor(db, requireActor(request), request.query.unit);
      return conversionOf(db, scopePath, request.query.year ?? Number(todayIso().slice(0, 4)));
    },
  );

  app.get(
    '/api/v1/sources/conversion.xlsx',
    {
      config: { access: 'business:export' },
      schema: { tags: ['projects'], summary: '导出线索来源转化（Excel：标题、序号、合计）', querystring: conversionQuery },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      const scopePath = await scopePathFor(db, actor, code);
      const year = request.query.year ?? Number(todayIso().slice(0, 4));
      const [table, unit] = await Promise.all([conversionOf(db, scopePath, year), findUnit(db, code)]);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const workbook = new ExcelJS.Workbook();
      type Line = (typeof table.items)[number];
      const pct = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
      addListSheet<Line>(workbook, zh ? '线索来源转化' : 'Lead sources', {
        lang,
        title: zh ? `${unit?.name ?? ''}${year}年新增线索来源转化情况` : `Lead sources · ${unit?.name ?? ''} · ${year}`,
        subtitle: zh ? `${exportedAt('zh')}` : `${exportedAt('en')}`,
        rows: table.items,
        totalRow: table.total,
        columns: [
          {
            header: zh ? '线索来源' : 'Source',
            width: 14,
            value: (r) =>
              r.source === NO_SOURCE ? (zh ? '未填写' : 'Not given') : (LEAD_SOURCE_LABELS[r.source as LeadSource]?.[lang] ?? r.source),
          },
          { header: zh ? '新增线索(个)' : 'Leads', width: 12, value: (r) => r.leads },
          { header: zh ? '转在谈(个)' : 'To 在谈', width: 11, value: (r) => r.negotiating },
          { header: zh ? '转在谈率(%)' : 'Rate (%)', width: 11, value: (r) => pct(r.rates.negotiating) },
          { header: zh ? '签约(个)' : 'Signed', width: 10, value: (r) => r.signed },
          { header: zh ? '签约率(%)' : 'Rate (%)', width: 10, value: (r) => pct(r.rates.signed) },
          { header: zh ? '开工(个)' : 'Started', width: 10, value: (r) => r.started },
          { header: zh ? '开工率(%)' : 'Rate (%)', width: 10, value: (r) => pct(r.rates.started) },
          { header: zh ? '线索总投资(亿元)' : 'Leads (100m CNY)', width: 16, value: (r) => Math.round(r.investmentWan) / 10_000 },
          { header: zh ? '签约总投资(亿元)' : 'Signed (100m CNY)', width: 16, value: (r) => Math.round(r.signedInvestmentWan) / 10_000 },
        ],
      });
      return sendWorkbook(reply, `${zh ? '线索来源转化' : 'lead-sources'}-${year}.xlsx`, workbook);
    },
  );
}

/** A year's lead cohort of a subtree by source, every source listed (zeros too), with the totals. */
async function conversionOf(db: Db, scopePath: string, year: number) {
  const rows = await conversionBySource(db, scopePath, year);
  const zero: Counts = { leads: 0, negotiating: 0, signed: 0, started: 0, investmentWan: 0, signedInvestmentWan: 0 };
  const bySource = new Map(rows.map((r) => [r.source ?? NO_SOURCE, r]));
  // every source listed, zeros included, in the list's order; a code outside the list (older data) after them
  const codes = [
    ...LEAD_SOURCES,
    ...[...bySource.keys()].filter((k) => k !== NO_SOURCE && !(LEAD_SOURCES as readonly string[]).includes(k)),
    NO_SOURCE,
  ];
  const items = codes.map((code) => present(code, { ...zero, ...pick(bySource.get(code)) }));
  const total = items.reduce<Counts>(
    (sum, r) => ({
      leads: sum.leads + r.leads,
      negotiating: sum.negotiating + r.negotiating,
      signed: sum.signed + r.signed,
      started: sum.started + r.started,
      investmentWan: sum.investmentWan + r.investmentWan,
      signedInvestmentWan: sum.signedInvestmentWan + r.signedInvestmentWan,
    }),
    zero,
  );
  return { year, items, total: present('total', total) };
}

const pick = (row: (Counts & { source: string | null }) | undefined): Partial<Counts> =>
  row
    ? {
        leads: row.leads,
        negotiating: row.negotiating,
        signed: row.signed,
        started: row.started,
        investmentWan: Number(row.investmentWan),
        signedInvestmentWan: Number(row.signedInvestmentWan),
      }
    : {};
