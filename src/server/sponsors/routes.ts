import { z } from 'zod';
import ExcelJS from 'exceljs';
import { PLAN_STANDING_LABELS } from '../../shared/blockers/sponsor.ts';
import { STAGE_LABELS } from '../../shared/projects/stages.ts';
import type { Db } from '../db/client.ts';
import { addListSheet, sendWorkbook, exportedAt } from '../http/excel.ts';
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

  app.get(
    '/api/v1/sponsors/projects.xlsx',
    {
      config: { access: 'business:export' },
      schema: {
        tags: ['sponsors'],
        summary: '导出某挂钩领导的项目（Excel：标题、序号、合计）',
        querystring: z.object({ leader: z.string().min(1).max(40), unit: z.string().max(15).optional() }),
      },
    },
    async (request, reply) => {
      const path = await scopePathFor(db, requireActor(request), request.query.unit);
      const view = await sponsorView(db, path, request.query.leader);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const workbook = new ExcelJS.Workbook();
      type Line = (typeof view.items)[number];
      addListSheet<Line>(workbook, zh ? '挂钩项目' : 'Sponsored projects', {
        lang,
        title: zh ? `${view.leader}同志挂钩项目推进情况` : `Projects sponsored by ${view.leader}`,
        subtitle: zh
          ? `共 ${view.counts.total} 个，超前 ${view.counts.ahead}、按计划 ${view.counts.onTime}、滞后 ${view.counts.behind}，未销号问题 ${view.counts.openBlockers} 个；${exportedAt('zh')}`
          : `${view.counts.total} projects: ${view.counts.ahead} ahead, ${view.counts.onTime} on time, ${view.counts.behind} behind; ${view.counts.openBlockers} open blockers; ${exportedAt('en')}`,
        rows: view.items,
        columns: [
          { header: zh ? '项目名称' : 'Project', width: 30, value: (p) => p.name },
          { header: zh ? '所属单位' : 'Unit', width: 14, value: (p) => p.unitName },
          {
            header: zh ? '总投资(亿元)' : 'Total (100m CNY)',
            width: 12,
            value: (p) => Math.round(p.totalInvestmentWan) / 10_000,
            sum: true,
          },
          { header: zh ? '阶段' : 'Stage', width: 8, value: (p) => STAGE_LABELS[p.stage][lang] },
          { header: zh ? '进度' : 'Standing', width: 8, value: (p) => PLAN_STANDING_LABELS[p.standing][lang] },
          { header: zh ? '下一节点计划日期' : 'Next milestone due', width: 14, value: (p) => p.next?.planned ?? null },
          { header: zh ? '年度计划(万元)' : 'Plan (10k CNY)', width: 14, value: (p) => p.planWan, sum: true },
          { header: zh ? '年度完成(万元)' : 'Year to date (10k CNY)', width: 14, value: (p) => p.ytdWan, sum: true },
          { header: zh ? '未销号问题' : 'Open blockers', width: 40, value: (p) => p.blockers.map((b) => b.description).join('；') || null },
        ],
      });
      return sendWorkbook(reply, `${zh ? '挂钩项目' : 'sponsored'}-${view.leader}.xlsx`, workbook);
    },
  );
}
