import { dateTimeIn, endOfDay, startOfDay, timeZone, zoneLabel } from '../../shared/calendar.ts';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, asc, desc, eq, gte, ilike, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { Actor } from '../http/actor.ts';
import { attachmentHeader, safeCell } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { units } from '../units/schema.ts';
import { appendAuditSoon, subjectOf } from './recorder.ts';
import { auditLog } from './schema.ts';
import { verifyAuditChain } from './verify.ts';
import { escapeLike, withinSubtree } from '../db/scope.ts';

const filterQuery = z.object({
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

/**
 * An auditor sees the rows of users in their unit's subtree; rows with no unit (sign-ins by unknown names)
 * only at the top of the tree.
 */
function auditConditions(actor: Actor, query: z.infer<typeof filterQuery>): SQL[] {
  const inScope = sql`exists (select 1 from ${units} where ${units.code} = ${auditLog.unitCode} and ${withinSubtree(units.path, actor.unitPath)})`;
  const topLevel = actor.unitPath.split('/').filter(Boolean).length === 1;
  const conditions: SQL[] = [topLevel ? (or(inScope, isNull(auditLog.unitCode)) as SQL) : inScope];
  if (query.from) conditions.push(gte(auditLog.occurredAt, startOfDay(query.from)));
  if (query.to) conditions.push(lt(auditLog.occurredAt, endOfDay(query.to)));
  if (query.username) conditions.push(ilike(auditLog.username, `%${escapeLike(query.username)}%`));
  if (query.action) conditions.push(like(auditLog.action, `${escapeLike(query.action)}%`));
  if (query.outcome) conditions.push(eq(auditLog.outcome, query.outcome));
  if (query.objectType) conditions.push(eq(auditLog.objectType, query.objectType));
  if (query.objectId) conditions.push(eq(auditLog.objectId, query.objectId));
  return conditions;
}

function presentAuditRow(row: typeof auditLog.$inferSelect) {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    username: row.username,
    unitCode: row.unitCode,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    changes: row.changes,
    ip: row.ip,
    outcome: row.outcome,
    detail: row.detail,
  };
}

export function registerAuditRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/audit',
    { config: { access: 'audit:read' }, schema: { tags: ['audit'], summary: '审计日志（按时间倒序）', querystring: listQuery } },
    async (request) => {
      const actor = requireActor(request);
      const where = and(...auditConditions(actor, request.query));
      const { page, pageSize } = request.query;
      const rows = await db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.seq))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const [total] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(where);
      return { items: rows.map(presentAuditRow), total: total?.count ?? 0 };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    { config: { access: 'audit:read' }, schema: { tags: ['audit'], summary: '校验审计日志哈希链' } },
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
      const conditions = auditConditions(actor, request.query);
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
          let before = Number.MAX_SAFE_INTEGER;
          for (;;) {
            const rows = await db
              .select()
              .from(auditLog)
              .where(and(...conditions, lt(auditLog.seq, before)))
              .orderBy(desc(auditLog.seq))
              .limit(2_000);
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
            if (rows.length < 2_000) break;
            before = rows[rows.length - 1]!.seq;
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
    { config: { access: 'audit:read' }, schema: { tags: ['audit'], summary: '日志中出现过的操作类型' } },
    async () => {
      const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
      return { items: rows.map((r) => r.action) };
    },
  );
}
