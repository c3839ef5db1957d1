import { dateTimeIn, timeZone, zoneLabel } from '../../shared/calendar.ts';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { attachmentHeader, safeCell } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { appendAuditSoon, subjectOf } from './recorder.ts';
import { verifyAuditChain } from './verify.ts';
import { presentAuditRow } from './presenter.ts';
import { auditActions, auditRowBatches, listAuditRows } from './queries.ts';
import { auditActionsResponse, auditResponse, auditVerifyResponse } from '../../shared/api/audit.ts';

export const filterQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  username: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  objectType: z.string().max(40).optional(),
  objectId: z.string().max(100).optional(),
});
const listQuery = filterQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function registerAuditRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/audit',
    {
      config: { access: 'audit:read' },
      schema: { response: { 200: auditResponse }, tags: ['audit'], summary: '审计日志（按时间倒序）', querystring: listQuery },
    },
    async (request) => {
      const actor = requireActor(request);
      const { rows, total } = await listAuditRows(db, actor.unitPath, request.query);
      return { items: rows.map(presentAuditRow), total };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: 'audit:read' },
      schema: { response: { 200: auditVerifyResponse }, tags: ['audit'], summary: '校验审计日志哈希链' },
    },
    async (request) => {
      const report = await verifyAuditChain(db);
      await appendAuditSoon(db, subjectOf(requireActor(request)), request.meta, {
        action: 'audit.verify',
        objectType: 'audit',
        outcome: report.ok ? 'success' : 'failure',
        detail: report.ok
          ? `${report.checked} rows intact`
          : `${report.problemCount} problems, the first at seq ${report.problem?.seq}: ${report.problem?.kind}`,
      });
      return report;
    },
  );

  // Streamed: memory stays bounded however long the log is.
  app.get(
    '/api/v1/audit/export',
    { config: { access: 'audit:export' }, schema: { tags: ['audit'], summary: '导出审计日志（xlsx，流式）', querystring: filterQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      await appendAuditSoon(db, subjectOf(actor), request.meta, {
        action: 'audit.export',
        objectType: 'audit',
        detail: JSON.stringify(request.query),
      });
      const stream = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
      const sheet = workbook.addWorksheet(zh ? '审计日志' : 'Audit log');
      sheet.columns = [
        { header: zh ? '序号' : 'Seq', width: 8 },
        { header: zh ? `时间（${zoneLabel(timeZone(), 'zh')}）` : `Time (${zoneLabel(timeZone(), 'en')})`, width: 22 },
        { header: zh ? '用户' : 'User', width: 16 },
        { header: zh ? '单位编码' : 'Unit', width: 12 },
        { header: zh ? '操作' : 'Action', width: 22 },
        { header: zh ? '对象类型' : 'Object type', width: 12 },
        { header: zh ? '对象' : 'Object', width: 38 },
        { header: zh ? '结果' : 'Outcome', width: 10 },
        { header: 'IP', width: 16 },
        { header: zh ? '变更' : 'Changes', width: 60 },
        { header: zh ? '说明' : 'Detail', width: 40 },
      ];
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(zh ? '审计日志.xlsx' : 'audit-log.xlsx'));
      void (async () => {
        try {
          for await (const rows of auditRowBatches(db, actor.unitPath, request.query, 2_000)) {
            for (const row of rows) {
              sheet
                .addRow([
                  row.seq,
                  dateTimeIn(row.occurredAt, timeZone(), true),
                  safeCell(row.username),
                  row.unitCode,
                  safeCell(row.action),
                  row.objectType,
                  safeCell(row.objectId),
                  row.outcome,
                  row.ip,
                  safeCell(row.changes ? JSON.stringify(row.changes) : null),
                  safeCell(row.detail),
                ])
                .commit();
            }
          }
          sheet.commit();
          await workbook.commit();
        } catch (error) {
          request.log.error({ err: error }, 'audit export failed');
          stream.destroy(error as Error);
        }
      })();
      return reply.send(stream);
    },
  );

  app.get(
    '/api/v1/audit/actions',
    {
      config: { access: 'audit:read' },
      schema: { response: { 200: auditActionsResponse }, tags: ['audit'], summary: '日志中出现过的操作类型' },
    },
    async () => {
      return { items: await auditActions(db) };
    },
  );
}
