// 线索来源转化: routes only — the lead cohort of a year by source, through the ledger's repository.
import { z } from 'zod';
import { conversionSchema } from '../../shared/api/sources.ts';
import { LEAD_SOURCES, NO_SOURCE } from '../../shared/projects/classification.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import type { Db } from '../db/client.ts';
import { requireActor, type App } from '../http/platform.ts';
import { conversionBySource } from '../projects/repository.ts';
import { scopePathFor } from '../units/repository.ts';

type Counts = { leads: number; negotiating: number; signed: number; started: number; investmentWan: number; signedInvestmentWan: number };
const rate = (n: number, of: number) => (of > 0 ? n / of : null);
const present = (source: string, c: Counts) => ({
  source,
  ...c,
  rates: { negotiating: rate(c.negotiating, c.leads), signed: rate(c.signed, c.leads), started: rate(c.started, c.leads) },
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
        querystring: z.object({
          unit: z
            .string()
            .regex(/^\d{6,15}$/)
            .optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
      },
    },
    async (request) => {
      const scopePath = await scopePathFor(db, requireActor(request), request.query.unit);
      const year = request.query.year ?? Number(todayIso().slice(0, 4));
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
    },
  );
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
