// 企业库: routes only — validation, policy, a call, the presenter.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  COMPANY_KIND_LABELS,
  COMPANY_KINDS,
  COMPANY_TAG_LABELS,
  COMPANY_TAGS,
  FUNNEL_STAGES,
  PIPELINE_STAGE_LABELS,
  PIPELINE_STAGES,
  type CompanyTag,
  type PipelineStage,
} from '../../shared/chains/rules.ts';
import { industryName } from '../../shared/projects/classification.ts';
import { ancestorPaths } from '../../shared/units.ts';
import {
  aftercareSchema,
  assignmentAnsweredSchema,
  companiesImportResponse,
  companiesResponse,
  companyHistorySchema,
  companySchema,
  contactSchema,
  funnelSchema,
  pipelineChangedSchema,
} from '../../shared/api/companies.ts';
import { sheetRejectedSchema } from '../../shared/api/common.ts';
import { appendAuditSoon, subjectOf } from '../audit/recorder.ts';
import { linkNamesOf } from '../chains/repository.ts';
import type { Db } from '../db/client.ts';
import { readTable } from '../excel/cells.ts';
import { assertObjectInScope, can, isWithinScopeOrAbove, type Actor } from '../http/actor.ts';
import { notFound } from '../http/errors.ts';
import { addListSheet, addSheet, exportedAt, readUploadedWorkbook, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { projectsBriefByIds } from '../projects/repository.ts';
import { scopedUnit, unitNamesByCodes } from '../units/repository.ts';
import { userNamesByIds } from '../users/repository.ts';
import { createCompany, deleteCompany, importCompanies, updateCompany } from './commands.ts';
import { addContact, answerAssignment, assignmentBody, contactBody, pipelineBody, setPipeline } from './pipeline.ts';
import { presentCompany } from './presenter.ts';
import { aftercare, pipelineFunnel } from './queries.ts';
import { contactsOfCompany, eventsOfCompany } from './repository.ts';
import { readSettings } from '../settings/repository.ts';
import { companiesInBatches, findCompany, linksOfCompanies, listCompanies, type CompanyFilter, type CompanyRow } from './repository.ts';
import { draftsOf, fieldOfHeader, headerOfField, SHEET_COLUMNS } from './sheet.ts';

const WRITE = ['business:write', 'business:review'] as const;
const idParam = z.object({ id: z.uuid() });
const unitQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
});
const listQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  kind: z.enum(COMPANY_KINDS).optional(),
  tag: z.enum(COMPANY_TAGS).optional(),
  chain: z.uuid().optional(),
  link: z.string().max(40).optional(),
  stage: z.enum(PIPELINE_STAGES).optional(),
  assignee: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const value = z.union([z.string().max(2000), z.number()]).nullish();
const companyBody = z.object({
  name: z.string().max(100),
  creditCode: value,
  kind: z.string().max(20),
  unit: value,
  location: value,
  industry: value,
  links: z.array(z.string().max(100)).max(50).nullish(),
  tags: z.array(z.string().max(40)).max(20).nullish(),
  listedCode: value,
  revenueWan: value,
  employees: value,
  website: value,
  contactName: value,
  contactPhone: value,
  notes: value,
});

const contactsVisible = (actor: Actor) => can(actor, 'business:contacts');

const funnelQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  chain: z.uuid().optional(),
  tag: z.enum(COMPANY_TAGS).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  by: z.enum(['chain', 'tag', 'assignee', 'unit']).optional(),
});

export function registerCompanyRoutes(app: App, db: Db): void {
  /** The pipeline's funnel of a subtree as the filters ask (the page and its sheet). */
  const funnelOf = async (actor: Actor, query: z.infer<typeof funnelQuery>, lang: 'zh' | 'en') => {
    const unit = await scopedUnit(db, actor, query.unit);
    const filter = { scopePath: unit.path, abovePaths: ancestorPaths(unit.path), chainId: query.chain, tag: query.tag };
    const funnel = await pipelineFunnel(db, filter, query.year ?? null, query.by, lang);
    return { unit: { code: unit.code, name: unit.name }, year: query.year ?? null, ...funnel };
  };
  const filterOf = async (actor: Actor, query: z.infer<typeof listQuery>): Promise<CompanyFilter> => {
    const unit = await scopedUnit(db, actor, query.unit);
    return {
      scopePath: unit.path,
      abovePaths: ancestorPaths(unit.path),
      kind: query.kind,
      tag: query.tag,
      chainId: query.chain,
      linkKey: query.link,
      q: query.q,
      stage: query.stage,
      assigneeId: query.assignee,
    };
  };
  const present = async (actor: Actor, rows: (CompanyRow & { unitName: string })[]) => {
    const links = await linksOfCompanies(
      db,
      rows.map((row) => row.id),
    );
    const [names, users, unitNames, projects] = await Promise.all([
      linkNamesOf(
        db,
        [...links.values()].flat().map((link) => link.chainId),
      ),
      userNamesByIds(
        db,
        rows.flatMap((row) => (row.assigneeId ? [row.assigneeId] : [])),
      ),
      unitNamesByCodes(
        db,
        rows.flatMap((row) => (row.assignedUnitCode ? [row.assignedUnitCode] : [])),
      ),
      projectsBriefByIds(
        db,
        rows.flatMap((row) => (row.projectId ? [row.projectId] : [])),
      ),
    ]);
    const refs = {
      user: (id: string) => users.get(id),
      unitName: (code: string) => unitNames.get(code),
      project: (id: string) => projects.get(id),
    };
    return rows.map((row) => presentCompany(row, links.get(row.id) ?? [], names, contactsVisible(actor), refs));
  };
  const view = async (actor: Actor, id: string) => {
    const row = await findCompany(db, id);
    if (!row) throw notFound();
    if (!isWithinScopeOrAbove(actor, row.unitPath, row.kind === 'target')) assertObjectInScope(actor, row.unitPath);
    return (await present(actor, [row]))[0]!;
  };

  app.get(
    '/api/v1/companies',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: companiesResponse },
        tags: ['companies'],
        summary: '企业库：在地企业（位于本单位及下级）与目标企业（本单位及下级、上级登记的）',
        querystring: listQuery,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { rows, total } = await listCompanies(db, await filterOf(actor, request.query), request.query);
      return { items: await present(actor, rows), total };
    },
  );

  app.get(
    '/api/v1/companies/export',
    {
      config: { access: 'business:export' },
      schema: { tags: ['companies'], summary: '导出企业库（xlsx，与导入同列）', querystring: listQuery },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const filter = await filterOf(actor, request.query);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const workbook = new ExcelJS.Workbook();
      type Row = Awaited<ReturnType<typeof present>>[number];
      const rows: Row[] = [];
      for await (const batch of companiesInBatches(db, filter)) rows.push(...(await present(actor, batch)));
      const cell: Record<(typeof SHEET_COLUMNS)[number]['field'], (row: Row) => unknown> = {
        name: (r) => r.name,
        creditCode: (r) => r.creditCode,
        kind: (r) => COMPANY_KIND_LABELS[r.kind][lang],
        unit: (r) => r.unitName,
        location: (r) => r.location,
        industry: (r) => industryName(r.industrySection, r.industryDivision),
        links: (r) => r.links.map((l) => `${l.chainName}/${l.linkName}`).join('；'),
        tags: (r) => r.tags.map((t: CompanyTag) => COMPANY_TAG_LABELS[t][lang]).join('；'),
        revenueWan: (r) => r.revenueWan,
        employees: (r) => r.employees,
        listedCode: (r) => r.listedCode,
        website: (r) => r.website,
        contactName: (r) => r.contactName,
        contactPhone: (r) => r.contactPhone,
        notes: (r) => r.notes,
      };
      const order = new Map(rows.map((r, i) => [r, i + 1])); // 序号 without a search per row (10,000 rows)
      addSheet(
        workbook,
        zh ? '企业库' : 'Companies',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (r: Row) => order.get(r) },
          ...SHEET_COLUMNS.map((column) => ({ header: column.header, width: column.width ?? 16, value: cell[column.field] })),
          { header: zh ? '单位编码' : 'Unit code', value: (r: Row) => r.unitCode },
        ],
        rows,
      );
      await appendAuditSoon(db, subjectOf(actor), request.meta, {
        action: 'company.export',
        objectType: 'company',
        objectId: request.query.unit ?? actor.unitCode,
        detail: `${rows.length} rows`,
      });
      return sendWorkbook(reply, zh ? '企业库.xlsx' : 'companies.xlsx', workbook);
    },
  );

  app.get(
    '/api/v1/companies/import/template',
    { config: { access: 'business:read' }, schema: { tags: ['companies'], summary: '企业库导入模板（xlsx）' } },
    async (request, reply) => {
      const zh = request.meta.lang === 'zh';
      const workbook = new ExcelJS.Workbook();
      const sheet = addSheet(
        workbook,
        zh ? '企业库' : 'Companies',
        SHEET_COLUMNS.map((column) => ({
          header: column.header,
          width: column.width ?? 16,
          value: (r: Record<string, string>) => r[column.field],
        })),
        [Object.fromEntries(SHEET_COLUMNS.map((column) => [column.field, column.example]))],
      );
      SHEET_COLUMNS.forEach((column, i) => {
        if (column.required) sheet.getCell(1, i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
      });
      return sendWorkbook(reply, zh ? '企业库导入模板.xlsx' : 'companies-template.xlsx', workbook);
    },
  );

  app.post(
    '/api/v1/companies/import',
    {
      config: { access: [...WRITE] },
      schema: {
        response: { 200: companiesImportResponse, 422: sheetRejectedSchema },
        tags: ['companies'],
        summary:
          '导入企业库（multipart 字段 file；dryRun=true 只核对不写入）：按统一社会信用代码、无代码时按企业名称对账——新增、更新、未变化；有错误时 422（逐行逐列）且不写入',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const workbook = await readUploadedWorkbook(request, db);
      const known = (header: string) => fieldOfHeader(header) !== undefined;
      const table = workbook.worksheets.map((sheet) => readTable(sheet, known, 2)).find(Boolean);
      if (!table || ![...table.headers.values()].some((h) => fieldOfHeader(h) === 'name'))
        return reply.status(422).send({
          errors: [
            {
              row: 0,
              column: '',
              message: zh
                ? '找不到表头“企业名称、企业类型……”（可下载导入模板）'
                : 'no header row with 企业名称, 企业类型 … (download the template)',
            },
          ],
        });
      const rows = draftsOf(table);
      if (rows.length === 0)
        return reply.status(422).send({ errors: [{ row: 0, column: '', message: zh ? '表中没有企业' : 'the sheet has no companies' }] });
      const result = await importCompanies(db, actor, request.meta, rows, headerOfField, request.query.dryRun === 'true');
      if (result.errors.length) return reply.status(422).send({ errors: result.errors });
      return result;
    },
  );

  app.get(
    '/api/v1/companies/:id',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: companySchema }, tags: ['companies'], summary: '企业详情', params: idParam },
    },
    async (request) => view(requireActor(request), request.params.id),
  );

  app.post(
    '/api/v1/companies',
    {
      config: { access: [...WRITE] },
      schema: { response: { 201: companySchema }, tags: ['companies'], summary: '新增企业', body: companyBody },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createCompany(db, actor, request.meta, request.body);
      return reply.status(201).send(await view(actor, id));
    },
  );

  app.put(
    '/api/v1/companies/:id',
    {
      config: { access: [...WRITE] },
      schema: {
        response: { 200: companySchema },
        tags: ['companies'],
        summary: '修改企业',
        params: idParam,
        body: companyBody.extend({ version: z.number().int() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateCompany(db, actor, request.meta, request.params.id, request.body);
      return view(actor, request.params.id);
    },
  );

  app.delete(
    '/api/v1/companies/:id',
    { config: { access: [...WRITE] }, schema: { tags: ['companies'], summary: '删除企业', params: idParam } },
    async (request, reply) => {
      await deleteCompany(db, requireActor(request), request.meta, request.params.id);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/v1/companies/:id/pipeline',
    {
      config: { access: [...WRITE] },
      schema: {
        response: { 200: pipelineChangedSchema },
        tags: ['companies'],
        summary: '招商推进：阶段（目标→已联系→已拜访→有意向→在谈→签约/放弃）、交办单位、跟踪人；在谈时生成台账项目',
        params: idParam,
        body: pipelineBody,
      },
    },
    async (request) => setPipeline(db, requireActor(request), request.meta, request.params.id, request.body),
  );

  app.post(
    '/api/v1/companies/:id/assignment',
    {
      config: { access: [...WRITE] },
      schema: {
        response: { 200: assignmentAnsweredSchema },
        tags: ['companies'],
        summary: '交办：受办单位接收或退回（说明原因）',
        params: idParam,
        body: assignmentBody,
      },
    },
    async (request) => answerAssignment(db, requireActor(request), request.meta, request.params.id, request.body),
  );

  app.post(
    '/api/v1/companies/:id/contacts',
    {
      config: { access: [...WRITE] },
      schema: {
        response: { 201: contactSchema },
        tags: ['companies'],
        summary: '走访记录：电话、来访、外出拜访、活动，及下一步',
        params: idParam,
        body: contactBody,
      },
    },
    async (request, reply) => {
      const contact = await addContact(db, requireActor(request), request.meta, request.params.id, request.body);
      return reply.status(201).send({ ...contact, createdAt: contact.createdAt.toISOString() });
    },
  );

  app.get(
    '/api/v1/companies/:id/history',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: companyHistorySchema }, tags: ['companies'], summary: '企业的走访记录与推进记录', params: idParam },
    },
    async (request) => {
      const actor = requireActor(request);
      await view(actor, request.params.id);
      const [contacts, events] = await Promise.all([contactsOfCompany(db, request.params.id), eventsOfCompany(db, request.params.id)]);
      return {
        contacts: contacts.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
        events: events.map((e) => ({
          kind: e.kind,
          fromStage: e.fromStage as PipelineStage | null,
          toStage: e.toStage as PipelineStage | null,
          unitCode: e.unitCode,
          note: e.note,
          byName: e.byName,
          on: e.on,
          at: e.at.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/v1/pipeline/funnel',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: funnelSchema },
        tags: ['companies'],
        summary: '招商推进漏斗：各阶段企业数、到达数与转化率（可按产业链、标签、跟踪人、单位分组）',
        querystring: funnelQuery,
      },
    },
    async (request) => funnelOf(requireActor(request), request.query, request.meta.lang),
  );

  app.get(
    '/api/v1/pipeline/funnel.xlsx',
    {
      config: { access: 'business:export' },
      schema: { tags: ['companies'], summary: '导出招商推进漏斗（Excel：各阶段到达数与转化率，按分组，含合计）', querystring: funnelQuery },
    },
    async (request, reply) => {
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const funnel = await funnelOf(requireActor(request), request.query, lang);
      type Line = { name: string; total: number; dropped: number; stages: typeof funnel.stages };
      const whole: Line = { name: zh ? '合计' : 'Total', total: funnel.total, dropped: funnel.dropped, stages: funnel.stages };
      const pct = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
      const workbook = new ExcelJS.Workbook();
      addListSheet<Line>(workbook, zh ? '招商推进漏斗' : 'Pipeline funnel', {
        lang,
        title: zh ? `${funnel.unit.name}招商推进漏斗${funnel.year ? `（${funnel.year}年）` : ''}` : `Pipeline funnel · ${funnel.unit.name}`,
        subtitle: exportedAt(lang),
        rows: funnel.groups.length ? funnel.groups : [whole],
        totalRow: whole,
        columns: [
          { header: zh ? '分组' : 'Group', width: 18, value: (l) => l.name },
          { header: zh ? '企业数' : 'Companies', width: 9, value: (l) => l.total },
          ...FUNNEL_STAGES.flatMap((stage) => [
            {
              header: `${PIPELINE_STAGE_LABELS[stage][lang]}${zh ? '(到达)' : ' (reached)'}`,
              width: 10,
              value: (l: Line) => l.stages.find((x) => x.stage === stage)?.reached ?? 0,
            },
            {
              header: `${PIPELINE_STAGE_LABELS[stage][lang]}${zh ? '转化率(%)' : ' rate (%)'}`,
              width: 10,
              value: (l: Line) => pct(l.stages.find((x) => x.stage === stage)?.rate ?? null),
            },
          ]),
          { header: zh ? '放弃' : 'Dropped', width: 8, value: (l) => l.dropped },
        ],
      });
      return sendWorkbook(reply, `${zh ? '招商推进漏斗' : 'pipeline-funnel'}-${funnel.unit.name}.xlsx`, workbook);
    },
  );

  app.get(
    '/api/v1/companies/aftercare',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: aftercareSchema },
        tags: ['companies'],
        summary: '增资扩产跟踪：在地企业的最近走访、增资意向、项目，及超过⚙天数未走访的企业',
        querystring: unitQuery,
      },
    },
    async (request) => {
      const unit = await scopedUnit(db, requireActor(request), request.query.unit);
      const days = Number((await readSettings(db, ['ledger.aftercareDays']))['ledger.aftercareDays']);
      return { days, items: await aftercare(db, unit.path, days) };
    },
  );

  app.get(
    '/api/v1/companies/aftercare.xlsx',
    {
      config: { access: 'business:export' },
      schema: { tags: ['companies'], summary: '导出增资扩产跟踪（Excel：标题、序号、合计）', querystring: unitQuery },
    },
    async (request, reply) => {
      const unit = await scopedUnit(db, requireActor(request), request.query.unit);
      const days = Number((await readSettings(db, ['ledger.aftercareDays']))['ledger.aftercareDays']);
      const items = await aftercare(db, unit.path, days);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const workbook = new ExcelJS.Workbook();
      addListSheet(workbook, zh ? '增资扩产跟踪' : 'Aftercare', {
        lang,
        title: zh ? `${unit.name}在地企业增资扩产跟踪` : `Aftercare of local firms · ${unit.name}`,
        subtitle: `${zh ? `超过 ${days} 天未走访的标为“待走访”` : `“due”: not visited in ${days} days`}；${exportedAt(lang)}`,
        rows: items,
        columns: [
          { header: zh ? '企业名称' : 'Company', width: 32, value: (c) => c.name },
          { header: zh ? '所在单位' : 'Unit', width: 14, value: (c) => c.unitName },
          { header: zh ? '标签' : 'Tags', width: 22, value: (c) => c.tags.map((tag) => COMPANY_TAG_LABELS[tag][lang]).join('、') || null },
          { header: zh ? '最近联系' : 'Last contact', width: 12, value: (c) => c.lastContactOn },
          { header: zh ? '最近走访' : 'Last visit', width: 12, value: (c) => c.lastVisitOn },
          { header: zh ? '待走访' : 'Due', width: 8, value: (c) => (c.due ? (zh ? '是' : 'yes') : null) },
          {
            header: zh ? '招商进度' : 'Pipeline',
            width: 10,
            value: (c) => (c.pipelineStage ? PIPELINE_STAGE_LABELS[c.pipelineStage][lang] : null),
          },
          { header: zh ? '增资意向' : 'Open intention', width: 10, value: (c) => (c.openIntention ? (zh ? '有' : 'yes') : null) },
          { header: zh ? '项目' : 'Project', width: 30, value: (c) => (c.project ? `${c.project.name}（${c.project.code}）` : null) },
        ],
      });
      return sendWorkbook(reply, `${zh ? '增资扩产跟踪' : 'aftercare'}-${unit.name}.xlsx`, workbook);
    },
  );
}
