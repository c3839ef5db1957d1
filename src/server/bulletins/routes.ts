import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { can, inScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { notFound } from '../http/errors.ts';
import ExcelJS from 'exceljs';
import { addListSheet, attachmentHeader, exportedAt, sendWorkbook } from '../http/excel.ts';
import { BULLETIN_STATUS_LABELS } from '../../shared/bulletins/status.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { requireActor, type App, type RouteAccess } from '../http/platform.ts';
import { definePrefetch } from '../http/prefetch.ts';
import { findUnit, scopePathFor } from '../units/repository.ts';
import {
  bulletinProfile,
  createBulletin,
  discardBulletin,
  issueBulletin,
  refreshBulletin,
  returnBulletin,
  saveBulletinProfile,
  submitBulletin,
} from './commands.ts';
import { bulletinDocx, bulletinWorkbook } from './documents.ts';
import { findBulletin, listBulletins, type BulletinRow } from './repository.ts';
import {
  bulletinsByIdResponse,
  bulletinsPostResponse,
  bulletinStepResponse,
  bulletinsProfileByUnitPutResponse,
  bulletinsProfileByUnitResponse,
  bulletinsResponse,
} from '../../shared/api/bulletins.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const isoDate = z.iso.date();
const version = z.object({ version: z.number().int() });
const unitCode = z.string().regex(/^\d{6,15}$/);

async function bulletinFor(db: Db, actor: Actor, id: number) {
  return visibleTo(actor, await findBulletin(db, id));
}

function visibleTo(actor: Actor, row: BulletinRow | undefined): BulletinRow {
  // a draft is seen only by those who draft and sign; "not yours" and "not there" answer alike
  if (
    !row ||
    !inScope(actor, row.unitPath) ||
    ((row.status === 'draft' || row.status === 'review') && !can(actor, 'business:write') && !can(actor, 'business:review'))
  )
    throw notFound();
  return row;
}

const DRAFTERS = ['business:write', 'business:review'] as const; // 起草: officers and reviewers

export function registerBulletinRoutes(app: App, db: Db): void {
  // a bulletin is read as it is whoever asks (the policy above then decides who sees it): it starts beside the
  // session's statement (http/prefetch.ts)
  const bulletinEarly = definePrefetch((request) => findBulletin(db, idParams.parse(request.params).id));

  app.post(
    '/api/v1/bulletins',
    {
      config: { access: ['business:write', 'business:review'] },
      schema: {
        response: { 201: bulletinsPostResponse },
        tags: ['bulletins'],
        summary:
          '起草通报（单位、月份 YYYY-MM，统计截止日 asOf 默认月末）→ 201 {id, status}。审核员不要求草稿（draft 未设）时直接签发；同月已签发时 onExisting=replace 作废原通报，add（默认）另发一期',
        body: z.object({
          unit: unitCode,
          period: z.string().max(10),
          asOf: isoDate.optional(),
          draft: z.boolean().optional(),
          onExisting: z.enum(['replace', 'add']).optional(),
          signedOn: isoDate.optional(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await createBulletin(db, requireActor(request), request.meta, request.body)),
  );

  app.get(
    '/api/v1/bulletins',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: bulletinsResponse },
        tags: ['bulletins'],
        summary: '通报（本单位及下级）：已签发与已作废；起草和审核的人还能看到草稿与待签发',
        querystring: z.object({ unit: z.string().max(15).optional() }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const path = await scopePathFor(db, actor, request.query.unit);
      const drafts = can(actor, 'business:write') || can(actor, 'business:review');
      const rows = await listBulletins(db, path, drafts ? ['draft', 'review', 'issued', 'void'] : ['issued', 'void']);
      return { items: rows.map((r) => ({ ...r, issuedAt: r.issuedAt.toISOString() })) };
    },
  );

  app.get(
    '/api/v1/bulletins/export',
    {
      config: { access: 'business:export' },
      schema: {
        tags: ['bulletins'],
        summary: '导出通报列表（Excel：标题、序号、合计）',
        querystring: z.object({ unit: z.string().max(15).optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      const path = await scopePathFor(db, actor, code);
      const drafts = can(actor, 'business:write') || can(actor, 'business:review');
      const [rows, unit] = await Promise.all([
        listBulletins(db, path, drafts ? ['draft', 'review', 'issued', 'void'] : ['issued', 'void']),
        findUnit(db, code),
      ]);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const workbook = new ExcelJS.Workbook();
      addListSheet(workbook, zh ? '通报' : 'Bulletins', {
        lang,
        title: zh ? `${unit?.name ?? ''}通报目录` : `Bulletins · ${unit?.name ?? ''}`,
        subtitle: exportedAt(lang),
        rows,
        columns: [
          { header: zh ? '月份' : 'Month', width: 10, value: (b) => b.period },
          { header: zh ? '期数' : 'No.', width: 8, value: (b) => b.number },
          { header: zh ? '文号' : 'Document no.', width: 22, value: (b) => b.docNumber },
          { header: zh ? '标题' : 'Title', width: 44, value: (b) => b.title },
          { header: zh ? '统计截止' : 'As of', width: 12, value: (b) => b.asOf },
          { header: zh ? '状态' : 'Status', width: 10, value: (b) => BULLETIN_STATUS_LABELS[b.status][lang] },
          { header: zh ? '签发日期' : 'Signed on', width: 12, value: (b) => b.signedOn },
          { header: zh ? '签发人' : 'Signed by', width: 12, value: (b) => b.issuedBy },
        ],
      });
      return sendWorkbook(reply, `${zh ? '通报目录' : 'bulletins'}-${todayIso()}.xlsx`, workbook);
    },
  );

  app.get(
    '/api/v1/bulletins/:id',
    {
      config: { access: 'business:read', prefetch: bulletinEarly },
      schema: {
        response: { 200: bulletinsByIdResponse },
        tags: ['bulletins'],
        summary: '通报的内容（JSON，含每个下级单位一行 rows），及其状态',
        params: idParams,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = visibleTo(actor, (await bulletinEarly.take(request, actor)) ?? (await findBulletin(db, request.params.id)));
      return {
        ...row.content,
        id: row.id,
        previousId: row.previousId,
        status: row.status,
        version: row.version,
        replacedBy: row.replacedBy,
        reviewComment: row.reviewComment,
        createdBy: row.createdBy,
        submittedBy: row.submittedBy,
      };
    },
  );

  const step = <S extends z.ZodObject>(
    access: RouteAccess,
    path: string,
    summary: string,
    body: S,
    run: (id: number, body: z.infer<S>, actor: Actor, meta: RequestMeta) => Promise<z.infer<typeof bulletinStepResponse>>,
  ) =>
    app.post(
      path,
      { config: { access }, schema: { response: { 200: bulletinStepResponse }, tags: ['bulletins'], summary, params: idParams, body } },
      async (request) => run((request.params as { id: number }).id, request.body as z.infer<S>, requireActor(request), request.meta),
    );
  step(
    DRAFTERS,
    '/api/v1/bulletins/:id/refresh',
    '草稿重新取数（统计截止日不变，或改为 asOf）',
    version.extend({ asOf: isoDate.optional() }),
    (id, body, actor, meta) => refreshBulletin(db, actor, meta, id, body),
  );
  step(DRAFTERS, '/api/v1/bulletins/:id/submit', '草稿送审（待签发）', version, (id, body, actor, meta) =>
    submitBulletin(db, actor, meta, id, body),
  );
  step(
    'business:review',
    '/api/v1/bulletins/:id/return',
    '退回修改（审核员）',
    version.extend({ comment: z.string().trim().min(1).max(500) }),
    (id, body, actor, meta) => returnBulletin(db, actor, meta, id, body),
  );
  step(
    'business:review',
    '/api/v1/bulletins/:id/issue',
    '签发（审核员）：编期数与文号、落款日期；同月已签发时须选择 replace（作废原通报）或 add，否则 409 BULLETIN_EXISTS',
    version.partial().extend({ onExisting: z.enum(['replace', 'add']).optional(), signedOn: isoDate.optional() }),
    (id, body, actor, meta) => issueBulletin(db, actor, meta, id, body),
  );
  app.delete(
    '/api/v1/bulletins/:id',
    {
      config: { access: DRAFTERS },
      schema: { tags: ['bulletins'], summary: '删除草稿', params: idParams, querystring: z.object({ version: z.coerce.number().int() }) },
    },
    async (request, reply) => {
      await discardBulletin(db, requireActor(request), request.meta, request.params.id, { version: request.query.version });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/bulletins/profile/:unit',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: bulletinsProfileByUnitResponse },
        tags: ['bulletins'],
        summary: '本单位通报的文号格式与落款',
        params: z.object({ unit: unitCode }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const unit = await findUnit(db, request.params.unit);
      if (!unit || !inScope(actor, unit.path)) throw notFound();
      return bulletinProfile(db, unit);
    },
  );
  app.put(
    '/api/v1/bulletins/profile/:unit',
    {
      config: { access: 'business:review' },
      schema: {
        response: { 200: bulletinsProfileByUnitPutResponse },
        tags: ['bulletins'],
        summary: '设置文号格式（含 {year}、{n}）与落款单位（审核员）',
        params: z.object({ unit: unitCode }),
        body: z.object({ docNumberPattern: z.string().min(3).max(40), issuerName: z.string().trim().min(2).max(60) }),
      },
    },
    async (request) => saveBulletinProfile(db, requireActor(request), request.meta, request.params.unit, request.body),
  );

  app.get(
    '/api/v1/bulletins/:id/docx',
    { config: { access: 'business:read' }, schema: { tags: ['bulletins'], summary: '通报 Word 文档（公文格式）', params: idParams } },
    async (request, reply) => {
      const row = await bulletinFor(db, requireActor(request), request.params.id);
      const buffer = await bulletinDocx(row.content, row.status);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', attachmentHeader(`${row.title}（${documentLabel(row)}）.docx`))
        .send(buffer);
    },
  );

  app.get(
    '/api/v1/bulletins/:id/xlsx',
    { config: { access: 'business:read' }, schema: { tags: ['bulletins'], summary: '通报 Excel', params: idParams } },
    async (request, reply) => {
      const row = await bulletinFor(db, requireActor(request), request.params.id);
      return sendWorkbook(reply, `${row.title}（${documentLabel(row)}）.xlsx`, bulletinWorkbook(row.content, row.status));
    },
  );
}

const documentLabel = (row: { status: string; number: number | null; content: { number: number } }) =>
  row.status === 'issued' || row.status === 'void'
    ? `第${row.number}期${row.status === 'void' ? '，已作废' : ''}`
    : `第${row.content.number}期，草稿`;
