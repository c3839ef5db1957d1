import { dateTimeIn, timeZone, zoneLabel } from '../../shared/calendar.ts';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { attachmentHeader, safeCell } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { appendAuditSoon, subjectOf } from './recorder.ts';
import { verifyAuditChain } from './verify.ts';
import { objectNameOf, presentAuditRow } from './presenter.ts';
import { FIELD_LABELS } from '../../shared/projects/fields.ts';
import { AUDIT_OBJECTS, AUDIT_OUTCOME_LABELS, auditActionLabel, changesText } from '../../shared/auditWords.ts';
import { auditActions, auditRowBatches, listAuditRows, namesOfRows } from './queries.ts';
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
      const names = await namesOfRows(db, rows);
      return { items: rows.map((row) => presentAuditRow(row, names)), total };
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
      const lang = request.meta.lang;
      sheet.columns = [
        { header: zh ? '序号' : 'Seq', width: 8 },
        { header: zh ? `时间（${zoneLabel(timeZone(), 'zh')}）` : `Time (${zoneLabel(timeZone(), 'en')})`, width: 20 },
        { header: zh ? '姓名' : 'Name', width: 12 },
        { header: zh ? '用户名' : 'Username', width: 14 },
        { header: zh ? '单位' : 'Unit', width: 16 },
        { header: zh ? '操作' : 'Action', width: 20 },
        { header: zh ? '操作代码' : 'Action code', width: 20 },
        { header: zh ? '对象' : 'Object', width: 12 },
        { header: zh ? '对象名称' : 'Object name', width: 28 },
        { header: zh ? '对象编号' : 'Object id', width: 24 },
        { header: zh ? '结果' : 'Outcome', width: 8 },
        { header: 'IP', width: 16 },
        { header: zh ? '变更内容' : 'Changes', width: 60 },
        { header: zh ? '说明' : 'Detail', width: 40 },
      ];
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(zh ? '审计日志.xlsx' : 'audit-log.xlsx'));
      void (async () => {
        try {
          for await (const rows of auditRowBatches(db, actor.unitPath, request.query, 2_000)) {
            const names = await namesOfRows(db, rows);
            for (const row of rows) {
              const unitName = row.unitCode ? names.units.get(row.unitCode) : undefined;
              sheet
                .addRow([
                  row.seq,
                  dateTimeIn(row.occurredAt, timeZone(), true),
                  safeCell(row.userId ? (names.users.get(row.userId) ?? null) : null),
                  safeCell(row.username),
                  safeCell(unitName ? `${unitName}（${row.unitCode}）` : row.unitCode),
                  auditActionLabel(row.action)[lang],
                  safeCell(row.action),
                  row.objectType ? (AUDIT_OBJECTS[row.objectType]?.[lang] ?? row.objectType) : null,
                  safeCell(objectNameOf(row, names)),
                  safeCell(row.objectId),
                  AUDIT_OUTCOME_LABELS[row.outcome as keyof typeof AUDIT_OUTCOME_LABELS]?.[lang] ?? row.outcome,
                  row.ip,
                  safeCell(
                    changesText(row.changes as Record<string, { before: unknown; after: unknown }> | null, (field) =>
                      row.objectType === 'project' && field in FIELD_LABELS
                        ? FIELD_LABELS[field as keyof typeof FIELD_LABELS][lang]
                        : field,
                    ),
                  ),
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
