import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { BLOCKER_STATUSES, BLOCKER_TYPES, escalates, overdueDays, type BlockerStatus } from '../../shared/blockers/rules.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { rowsOf, type Db, type DbOrTx } from '../db/client.ts';
import { departments } from '../departments/schema.ts';
import { inScope } from '../http/actor.ts';
import { notFound, hiddenObject } from '../http/errors.ts';
import { requireActor, type App } from '../http/platform.ts';
import { projectAttachments, projects } from '../projects/schema.ts';
import { readSettings } from '../settings/repository.ts';
import { scopePathFor } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { blockerFor, changeBlocker, permittedActions, raiseBlocker, type BlockerRow } from './commands.ts';
import { blockerNotes, blockers } from './schema.ts';
import { subtreePattern, withinSubtree } from '../db/scope.ts';

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

interface Joined {
  blocker: BlockerRow;
  projectCode: string;
  projectName: string;
  unitCode: string;
  totalInvestmentWan: number;
}

/** Blockers with their project and department names, overdue days and whether they go onto the higher unit's 要素保障 list. */
async function present(db: DbOrTx, rows: Joined[]) {
  const ids = [...new Set(rows.flatMap((r) => r.blocker.departmentIds))];
  const [names, settings] = await Promise.all([
    ids.length
      ? db
          .select({ id: departments.id, name: departments.name, unitCode: departments.unitCode })
          .from(departments)
          .where(sql`${departments.id} = any(${sql.param(ids)}::uuid[])`)
      : Promise.resolve([]),
    readSettings(db, ['blockers.escalateInvestmentYi', 'blockers.escalateOverdueDays']),
  ]);
  const rule = {
    minInvestmentYi: Number(settings['blockers.escalateInvestmentYi']),
    overdueDays: Number(settings['blockers.escalateOverdueDays']),
  };
  const today = todayIso();
  return rows.map(({ blocker: b, projectCode, projectName, unitCode, totalInvestmentWan }) => ({
    id: b.id,
    project: { code: projectCode, name: projectName, unitCode, totalInvestmentWan },
    type: b.type,
    description: b.description,
    departments: b.departmentIds.map((id) => ({ id, name: names.find((n) => n.id === id)?.name ?? id })),
    responsiblePerson: b.responsiblePerson,
    coordinatingLeader: b.coordinatingLeader,
    deadline: b.deadline,
    status: b.status as BlockerStatus,
    overdueDays: overdueDays(b.deadline, b.status as BlockerStatus, today),
    escalated: escalates({ status: b.status as BlockerStatus, deadline: b.deadline, totalInvestmentWan }, today, rule),
    resolution: b.resolution,
    resolvedAt: b.resolvedAt?.toISOString() ?? null,
    resolvedBy: b.resolvedBy,
    closedAt: b.closedAt?.toISOString() ?? null,
    closedBy: b.closedBy,
    reopenCount: b.reopenCount,
    meetingId: b.meetingId,
    raisedBy: b.raisedBy,
    raisedAt: b.raisedAt.toISOString(),
    version: b.version,
  }));
}
export type PresentedBlocker = Awaited<ReturnType<typeof present>>[number];

const joined = (db: DbOrTx) =>
  db
    .select({
      blocker: blockers,
      projectCode: projects.code,
      projectName: projects.name,
      unitCode: projects.unitCode,
      totalInvestmentWan: projects.totalInvestmentWan,
    })
    .from(blockers)
    .innerJoin(projects, eq(projects.id, blockers.projectId));

export function registerBlockerRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/blockers',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['blockers'],
        summary: '问题清单：按单位、项目、状态、部门、类型、逾期筛选；department=mine 为本部门的问题（部门联络员工作台）',
        querystring: z.object({
          unit: z.string().max(15).optional(),
          project: z.string().max(40).optional(),
          status: z.string().max(60).optional(),
          department: z.string().max(40).optional(),
          type: z.enum(BLOCKER_TYPES).optional(),
          overdue: z.enum(['true', 'false']).optional(),
          escalated: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(2_000).default(500),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const q = request.query;
      const conditions: SQL[] = [];
      const mine = q.department === 'mine';
      if (mine) {
        if (!actor.departmentId) return { items: [] };
        conditions.push(sql`${actor.departmentId}::uuid = any(${blockers.departmentIds})`);
      } else {
        const path = await scopePathFor(db, actor, q.unit);
        conditions.push(withinSubtree(blockers.unitPath, path));
        if (q.department) conditions.push(sql`${q.department}::uuid = any(${blockers.departmentIds})`);
      }
      if (q.project) conditions.push(eq(projects.code, q.project));
      const statuses = (q.status ?? '').split(',').filter((s): s is BlockerStatus => (BLOCKER_STATUSES as readonly string[]).includes(s));
      if (statuses.length) conditions.push(sql`${blockers.status} = any(${sql.param(statuses)}::text[])`);
      if (q.type) conditions.push(eq(blockers.type, q.type));
      if (q.overdue === 'true')
        conditions.push(sql`${blockers.status} in ('open', 'in_progress') and ${blockers.deadline} < ${todayIso()}::date`);
      if (q.escalated === 'true') {
        // 要素保障 in the query itself, before LIMIT (filtering after it cut the list short); the same rule as
        // `escalates` (shared/blockers/rules.ts), which still decides each row's flag below
        const settings = await readSettings(db, ['blockers.escalateInvestmentYi', 'blockers.escalateOverdueDays']);
        conditions.push(
          sql`${blockers.status} <> 'closed' and (${projects.totalInvestmentWan} >= ${Number(settings['blockers.escalateInvestmentYi']) * 10_000}
            or (${blockers.status} in ('open', 'in_progress') and ${blockers.deadline} is not null and ${todayIso()}::date - ${blockers.deadline} > ${Number(settings['blockers.escalateOverdueDays'])}))`,
        );
      }
      const rows = await joined(db)
        .where(and(...conditions))
        .orderBy(
          sql`case ${blockers.status} when 'open' then 0 when 'in_progress' then 1 when 'resolved' then 2 else 3 end`,
          asc(blockers.deadline),
          desc(blockers.id),
        )
        .limit(q.limit);
      let items = await present(db, rows);
      if (q.escalated === 'true') items = items.filter((b) => b.escalated);
      return { items };
    },
  );

  app.post(
    '/api/v1/blockers',
    {
      config: { access: ['business:write', 'business:review'] },
      schema: {
        tags: ['blockers'],
        summary: '提出问题（堵点）：类型、描述、责任部门、责任人、协调领导、办结时限',
        body: input.extend({ projectCode: z.string().max(40), meetingId: z.number().int().positive().nullish() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { projectCode, ...rest } = request.body;
      const row = await raiseBlocker(db, actor, request.meta, projectCode, rest);
      return reply.status(201).send((await present(db, await joined(db).where(eq(blockers.id, row.id))))[0]);
    },
  );

  app.get(
    '/api/v1/blockers/:id',
    { config: { access: 'business:read' }, schema: { tags: ['blockers'], summary: '问题详情与办理记录', params: idParams } },
    async (request) => {
      const actor = requireActor(request);
      const row = await blockerFor(db, actor, request.params.id);
      const [item] = await present(db, await joined(db).where(eq(blockers.id, row.id)));
      const notes = await db
        .select()
        .from(blockerNotes)
        .where(eq(blockerNotes.blockerId, row.id))
        .orderBy(asc(blockerNotes.at), asc(blockerNotes.id));
      const [project] = await db.select({ ownerUserId: projects.ownerUserId }).from(projects).where(eq(projects.id, row.projectId));
      const attachmentIds = [...new Set(notes.flatMap((n) => n.attachmentIds))];
      const files = attachmentIds.length
        ? await db
            .select({ id: projectAttachments.id, filename: projectAttachments.filename })
            .from(projectAttachments)
            .where(sql`${projectAttachments.id} = any(${sql.param(attachmentIds)}::uuid[])`)
        : [];
      return {
        ...item!,
        actions: permittedActions(actor, row, project?.ownerUserId ?? null),
        notes: notes.map((n) => ({
          id: n.id,
          kind: n.kind,
          text: n.text,
          attachments: n.attachmentIds.map((id) => ({ id, filename: files.find((f) => f.id === id)?.filename ?? id })),
          byName: n.byName,
          at: n.at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/v1/blockers/:id/actions',
    {
      config: { access: 'business:read' },
      schema: {
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
      return (await present(db, await joined(db).where(eq(blockers.id, row.id))))[0];
    },
  );

  app.get(
    '/api/v1/blockers/departments',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['blockers'],
        summary: '可指派的责任部门：项目所在单位及其上级单位的部门',
        querystring: z.object({ project: z.string().max(40) }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const [project] = await db.select({ unitPath: projects.unitPath }).from(projects).where(eq(projects.code, request.query.project));
      if (!project) throw notFound();
      if (!inScope(actor, project.unitPath)) throw hiddenObject();
      const codes = project.unitPath.split('/').filter(Boolean);
      const rows = await db
        .select({ id: departments.id, name: departments.name, unitName: units.name, depth: units.depth })
        .from(departments)
        .innerJoin(units, eq(units.code, departments.unitCode))
        .where(and(sql`${departments.unitCode} = any(${sql.param(codes)}::text[])`, eq(departments.active, true)))
        .orderBy(desc(units.depth), asc(departments.name));
      return { items: rows.map((r) => ({ id: r.id, name: r.name, unitName: r.unitName })) };
    },
  );

  app.get(
    '/api/v1/blockers/by-department',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['blockers'],
        summary: '按责任部门统计问题：待办、办理中、已办结、已销号、逾期',
        querystring: z.object({ unit: z.string().max(15).optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const path = await scopePathFor(db, actor, request.query.unit);
      const result = await db.execute(sql`select d.id, d.name, u.name as unit_name,
          count(*) filter (where b.status = 'open')::int as open, count(*) filter (where b.status = 'in_progress')::int as in_progress,
          count(*) filter (where b.status = 'resolved')::int as resolved, count(*) filter (where b.status = 'closed')::int as closed,
          count(*) filter (where b.status in ('open', 'in_progress') and b.deadline < ${todayIso()}::date)::int as overdue
        from ${blockers} b cross join lateral unnest(b.department_ids) as dep(id) join ${departments} d on d.id = dep.id join ${units} u on u.code = d.unit_code
        where b.unit_path like ${subtreePattern(path)}
        group by d.id, d.name, u.name order by overdue desc, (count(*) filter (where b.status in ('open', 'in_progress'))) desc, d.name`);
      return {
        items: rowsOf<{
          id: string;
          name: string;
          unit_name: string;
          open: number;
          in_progress: number;
          resolved: number;
          closed: number;
          overdue: number;
        }>(result).map((r) => ({
          id: r.id,
          name: r.name,
          unitName: r.unit_name,
          open: r.open,
          inProgress: r.in_progress,
          resolved: r.resolved,
          closed: r.closed,
          overdue: r.overdue,
        })),
      };
    },
  );
}
