import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { requireActor, type App } from '../http/platform.ts';
import { scopePathFor } from '../units/repository.ts';
import { listSponsorLeaders, sponsorView } from './queries.ts';
import { sponsorsProjectsResponse, sponsorsResponse } from '../../shared/api/sponsors.ts';

export function registerSponsorRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/sponsors',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: sponsorsResponse },
        tags: ['sponsors'],
        summary: '挂钩领导及其挂钩项目数（本单位及下级）',
        querystring: z.object({ unit: z.string().max(15).optional() }),
      },
    },
    async (request) => {
      const path = await scopePathFor(db, requireActor(request), request.query.unit);
      return { items: await listSponsorLeaders(db, path) };
    },
  );

  app.get(
    '/api/v1/sponsors/projects',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: sponsorsProjectsResponse },
        tags: ['sponsors'],
        summary: '某挂钩领导的项目：超前/按计划/滞后、下一节点、未销号问题，以及开工率和投资完成率',
        querystring: z.object({ leader: z.string().min(1).max(40), unit: z.string().max(15).optional() }),
      },
    },
    async (request) => {
      const path = await scopePathFor(db, requireActor(request), request.query.unit);
      return sponsorView(db, path, request.query.leader);
    },
  );
}
