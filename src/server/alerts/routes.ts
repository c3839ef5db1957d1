import { z } from 'zod';
import { ALERT_KINDS, SEVERITIES } from '../../shared/reporting/alerts.ts';
import { alertListSchema, markedSchema, unreadCountSchema } from '../../shared/api/alerts.ts';
import type { Db } from '../db/client.ts';
import { requireActor, type App } from '../http/platform.ts';
import { scopedUnit } from '../units/repository.ts';
import { markAlertsRead } from './commands.ts';
import { refreshAlerts } from './evaluate.ts';
import { presentAlert } from './presenter.ts';
import { countUnread, listAlerts } from './queries.ts';

export function registerAlertRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/alerts',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: alertListSchema },
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
      const unit = await scopedUnit(db, actor, code);
      const path = unit.path;
      await refreshAlerts(db, unit);
      const { total, counts, items } = await listAlerts(db, actor.userId, { ...request.query, scopePath: path });
      return { total, counts, items: items.map((item) => presentAlert(item, request.meta.lang)) };
    },
  );

  app.get(
    '/api/v1/alerts/unread',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: unreadCountSchema }, tags: ['alerts'], summary: '未读预警数（通知中心角标）' },
    },
    async (request) => {
      const actor = requireActor(request);
      return { count: await countUnread(db, actor.userId, actor.unitPath) };
    },
  );

  app.post(
    '/api/v1/alerts/read',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: markedSchema },
        tags: ['alerts'],
        summary: '标记预警为已读（指定 ids，或 all=true 全部）',
        body: z.object({ ids: z.array(z.number().int().positive()).max(1_000).optional(), all: z.boolean().optional() }),
      },
    },
    async (request) => markAlertsRead(db, requireActor(request), request.meta, request.body),
  );
}
