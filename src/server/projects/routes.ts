// The ledger's HTTP routes: validation, policy, a call into commands or queries, the presenter. No SQL here.
import { chainLabels } from '../chains/repository.ts';
import { z } from 'zod';
import { isMajorProject, projectActions } from '../../shared/projects/lifecycle.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { STAGES, STATUSES, type ProjectStatus, type Stage } from '../../shared/projects/stages.ts';
import { CURRENCIES } from '../../shared/projects/amounts.ts';
import type { Db } from '../db/client.ts';
import { appendAuditSoon, subjectOf } from '../audit/recorder.ts';
import { objectHistory } from '../audit/queries.ts';
import { can, inScope, type Actor, type RequestMeta, assertObjectInScope } from '../http/actor.ts';
import { notFound } from '../http/errors.ts';
import { requireActor, type App } from '../http/platform.ts';
import { definePrefetch } from '../http/prefetch.ts';
import { addListSheet, attachmentHeader, exportedAt, sendWorkbook, type ListColumn } from '../http/excel.ts';
import ExcelJS from 'exceljs';
import { DUPLICATE_REASON_LABELS, type DuplicateReason } from '../../shared/projects/match.ts';
import { guardWorkbook, receiveFile, uploadPolicy } from '../http/upload.ts';
import { readSettings, readTierLadder, settingChangeHooks } from '../settings/repository.ts';
import { findUnit, scopePathFor, unitNamesByCodes } from '../units/repository.ts';
import { dateTimeIn } from '../../shared/calendar.ts';
import {
  addArrival,
  attachFile,
  correctStageDate,
  createProject,
  listProject,
  recomputeTiers,
  resolveDuplicate,
  setProjectStatus,
  transitionProject,
  updateProject,
} from './commands.ts';
import { EXPORT_LAYOUTS, LAYOUT_DEFAULT_STAGES, LAYOUT_FILE_NAMES, streamExport } from './exporter.ts';
import { scopedFilter } from './filter.ts';
import { buildTemplate, importProjects } from './importer.ts';
import { readImportUpload } from './importUpload.ts';
import type { ProjectInput } from './input.ts';
import { columnsOfFields, presentListItem, presentProject, presentProjectDetail } from './presenter.ts';
import { attachmentOf, openDuplicateFlags, projectDetailParts, summaryByChild } from './queries.ts';
import { board, findProjectByCode, listProjects, summarize } from './repository.ts';
import { amount, codeParam, isoDate, listQuery, optionalText, projectBody, type ListQuery } from './requests.ts';
import { deleteView, saveView, viewsOf } from './views.ts';
import {
  projectDetailSchema,
  projectLifecycleResponse,
  projectsBoardResponse,
  projectsByCodeAttachmentsPostResponse,
  projectsByCodeHistoryResponse,
  projectsByCodePatchResponse,
  projectsDuplicatesByIdResolvePostResponse,
  projectsDuplicatesOpenResponse,
  projectsImportPostResponse,
  projectsOptionsResponse,
  projectsPostResponse,
  projectsResponse,
  projectsSummaryResponse,
  projectsViewsMineResponse,
  projectsViewsPostResponse,
} from '../../shared/api/projects.ts';
import { sheetRejectedSchema } from '../../shared/api/common.ts';

const contactsVisible = (actor: Actor) => can(actor, 'business:contacts');

async function loadInScope(db: Db, actor: Actor, code: string) {
  const project = await findProjectByCode(db, code);
  if (!project) throw notFound();
  assertObjectInScope(actor, project.unitPath);
  return project;
}

export function registerProjectRoutes(app: App, db: Db): void {
  settingChangeHooks.set('ledger.tierLadder', (tx, value) => recomputeTiers(tx, value as { yi: number; usdWan: number }[]));

  const readList = async (query: ListQuery, actor: Actor) =>
    listProjects(db, await scopedFilter(db, actor, query), query, query.fields && columnsOfFields(query.fields), actor.unitTreeToken);
  // the most-asked page: its statements start beside the session's (http/prefetch.ts)
  const listEarly = definePrefetch((request, actor) => readList(listQuery.parse(request.query), actor));

  app.get(
    '/api/v1/projects',
    {
      config: { access: 'business:read', prefetch: listEarly },
      schema: {
        response: { 200: projectsResponse },
        tags: ['projects'],
        summary: '项目台账（分页、筛选、排序、合计）',
        querystring: listQuery,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { fields } = request.query;
      const { rows, total, totalInvestmentWan } = (await listEarly.take(request, actor)) ?? (await readList(request.query, actor));
      const options = { contactsVisible: contactsVisible(actor) };
      return {
        items: rows.map((row) => (fields ? presentListItem(row, fields, options) : presentProject(row, options))),
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
        response: { 200: projectsSummaryResponse },
        tags: ['projects'],
        summary: '某单位及下级在某日的项目统计（按当日所处阶段、档次）',
        querystring: z.object({
          unit: z
            .string()
            .regex(/^\d{6,15}$/)
            .optional(),
          asOf: isoDate.optional(),
          /** `child`: also each direct child's figures, from the same scan */
          by: z.enum(['child']).optional(),
        }),
      },
    },
    async (request) => {
      const path = await scopePathFor(db, requireActor(request), request.query.unit);
      const ladderYi = (await readTierLadder(db)).map((step) => step.yi);
      const asOf = request.query.asOf ?? todayIso();
      return request.query.by === 'child' ? summaryByChild(db, path, asOf, ladderYi) : summarize(db, path, asOf, ladderYi);
    },
  );

  app.get(
    '/api/v1/projects/options',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: projectsOptionsResponse }, tags: ['projects'], summary: '台账选项：投资档次、产业链清单、重特大标准' },
    },
    async () => {
      const [values, drawn] = await Promise.all([
        readSettings(db, ['ledger.tierLadder', 'ledger.chains', 'ledger.majorThresholdYi']),
        chainLabels(db),
      ]);
      return {
        ladder: values['ledger.tierLadder'] as { yi: number; usdWan: number }[],
        // the ⚙ list, then the links of the chains drawn in 产业链图谱 (链名称/环节名称)
        chains: [...new Set([...(values['ledger.chains'] as string[]), ...drawn.sort((a, b) => a.localeCompare(b, 'zh'))])],
        majorThresholdYi: Number(values['ledger.majorThresholdYi']),
      };
    },
  );

  app.get(
    '/api/v1/projects/board',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: projectsBoardResponse },
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
    {
      config: { access: 'business:read' },
      schema: { response: { 200: projectDetailSchema }, tags: ['projects'], summary: '项目详情', params: codeParam },
    },
    async (request) => {
      const actor = requireActor(request);
      const project = await loadInScope(db, actor, request.params.code);
      const thresholdYi = Number((await readSettings(db, ['ledger.majorThresholdYi']))['ledger.majorThresholdYi']);
      return presentProjectDetail(project, await projectDetailParts(db, project.id), {
        contactsVisible: contactsVisible(actor),
        // decided here, not in the browser: what the caller may do now, and whether it is a 重特大 project
        actions: projectActions(
          { stage: project.stage as Stage, status: project.status as ProjectStatus, listedOn: project.listedOn },
          can(actor, 'business:write') && inScope(actor, project.unitPath),
        ),
        major: isMajorProject(project.totalInvestmentWan, thresholdYi),
      });
    },
  );

  app.get(
    '/api/v1/projects/:code/history',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: projectsByCodeHistoryResponse },
        tags: ['projects'],
        summary: '变更历史（字段级，来自审计日志）',
        params: codeParam,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await loadInScope(db, actor, request.params.code);
      const rows = await objectHistory(db, 'project', request.params.code, 500);
      return {
        items: rows.map((r) => ({
          seq: r.seq,
          occurredAt: r.occurredAt.toISOString(),
          username: r.username,
          action: r.action,
          changes: r.changes as Record<string, { before: unknown; after: unknown }> | null, // written by appendAudit only
          detail: r.detail,
        })),
      };
    },
  );

  app.post(
    '/api/v1/projects',
    {
      config: { access: 'business:write' },
      schema: { response: { 201: projectsPostResponse }, tags: ['projects'], summary: '新增项目', body: projectBody },
    },
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
        response: { 200: projectsByCodePatchResponse },
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
      {
        config: { access: 'business:write' },
        schema: { response: { 200: projectLifecycleResponse }, tags: ['projects'], summary, params: codeParam, body },
      },
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
    {
      config: { access: 'business:write' },
      schema: {
        response: { 201: projectsByCodeAttachmentsPostResponse },
        tags: ['projects'],
        summary: '上传附件（multipart 字段 file）',
        params: codeParam,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const project = await loadInScope(db, actor, request.params.code);
      const file = await receiveFile(request, (await uploadPolicy(db, 'attachment')).maxFileBytes);
      const row = await attachFile(db, actor, request.meta, project, {
        filename: file.filename,
        mimetype: file.mimetype,
        data: file.buffer,
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
      const file = await attachmentOf(db, project.id, request.params.id);
      if (!file) throw notFound();
      return reply
        .header('content-type', file.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.data);
    },
  );

  // Possible duplicates for a reviewer.
  app.get(
    '/api/v1/projects/duplicates/export',
    {
      config: { access: 'business:review' },
      schema: { tags: ['projects'], summary: '导出疑似重复项目（Excel：标题、序号、合计）' },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const flags = await openDuplicateFlags(db, actor.unitPath, 5_000);
      const names = await unitNamesByCodes(
        db,
        flags.flatMap((f) => [f.project?.unitCode, f.other?.unitCode]).filter((c): c is string => Boolean(c)),
      );
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      type Flag = (typeof flags)[number];
      type Side = Flag['project'];
      const side = (label: string, pick: (f: Flag) => Side): ListColumn<Flag>[] => [
        { header: `${label}${zh ? '编号' : ' code'}`, width: 20, value: (f) => pick(f)?.code ?? null },
        { header: `${label}${zh ? '名称' : ' name'}`, width: 28, value: (f) => pick(f)?.name ?? null },
        {
          header: `${label}${zh ? '所属单位' : ' unit'}`,
          width: 14,
          value: (f) => names.get(pick(f)?.unitCode ?? '') ?? pick(f)?.unitCode ?? null,
        },
        { header: `${label}${zh ? '投资方' : ' investor'}`, width: 24, value: (f) => pick(f)?.investorName ?? null },
        {
          header: `${label}${zh ? '总投资(亿元)' : ' total (100m CNY)'}`,
          width: 12,
          value: (f) => (pick(f) ? Math.round(pick(f)!.totalInvestmentWan) / 10_000 : null),
        },
      ];
      const workbook = new ExcelJS.Workbook();
      addListSheet<Flag>(workbook, zh ? '疑似重复项目' : 'Possible duplicates', {
        lang,
        title: zh ? `${(await findUnit(db, actor.unitCode))?.name ?? ''}疑似重复项目（待审核）` : 'Possible duplicates to review',
        subtitle: exportedAt(lang),
        rows: flags,
        columns: [
          {
            header: zh ? '疑似原因' : 'Why',
            width: 14,
            value: (f) => DUPLICATE_REASON_LABELS[f.flag.reason as DuplicateReason]?.[lang] ?? f.flag.reason,
          },
          { header: zh ? '相似度' : 'Score', width: 8, value: (f) => Math.round(f.flag.score * 100) / 100 },
          ...side(zh ? '项目' : 'Project', (f) => f.project),
          ...side(zh ? '疑似重复' : 'Look-alike', (f) => f.other),
          { header: zh ? '发现时间' : 'Found', width: 17, value: (f) => dateTimeIn(f.flag.createdAt) },
        ],
      });
      return sendWorkbook(reply, `${zh ? '疑似重复项目' : 'duplicates'}-${todayIso()}.xlsx`, workbook);
    },
  );

  app.get(
    '/api/v1/projects/duplicates/open',
    {
      config: { access: 'business:review' },
      schema: { response: { 200: projectsDuplicatesOpenResponse }, tags: ['projects'], summary: '疑似重复项目（待审核）' },
    },
    async (request) => {
      const actor = requireActor(request);
      // scoped in the query, before the limit (a province's 500 newest flags filtered afterwards hid a city's own)
      const flags = await openDuplicateFlags(db, actor.unitPath, 500);
      return {
        items: flags.map(({ flag, project, other }) => ({
          id: flag.id,
          reason: flag.reason,
          score: flag.score,
          project,
          other,
          createdAt: flag.createdAt.toISOString(),
        })),
      };
    },
  );
  app.post(
    '/api/v1/projects/duplicates/:id/resolve',
    {
      config: { access: 'business:review' },
      schema: {
        response: { 200: projectsDuplicatesByIdResolvePostResponse },
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
    {
      config: { access: 'business:read' },
      schema: { response: { 200: projectsViewsMineResponse }, tags: ['projects'], summary: '我的已保存视图' },
    },
    async (request) => {
      return { items: await viewsOf(db, requireActor(request).userId) };
    },
  );
  app.post(
    '/api/v1/projects/views',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 201: projectsViewsPostResponse },
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
      const saved = await saveView(db, requireActor(request), request.meta, request.body);
      return reply.status(201).send(saved);
    },
  );
  app.delete(
    '/api/v1/projects/views/:id',
    { config: { access: 'business:read' }, schema: { tags: ['projects'], summary: '删除视图', params: z.object({ id: z.uuid() }) } },
    async (request, reply) => {
      await deleteView(db, requireActor(request), request.meta, request.params.id);
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
        response: { 200: projectsImportPostResponse, 422: sheetRejectedSchema },
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
      const unit = await findUnit(db, query.unit ?? actor.unitCode);
      const title = `${unit?.name ?? ''}${LAYOUT_FILE_NAMES[layout].replace('.xlsx', '')}（导出时间 ${dateTimeIn(new Date())}，北京时间）`;
      const stream = streamExport(db, filter, layout, contactsVisible(actor), title, (error) =>
        request.log.error({ err: error }, 'export failed'),
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(LAYOUT_FILE_NAMES[layout]))
        .send(stream);
    },
  );
}
