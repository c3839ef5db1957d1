import { dateTimeIn } from '../../shared/calendar.ts';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { todayIso } from '../../shared/projects/dates.ts';
import { PLAN_MILESTONES, proposeSchedule } from '../../shared/reporting/schedule.ts';
import { readSettings } from '../settings/repository.ts';
import { fieldsOf, normalizeRow, rowsAreProjects, type TaskKind } from '../../shared/reporting/forms.ts';
import { COMPLIANCE_LABELS, isMonthKey, lateText } from '../../shared/reporting/periods.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../http/errors.ts';
import { readUploadedWorkbook, safeCell, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { replaceAdjustments } from '../league/commands.ts';
import { schemeFor } from '../league/queries.ts';
import { findUnit, scopePathFor } from '../units/repository.ts';
import { childUnits, COMPLIANCE_REASON_PREFIX, complianceReason, complianceTable } from './compliance.ts';
import { editsFromSheet, progressWorkbook, submissionsWorkbook, submissionWorkbook, tasksWorkbook, type SheetProblem } from './excel.ts';
import { checkMonth, progressOf, progressSummary, projectInScope, saveAnnualPlan, saveProgress } from './progress.ts';
import {
  compareVersions,
  listSubmissions,
  submissionsOfTask,
  materializeRows,
  periodOf,
  presentSubmission,
  presentSubmissionHeader,
  review,
  saveRows,
  submissionFor,
  submit,
  versionsOf,
} from './submissions.ts';
import {
  createTask,
  materializeAll,
  materializeSubmissions,
  presentTask,
  taskBody,
  taskFor,
  unitNamesOf,
  updateTask,
  visibleTasks,
} from './tasks.ts';
import {
  progressMonthSchema,
  progressSummaryResponse,
  projectsByCodePlansByYearPutResponse,
  projectsByCodeProgressResponse,
  projectsByCodeScheduleProposePostResponse,
  reportingComplianceLeaguePostResponse,
  reportingComplianceResponse,
  reportingSubmissionsByIdCompareResponse,
  reportingSubmissionsByIdRowsPutResponse,
  reportingSubmissionsByIdVersionsResponse,
  reportingSubmissionsByIdXlsxPostResponse,
  reportingSubmissionsResponse,
  reportingTasksByIdResponse,
  reportingTasksResponse,
  submissionHeaderSchema,
  submissionSchema,
  taskSchema,
} from '../../shared/api/reporting.ts';
import { sheetRejectedSchema } from '../../shared/api/common.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const month = z.string().refine(isMonthKey, '月份格式应为 YYYY-MM');
const amount = z.number().finite();
const text = z.string().max(2000).nullish();

export function registerReportingRoutes(app: App, db: Db): void {
  // ——— monthly progress (月报) ———
  app.put(
    '/api/v1/projects/:code/progress/:month',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: progressMonthSchema },
        tags: ['progress'],
        summary:
          '填报项目某月进度（本月完成投资等）；未传的字段保留原值，传 null 清空；带 version（读到的版本，未填报为 0）时他人已改返回 409；返回年初至今、开工至今累计；已审核锁定的月份返回 423',
        params: z.object({ code: z.string().max(40), month: z.string().max(10) }),
        body: z.object({
          investedWan: amount,
          annualPlanWan: amount.nullish(),
          imageProgress: text,
          problems: text,
          nextSteps: text,
          note: text,
          photos: z.array(z.string().max(40)).max(20).optional(),
          version: z.number().int().min(0).optional(),
        }),
      },
    },
    async (request) => saveProgress(db, requireActor(request), request.meta, request.params.code, request.params.month, request.body),
  );

  app.get(
    '/api/v1/projects/:code/progress',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: projectsByCodeProgressResponse },
        tags: ['progress'],
        summary: '项目各月进度（含累计、占年计划%、占总投资%）与年度计划投资',
        params: z.object({ code: z.string().max(40) }),
      },
    },
    async (request) => {
      const project = await projectInScope(db, requireActor(request), request.params.code);
      return { code: project.code, totalInvestmentWan: project.totalInvestmentWan, ...(await progressOf(db, project)) };
    },
  );

  app.put(
    '/api/v1/projects/:code/plans/:year',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: projectsByCodePlansByYearPutResponse },
        tags: ['progress'],
        summary: '设置项目年度计划投资（万元）',
        params: z.object({ code: z.string().max(40), year: z.coerce.number().int().min(2000).max(2100) }),
        body: z.object({ plannedWan: z.number().finite().min(0).max(100_000_000) }),
      },
    },
    async (request) =>
      saveAnnualPlan(db, requireActor(request), request.meta, request.params.code, request.params.year, request.body.plannedWan),
  );

  app.post(
    '/api/v1/projects/:code/schedule/propose',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: projectsByCodeScheduleProposePostResponse },
        tags: ['progress'],
        summary: '倒排工期：按目标节点和日期，按设置的常规工期倒推此前各节点的计划日期（不保存）',
        params: z.object({ code: z.string().max(40) }),
        body: z.object({ milestone: z.enum(PLAN_MILESTONES), date: z.iso.date() }),
      },
    },
    async (request) => {
      const project = await projectInScope(db, requireActor(request), request.params.code);
      const settings = await readSettings(db, [
        'schedule.monthsToRegistered',
        'schedule.monthsToStarted',
        'schedule.monthsToCompleted',
        'schedule.monthsToProducing',
        'schedule.monthsToAtCapacity',
      ]);
      const gaps = {
        registered: Number(settings['schedule.monthsToRegistered']),
        started: Number(settings['schedule.monthsToStarted']),
        completed: Number(settings['schedule.monthsToCompleted']),
        producing: Number(settings['schedule.monthsToProducing']),
        at_capacity: Number(settings['schedule.monthsToAtCapacity']),
      };
      const reached = {
        signed: project.signedOn,
        registered: project.registeredOn,
        started: project.startedOn,
        completed: project.completedOn,
        producing: project.producingOn,
        at_capacity: project.atCapacityOn,
      };
      return { gaps, items: proposeSchedule(request.body.milestone, request.body.date, reached, todayIso(), gaps) };
    },
  );

  app.get(
    '/api/v1/progress/summary',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: progressSummaryResponse },
        tags: ['progress'],
        summary: '投资完成情况（按下级单位）：项目数、总投资、年度计划、本月、累计、完成年度%、序时',
        querystring: z.object({ unit: z.string().max(15).optional(), month: month.optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      const path = await scopePathFor(db, actor, code);
      const m = request.query.month ?? todayIso().slice(0, 7);
      checkMonth(m, request.meta.lang === 'zh');
      return progressSummary(db, code, path, m);
    },
  );

  app.get(
    '/api/v1/progress/summary.xlsx',
    {
      config: { access: 'business:export' },
      schema: {
        tags: ['progress'],
        summary: '导出投资完成情况（Excel：标题、序号、单位、合计）',
        querystring: z.object({ unit: z.string().max(15).optional(), month: month.optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      const path = await scopePathFor(db, actor, code);
      const m = request.query.month ?? todayIso().slice(0, 7);
      checkMonth(m, request.meta.lang === 'zh');
      const summary = await progressSummary(db, code, path, m);
      const zh = request.meta.lang === 'zh';
      return sendWorkbook(
        reply,
        `${zh ? '投资完成情况' : 'investment-completed'}-${summary.self.unitName}-${m}.xlsx`,
        progressWorkbook(summary, request.meta.lang),
      );
    },
  );

  // ——— tasks (填报任务) ———
  app.get(
    '/api/v1/reporting/tasks',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: reportingTasksResponse },
        tags: ['reporting'],
        summary: '填报任务：本单位及下级下发的，和下发给本单位及下级的',
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { issued, assigned } = await visibleTasks(db, actor);
      const names = await unitNamesOf(
        db,
        [...issued, ...assigned].flatMap((t) => [t.unitCode, ...t.targetUnits]),
      );
      return { issued: issued.map((t) => presentTask(t, names)), assigned: assigned.map((t) => presentTask(t, names)) };
    },
  );

  app.get(
    '/api/v1/reporting/tasks/export',
    {
      config: { access: 'business:export' },
      schema: { tags: ['reporting'], summary: '导出填报任务（Excel：标题、序号、合计；本单位及下级下发的，和下发给本单位及下级的）' },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { issued, assigned } = await visibleTasks(db, actor);
      const names = await unitNamesOf(db, [actor.unitCode, ...[...issued, ...assigned].flatMap((t) => [t.unitCode, ...t.targetUnits])]);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const rows = [...issued, ...assigned.filter((a) => !issued.some((i) => i.id === a.id))].map((t) => presentTask(t, names));
      return sendWorkbook(
        reply,
        `${zh ? '填报任务' : 'reporting-tasks'}-${todayIso()}.xlsx`,
        tasksWorkbook(names.get(actor.unitCode) ?? actor.unitCode, rows, lang),
      );
    },
  );

  app.post(
    '/api/v1/reporting/tasks',
    {
      config: { access: 'business:review' },
      schema: {
        response: { 201: taskSchema },
        tags: ['reporting'],
        summary: '新建填报任务（类型、周期与截止时间、下发单位、表单）',
        body: taskBody,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await createTask(db, actor, request.meta, request.body);
      return reply.status(201).send(presentTask(row, await unitNamesOf(db, [row.unitCode, ...row.targetUnits])));
    },
  );

  app.put(
    '/api/v1/reporting/tasks/:id',
    {
      config: { access: 'business:review' },
      schema: {
        response: { 200: taskSchema },
        tags: ['reporting'],
        summary: '修改或停用填报任务（version 防止覆盖他人修改）',
        params: idParams,
        body: taskBody.extend({ version: z.number().int(), active: z.boolean() }),
      },
    },
    async (request) => {
      const row = await updateTask(db, requireActor(request), request.meta, request.params.id, request.body);
      return presentTask(row, await unitNamesOf(db, [row.unitCode, ...row.targetUnits]));
    },
  );

  app.get(
    '/api/v1/reporting/tasks/:id',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: reportingTasksByIdResponse },
        tags: ['reporting'],
        summary: '填报任务详情：各期各单位的报送状态',
        params: idParams,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const task = await taskFor(db, actor, request.params.id);
      await materializeSubmissions(db, task, todayIso());
      const submissions = await submissionsOfTask(db, task.id, actor.unitPath, 2_000);
      const names = await unitNamesOf(db, [task.unitCode, ...task.targetUnits]);
      return {
        task: presentTask(task, names),
        submissions: submissions.map((s) => presentSubmissionHeader(s, task, names, periodOf(task, s))),
      };
    },
  );

  // ——— submissions ———
  app.get(
    '/api/v1/reporting/submissions',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: reportingSubmissionsResponse },
        tags: ['reporting'],
        summary: '填报列表（本单位及下级）：可按任务、状态、单位筛选',
        querystring: z.object({
          unit: z.string().max(15).optional(),
          taskId: z.coerce.number().int().positive().optional(),
          status: z.enum(['draft', 'submitted', 'returned', 'approved', 'open']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const path = await scopePathFor(db, actor, request.query.unit);
      await materializeAll(db, todayIso(), actor.unitPath);
      const rows = await listSubmissions(db, path, request.query);
      const names = await unitNamesOf(
        db,
        rows.flatMap((r) => [r.submission.unitCode, r.task.unitCode]),
      );
      return { items: rows.map((r) => presentSubmissionHeader(r.submission, r.task, names, periodOf(r.task, r.submission))) };
    },
  );

  app.get(
    '/api/v1/reporting/submissions/export',
    {
      config: { access: 'business:export' },
      schema: {
        tags: ['reporting'],
        summary: '导出填报列表（Excel：标题、序号、合计，按当前筛选）',
        querystring: z.object({
          unit: z.string().max(15).optional(),
          taskId: z.coerce.number().int().positive().optional(),
          status: z.enum(['draft', 'submitted', 'returned', 'approved', 'open']).optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      const path = await scopePathFor(db, actor, code);
      await materializeAll(db, todayIso(), actor.unitPath);
      const rows = await listSubmissions(db, path, { ...request.query, limit: 20_000 });
      const names = await unitNamesOf(db, [code, ...rows.flatMap((r) => [r.submission.unitCode, r.task.unitCode])]);
      const items = rows.map((r) => presentSubmissionHeader(r.submission, r.task, names, periodOf(r.task, r.submission)));
      const lang = request.meta.lang;
      return sendWorkbook(
        reply,
        `${lang === 'zh' ? '填报列表' : 'reports'}-${todayIso()}.xlsx`,
        submissionsWorkbook(names.get(code) ?? code, items, lang),
      );
    },
  );

  app.get(
    '/api/v1/reporting/submissions/:id',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: submissionSchema },
        tags: ['reporting'],
        summary: '一期填报：表头、字段、各行（含台账信息、校验问题、退回意见）',
        params: idParams,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { submission, task } = await submissionFor(db, actor, request.params.id);
      await materializeRows(db, submission, task);
      return presentSubmission(db, actor, submission, task);
    },
  );

  const rowEdit = z.object({
    key: z.string().max(60).optional(),
    version: z.number().int().optional(),
    values: z.record(z.string().max(40), z.union([z.string().max(2000), z.number(), z.null()])).optional(),
    remove: z.boolean().optional(),
  });
  app.put(
    '/api/v1/reporting/submissions/:id/rows',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: reportingSubmissionsByIdRowsPutResponse },
        tags: ['reporting'],
        summary: '保存草稿（逐行带版本号；他人已改的行返回 409 且不写入）',
        params: idParams,
        body: z.object({ rows: z.array(rowEdit).max(5_000) }),
      },
    },
    async (request) => saveRows(db, requireActor(request), request.meta, request.params.id, request.body.rows),
  );

  app.post(
    '/api/v1/reporting/submissions/:id/submit',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: submissionHeaderSchema },
        tags: ['reporting'],
        summary: '报送（全部行严格校验；更新台账；保存版本）',
        params: idParams,
        body: z.object({ version: z.number().int() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await submit(db, actor, request.meta, request.params.id, request.body.version);
      const { task } = await submissionFor(db, actor, row.id);
      return presentSubmissionHeader(row, task, await unitNamesOf(db, [row.unitCode, task.unitCode]), periodOf(task, row));
    },
  );

  app.post(
    '/api/v1/reporting/submissions/:id/review',
    {
      config: { access: 'business:review' },
      schema: {
        response: { 200: submissionHeaderSchema },
        tags: ['reporting'],
        summary: '审核：退回（逐行意见）、通过（锁定该期）、解锁（须说明原因）',
        params: idParams,
        body: z.discriminatedUnion('action', [
          z.object({
            action: z.literal('return'),
            version: z.number().int(),
            comment: z.string().max(1000).optional(),
            rows: z
              .array(z.object({ key: z.string().max(60), comment: z.string().trim().min(1).max(1000) }))
              .max(5_000)
              .default([]),
          }),
          z.object({ action: z.literal('approve'), version: z.number().int(), comment: z.string().max(1000).optional() }),
          z.object({ action: z.literal('unlock'), version: z.number().int(), reason: z.string().trim().min(1).max(1000) }),
        ]),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { version, ...input } = request.body;
      const row = await review(db, actor, request.meta, request.params.id, version, input);
      const { task } = await submissionFor(db, actor, row.id);
      return presentSubmissionHeader(row, task, await unitNamesOf(db, [row.unitCode, task.unitCode]), periodOf(task, row));
    },
  );

  app.get(
    '/api/v1/reporting/submissions/:id/versions',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: reportingSubmissionsByIdVersionsResponse },
        tags: ['reporting'],
        summary: '历次报送版本',
        params: idParams,
      },
    },
    async (request) => {
      const { submission } = await submissionFor(db, requireActor(request), request.params.id);
      const versions = await versionsOf(db, submission.id);
      return {
        items: versions.map((v) => ({
          revision: v.revision,
          submittedBy: v.submittedBy,
          submittedAt: v.submittedAt.toISOString(),
          rows: v.rows.length,
        })),
      };
    },
  );

  app.get(
    '/api/v1/reporting/submissions/:id/compare',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: reportingSubmissionsByIdCompareResponse },
        tags: ['reporting'],
        summary: '比较两个报送版本（逐行逐字段）',
        params: idParams,
        querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
      },
    },
    async (request) => {
      const { submission } = await submissionFor(db, requireActor(request), request.params.id);
      const versions = await versionsOf(db, submission.id);
      const from = versions.find((v) => v.revision === request.query.from);
      const to = versions.find((v) => v.revision === request.query.to);
      if (!from || !to) throw notFound();
      return { from: from.revision, to: to.revision, rows: compareVersions(from.rows, to.rows) };
    },
  );

  app.get(
    '/api/v1/reporting/submissions/:id/xlsx',
    { config: { access: 'business:read' }, schema: { tags: ['reporting'], summary: '下载预填的填报表（xlsx）', params: idParams } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { submission, task } = await submissionFor(db, actor, request.params.id);
      await materializeRows(db, submission, task);
      const presented = await presentSubmission(db, actor, submission, task);
      const lang = request.meta.lang;
      return sendWorkbook(reply, `${task.name}-${presented.unitName}-${submission.periodKey}.xlsx`, submissionWorkbook(presented, lang));
    },
  );

  app.post(
    '/api/v1/reporting/submissions/:id/xlsx',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: reportingSubmissionsByIdXlsxPostResponse, 422: sheetRejectedSchema },
        tags: ['reporting'],
        summary: '上传填好的填报表（multipart 字段 file），保存为草稿；有错误时 422 且不写入',
        params: idParams,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const fail = (errors: SheetProblem[]) => reply.status(422).send({ errors });
      const { submission, task } = await submissionFor(db, actor, request.params.id);
      const workbook = await readUploadedWorkbook(request, db);
      await materializeRows(db, submission, task);
      const presented = await presentSubmission(db, actor, submission, task);
      const fields = fieldsOf(task.kind as TaskKind, task.form);
      const { edits, sheetRows, problems } = editsFromSheet(
        workbook,
        fields,
        rowsAreProjects(task.kind as TaskKind),
        presented.rows,
        request.meta.lang,
      );
      // Type errors by row and column, before anything is written.
      edits.forEach((edit, i) => {
        const checked = normalizeRow(fields, edit.values ?? {}, { partial: true, minInvestmentYi: task.form.minInvestmentYi });
        for (const p of checked.problems.filter((q) => !q.message.zh.startsWith('请填写')))
          problems.push({
            row: sheetRows[i] ?? 0,
            column: fields.find((f) => f.key === p.field)?.label[request.meta.lang] ?? p.field,
            message: p.message[request.meta.lang],
          });
      });
      if (problems.length) return fail(problems);
      if (!edits.length) return fail([{ row: 0, column: '', message: zh ? '表中没有可导入的行' : 'no rows to import' }]);
      const result = await saveRows(db, actor, request.meta, submission.id, edits);
      return { rows: edits.length, saved: result.saved };
    },
  );

  // ——— compliance (报送情况) ———
  const complianceQuery = z.object({
    unit: z.string().max(15).optional(),
    month: month.optional(),
    taskId: z.coerce.number().int().positive().optional(),
  });
  app.get(
    '/api/v1/reporting/compliance',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: reportingComplianceResponse },
        tags: ['reporting'],
        summary: '报送情况（某月到期的填报）：按时、逾期（逾期时长）、未报送，按单位',
        querystring: complianceQuery,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const path = await scopePathFor(db, actor, request.query.unit);
      const m = request.query.month ?? todayIso().slice(0, 7);
      await materializeAll(db, todayIso(), actor.unitPath);
      return { month: m, rows: await complianceTable(db, path, m, { taskId: request.query.taskId }) };
    },
  );

  app.get(
    '/api/v1/reporting/compliance.xlsx',
    {
      config: { access: 'business:export' },
      schema: { tags: ['reporting'], summary: '导出报送情况（xlsx）', querystring: complianceQuery },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const path = await scopePathFor(db, actor, request.query.unit);
      const m = request.query.month ?? todayIso().slice(0, 7);
      const rows = await complianceTable(db, path, m, { taskId: request.query.taskId });
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(zh ? '报送情况' : 'Compliance', {
        pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      });
      sheet.addRow([zh ? `${m} 填报报送情况` : `Reporting compliance ${m}`]).font = { bold: true, size: 14 };
      sheet.addRow(
        zh
          ? ['单位', '应报', '按时', '逾期', '未报', '未到期', '逾期时长', '按时率']
          : ['Unit', 'Due', 'On time', 'Late', 'Missing', 'Not yet due', 'Late by', 'On-time rate'],
      ).font = { bold: true };
      for (const row of rows) {
        const added = sheet.addRow(
          [
            row.unitName,
            row.due,
            row.onTime,
            row.late,
            row.missing,
            row.pending,
            row.lateHours ? lateText(row.lateHours, lang) : '',
            row.onTimeRate,
          ].map(safeCell),
        );
        added.getCell(8).numFmt = '0.0%';
      }
      const detail = workbook.addWorksheet(zh ? '明细' : 'Detail');
      detail.addRow(
        zh
          ? ['单位', '任务', '期间', '截止时间', '首次报送', '情况', '逾期']
          : ['Unit', 'Task', 'Period', 'Due', 'First submitted', 'Status', 'Late by'],
      ).font = { bold: true };
      for (const row of rows)
        for (const item of row.items)
          detail.addRow(
            [
              row.unitName,
              item.taskName,
              item.periodKey,
              dateTimeIn(item.dueAt),
              item.firstSubmittedAt ? dateTimeIn(item.firstSubmittedAt) : '',
              COMPLIANCE_LABELS[item.status][lang],
              item.lateHours && item.status !== 'on_time' ? lateText(item.lateHours, lang) : '',
            ].map(safeCell),
          );
      sheet.columns.forEach((c, i) => (c.width = i === 0 ? 26 : 12));
      detail.columns.forEach((c, i) => (c.width = i < 2 ? 26 : 18));
      return sendWorkbook(reply, `${zh ? '报送情况' : 'compliance'}-${m}.xlsx`, workbook);
    },
  );

  app.post(
    '/api/v1/reporting/compliance/league',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: reportingComplianceLeaguePostResponse },
        tags: ['reporting'],
        summary: '把某月报送情况计入擂台赛加减分（每次逾期、每次未报各扣若干分；重复计入时替换）',
        body: z.object({
          schemeId: z.number().int().positive(),
          month,
          latePoints: z.number().min(-20).max(0),
          missingPoints: z.number().min(-20).max(0),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scheme = await schemeFor(db, actor, request.body.schemeId);
      const unit = await findUnit(db, scheme.unitCode);
      if (!unit) throw notFound();
      const { month: m, latePoints, missingPoints } = request.body;
      const period = scheme.periodKind === 'quarter' ? `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5, 7)) / 3)}` : m;
      const rows = await complianceTable(db, unit.path, m, { byChild: true });
      const children = await childUnits(db, unit.code);
      const adjustments = rows
        .filter((r) => children.some((c) => c.code === r.unitCode))
        .map((r) => ({
          unitCode: r.unitCode,
          points: Math.round((r.late * latePoints + r.missing * missingPoints) * 100) / 100,
          reason: complianceReason(r, m),
        }))
        .filter((a) => a.points !== 0);
      await replaceAdjustments(
        db,
        actor,
        request.meta,
        { id: scheme.id, period, reasonPrefix: `${COMPLIANCE_REASON_PREFIX}${m}` },
        adjustments,
      );
      return { period, adjustments };
    },
  );
}
