import type {} from '@fastify/multipart';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { CURRENCIES, currencyFromChinese, toHalfWidth } from '../../shared/projects/amounts.ts';
import type { Db } from '../db/client.ts';
import { addSheet, readUploadedWorkbook, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { importRates, setRate } from './rateCommands.ts';
import { listRates } from './rates.ts';
import { plainValue, readTable } from '../excel/cells.ts';
import { exchangeRatesImportPostResponse, exchangeRatesPutResponse, exchangeRatesResponse } from '../../shared/api/projects.ts';
import { sheetRejectedSchema } from '../../shared/api/common.ts';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Reads a month cell: 2025-03, 2025/3, 2025年3月, or a date. */
function monthOf(value: unknown): string | null {
  if (value instanceof Date) return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}`;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})/.exec(toHalfWidth(String(value)).trim());
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return null;
  return `${match[1]}-${match[2]!.padStart(2, '0')}`;
}

export function registerRateRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/exchange-rates',
    {
      config: { access: ['settings:read', 'business:read'] },
      schema: {
        response: { 200: exchangeRatesResponse },
        tags: ['settings'],
        summary: '月度汇率（人民币/外币）',
        querystring: z.object({ from: z.string().regex(monthPattern).optional(), to: z.string().regex(monthPattern).optional() }),
      },
    },
    async (request) => {
      const rows = await listRates(db, request.query);
      return { items: rows.map((r) => ({ currency: r.currency, month: r.month, rate: r.rate, source: r.source })) };
    },
  );

  app.put(
    '/api/v1/exchange-rates',
    {
      config: { access: 'settings:write' },
      schema: {
        response: { 200: exchangeRatesPutResponse },
        tags: ['settings'],
        summary: '设置某币种某月汇率（已录入项目保留其原汇率）',
        body: z.object({
          currency: z.enum(CURRENCIES.filter((c) => c !== 'CNY') as [string, ...string[]]),
          month: z.string().regex(monthPattern),
          rate: z.number().positive().max(100),
          source: z.string().max(100).optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { currency, month, rate, source } = request.body;
      return setRate(db, actor, request.meta, {
        currency,
        month,
        rate,
        source: source ?? (request.meta.lang === 'zh' ? '手工录入' : 'entered'),
      });
    },
  );

  app.get(
    '/api/v1/exchange-rates/export',
    { config: { access: 'settings:read' }, schema: { tags: ['settings'], summary: '导出汇率（xlsx）' } },
    async (_request, reply) => {
      const rows = await listRates(db);
      const workbook = new ExcelJS.Workbook();
      addSheet(
        workbook,
        '汇率',
        [
          { header: '币种', value: (r) => r.currency },
          { header: '月份', value: (r) => r.month },
          { header: '汇率', value: (r) => r.rate },
          { header: '来源', width: 36, value: (r) => r.source },
        ],
        rows,
      );
      return sendWorkbook(reply, '汇率.xlsx', workbook);
    },
  );

  app.post(
    '/api/v1/exchange-rates/import',
    {
      config: { access: 'settings:write' },
      schema: {
        response: { 200: exchangeRatesImportPostResponse, 422: sheetRejectedSchema },
        tags: ['settings'],
        summary: '导入汇率（xlsx：币种、月份、汇率），有错误时 422 且不写入',
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const workbook = await readUploadedWorkbook(request, db);
      const known = (h: string) => ['币种', '月份', '汇率'].includes(h);
      const table = workbook.worksheets.map((sheet) => readTable(sheet, known, 3)).find(Boolean);
      if (!table)
        return reply
          .status(422)
          .send({ errors: [{ row: 0, column: '', message: zh ? '找不到表头“币种、月份、汇率”' : 'no header 币种/月份/汇率' }] });
      const column = (name: string) => [...table.headers].find(([, h]) => h === name)?.[0] ?? 0;
      const errors: { row: number; column: string; message: string }[] = [];
      const parsed: { currency: string; month: string; rate: number }[] = [];
      for (const row of table.rows) {
        const currencyText = String(plainValue(row.cells.get(column('币种')) ?? null) ?? '');
        const currency = currencyFromChinese(currencyText);
        const month = monthOf(row.cells.get(column('月份')) ?? null);
        const rateValue = Number(row.cells.get(column('汇率')) ?? NaN);
        if (!currency || currency === 'CNY')
          errors.push({
            row: row.number,
            column: '币种',
            message: zh ? '币种须为美元、欧元、港元或日元' : 'currency must be USD, EUR, HKD or JPY',
          });
        if (!month) errors.push({ row: row.number, column: '月份', message: zh ? '月份格式如 2025-03' : 'month like 2025-03' });
        if (!(rateValue > 0 && rateValue < 100))
          errors.push({
            row: row.number,
            column: '汇率',
            message: zh ? '汇率须为大于0的数字（1外币折人民币）' : 'rate must be a positive number (CNY per unit)',
          });
        if (currency && month && rateValue > 0) parsed.push({ currency, month, rate: rateValue });
      }
      if (errors.length > 0) return reply.status(422).send({ errors });
      await importRates(db, actor, request.meta, parsed, zh ? '导入' : 'imported');
      return { imported: parsed.length, errors: [] };
    },
  );
}
