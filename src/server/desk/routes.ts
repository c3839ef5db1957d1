import { deskSchema } from '../../shared/api/desk.ts';
import { today } from '../../shared/calendar.ts';
import type { Db } from '../db/client.ts';
import { requireActor, type App } from '../http/platform.ts';
import { presentSummary } from '../alerts/presenter.ts';
import { refreshAlerts } from '../alerts/evaluate.ts';
import { scopedUnit } from '../units/repository.ts';
import { deskOf } from './queries.ts';

export function registerDeskRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/desk',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: deskSchema },
        tags: ['desk'],
        summary:
          '工作台：本人要办的事，按期限排列——待填报、退回修改（含退回行数和意见）、待审核、本部门的问题、待销号、待下达目标、即将召开的调度会、指派给我的预警；另附按类型的预警汇总',
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await refreshAlerts(db, await scopedUnit(db, actor, actor.unitCode));
      const desk = await deskOf(db, actor, today(), request.meta.lang);
      return { asOf: desk.asOf, items: desk.items, counts: desk.counts, alerts: presentSummary(desk.summary) };
    },
  );
}
