// 招商人员考核: routes only — validation, policy, a call, the presenter.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { scoreboardSchema, scoreProfileSchema } from '../../shared/api/scoreboard.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { STAFF_POST_LABELS } from '../../shared/staff/posts.ts';
import { periodOfDay, periodRange, SCORE_METRIC_LABELS, SCORE_METRICS } from '../../shared/staff/scoreboard.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../http/actor.ts';
import { AppError } from '../http/errors.ts';
import { addSheet, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { scopedUnit } from '../units/repository.ts';
import { profileBody, saveProfile } from './commands.ts';
import { profileOf, scoreboard } from './queries.ts';

const unitCode = z
  .string()
  .regex(/^\d{6,15}$/)
  .optional();
const boardQuery = z.object({ unit: unitCode, period: z.string().trim().max(10).optional() });

async function boardOf(db: Db, actor: Actor, query: z.infer<typeof boardQuery>, lang: 'zh' | 'en') {
  const unit = await scopedUnit(db, actor, query.unit);
  const profile = await profileOf(db, unit);
  const period = query.period ?? periodOfDay(profile.period, todayIso());
  const range = periodRange(period);
  if (!range)
    throw new AppError('VALIDATION', {
      detail: lang === 'zh' ? `考核期“${period}”应为 2026-11、2026-Q4 或 2026` : `period ${period}: 2026-11, 2026-Q4 or 2026`,
    });
  const board = await scoreboard(db, unit, range.first, range.last);
  return { unit, period, range, board };
}

export function registerScoreboardRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/staff/scoreboard',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: scoreboardSchema },
        tags: ['staff'],
        summary: '招商人员考核：每人外出、拜访、接待、线索、在谈、签约及加权得分与排名',
        querystring: boardQuery,
      },
    },
    async (request) => {
      const { period, range, board } = await boardOf(db, requireActor(request), request.query, request.meta.lang);
      return {
        period,
        kind: range.kind,
        first: range.first,
        last: range.last,
        approvedOnly: board.approvedOnly,
        profile: board.profile,
        items: board.items.map((r) => ({
          username: r.person.username,
          displayName: r.person.displayName,
          unitCode: r.person.unitCode,
          unitName: r.person.unitName,
          post: r.post,
          metrics: r.metrics,
          score: r.score,
          rank: r.rank,
        })),
      };
    },
  );

  app.get(
    '/api/v1/staff/scoreboard.xlsx',
    { config: { access: 'business:export' }, schema: { tags: ['staff'], summary: '导出招商人员考核表（xlsx）', querystring: boardQuery } },
    async (request, reply) => {
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const { unit, period, board } = await boardOf(db, requireActor(request), request.query, lang);
      type Row = (typeof board.items)[number];
      const workbook = new ExcelJS.Workbook();
      addSheet<Row>(
        workbook,
        zh ? '招商人员考核' : 'Staff scoreboard',
        [
          { header: zh ? '排名' : 'Rank', width: 6, value: (r) => r.rank },
          { header: zh ? '姓名' : 'Name', width: 12, value: (r) => r.person.displayName },
          { header: zh ? '单位' : 'Unit', width: 18, value: (r) => r.person.unitName },
          { header: zh ? '岗位' : 'Post', width: 16, value: (r) => (r.post ? STAFF_POST_LABELS[r.post][lang] : null) },
          ...SCORE_METRICS.map((m) => ({
            header: SCORE_METRIC_LABELS[m][lang],
            width: 12,
            value: (r: Row) => (m === 'signedInvestmentYi' ? Math.round(r.metrics[m] * 100) / 100 : r.metrics[m]),
          })),
          { header: zh ? '得分' : 'Score', width: 8, value: (r) => r.score },
        ],
        board.items,
      );
      return sendWorkbook(reply, zh ? `招商人员考核-${unit.name}-${period}.xlsx` : `scoreboard-${unit.code}-${period}.xlsx`, workbook);
    },
  );

  app.get(
    '/api/v1/staff/scoreboard/profile',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: scoreProfileSchema },
        tags: ['staff'],
        summary: '本单位考核设置（权重、考核期、考核对象）',
        querystring: z.object({ unit: unitCode }),
      },
    },
    async (request) => profileOf(db, await scopedUnit(db, requireActor(request), request.query.unit)),
  );

  app.put(
    '/api/v1/staff/scoreboard/profile',
    {
      config: { access: 'business:review' },
      schema: {
        response: { 200: scoreProfileSchema },
        tags: ['staff'],
        summary: '设置本单位考核权重、考核期与考核对象',
        body: profileBody,
      },
    },
    async (request) => profileOf(db, await saveProfile(db, requireActor(request), request.meta, request.body)),
  );
}
