import { z } from 'zod';
import { ALERT_KINDS, SEVERITIES } from '../../shared/reporting/alerts.ts';
import {
  alertHandlersSchema,
  alertListSchema,
  alertSummarySchema,
  markedSchema,
  okSchema,
  unreadCountSchema,
} from '../../shared/api/alerts.ts';
import { today } from '../../shared/calendar.ts';
import { hiddenObject } from '../http/errors.ts';
import { inScope } from '../http/actor.ts';
import { handlersOf } from '../users/repository.ts';
import type { Db } from '../db/client.ts';
import { requireActor, type App } from '../http/platform.ts';
import { scopedUnit } from '../units/repository.ts';
import { markAlertsRead, triageAlert } from './commands.ts';
import { refreshAlerts } from './evaluate.ts';
import { presentAlert, presentSummary } from './presenter.ts';
import { alertSummary, alertWithTriage, countUnread, listAlerts } from './queries.ts';
import { sendAlertsWorkbook } from './excel.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
/** The list's filters (the page and its Excel): the subtree, kind, severity, status, whose, snoozed ones. */
const alertFilter = z.object({
  unit: z.string().max(15).optional(),
  kind: z.enum(ALERT_KINDS).optional(),
  severity: z.enum(SEVERITIES).optional(),
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  /** me, none, or a user's id */
  assignee: z.union([z.enum(['me', 'none']), z.uuid()]).optional(),
  snoozed: z.enum(['hide', 'only', 'all']).default('hide'),
});

export function registerAlertRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/alerts',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: alertListSchema },
        tags: ['alerts'],
        summary: '预警（当前有效的，按请求时的数据计算）：停滞、节点逾期、签约未落地、低于序时、填报逾期',
        querystring: alertFilter.extend({
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
      const { total, counts, items } = await listAlerts(db, actor.userId, { ...request.query, scopePath: path, today: today() });
      return { total, counts, items: items.map((item) => presentAlert(item, request.meta.lang)) };
    },
  );

  app.get(
    '/api/v1/alerts/export',
    {
      config: { access: 'business:export' },
      schema: {
        tags: ['alerts'],
        summary: '导出预警清单（Excel：标题、序号、合计，按当前筛选）',
        querystring: alertFilter,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const unit = await scopedUnit(db, actor, request.query.unit ?? actor.unitCode);
      await refreshAlerts(db, unit);
      const { items } = await listAlerts(db, actor.userId, {
        ...request.query,
        scopePath: unit.path,
        today: today(),
        limit: 20_000,
        offset: 0,
      });
      return sendAlertsWorkbook(
        reply,
        unit.name,
        request.query.status,
        items.map((item) => presentAlert(item, request.meta.lang)),
        request.meta.lang,
      );
    },
  );

  app.get(
    '/api/v1/alerts/summary',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: alertSummarySchema },
        tags: ['alerts'],
        summary: '预警汇总（按类型）：当前、高级别、未读、已暂缓、指派给我、未指派',
        querystring: z.object({ unit: z.string().max(15).optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const unit = await scopedUnit(db, actor, request.query.unit ?? actor.unitCode);
      await refreshAlerts(db, unit);
      const rows = await alertSummary(db, actor.userId, unit.path, today());
      return { items: presentSummary(rows) };
    },
  );

  app.get(
    '/api/v1/alerts/:id/handlers',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: alertHandlersSchema },
        tags: ['alerts'],
        summary: '可指派的处置人：能看到这条预警的本单位及上级单位（至本人单位）的领导、经办人、审核员',
        params: idParams,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const found = await alertWithTriage(db, request.params.id);
      if (!found || !inScope(actor, found.alert.unitPath)) throw hiddenObject();
      return { items: await handlersOf(db, found.alert.unitPath, actor.unitPath) };
    },
  );

  app.post(
    '/api/v1/alerts/:id/triage',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: okSchema },
        tags: ['alerts'],
        summary: '处置预警：指派给某人（assigneeId 为 null 即取消指派）、暂缓到某日并写明原因、恢复',
        params: idParams,
        body: z.discriminatedUnion('action', [
          z.object({ action: z.literal('assign'), assigneeId: z.uuid().nullable() }),
          z.object({ action: z.literal('snooze'), until: z.string().max(20), reason: z.string().max(400) }),
          z.object({ action: z.literal('wake') }),
        ]),
      },
    },
    async (request) => {
      await triageAlert(db, requireActor(request), request.meta, request.params.id, request.body);
      return { ok: true as const };
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
      return { count: await countUnread(db, actor.userId, actor.unitPath, today()) };
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
