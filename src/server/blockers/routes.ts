import { z } from 'zod';
import { BLOCKER_TYPES } from '../../shared/blockers/rules.ts';
import { type Db } from '../db/client.ts';
import { inScope, type Actor } from '../http/actor.ts';
import { sendWorkbook } from '../http/excel.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { blockersWorkbook } from './excel.ts';
import { notFound, hiddenObject } from '../http/errors.ts';
import { requireActor, type App } from '../http/platform.ts';
import { findUnit, scopePathFor, unitNamesByCodes } from '../units/repository.ts';
import { blockerFor, changeBlocker, permittedActions, raiseBlocker } from './commands.ts';
import { findProjectByCode } from '../projects/repository.ts';
import {
  assignableDepartmentsSchema,
  blockerDetailSchema,
  blockerListSchema,
  blockerSchema,
  blockersByDepartmentSchema,
} from '../../shared/api/blockers.ts';
import { assignableDepartments, blockerDetail, blockersByDepartment, blockerView, listBlockers } from './queries.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const text = (max: number) => z.string().trim().min(1).max(max);
const input = z.object({
  type: z.enum(BLOCKER_TYPES),
  description: text(2000),
  departmentIds: z.array(z.uuid()).min(1).max(10),
  responsiblePerson: z.string().max(40).nullish(),
  coordinatingLeader: z.string().max(40).nullish(),
  deadline: z.iso.date().nullish(),
});

const blockerQuery = z.object({
  unit: z.string().max(15).optional(),
  project: z.string().max(40).optional(),
  status: z.string().max(60).optional(),
  department: z.string().max(40).optional(),
  type: z.enum(BLOCKER_TYPES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  escalated: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(2_000).default(500),
});

export function registerBlockerRoutes(app: App, db: Db): void {
  /** The list as the filters ask: one department's (mine) wherever they are, or a subtree's. */
  const blockersOf = async (actor: Actor, q: z.infer<typeof blockerQuery>) => {
    const mine = q.department === 'mine';
    if (mine && !actor.departmentId) return [];
    const scopePath = mine ? null : await scopePathFor(db, actor, q.unit);
    const items = await listBlockers(db, { ...q, scopePath, departmentId: mine ? actor.departmentId : null });
    return q.escalated === 'true' ? items.filter((b) => b.escalated) : items;
  };

  app.get(
    '/api/v1/blockers',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: blockerListSchema },
        tags: ['blockers'],
        summary: '问题清单：按单位、项目、状态、部门、类型、逾期筛选；department=mine 为本部门的问题（部门联络员工作台）',
        querystring: blockerQuery,
      },
    },
    async (request) => ({ items: await blockersOf(requireActor(request), request.query) }),
  );

  app.get(
    '/api/v1/blockers/export',
    {
      config: { access: 'business:export' },
      schema: { tags: ['blockers'], summary: '导出问题清单（Excel：标题、序号、合计，按当前筛选）', querystring: blockerQuery },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const q = { ...request.query, limit: 20_000 };
      const items = await blockersOf(actor, q);
      const zh = request.meta.lang === 'zh';
      const unit = await findUnit(db, q.department === 'mine' ? actor.unitCode : (q.unit ?? actor.unitCode));
      const names = await unitNamesByCodes(
        db,
        items.map((b) => b.project.unitCode),
      );
      const title = zh ? `${unit?.name ?? ''}${q.department === 'mine' ? '本部门' : ''}问题清单` : `Blockers · ${unit?.name ?? ''}`;
      return sendWorkbook(
        reply,
        `${zh ? '问题清单' : 'blockers'}-${todayIso()}.xlsx`,
        blockersWorkbook(title, items, names, request.meta.lang),
      );
    },
  );

  app.post(
    '/api/v1/blockers',
    {
      config: { access: ['business:write', 'business:review'] },
      schema: {
        response: { 201: blockerSchema },
        tags: ['blockers'],
        summary: '提出问题（堵点）：类型、描述、责任部门、责任人、协调领导、办结时限',
        body: input.extend({ projectCode: z.string().max(40), meetingId: z.number().int().positive().nullish() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { projectCode, ...rest } = request.body;
      const row = await raiseBlocker(db, actor, request.meta, projectCode, rest);
      return reply.status(201).send(await blockerView(db, row.id));
    },
  );

  app.get(
    '/api/v1/blockers/:id',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: blockerDetailSchema }, tags: ['blockers'], summary: '问题详情与办理记录', params: idParams },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await blockerFor(db, actor, request.params.id);
      const { item, notes, ownerUserId } = await blockerDetail(db, row);
      return {
        ...item,
        actions: permittedActions(actor, row, ownerUserId),
        notes,
      };
    },
  );

  app.post(
    '/api/v1/blockers/:id/actions',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: blockerSchema },
        tags: ['blockers'],
        summary: '对账销号：办理进展（note）、部门办结（resolve）、项目方确认销号（confirm）或退回重办（reopen，须说明原因）、修改（edit）',
        params: idParams,
        body: z.discriminatedUnion('action', [
          z.object({ action: z.literal('note'), text: text(2000), attachmentIds: z.array(z.uuid()).max(20).optional() }),
          z.object({
            action: z.literal('resolve'),
            version: z.number().int(),
            resolution: text(2000),
            attachmentIds: z.array(z.uuid()).max(20).optional(),
          }),
          z.object({ action: z.literal('confirm'), version: z.number().int(), text: z.string().max(2000).optional() }),
          z.object({ action: z.literal('reopen'), version: z.number().int(), reason: text(2000) }),
          input.extend({ action: z.literal('edit'), version: z.number().int() }),
        ]),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await changeBlocker(db, actor, request.meta, request.params.id, request.body);
      return await blockerView(db, row.id);
    },
  );

  app.get(
    '/api/v1/blockers/departments',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: assignableDepartmentsSchema },
        tags: ['blockers'],
        summary: '可指派的责任部门：项目所在单位及其上级单位的部门',
        querystring: z.object({ project: z.string().max(40) }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const project = await findProjectByCode(db, request.query.project);
      if (!project) throw notFound();
      if (!inScope(actor, project.unitPath)) throw hiddenObject();
      return { items: await assignableDepartments(db, project.unitPath) };
    },
  );

  app.get(
    '/api/v1/blockers/by-department',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: blockersByDepartmentSchema },
        tags: ['blockers'],
        summary: '按责任部门统计问题：待办、办理中、已办结、已销号、逾期',
        querystring: z.object({ unit: z.string().max(15).optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const path = await scopePathFor(db, actor, request.query.unit);
      return { items: await blockersByDepartment(db, path) };
    },
  );
}
