import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isMajorProject, projectActions } from '../../shared/projects/lifecycle.ts';
import { CURRENCIES } from '../../shared/projects/amounts.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { monthEnd } from '../../shared/calendar.ts';
import { inInvestmentSchedule } from '../reporting/progress.ts';
import { STAGES, STATUSES, type ProjectStatus, type Stage } from '../../shared/projects/stages.ts';
import { CAPITAL_TYPES } from '../../shared/projects/tiers.ts';
import type { Db } from '../db/client.ts';
import { auditLog } from '../audit/schema.ts';
import { appendAudit, appendAuditSoon, subjectOf } from '../audit/recorder.ts';
import { can, inScope, type Actor, type RequestMeta, assertObjectInScope } from '../http/actor.ts';
import { AppError, notFound } from '../http/errors.ts';
import { requireActor, type App } from '../http/platform.ts';
import { readSettings, readTierLadder, settingChangeHooks } from '../settings/repository.ts';
import { scopePathFor } from '../units/repository.ts';
import {
  addArrival,
  correctStageDate,
  createProject,
  listProject,
  recomputeTiers,
  resolveDuplicate,
  setProjectStatus,
  transitionProject,
  updateProject,
} from './commands.ts';
import type { ProjectInput } from './input.ts';
import { presentProject } from './presenter.ts';
import {
  board,
  DATE_COLUMNS,
  findProjectByCode,
  listProjects,
  summarize,
  SORTABLE,
  type DateFilterKey,
  type ProjectFilter,
  type SortKey,
} from './repository.ts';
import { buildTemplate, importProjects } from './importer.ts';
import { EXPORT_LAYOUTS, LAYOUT_DEFAULT_STAGES, LAYOUT_FILE_NAMES, streamExport } from './exporter.ts';
import { attachmentHeader, sendWorkbook } from '../http/excel.ts';
import { guardWorkbook, receiveFile, uploadError, uploadPolicy } from '../http/upload.ts';
import { findIndicator } from '../targets/catalog.ts';
import { indicatorProjectsCondition, RATE_SETS, rateSetCondition, type Milestone } from '../targets/drilldown.ts';
import { projectArrivals, projectAttachments, projectDuplicateFlags, projectEvents, projects, savedViews } from './schema.ts';
import { subtreePattern } from '../db/scope.ts';

const isoDate = z.iso.date();
const codeParam = z.object({ code: z.string().min(5).max(40) });
const csv = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .optional()
    .transform((text) => (text ? text.split(',').filter(Boolean) : undefined))
    .pipe(z.array(z.enum(values as [T, ...T[]])).optional());

const dateRangeKeys = Object.keys(DATE_COLUMNS) as DateFilterKey[];
export const listQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  park: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  stage: csv(STAGES),
  status: csv(STATUSES),
  capitalType: csv(CAPITAL_TYPES),
  tier: z.coerce.number().positive().optional(), // threshold in 亿元: projects at or above that ladder step
  industrySection: z.string().max(2).optional(),
  industryDivision: z.string().max(4).optional(),
  chain: z.string().max(40).optional(),
  level: z.string().max(30).optional(),
  leader: z.string().max(40).optional(),
  source: z.string().max(30).optional(),
  projectType: z.string().max(20).optional(),
  q: z.string().max(60).optional(),
  dateField: z.enum(dateRangeKeys as [DateFilterKey, ...DateFilterKey[]]).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  // The projects behind a figure: an indicator's, or one side of a rate, for a year as of a date.
  indicator: z.string().max(60).optional(),
  rate: z.enum(RATE_SETS).optional(),
  // the projects of a month's investment schedule (投资完成, bulletins), as of `asOf`
  investmentMonth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  asOf: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  sort: z.enum(Object.keys(SORTABLE) as [SortKey, ...SortKey[]]).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ListQuery = z.infer<typeof listQuery>;

/** Turns the query into a filter scoped to the caller (a unit outside the scope is refused). */
export async function scopedFilter(db: Db, actor: Actor, query: ListQuery): Promise<ProjectFilter> {
  const scopePath = await scopePathFor(db, actor, query.unit);
  let minTier: number | undefined;
  if (query.tier) {
    const ladder = await readTierLadder(db);
    const index = ladder.findIndex((step) => step.yi === query.tier);
    if (index < 0) throw new AppError('VALIDATION', { detail: `tier ${query.tier}: ${ladder.map((s) => s.yi).join(', ')}` });
    minTier = index + 1;
  }
  return {
    scopePath,
    parkCode: query.park,
    stages: query.stage as Stage[] | undefined,
    statuses: query.status,
    capitalTypes: query.capitalType,
    minTier,
    industrySection: query.industrySection,
    industryDivision: query.industryDivision,
    chain: query.chain,
    level: query.level,
    sponsorLeader: query.leader,
    leadSource: query.source,
    projectType: query.projectType,
    q: query.q?.trim() || undefined,
    dateRanges: query.dateField ? [{ key: query.dateField, from: query.from, to: query.to }] : [],
    extra: await drilldown(db, query),
  };
}

/** Conditions of `indicator=` / `rate=` links (cockpit, targets, rates): the same SQL that computed the figure. */
async function drilldown(db: Db, query: ListQuery): Promise<SQL[]> {
  if (!query.indicator && !query.rate && !query.investmentMonth) return [];
  const asOf = query.asOf ?? todayIso();
  const year = query.year ?? Number(asOf.slice(0, 4));
  const conditions: SQL[] = [];
  if (query.indicator) {
    const indicator = await findIndicator(db, query.indicator);
    if (!indicator) throw new AppError('VALIDATION', { detail: `indicator ${query.indicator}` });
    if (indicator.kind !== 'computed')
      throw new AppError('VALIDATION', {
        detail: `${indicator.label.zh}：统计类指标没有对应的项目清单 / a reported indicator has no project list`,
      });
    conditions.push(indicatorProjectsCondition(indicator, year, asOf, await readTierLadder(db)));
  }
  if (query.investmentMonth) {
    const end = monthEnd(query.investmentMonth);
    conditions.push(inInvestmentSchedule(query.investmentMonth, query.asOf ?? (end < todayIso() ? end : todayIso())));
  }
  if (query.rate) {
    const landedMilestone = String((await readSettings(db, ['targets.landedMilestone']))['targets.landedMilestone']) as Milestone;
    conditions.push(rateSetCondition(query.rate, year, asOf, { landedMilestone }));
  }
  return conditions;
}

const amount = z.union([z.number(), z.string().max(40)]).nullish();
const optionalText = (max: number) => z.string().max(max).nullish();
export const projectBody = z.object({
  name: optionalText(200),
  content: optionalText(2000),
  unitCode: z
    .string()
    .regex(/^\d{6,15}$/)
    .nullish(),
  parkCode: z
    .string()
    .regex(/^\d{6,15}$/)
    .nullish(),
  investorName: optionalText(200),
  investorCreditCode: optionalText(30),
  investorCountry: optionalText(40),
  investorProvince: optionalText(40),
  investorCity: optionalText(40),
  investorTags: z.array(z.string().max(30)).max(10).nullish(),
  contacts: z
    .array(z.object({ name: z.string().max(30), title: optionalText(30), phone: optionalText(30) }))
    .max(10)
    .nullish(),
  capitalType: z.enum(CAPITAL_TYPES).nullish(),
  currency: z.enum(CURRENCIES).nullish(),
  totalInvestment: amount,
  fixedAssetInvestment: amount,
  registeredCapital: amount,
  contractForeignCapital: amount,
  registeredForeignCapital: amount,
  exchangeRate: z.number().positive().nullish(),
  rateDate: isoDate.nullish(),
  projectType: optionalText(20),
  industrySection: optionalText(2),
  industryDivision: optionalText(4),
  chain: optionalText(40),
  levels: z.array(z.string().max(30)).max(3).nullish(),
  leadSource: optionalText(30),
  sponsorLeader: optionalText(40),
  responsibleUnit: optionalText(100),
  ownerUserId: z.uuid().nullish(),
  landMu: z.number().nullish(),
  factoryM2: z.number().nullish(),
  expectedOutputWan: z.number().nullish(),
  expectedTaxWan: z.number().nullish(),
  expectedJobs: z.number().nullish(),
  phases: optionalText(500),
  stage: z.enum(STAGES).nullish(),
  firstReportedOn: isoDate.nullish(),
  dates: z
    .object(Object.fromEntries(STAGES.map((s) => [s, isoDate.nullish()])) as Record<Stage, z.ZodOptional<z.ZodNullable<typeof isoDate>>>)
    .partial()
    .nullish(),
  planned: z
    .object({
      signed: isoDate.nullish(),
      registered: isoDate.nullish(),
      started: isoDate.nullish(),
      completed: isoDate.nullish(),
      producing: isoDate.nullish(),
      atCapacity: isoDate.nullish(),
    })
    .nullish(),
  contractKind: optionalText(20),
  contractAmount: amount,
  remarks: optionalText(2000),
});

const contactsVisible = (actor: Actor) => can(actor, 'business:contacts');

async function loadInScope(db: Db, actor: Actor, code: string) {
  const project = await findProjectByCode(db, code);
  if (!project) throw notFound();
  assertObjectInScope(actor, project.unitPath);
  return project;
}

export function registerProjectRoutes(app: App, db: Db): void {
  settingChangeHooks.set('ledger.tierLadder', (tx, value) => recomputeTiers(tx, value as { yi: number; usdWan: number }[]));

  app.get(
    '/api/v1/projects',
    {
      config: { access: 'business:read' },
      schema: { tags: ['projects'], summary: '项目台账（分页、筛选、排序、合计）', querystring: listQuery },
    },
    async (request) => {
      const actor = requireActor(request);
      const { rows, total, totalInvestmentWan } = await listProjects(db, await scopedFilter(db, actor, request.query), request.query);
      return {
        items: rows.map((row) => presentProject(row, { contactsVisible: contactsVisible(actor) })),
        total,
        totals: { count: total, totalInvestmentWan },
      };
    },
  );

  app.get(
    '/api/v1/projects/summary',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['projects'],
        summary: '某单位及下级在某日的项目统计（按当日所处阶段、档次）',
        querystring: z.object({
          unit: z
            .string()
            .regex(/^\d{6,15}$/)
            .optional(),
          asOf: isoDate.optional(),
        }),
      },
    },
    async (request) => {
      const path = await scopePathFor(db, requireActor(request), request.query.unit);
      const ladder = await readTierLadder(db);
      return summarize(
        db,
        path,
        request.query.asOf ?? todayIso(),
        ladder.map((step) => step.yi),
      );
    },
  );

  app.get(
    '/api/v1/projects/options',
    { config: { access: 'business:read' }, schema: { tags: ['projects'], summary: '台账选项：投资档次、产业链清单、重特大标准' } },
    async () => {
      const values = await readSettings(db, ['ledger.tierLadder', 'ledger.chains', 'ledger.majorThresholdYi']);
      return {
        ladder: values['ledger.tierLadder'] as { yi: number; usdWan: number }[],
        chains: values['ledger.chains'] as string[],
        majorThresholdYi: Number(values['ledger.majorThresholdYi']),
      };
    },
  );

  app.get(
    '/api/v1/projects/board',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['projects'],
        summary: '看板：各阶段项目',
        querystring: listQuery.extend({ perStage: z.coerce.number().int().min(1).max(100).default(20) }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const columns = await board(db, await scopedFilter(db, actor, request.query), request.query.perStage);
      return {
        columns: columns.map((c) => ({
          ...c,
          items: c.items.map((row) => presentProject(row, { contactsVisible: contactsVisible(actor) })),
        })),
      };
    },
  );

  app.get(
    '/api/v1/projects/:code',
    { config: { access: 'business:read' }, schema: { tags: ['projects'], summary: '项目详情', params: codeParam } },
    async (request) => {
      const actor = requireActor(request);
      const project = await loadInScope(db, actor, request.params.code);
      const [events, arrivals, attachments, duplicates] = await Promise.all([
        db.select().from(projectEvents).where(eq(projectEvents.projectId, project.id)).orderBy(asc(projectEvents.recordedAt)),
        db.select().from(projectArrivals).where(eq(projectArrivals.projectId, project.id)).orderBy(asc(projectArrivals.arrivedOn)),
        db
          .select({
            id: projectAttachments.id,
            filename: projectAttachments.filename,
            size: projectAttachments.size,
            mimeType: projectAttachments.mimeType,
            eventId: projectAttachments.eventId,
            uploadedAt: projectAttachments.uploadedAt,
          })
          .from(projectAttachments)
          .where(eq(projectAttachments.projectId, project.id)),
        db
          .select({
            id: projectDuplicateFlags.id,
            reason: projectDuplicateFlags.reason,
            score: projectDuplicateFlags.score,
            otherCode: projects.code,
            otherName: projects.name,
            otherUnitCode: projects.unitCode,
          })
          .from(projectDuplicateFlags)
          .innerJoin(projects, eq(projects.id, projectDuplicateFlags.otherProjectId))
          .where(and(eq(projectDuplicateFlags.projectId, project.id), eq(projectDuplicateFlags.status, 'open'))),
      ]);
      const thresholdYi = Number((await readSettings(db, ['ledger.majorThresholdYi']))['ledger.majorThresholdYi']);
      return {
        project: presentProject(project, { contactsVisible: contactsVisible(actor) }),
        // decided here, not in the browser: what the caller may do now, and whether it is a 重特大 project
        actions: projectActions(
          { stage: project.stage as Stage, status: project.status as ProjectStatus, listedOn: project.listedOn },
          can(actor, 'business:write') && inScope(actor, project.unitPath),
        ),
        major: isMajorProject(project.totalInvestmentWan, thresholdYi),
        events: events.map((e) => ({
          id: e.id,
          kind: e.kind,
          stage: e.stage,
          fromStage: e.fromStage,
          eventDate: e.eventDate,
          evidence: e.evidence,
          reason: e.reason,
          details: e.details,
          recordedByName: e.recordedByName,
          recordedAt: e.recordedAt.toISOString(),
        })),
        arrivals: arrivals.map((a) => ({
          id: a.id,
          arrivedOn: a.arrivedOn,
          currency: a.currency,
          amountOrig: a.amountOrig,
          amountWan: a.amountWan,
          amountUsdWan: a.amountUsdWan,
          isForeign: a.isForeign === 1,
          note: a.note,
        })),
        attachments: attachments.map((a) => ({ ...a, uploadedAt: a.uploadedAt.toISOString() })),
        duplicates,
      };
    },
  );

  app.get(
    '/api/v1/projects/:code/history',
    { config: { access: 'business:read' }, schema: { tags: ['projects'], summary: '变更历史（字段级，来自审计日志）', params: codeParam } },
    async (request) => {
      const actor = requireActor(request);
      await loadInScope(db, actor, request.params.code);
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.objectType, 'project'), eq(auditLog.objectId, request.params.code)))
        .orderBy(desc(auditLog.seq))
        .limit(500);
      return {
        items: rows.map((r) => ({
          seq: r.seq,
          occurredAt: r.occurredAt.toISOString(),
          username: r.username,
          action: r.action,
          changes: r.changes,
          detail: r.detail,
        })),
      };
    },
  );

  app.post(
    '/api/v1/projects',
    { config: { access: 'business:write' }, schema: { tags: ['projects'], summary: '新增项目', body: projectBody } },
    async (request, reply) => {
      const actor = requireActor(request);
      const result = await createProject(db, actor, request.meta, request.body as ProjectInput);
      return reply.status(201).send({
        project: presentProject(result.project, { contactsVisible: true }),
        warnings: result.warnings,
        duplicates: result.duplicates,
      });
    },
  );

  app.patch(
    '/api/v1/projects/:code',
    {
      config: { access: 'business:write' },
      schema: {
        tags: ['projects'],
        summary: '修改项目（版本不符时 409）',
        params: codeParam,
        body: projectBody.extend({ version: z.number().int() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { version, ...changes } = request.body;
      const result = await updateProject(db, actor, request.meta, request.params.code, version, changes as ProjectInput);
      const project = await loadInScope(db, actor, request.params.code);
      return { project: presentProject(project, { contactsVisible: contactsVisible(actor) }), warnings: result.warnings };
    },
  );

  const lifecycleRoute = <S extends z.ZodObject>(
    url: string,
    summary: string,
    body: S,
    run: (actor: Actor, code: string, body: z.infer<S>, meta: RequestMeta) => Promise<unknown>,
  ) => {
    app.post(
      url,
      { config: { access: 'business:write' }, schema: { tags: ['projects'], summary, params: codeParam, body } },
      async (request) => {
        const actor = requireActor(request);
        await run(actor, (request.params as { code: string }).code, request.body as z.infer<S>, request.meta);
        const project = await loadInScope(db, actor, (request.params as { code: string }).code);
        return { project: presentProject(project, { contactsVisible: contactsVisible(actor) }) };
      },
    );
  };
  lifecycleRoute(
    '/api/v1/projects/:code/transitions',
    '推进阶段（记录日期、佐证、签约合同类型与金额）',
    z.object({
      version: z.number().int(),
      stage: z.enum(STAGES),
      date: isoDate.nullish(),
      evidence: optionalText(1000),
      contractKind: optionalText(20),
      contractAmount: amount,
    }),
    (actor, code, body, meta) => transitionProject(db, actor, meta, code, body.version, body),
  );
  lifecycleRoute(
    '/api/v1/projects/:code/corrections',
    '更正已过阶段的日期（须说明原因）',
    z.object({
      version: z.number().int(),
      stage: z.enum([...STAGES, 'listed']),
      date: isoDate.nullable(),
      reason: z.string().min(1).max(500),
    }),
    (actor, code, body, meta) => correctStageDate(db, actor, meta, code, body.version, body),
  );
  lifecycleRoute(
    '/api/v1/projects/:code/listing',
    '入库列统',
    z.object({ version: z.number().int(), date: isoDate, evidence: optionalText(1000) }),
    (actor, code, body, meta) => listProject(db, actor, meta, code, body.version, body),
  );
  lifecycleRoute(
    '/api/v1/projects/:code/status',
    '正常 / 暂停 / 终止',
    z.object({
      version: z.number().int(),
      status: z.enum(STATUSES),
      date: isoDate.nullish(),
      reason: optionalText(40),
      note: optionalText(500),
    }),
    (actor, code, body, meta) => setProjectStatus(db, actor, meta, code, body.version, body),
  );
  lifecycleRoute(
    '/api/v1/projects/:code/arrivals',
    '到资',
    z.object({
      date: isoDate,
      amount: z.union([z.number(), z.string().max(40)]),
      currency: z.enum(CURRENCIES).optional(),
      foreign: z.boolean().optional(),
      note: optionalText(500),
    }),
    (actor, code, body, meta) => addArrival(db, actor, meta, code, body),
  );

  // Attachments: evidence files of a project (images, PDFs, scans), 10 MB each.
  app.post(
    '/api/v1/projects/:code/attachments',
    { config: { access: 'business:write' }, schema: { tags: ['projects'], summary: '上传附件（multipart 字段 file）', params: codeParam } },
    async (request, reply) => {
      const actor = requireActor(request);
      const project = await loadInScope(db, actor, request.params.code);
      const file = await receiveFile(request, (await uploadPolicy(db, 'attachment')).maxFileBytes);
      const data = file.buffer;
      const row = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(projectAttachments)
          .values({
            projectId: project.id,
            filename: file.filename.slice(0, 200),
            mimeType: file.mimetype.slice(0, 100),
            size: data.length,
            data,
            uploadedBy: actor.userId,
          })
          .returning({ id: projectAttachments.id });
        await appendAudit(tx, subjectOf(actor), request.meta, {
          action: 'project.attach',
          objectType: 'project',
          objectId: project.code,
          detail: `${file.filename} (${data.length} bytes)`,
        });
        return inserted!;
      });
      return reply.status(201).send({ id: row.id });
    },
  );
  app.get(
    '/api/v1/projects/:code/attachments/:id',
    {
      config: { access: 'business:read' },
      schema: { tags: ['projects'], summary: '下载附件', params: codeParam.extend({ id: z.uuid() }) },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const project = await loadInScope(db, actor, request.params.code);
      const [file] = await db
        .select()
        .from(projectAttachments)
        .where(and(eq(projectAttachments.id, request.params.id), eq(projectAttachments.projectId, project.id)));
      if (!file) throw notFound();
      return reply
        .header('content-type', file.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.data);
    },
  );

  // Possible duplicates for a reviewer.
  app.get(
    '/api/v1/projects/duplicates/open',
    { config: { access: 'business:review' }, schema: { tags: ['projects'], summary: '疑似重复项目（待审核）' } },
    async (request) => {
      const actor = requireActor(request);
      // scoped in the query, before the limit (a province's 500 newest flags filtered afterwards hid a city's own)
      const inScope = (column: typeof projectDuplicateFlags.projectId | typeof projectDuplicateFlags.otherProjectId) =>
        sql`exists (select 1 from ${projects} p where p.id = ${column} and p.unit_path like ${subtreePattern(actor.unitPath)})`;
      const flags = await db
        .select()
        .from(projectDuplicateFlags)
        .where(
          and(
            eq(projectDuplicateFlags.status, 'open'),
            or(inScope(projectDuplicateFlags.projectId), inScope(projectDuplicateFlags.otherProjectId)),
          ),
        )
        .orderBy(desc(projectDuplicateFlags.createdAt))
        .limit(500);
      const ids = [...new Set(flags.flatMap((f) => [f.projectId, f.otherProjectId]))];
      const rows = ids.length
        ? await db
            .select({
              id: projects.id,
              code: projects.code,
              name: projects.name,
              investorName: projects.investorName,
              unitCode: projects.unitCode,
              unitPath: projects.unitPath,
              totalInvestmentWan: projects.totalInvestmentWan,
              stage: projects.stage,
            })
            .from(projects)
            .where(inArray(projects.id, ids))
        : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const visible = flags.filter(
        (f) =>
          byId.get(f.projectId)?.unitPath.startsWith(actor.unitPath) || byId.get(f.otherProjectId)?.unitPath.startsWith(actor.unitPath),
      );
      const strip = (id: string) => {
        const r = byId.get(id);
        return r
          ? {
              code: r.code,
              name: r.name,
              investorName: r.investorName,
              unitCode: r.unitCode,
              totalInvestmentWan: r.totalInvestmentWan,
              stage: r.stage,
            }
          : null;
      };
      return {
        items: visible.map((f) => ({
          id: f.id,
          reason: f.reason,
          score: f.score,
          project: strip(f.projectId),
          other: strip(f.otherProjectId),
          createdAt: f.createdAt.toISOString(),
        })),
      };
    },
  );
  app.post(
    '/api/v1/projects/duplicates/:id/resolve',
    {
      config: { access: 'business:review' },
      schema: {
        tags: ['projects'],
        summary: '处理疑似重复：合并或驳回',
        params: z.object({ id: z.uuid() }),
        body: z.object({ action: z.enum(['merge', 'dismiss']) }),
      },
    },
    async (request) => resolveDuplicate(db, requireActor(request), request.meta, request.params.id, request.body.action),
  );

  // Saved views of the ledger, per user.
  app.get(
    '/api/v1/projects/views/mine',
    { config: { access: 'business:read' }, schema: { tags: ['projects'], summary: '我的已保存视图' } },
    async (request) => {
      const actor = requireActor(request);
      const rows = await db.select().from(savedViews).where(eq(savedViews.userId, actor.userId)).orderBy(asc(savedViews.name));
      return { items: rows.map((r) => ({ id: r.id, name: r.name, filters: r.filters, columns: r.columns })) };
    },
  );
  app.post(
    '/api/v1/projects/views',
    {
      config: { access: 'business:read' },
      schema: {
        tags: ['projects'],
        summary: '保存视图',
        body: z.object({
          name: z.string().trim().min(1).max(40),
          filters: z.record(z.string(), z.unknown()),
          columns: z.array(z.string().max(40)).max(60),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await db.transaction(async (tx) => {
        const [saved] = await tx
          .insert(savedViews)
          .values({ userId: actor.userId, name: request.body.name, filters: request.body.filters, columns: request.body.columns })
          .onConflictDoUpdate({
            target: [savedViews.userId, savedViews.name],
            set: { filters: request.body.filters, columns: request.body.columns },
          })
          .returning();
        await appendAudit(tx, subjectOf(actor), request.meta, {
          action: 'view.save',
          objectType: 'saved_view',
          objectId: saved!.id,
          changes: { name: { before: null, after: saved!.name }, filters: { before: null, after: request.body.filters } },
        });
        return saved!;
      });
      return reply.status(201).send({ id: row.id, name: row.name });
    },
  );
  app.delete(
    '/api/v1/projects/views/:id',
    { config: { access: 'business:read' }, schema: { tags: ['projects'], summary: '删除视图', params: z.object({ id: z.uuid() }) } },
    async (request, reply) => {
      const actor = requireActor(request);
      await db.transaction(async (tx) => {
        const removed = await tx
          .delete(savedViews)
          .where(and(eq(savedViews.id, request.params.id), eq(savedViews.userId, actor.userId)))
          .returning();
        if (removed.length > 0)
          await appendAudit(tx, subjectOf(actor), request.meta, {
            action: 'view.delete',
            objectType: 'saved_view',
            objectId: request.params.id,
            changes: { name: { before: removed[0]!.name, after: null } },
          });
      });
      return reply.status(204).send();
    },
  );
}

export function registerProjectExcelRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/projects/import/template',
    { config: { access: 'business:write' }, schema: { tags: ['projects'], summary: '下载导入模板（.xlsx）' } },
    async (request, reply) => {
      const workbook = await buildTemplate(db, requireActor(request), request.meta.lang);
      return sendWorkbook(reply, '项目导入模板.xlsx', workbook);
    },
  );

  app.post(
    '/api/v1/projects/import',
    {
      config: { access: 'business:write' },
      schema: {
        tags: ['projects'],
        summary:
          '导入项目（multipart 字段 file；dryRun=true 只核对不写入）：逐行与台账对账——新增、更新、未变化、待确认（疑似同一项目，须在 decisions 字段中决定）；有错误时 422 且不写入任何数据',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const refuse = (message: string) => reply.status(422).send({ errors: [{ row: 0, column: '', message }] });
      const policy = await uploadPolicy(db, 'ledger');
      const upload = await readImportUpload(request, zh, policy.maxFileBytes);
      if ('problem' in upload) return refuse(upload.problem);
      await guardWorkbook(upload.file, policy.workbook);
      const result = await importProjects(db, actor, request.meta, upload.file, {
        dryRun: request.query.dryRun === 'true',
        decisions: upload.decisions,
        maxRows: policy.workbook.maxRows,
      });
      if (result.errors.length > 0) return reply.status(422).send({ errors: result.errors, warnings: result.warnings });
      return { ...result, errors: [], dryRun: request.query.dryRun === 'true' };
    },
  );

  app.get(
    '/api/v1/projects/export',
    {
      config: { access: 'business:export' },
      schema: {
        tags: ['projects'],
        summary: '导出筛选结果（xlsx，流式）：ledger 项目台账 / signed 签约台账 / negotiating 在谈项目表',
        querystring: listQuery.extend({ layout: z.enum(EXPORT_LAYOUTS).default('ledger') }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { layout, ...query } = request.query;
      const filter = await scopedFilter(db, actor, query);
      if (!filter.stages?.length && LAYOUT_DEFAULT_STAGES[layout]) filter.stages = LAYOUT_DEFAULT_STAGES[layout];
      await appendAuditSoon(db, subjectOf(actor), request.meta, {
        action: 'project.export',
        objectType: 'project',
        objectId: query.unit ?? actor.unitCode,
        detail: `${layout} ${JSON.stringify(query)}`,
      });
      const stream = streamExport(db, filter, layout, contactsVisible(actor), (error) =>
        request.log.error({ err: error }, 'export failed'),
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(LAYOUT_FILE_NAMES[layout]))
        .send(stream);
    },
  );
}

const decisionsSchema = z.record(z.string().regex(/^\d{1,7}$/), z.union([z.literal('create'), z.string().min(5).max(40)]));

/**
 * The multipart parts of an import: the file (`file`, at most ⚙ import.maxFileMb: a province's ledger) and, for the
 * commit, the user's `decisions` (JSON). Too large, missing or malformed: the upload errors (413, 422, 400).
 */
async function readImportUpload(
  request: FastifyRequest,
  zh: boolean,
  maxFileBytes: number,
): Promise<{ file: Buffer; decisions: Record<string, string> } | { problem: string }> {
  if (!request.isMultipart()) throw new AppError('UPLOAD_MISSING');
  let file: Buffer | undefined;
  let decisionsText: string | undefined;
  try {
    for await (const part of request.parts({
      limits: { fileSize: maxFileBytes, files: 1, fields: 5, fieldSize: 2 * 1024 * 1024, parts: 10 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume(); // drained, not kept
          continue;
        }
        file = await part.toBuffer();
        if (part.file.truncated) throw new AppError('UPLOAD_TOO_LARGE', { limit: Math.round(maxFileBytes / 1_048_576) });
      } else if (part.fieldname === 'decisions') decisionsText = String(part.value);
    }
  } catch (error) {
    throw uploadError(error, maxFileBytes);
  }
  if (!file || file.length === 0) throw new AppError('UPLOAD_MISSING');
  if (decisionsText === undefined || decisionsText.trim() === '') return { file, decisions: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(decisionsText);
  } catch {
    return {
      problem: zh
        ? 'decisions 须为 JSON，如 {"5": "create", "8": "321084-2025-0012"}'
        : 'decisions must be JSON such as {"5": "create", "8": "321084-2025-0012"}',
    };
  }
  const parsed = decisionsSchema.safeParse(raw);
  if (!parsed.success)
    return {
      problem: zh ? 'decisions 的格式为 {"行号": "create" 或 项目编号}' : 'decisions must map row numbers to "create" or a project code',
    };
  return { file, decisions: parsed.data };
}
