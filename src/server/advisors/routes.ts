// 招商顾问: routes only — validation, policy, a call, the presenter.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  advisorCreatedSchema,
  advisorSchema,
  advisorsResponse,
  attributionSchema,
  rewardLedgerSchema,
  rewardStepSchema,
} from '../../shared/api/advisors.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { REWARD_EXCLUSION_LABELS, REWARD_STATUS_LABELS } from '../../shared/staff/advisors.ts';
import type { Db } from '../db/client.ts';
import { can, type Actor } from '../http/actor.ts';
import { addSheet, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { projectLinesByIds } from '../projects/repository.ts';
import { scopePathFor } from '../units/repository.ts';
import {
  advisorBody,
  approveReward,
  attributeProject,
  createAdvisor,
  deleteAdvisor,
  detachProject,
  mayDecideRewards,
  mayReadRewards,
  payReward,
  readableAdvisor,
  revokeReward,
  rewardsRestricted,
  rewardStepBody,
  updateAdvisor,
} from './commands.ts';
import { ledgerTotals, presentAdvisor, presentAdvisorSummary, presentLedgerLine } from './presenter.ts';
import { rewardLedger, rewardRule } from './queries.ts';
import { attributionsOf, listAdvisors } from './repository.ts';

const idParam = z.object({ id: z.uuid() });
const listQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  q: z.string().trim().max(60).optional(),
  /** in term today only */
  active: z.enum(['true', 'false']).optional(),
});
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

async function advisorsOf(db: Db, actor: Actor, query: z.infer<typeof listQuery>) {
  const scopePath = await scopePathFor(db, actor, query.unit);
  // without a unit asked, the advisors of the units above work for the caller too
  return listAdvisors(db, {
    scopePath,
    callerPath: query.unit ? undefined : actor.unitPath,
    q: query.q || undefined,
    activeOn: query.active === 'true' ? todayIso() : undefined,
  });
}

/** The caller's own unit's ledger for a year: every advisor it appointed, every project attributed. */
async function unitLedger(db: Db, actor: Actor, year: number) {
  if (!mayReadRewards(actor, { unitCode: actor.unitCode })) throw rewardsRestricted();
  const own = (await listAdvisors(db, { scopePath: actor.unitPath })).filter((r) => r.advisor.unitCode === actor.unitCode);
  const lines = await rewardLedger(
    db,
    own.map((r) => r.advisor),
    year,
  );
  return { year, rule: await rewardRule(db), items: lines.map(presentLedgerLine), totals: ledgerTotals(lines) };
}

export function registerAdvisorRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/advisors',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: advisorsResponse }, tags: ['advisors'], summary: '招商顾问名册', querystring: listQuery },
    },
    async (request) => {
      const actor = requireActor(request);
      const rows = await advisorsOf(db, actor, request.query);
      const today = todayIso();
      return { items: rows.map((r) => presentAdvisorSummary(r.advisor, r.unitName, r.projects, today, can(actor, 'business:contacts'))) };
    },
  );

  app.get(
    '/api/v1/advisors/export',
    { config: { access: 'business:export' }, schema: { tags: ['advisors'], summary: '导出招商顾问名册（xlsx）', querystring: listQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const rows = await advisorsOf(db, actor, request.query);
      const today = todayIso();
      const zh = request.meta.lang === 'zh';
      type Row = ReturnType<typeof presentAdvisorSummary> & { n: number };
      const items: Row[] = rows.map((r, i) => ({
        ...presentAdvisorSummary(r.advisor, r.unitName, r.projects, today, can(actor, 'business:contacts')),
        n: i + 1,
      }));
      const workbook = new ExcelJS.Workbook();
      addSheet<Row>(
        workbook,
        zh ? '招商顾问' : 'Advisors',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (r) => r.n },
          { header: zh ? '姓名' : 'Name', width: 12, value: (r) => r.name },
          { header: zh ? '工作单位' : 'Organisation', width: 28, value: (r) => r.organisation },
          { header: zh ? '职务' : 'Title', width: 16, value: (r) => r.title },
          { header: zh ? '领域' : 'Field', width: 18, value: (r) => r.field },
          { header: zh ? '联系电话' : 'Phone', width: 14, value: (r) => r.phone },
          { header: zh ? '聘任单位' : 'Appointed by', width: 16, value: (r) => r.unitName },
          { header: zh ? '聘任日期' : 'Appointed on', width: 12, value: (r) => r.appointedOn },
          { header: zh ? '聘期至' : 'Term ends', width: 12, value: (r) => r.termEnd },
          { header: zh ? '在聘' : 'In term', width: 6, value: (r) => (r.inTerm ? (zh ? '是' : 'yes') : zh ? '否' : 'no') },
          { header: zh ? '公职人员' : 'Public servant', width: 8, value: (r) => (r.publicServant ? (zh ? '是' : 'yes') : null) },
          { header: zh ? '引荐项目数' : 'Projects', width: 10, value: (r) => r.projects },
        ],
        items,
      );
      return sendWorkbook(reply, zh ? '招商顾问名册.xlsx' : 'advisors.xlsx', workbook);
    },
  );

  app.get(
    '/api/v1/advisors/rewards',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: rewardLedgerSchema },
        tags: ['advisors'],
        summary: '本单位招商顾问奖励台账（仅聘任单位审核员、领导可见）',
        querystring: yearQuery,
      },
    },
    async (request) => unitLedger(db, requireActor(request), request.query.year ?? Number(todayIso().slice(0, 4))),
  );

  app.get(
    '/api/v1/advisors/rewards.xlsx',
    {
      config: { access: 'business:export' },
      schema: { tags: ['advisors'], summary: '导出招商顾问奖励台账（xlsx）', querystring: yearQuery },
    },
    async (request, reply) => {
      const year = request.query.year ?? Number(todayIso().slice(0, 4));
      const ledger = await unitLedger(db, requireActor(request), year);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      type Row = (typeof ledger.items)[number] & { n: number };
      const workbook = new ExcelJS.Workbook();
      addSheet<Row>(
        workbook,
        zh ? `${year}年奖励台账` : `Rewards ${year}`,
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (r) => r.n },
          { header: zh ? '招商顾问' : 'Advisor', width: 12, value: (r) => r.advisorName },
          { header: zh ? '项目编号' : 'Code', width: 18, value: (r) => r.projectCode },
          { header: zh ? '项目名称' : 'Project', width: 32, value: (r) => r.projectName },
          { header: zh ? '计奖基数(万元)' : 'Basis (10k CNY)', width: 14, value: (r) => r.basisWan },
          { header: zh ? '比例(‰)' : 'Per mille', width: 8, value: (r) => r.perMille },
          { header: zh ? '以前年度已奖(万元)' : 'Earlier years (10k CNY)', width: 14, value: (r) => r.earlierWan },
          { header: zh ? '奖励金额(万元)' : 'Reward (10k CNY)', width: 14, value: (r) => r.amountWan },
          {
            header: zh ? '说明' : 'Note',
            width: 24,
            value: (r) => (r.exclusion ? REWARD_EXCLUSION_LABELS[r.exclusion][lang] : r.capped ? (zh ? '已达封顶' : 'capped') : null),
          },
          { header: zh ? '状态' : 'Status', width: 10, value: (r) => REWARD_STATUS_LABELS[r.status][lang] },
          { header: zh ? '兑现日期' : 'Paid on', width: 12, value: (r) => r.paidOn },
        ],
        ledger.items.map((item, i) => ({ ...item, n: i + 1 })),
      );
      return sendWorkbook(reply, zh ? `招商顾问奖励台账-${year}.xlsx` : `advisor-rewards-${year}.xlsx`, workbook);
    },
  );

  app.get(
    '/api/v1/advisors/:id',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: advisorSchema }, tags: ['advisors'], summary: '招商顾问及其引荐的项目', params: idParam },
    },
    async (request) => {
      const actor = requireActor(request);
      const { advisor, unitName } = await readableAdvisor(db, actor, request.params.id);
      const attributions = (await attributionsOf(db, [advisor.id])).get(advisor.id) ?? [];
      const lines = await projectLinesByIds(
        db,
        attributions.map((a) => a.projectId),
      );
      const attributed = attributions.flatMap((a) => {
        const line = lines.get(a.projectId);
        return line ? [{ ...line, attributedOn: a.attributedOn }] : [];
      });
      return presentAdvisor(advisor, unitName, attributed, todayIso(), {
        contactsVisible: can(actor, 'business:contacts'),
        rewardsVisible: mayReadRewards(actor, advisor),
        rewardsDecidable: mayDecideRewards(actor, advisor),
      });
    },
  );

  app.get(
    '/api/v1/advisors/:id/rewards',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: rewardLedgerSchema },
        tags: ['advisors'],
        summary: '一位招商顾问的年度奖励（仅聘任单位审核员、领导可见）',
        params: idParam,
        querystring: yearQuery,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { advisor } = await readableAdvisor(db, actor, request.params.id);
      if (!mayReadRewards(actor, advisor)) throw rewardsRestricted();
      const year = request.query.year ?? Number(todayIso().slice(0, 4));
      const lines = await rewardLedger(db, [advisor], year);
      return { year, rule: await rewardRule(db), items: lines.map(presentLedgerLine), totals: ledgerTotals(lines) };
    },
  );

  app.post(
    '/api/v1/advisors',
    {
      config: { access: 'business:write' },
      schema: { response: { 201: advisorCreatedSchema }, tags: ['advisors'], summary: '聘任招商顾问', body: advisorBody },
    },
    async (request, reply) => reply.status(201).send(await createAdvisor(db, requireActor(request), request.meta, request.body)),
  );

  app.put(
    '/api/v1/advisors/:id',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: advisorCreatedSchema },
        tags: ['advisors'],
        summary: '修改招商顾问（含聘期）',
        params: idParam,
        body: advisorBody.extend({ version: z.number().int() }),
      },
    },
    async (request) => updateAdvisor(db, requireActor(request), request.meta, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/advisors/:id',
    { config: { access: 'business:delete' }, schema: { tags: ['advisors'], summary: '删除招商顾问（无奖励记录时）', params: idParam } },
    async (request, reply) => {
      await deleteAdvisor(db, requireActor(request), request.meta, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/advisors/:id/projects',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: attributionSchema },
        tags: ['advisors'],
        summary: '将项目或线索归属于招商顾问（顾问引荐）',
        params: idParam,
        body: z.object({ projectCode: z.string().trim().min(1).max(40) }),
      },
    },
    async (request) => attributeProject(db, requireActor(request), request.meta, request.params.id, request.body.projectCode),
  );

  app.delete(
    '/api/v1/advisors/:id/projects/:code',
    {
      config: { access: 'business:write' },
      schema: {
        tags: ['advisors'],
        summary: '解除项目与招商顾问的归属',
        params: z.object({ id: z.uuid(), code: z.string().trim().min(1).max(40) }),
      },
    },
    async (request, reply) => {
      await detachProject(db, requireActor(request), request.meta, request.params.id, request.params.code);
      return reply.status(204).send();
    },
  );

  for (const [step, summary, command] of [
    ['approve', '审定一个项目的年度奖励（冻结金额）', approveReward],
    ['pay', '登记奖励兑现日期', payReward],
    ['revoke', '撤销未兑现奖励的审定（按规则重新计算）', revokeReward],
  ] as const)
    app.post(
      `/api/v1/advisors/:id/rewards/${step}`,
      {
        config: { access: 'business:review' },
        schema: { response: { 200: rewardStepSchema }, tags: ['advisors'], summary, params: idParam, body: rewardStepBody },
      },
      async (request) => command(db, requireActor(request), request.meta, request.params.id, request.body),
    );
}
