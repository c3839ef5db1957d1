import { clockNow } from '../../shared/calendar.ts';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  BLOCKER_STATUS_LABELS,
  BLOCKER_TYPE_LABELS,
  overdueDays,
  type BlockerStatus,
  type BlockerType,
} from '../../shared/blockers/rules.ts';
import { PROJECT_LEVELS } from '../../shared/projects/classification.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { STAGE_LABELS, STAGES, type Stage } from '../../shared/projects/stages.ts';
import { rowsOf, type Db, type DbOrTx } from '../db/client.ts';
import { appendAudit, diffFields, subjectOf } from '../audit/recorder.ts';
import { blockers } from '../blockers/schema.ts';
import { departments } from '../departments/schema.ts';
import { can, inScope, type Actor } from '../http/actor.ts';
import { AppError, conflict, forbidden, notFound, outOfScope, hiddenObject } from '../http/errors.ts';
import { attachmentHeader } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { escapeLike } from '../projects/repository.ts';
import { projects } from '../projects/schema.ts';
import { projectAnnualPlans, projectProgress } from '../reporting/schema.ts';
import { findUnit, scopePathFor } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { meetingItems, meetings, type AgendaFilter } from './schema.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const details = z.object({
  title: z.string().trim().min(1).max(100),
  heldOn: z.iso.date(),
  location: z.string().max(100).nullish(),
  chair: z.string().max(40).nullish(),
  attendees: z.array(z.string().trim().min(1).max(40)).max(100).default([]),
});
const agenda = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  stages: z.array(z.enum(STAGES)).max(8).optional(),
  levels: z.array(z.enum(PROJECT_LEVELS)).max(3).optional(),
  sponsorLeader: z.string().max(40).optional(),
});
type MeetingRow = typeof meetings.$inferSelect;

const mayRun = (actor: Actor) => can(actor, 'business:write') || can(actor, 'business:review');

async function meetingFor(db: DbOrTx, actor: Actor, id: number): Promise<MeetingRow> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  if (!row) throw notFound();
  if (!inScope(actor, row.unitPath)) throw hiddenObject();
  return row;
}

/** The projects an agenda filter draws, largest first (at most 200: a meeting goes through them one by one). */
async function agendaProjects(db: DbOrTx, path: string, filter: AgendaFilter): Promise<string[]> {
  const conditions: SQL[] = [sql`${projects.unitPath} like ${`${escapeLike(path)}%`}`, sql`${projects.status} <> 'terminated'`];
  if (filter.stages?.length) conditions.push(sql`${projects.stage} = any(${sql.param(filter.stages)}::text[])`);
  if (filter.levels?.length) conditions.push(sql`${projects.levels} && ${sql.param(filter.levels)}::text[]`);
  if (filter.sponsorLeader) conditions.push(eq(projects.sponsorLeader, filter.sponsorLeader));
  const rows = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(...conditions))
    .orderBy(desc(projects.totalInvestmentWan), asc(projects.code))
    .limit(200);
  return rows.map((r) => r.id);
}

export interface AgendaItem {
  position: number;
  project: {
    code: string;
    name: string;
    unitName: string;
    stage: Stage;
    stageLabel: string;
    totalInvestmentWan: number;
    investorName: string;
    sponsorLeader: string | null;
    content: string | null;
  };
  milestones: { key: string; label: string; planned: string | null; actual: string | null; late: boolean }[];
  progress: { year: number; planWan: number | null; ytdWan: number; lastMonth: string | null; imageProgress: string | null };
  blockers: {
    id: number;
    type: string;
    description: string;
    departments: string[];
    deadline: string | null;
    status: BlockerStatus;
    statusLabel: string;
    overdueDays: number;
    raisedHere: boolean;
  }[];
  decision: string | null;
  earlierDecisions: { meetingTitle: string; heldOn: string; decision: string }[];
}

/** Everything the presentation shows of each project: key facts, milestones planned vs actual, progress, open blockers, earlier decisions. */
async function agendaOf(db: DbOrTx, meeting: MeetingRow): Promise<AgendaItem[]> {
  const today = todayIso();
  const year = Number(today.slice(0, 4));
  const items = await db
    .select({ item: meetingItems, project: projects, unitName: units.name })
    .from(meetingItems)
    .innerJoin(projects, eq(projects.id, meetingItems.projectId))
    .innerJoin(units, eq(units.code, projects.unitCode))
    .where(eq(meetingItems.meetingId, meeting.id))
    .orderBy(asc(meetingItems.position));
  if (!items.length) return [];
  const ids = items.map((i) => i.project.id);
  const [progress, blockerRows, earlier] = await Promise.all([
    db.execute(sql`select p.id::text as id, ap.planned_wan,
        coalesce((select sum(x.invested_wan) from ${projectProgress} x where x.project_id = p.id and x.month between ${`${year}-01`} and ${`${year}-12`}), 0)::float8 as ytd,
        (select x.month from ${projectProgress} x where x.project_id = p.id order by x.month desc limit 1) as last_month,
        (select x.image_progress from ${projectProgress} x where x.project_id = p.id order by x.month desc limit 1) as image_progress
      from ${projects} p left join ${projectAnnualPlans} ap on ap.project_id = p.id and ap.year = ${year}
      where p.id = any(${sql.param(ids)}::uuid[])`),
    db
      .select()
      .from(blockers)
      .where(
        and(
          sql`${blockers.projectId} = any(${sql.param(ids)}::uuid[])`,
          sql`(${blockers.status} <> 'closed' or ${blockers.meetingId} = ${meeting.id})`,
        ),
      )
      .orderBy(asc(blockers.deadline), asc(blockers.id)),
    db
      .select({ projectId: meetingItems.projectId, decision: meetingItems.decision, title: meetings.title, heldOn: meetings.heldOn })
      .from(meetingItems)
      .innerJoin(meetings, eq(meetings.id, meetingItems.meetingId))
      .where(
        and(
          sql`${meetingItems.projectId} = any(${sql.param(ids)}::uuid[])`,
          sql`${meetingItems.meetingId} <> ${meeting.id}`,
          sql`${meetingItems.decision} is not null`,
          sql`${meetings.heldOn} <= ${meeting.heldOn}::date`,
        ),
      )
      .orderBy(desc(meetings.heldOn)),
  ]);
  const departmentIds = [...new Set(blockerRows.flatMap((b) => b.departmentIds))];
  const names = departmentIds.length
    ? await db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(sql`${departments.id} = any(${sql.param(departmentIds)}::uuid[])`)
    : [];
  const progressRows = rowsOf<{
    id: string;
    planned_wan: number | null;
    ytd: number;
    last_month: string | null;
    image_progress: string | null;
  }>(progress);
  const milestone = (key: string, label: string, planned: string | null, actual: string | null) => ({
    key,
    label,
    planned,
    actual,
    late: !actual && planned !== null && planned < today,
  });
  return items.map(({ item, project: p, unitName }) => {
    const pr = progressRows.find((r) => r.id === p.id);
    return {
      position: item.position,
      project: {
        code: p.code,
        name: p.name,
        unitName,
        stage: p.stage as Stage,
        stageLabel: STAGE_LABELS[p.stage as Stage]?.zh ?? p.stage,
        totalInvestmentWan: p.totalInvestmentWan,
        investorName: p.investorName,
        sponsorLeader: p.sponsorLeader,
        content: p.content,
      },
      milestones: [
        milestone('signed', '签约', p.plannedSignedOn, p.signedOn),
        milestone('registered', '注册', p.plannedRegisteredOn, p.registeredOn),
        milestone('started', '开工', p.plannedStartedOn, p.startedOn),
        milestone('completed', '竣工', p.plannedCompletedOn, p.completedOn),
        milestone('producing', '投产', p.plannedProducingOn, p.producingOn),
        milestone('at_capacity', '达产', p.plannedAtCapacityOn, p.atCapacityOn),
      ],
      progress: {
        year,
        planWan: pr?.planned_wan === null || pr?.planned_wan === undefined ? null : Number(pr.planned_wan),
        ytdWan: Number(pr?.ytd ?? 0),
        lastMonth: pr?.last_month ?? null,
        imageProgress: pr?.image_progress ?? null,
      },
      blockers: blockerRows
        .filter((b) => b.projectId === p.id)
        .map((b) => ({
          id: b.id,
          type: b.type,
          description: b.description,
          departments: b.departmentIds.map((id) => names.find((n) => n.id === id)?.name ?? id),
          deadline: b.deadline,
          status: b.status as BlockerStatus,
          statusLabel: BLOCKER_STATUS_LABELS[b.status as BlockerStatus].zh,
          overdueDays: overdueDays(b.deadline, b.status as BlockerStatus, today),
          raisedHere: b.meetingId === meeting.id,
        })),
      decision: item.decision,
      earlierDecisions: earlier
        .filter((e) => e.projectId === p.id)
        .map((e) => ({ meetingTitle: e.title, heldOn: e.heldOn, decision: e.decision! })),
    };
  });
}

const present = (row: MeetingRow, unitName: string) => ({
  id: row.id,
  unit: row.unitCode,
  unitName,
  title: row.title,
  heldOn: row.heldOn,
  location: row.location,
  chair: row.chair,
  attendees: row.attendees,
  filter: row.filter,
  notes: row.notes,
  createdBy: row.createdBy,
  version: row.version,
});

/** 会议纪要 (.docx, government-document style): time, place, chair, attendees, then each project's decisions and the blockers assigned. */
async function minutesDocx(meeting: MeetingRow, unitName: string, items: AgendaItem[]): Promise<Buffer> {
  const body = (text: string) =>
    new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text, font: '仿宋_GB2312', size: 32 })] });
  const heading = (text: string) =>
    new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text, font: '黑体', size: 32 })] });
  const sub = (text: string) =>
    new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text, font: '楷体_GB2312', size: 32 })] });
  const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const discussed = items.filter((i) => i.decision || i.blockers.some((b) => b.raisedHere));
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400, line: 700 },
      children: [new TextRun({ text: `${meeting.title}会议纪要`, font: '方正小标宋简体', size: 44 })],
    }),
    body(
      `${Number(meeting.heldOn.slice(0, 4))}年${Number(meeting.heldOn.slice(5, 7))}月${Number(meeting.heldOn.slice(8, 10))}日，${meeting.chair ? `${meeting.chair}主持召开` : '召开'}${meeting.title}${meeting.location ? `（地点：${meeting.location}）` : ''}，逐一听取${items.length}个项目推进情况，研究解决存在问题。现将会议议定事项纪要如下：`,
    ),
    ...(meeting.notes ? [body(meeting.notes)] : []),
  ];
  discussed.forEach((item, index) => {
    children.push(heading(`${NUMERALS[index % 10]}、${item.project.name}`));
    if (item.decision) children.push(body(item.decision));
    const raised = item.blockers.filter((b) => b.raisedHere);
    raised.forEach((b, i) =>
      children.push(
        sub(
          `（${NUMERALS[i % 10]}）${BLOCKER_TYPE_LABELS[b.type as BlockerType]?.zh ?? b.type}：${b.description}。责任单位：${b.departments.join('、')}${b.deadline ? `；完成时限：${b.deadline}` : ''}。`,
        ),
      ),
    );
  });
  if (!discussed.length) children.push(body('本次会议未形成议定事项。'));
  if (meeting.attendees.length) children.push(body(`出席：${meeting.attendees.join('、')}。`));
  children.push(
    new Paragraph({
      spacing: { before: 600 },
      alignment: AlignmentType.RIGHT,
      children: [new TextRun({ text: unitName, font: '仿宋_GB2312', size: 32 })],
    }),
  );
  const document = new Document({
    creator: '招引 Zhaoyin',
    title: `${meeting.title}会议纪要`,
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, left: 1588, bottom: 1985, right: 1474 } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

export function registerMeetingRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/meetings',
    {
      config: { access: 'business:read' },
      schema: { tags: ['meetings'], summary: '调度会列表（本单位及下级）', querystring: z.object({ unit: z.string().max(15).optional() }) },
    },
    async (request) => {
      const actor = requireActor(request);
      const path = await scopePathFor(db, actor, request.query.unit);
      const rows = await db
        .select({
          meeting: meetings,
          unitName: units.name,
          items: sql<number>`(select count(*)::int from ${meetingItems} i where i.meeting_id = ${meetings.id})`,
        })
        .from(meetings)
        .innerJoin(units, eq(units.code, meetings.unitCode))
        .where(sql`${meetings.unitPath} like ${`${escapeLike(path)}%`}`)
        .orderBy(desc(meetings.heldOn), desc(meetings.id))
        .limit(200);
      return { items: rows.map((r) => ({ ...present(r.meeting, r.unitName), items: r.items })) };
    },
  );

  app.post(
    '/api/v1/meetings',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['meetings'],
        summary: '新建调度会：议程按筛选条件生成（如某园区的在谈、在手、在建项目，或某领导挂钩的项目）',
        body: details.extend({ unit: z.string().regex(/^\d{6,15}$/), agenda }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!mayRun(actor)) throw forbidden();
      const { unit: code, agenda: filter, ...rest } = request.body;
      const unit = await findUnit(db, code);
      if (!unit) throw notFound();
      if (!inScope(actor, unit.path)) throw outOfScope();
      const scope = filter.unit ? await findUnit(db, filter.unit) : unit;
      if (!scope) throw notFound();
      if (!scope.path.startsWith(unit.path))
        throw new AppError('VALIDATION', {
          detail: request.meta.lang === 'zh' ? '议程范围须在会议单位之内' : 'the agenda scope must be within the meeting’s unit',
        });
      const ids = await agendaProjects(db, scope.path, filter);
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(meetings)
          .values({
            unitCode: unit.code,
            unitPath: unit.path,
            ...rest,
            location: rest.location ?? null,
            chair: rest.chair ?? null,
            filter,
            createdBy: actor.username,
          })
          .returning();
        if (ids.length)
          await tx.insert(meetingItems).values(ids.map((projectId, i) => ({ meetingId: created!.id, projectId, position: i + 1 })));
        await appendAudit(tx, subjectOf(actor), request.meta, {
          action: 'meeting.create',
          objectType: 'meeting',
          objectId: String(created!.id),
          changes: {
            ...diffFields(null, created!, ['title', 'heldOn', 'location', 'chair', 'attendees', 'filter']),
            items: [null, ids.length],
          },
        });
        return created!;
      });
      return reply.status(201).send(present(row, unit.name));
    },
  );

  app.get(
    '/api/v1/meetings/:id',
    {
      config: { access: 'business:read' },
      schema: { tags: ['meetings'], summary: '调度会：议程（逐个项目的关键信息、计划与实际、未销号问题、以往议定事项）', params: idParams },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await meetingFor(db, actor, request.params.id);
      const unit = await findUnit(db, row.unitCode);
      return { ...present(row, unit?.name ?? row.unitCode), agenda: await agendaOf(db, row) };
    },
  );

  app.put(
    '/api/v1/meetings/:id',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['meetings'],
        summary: '修改会议信息与议程顺序（projectCodes 为新的顺序，可增删）',
        params: idParams,
        body: details.extend({
          version: z.number().int(),
          notes: z.string().max(5000).nullish(),
          projectCodes: z.array(z.string().max(40)).max(300).optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!mayRun(actor)) throw forbidden();
      const before = await meetingFor(db, actor, request.params.id);
      const { version, projectCodes, ...rest } = request.body;
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(meetings)
          .set({
            ...rest,
            location: rest.location ?? null,
            chair: rest.chair ?? null,
            notes: rest.notes ?? null,
            version: sql`${meetings.version} + 1`,
            updatedAt: clockNow(),
          })
          .where(and(eq(meetings.id, before.id), eq(meetings.version, version)))
          .returning();
        if (!updated) throw conflict({ version: before.version });
        if (projectCodes) {
          const found = projectCodes.length
            ? await tx
                .select({ id: projects.id, code: projects.code, unitPath: projects.unitPath })
                .from(projects)
                .where(sql`${projects.code} = any(${sql.param(projectCodes)}::text[])`)
            : [];
          for (const code of projectCodes) {
            const project = found.find((p) => p.code === code);
            if (!project || !project.unitPath.startsWith(before.unitPath))
              throw new AppError('VALIDATION', {
                detail:
                  request.meta.lang === 'zh' ? `项目 ${code} 不在本次会议单位范围内` : `project ${code} is outside the meeting's unit`,
              });
          }
          const existing = await tx.select().from(meetingItems).where(eq(meetingItems.meetingId, before.id));
          await tx.delete(meetingItems).where(eq(meetingItems.meetingId, before.id));
          const unique = [...new Set(projectCodes)];
          if (unique.length)
            await tx.insert(meetingItems).values(
              unique.map((code, i) => {
                const id = found.find((p) => p.code === code)!.id;
                const kept = existing.find((e) => e.projectId === id);
                return {
                  meetingId: before.id,
                  projectId: id,
                  position: i + 1,
                  decision: kept?.decision ?? null,
                  decidedBy: kept?.decidedBy ?? null,
                  decidedAt: kept?.decidedAt ?? null,
                };
              }),
            );
        }
        await appendAudit(tx, subjectOf(actor), request.meta, {
          action: 'meeting.update',
          objectType: 'meeting',
          objectId: String(before.id),
          changes: {
            ...diffFields(before, updated, ['title', 'heldOn', 'location', 'chair', 'attendees', 'notes']),
            ...(projectCodes ? { agenda: projectCodes } : {}),
          },
        });
        return updated;
      });
      const unit = await findUnit(db, row.unitCode);
      return { ...present(row, unit?.name ?? row.unitCode), agenda: await agendaOf(db, row) };
    },
  );

  app.put(
    '/api/v1/meetings/:id/items/:code',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['meetings'],
        summary: '记录会议对某项目的议定事项',
        params: z.object({ id: z.coerce.number().int().positive(), code: z.string().max(40) }),
        body: z.object({ decision: z.string().max(5000).nullable() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!mayRun(actor)) throw forbidden();
      const meeting = await meetingFor(db, actor, request.params.id);
      const [project] = await db.select({ id: projects.id }).from(projects).where(eq(projects.code, request.params.code));
      if (!project) throw notFound();
      const decision = request.body.decision?.trim() || null;
      await db.transaction(async (tx) => {
        const [item] = await tx
          .update(meetingItems)
          .set({ decision, decidedBy: actor.displayName, decidedAt: clockNow() })
          .where(and(eq(meetingItems.meetingId, meeting.id), eq(meetingItems.projectId, project.id)))
          .returning();
        if (!item)
          throw new AppError('VALIDATION', {
            detail: request.meta.lang === 'zh' ? '该项目不在本次会议议程中' : 'the project is not on this agenda',
          });
        await appendAudit(tx, subjectOf(actor), request.meta, {
          action: 'meeting.decision',
          objectType: 'meeting',
          objectId: `${meeting.id}/${request.params.code}`,
          changes: { decision: [null, decision] },
        });
      });
      return { decision };
    },
  );

  app.get(
    '/api/v1/meetings/:id/minutes.docx',
    { config: { access: 'business:read' }, schema: { tags: ['meetings'], summary: '会议纪要（Word，公文格式）', params: idParams } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await meetingFor(db, actor, request.params.id);
      const unit = await findUnit(db, row.unitCode);
      const buffer = await minutesDocx(row, unit?.name ?? row.unitCode, await agendaOf(db, row));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', attachmentHeader(`${row.title}会议纪要.docx`))
        .send(buffer);
    },
  );
}
