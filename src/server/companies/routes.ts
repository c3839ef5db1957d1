// 企业库: routes only — validation, policy, a call, the presenter.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { COMPANY_KIND_LABELS, COMPANY_KINDS, COMPANY_TAG_LABELS, COMPANY_TAGS, type CompanyTag } from '../../shared/chains/rules.ts';
import { industryName } from '../../shared/projects/classification.ts';
import { ancestorPaths } from '../../shared/units.ts';
import { companiesImportResponse, companiesResponse, companySchema } from '../../shared/api/companies.ts';
import { sheetRejectedSchema } from '../../shared/api/common.ts';
import { appendAuditSoon, subjectOf } from '../audit/recorder.ts';
import { linkNamesOf } from '../chains/repository.ts';
import type { Db } from '../db/client.ts';
import { readTable } from '../excel/cells.ts';
import { assertObjectInScope, can, isWithinScopeOrAbove, type Actor } from '../http/actor.ts';
import { notFound } from '../http/errors.ts';
import { addSheet, readUploadedWorkbook, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { scopedUnit } from '../units/repository.ts';
import { createCompany, deleteCompany, importCompanies, updateCompany } from './commands.ts';
import { presentCompany } from './presenter.ts';
import { companiesInBatches, findCompany, linksOfCompanies, listCompanies, type CompanyFilter, type CompanyRow } from './repository.ts';
import { draftsOf, fieldOfHeader, headerOfField, SHEET_COLUMNS } from './sheet.ts';

const WRITE = ['business:write', 'business:review'] as const;
const idParam = z.object({ id: z.uuid() });
const listQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  kind: z.enum(COMPANY_KINDS).optional(),
  tag: z.enum(COMPANY_TAGS).optional(),
  chain: z.uuid().optional(),
  link: z.string().max(40).optional(),
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

export function registerCompanyRoutes(app: App, db: Db): void {
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
    };
  };
  const present = async (actor: Actor, rows: (CompanyRow & { unitName: string })[]) => {
    const links = await linksOfCompanies(
      db,
      rows.map((row) => row.id),
    );
    const names = await linkNamesOf(
      db,
      [...links.values()].flat().map((link) => link.chainId),
    );
    return rows.map((row) => presentCompany(row, links.get(row.id) ?? [], names, contactsVisible(actor)));
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
      addSheet(
        workbook,
        zh ? '企业库' : 'Companies',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (r: Row) => rows.indexOf(r) + 1 },
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
}
