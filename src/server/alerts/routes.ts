import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { ALERT_KINDS, SEVERITIES } from '../../shared/reporting/alerts.ts';
import { rowsOf, type Db } from '../db/client.ts';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import { requireActor, type App } from '../http/platform.ts';
import { notFound } from '../http/errors.ts';
import { escapeLike } from '../projects/repository.ts';
import { projects } from '../projects/schema.ts';
import { findUnit, scopePathFor } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { refreshAlerts } from './evaluate.ts';
import { alertReads, alerts } from './schema.ts';

export function registerAlertRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/alerts',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['alerts'],
        summary: '预警（当前有效的，按请求时的数据计算）：停滞、节点逾期、签约未落地、低于序时、填报逾期',
        querystring: z.object({
          unit: z.string().max(15).optional(),
          kind: z.enum(ALERT_KINDS).optional(),
          severity: z.enum(SEVERITIES).optional(),
          status: z.enum(['open', 'resolved', 'all']).default('open'),
          limit: z.coerce.number().int().min(1).max(1_000).default(200),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      const path = await scopePathFor(db, actor, code);
      const unit = await findUnit(db, code);
      if (!unit) throw notFound();
      await refreshAlerts(db, unit);
      const conditions: SQL[] = [sql`${alerts.unitPath} like ${`${escapeLike(path)}%`}`];
      if (request.query.status === 'open') conditions.push(sql`${alerts.resolvedAt} is null`);
      if (request.query.status === 'resolved') conditions.push(sql`${alerts.resolvedAt} is not null`);
      const listConditions = [...conditions];
      if (request.query.kind) listConditions.push(eq(alerts.kind, request.query.kind));
      if (request.query.severity) listConditions.push(eq(alerts.severity, request.query.severity));
      // The page first (top-N over the open alerts), then the names and read marks of its rows only.
      const [page, counts] = await Promise.all([
        db
          .select()
          .from(alerts)
          .where(and(...listConditions))
          .orderBy(sql`case ${alerts.severity} when 'high' then 0 when 'medium' then 1 else 2 end`, desc(alerts.raisedAt), desc(alerts.id))
          .limit(request.query.limit)
          .offset(request.query.offset),
        db
          .select({ kind: alerts.kind, count: sql<number>`count(*)::int` })
          .from(alerts)
          .where(and(...conditions))
          .groupBy(alerts.kind),
      ]);
      const projectIds = [...new Set(page.map((a) => a.projectId).filter((id): id is string => id !== null))];
      const [names, unitNames, reads] = await Promise.all([
        projectIds.length
          ? db
              .select({ id: projects.id, name: projects.name })
              .from(projects)
              .where(sql`${projects.id} = any(${sql.param(projectIds)}::uuid[])`)
          : Promise.resolve([]),
        page.length
          ? db
              .select({ code: units.code, name: units.name })
              .from(units)
              .where(sql`${units.code} = any(${sql.param([...new Set(page.map((a) => a.unitCode))])}::text[])`)
          : Promise.resolve([]),
        page.length
          ? db
              .select({ id: alertReads.alertId })
              .from(alertReads)
              .where(and(eq(alertReads.userId, actor.userId), sql`${alertReads.alertId} = any(${sql.param(page.map((a) => a.id))}::int[])`))
          : Promise.resolve([]),
      ]);
      const rows = page.map((alert) => ({
        alert,
        projectName: names.find((n) => n.id === alert.projectId)?.name ?? null,
        unitName: unitNames.find((u) => u.code === alert.unitCode)?.name ?? null,
        read: reads.some((r) => r.id === alert.id),
      }));
      const lang = request.meta.lang;
      return {
        total: counts.filter((c) => !request.query.kind || c.kind === request.query.kind).reduce((a, c) => a + c.count, 0),
        counts: Object.fromEntries(counts.map((c) => [c.kind, c.count])),
        items: rows.map(({ alert, projectName, unitName, read }) => ({
          id: alert.id,
          kind: alert.kind,
          severity: alert.severity,
          projectCode: alert.projectCode,
          projectName,
          submissionId: alert.submissionId,
          unitCode: alert.unitCode,
          unitName,
          message: lang === 'zh' ? alert.messageZh : alert.messageEn,
          data: alert.data,
          raisedAt: alert.raisedAt.toISOString(),
          resolvedAt: alert.resolvedAt?.toISOString() ?? null,
          read: Boolean(read),
        })),
      };
    },
  );

  app.get(
    '/api/v1/alerts/unread',
    { config: { access: 'business:read' }, schema: { tags: ['alerts'], summary: '未读预警数（通知中心角标）' } },
    async (request) => {
      const actor = requireActor(request);
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(alerts)
        .where(
          and(
            sql`${alerts.resolvedAt} is null`,
            sql`${alerts.unitPath} like ${`${escapeLike(actor.unitPath)}%`}`,
            sql`not exists (select 1 from ${alertReads} r where r.alert_id = ${alerts.id} and r.user_id = ${actor.userId})`,
          ),
        );
      return { count: row?.count ?? 0 };
    },
  );

  app.post(
    '/api/v1/alerts/read',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['alerts'],
        summary: '标记预警为已读（指定 ids，或 all=true 全部）',
        body: z.object({ ids: z.array(z.number().int().positive()).max(1_000).optional(), all: z.boolean().optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = sql`${alerts.unitPath} like ${`${escapeLike(actor.unitPath)}%`} and ${alerts.resolvedAt} is null`;
      const which = request.body.all
        ? scope
        : request.body.ids?.length
          ? sql`${scope} and ${alerts.id} = any(${sql.param(request.body.ids)}::int[])`
          : null;
      if (!which) return { marked: 0 };
      return db.transaction(async (tx) => {
        const result = await tx.execute(
          sql`insert into ${alertReads} (user_id, alert_id) select ${actor.userId}, ${alerts.id} from ${alerts} where ${which} on conflict do nothing returning alert_id`,
        );
        const marked = rowsOf(result).length;
        if (marked)
          await appendAudit(tx, subjectOf(actor), request.meta, {
            action: 'alert.read',
            objectType: 'alert',
            objectId: request.body.all ? 'all' : request.body.ids!.slice(0, 20).join(','),
            changes: { marked },
          });
        return { marked };
      });
    },
  );
}
