// 产业链图谱: routes only — validation, policy, a call, the presenter.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { linkLabel, SEGMENT_LABELS, suggestLink } from '../../shared/chains/rules.ts';
import { STAGE_LABELS, STAGES } from '../../shared/projects/stages.ts';
import { isWithin } from '../../shared/units.ts';
import {
  chainCreatedSchema,
  chainSchema,
  chainsResponse,
  coverageSchema,
  placedSchema,
  placementsSchema,
} from '../../shared/api/chains.ts';
import { appendAuditSoon, subjectOf } from '../audit/recorder.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../http/actor.ts';
import { AppError, hiddenObject, notFound } from '../http/errors.ts';
import { addSheet, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { placeOnChainLinks } from '../projects/commands.ts';
import { projectsOnChainOnly } from '../projects/repository.ts';
import { scopedUnit } from '../units/repository.ts';
import { adoptChain, chainBody, createChain, deleteChain, updateChain } from './commands.ts';
import { presentChain, presentChainSummary } from './presenter.ts';
import { chainCoverage } from './queries.ts';
import { chainsSeenBy, findChain } from './repository.ts';

const WRITE = ['business:write', 'business:review'] as const;
const idParam = z.object({ id: z.uuid() });
const unitQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
});

/** A chain is read by the units below the one that drew it (they work on it) and the units above (they oversee it). */
async function readableChain(db: Db, actor: Actor, id: string) {
  const chain = await findChain(db, id);
  if (!chain) throw notFound();
  if (!isWithin(chain.unitPath, actor.unitPath) && !isWithin(actor.unitPath, chain.unitPath)) throw hiddenObject();
  return chain;
}

/** The unit a coverage is read for: the one asked (in scope, and on the chain's line), else the chain's or the caller's. */
async function coverageUnit(db: Db, actor: Actor, chain: { unitCode: string; unitPath: string }, code: string | undefined) {
  const unit = await scopedUnit(db, actor, code ?? (isWithin(chain.unitPath, actor.unitPath) ? chain.unitCode : actor.unitCode));
  if (!isWithin(unit.path, chain.unitPath) && !isWithin(chain.unitPath, unit.path)) throw hiddenObject();
  return unit;
}

export function registerChainRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/chains',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: chainsResponse },
        tags: ['chains'],
        summary: '产业链：本单位及上级单位绘制的产业链',
        querystring: unitQuery,
      },
    },
    async (request) => {
      const unit = await scopedUnit(db, requireActor(request), request.query.unit);
      const rows = await chainsSeenBy(db, unit.path);
      return { items: rows.map((row) => presentChainSummary({ ...row.chain, unitName: row.unitName }, row.links, unit.path)) };
    },
  );

  app.get(
    '/api/v1/chains/:id',
    {
      config: { access: 'business:read' },
      schema: { response: { 200: chainSchema }, tags: ['chains'], summary: '产业链及其环节', params: idParam },
    },
    async (request) => {
      const actor = requireActor(request);
      return presentChain(await readableChain(db, actor, request.params.id), actor.unitPath);
    },
  );

  app.post(
    '/api/v1/chains',
    {
      config: { access: [...WRITE] },
      schema: { response: { 201: chainCreatedSchema }, tags: ['chains'], summary: '绘制产业链（环节树：上游/中游/下游）', body: chainBody },
    },
    async (request, reply) => reply.status(201).send(await createChain(db, requireActor(request), request.meta, request.body)),
  );

  app.put(
    '/api/v1/chains/:id',
    {
      config: { access: [...WRITE] },
      schema: {
        response: { 200: chainCreatedSchema },
        tags: ['chains'],
        summary: '修改产业链及其环节（有企业的环节不能删除）',
        params: idParam,
        body: chainBody.omit({ unit: true }).extend({ version: z.number().int() }),
      },
    },
    async (request) => updateChain(db, requireActor(request), request.meta, request.params.id, request.body),
  );

  app.post(
    '/api/v1/chains/:id/adopt',
    {
      config: { access: [...WRITE] },
      schema: {
        response: { 201: chainCreatedSchema },
        tags: ['chains'],
        summary: '下级单位承接上级产业链（复制为本单位的产业链）',
        params: idParam,
        body: z.object({ unit: z.string().regex(/^\d{6,15}$/) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await adoptChain(db, requireActor(request), request.meta, request.params.id, request.body.unit)),
  );

  app.delete(
    '/api/v1/chains/:id',
    { config: { access: [...WRITE] }, schema: { tags: ['chains'], summary: '删除产业链（无企业时）', params: idParam } },
    async (request, reply) => {
      await deleteChain(db, requireActor(request), request.meta, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/chains/:id/coverage',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: coverageSchema },
        tags: ['chains'],
        summary: '产业链图谱：各环节的在地企业、链主、目标企业、项目，及补链/强链',
        params: idParam,
        querystring: unitQuery,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const chain = await readableChain(db, actor, request.params.id);
      return chainCoverage(db, chain, await coverageUnit(db, actor, chain, request.query.unit));
    },
  );

  app.get(
    '/api/v1/chains/:id/coverage.xlsx',
    {
      config: { access: 'business:export' },
      schema: { tags: ['chains'], summary: '导出产业链覆盖表（xlsx）', params: idParam, querystring: unitQuery },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const chain = await readableChain(db, actor, request.params.id);
      const coverage = await chainCoverage(db, chain, await coverageUnit(db, actor, chain, request.query.unit));
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const statusName = {
        covered: zh ? '已覆盖' : 'Covered',
        weak: zh ? '强链（仅1家）' : 'Weak (one firm)',
        gap: zh ? '补链（缺失）' : 'Gap',
      };
      const nameOf = new Map(chain.links.map((link) => [link.key, link.name]));
      const workbook = new ExcelJS.Workbook();
      const sheet = addSheet(
        workbook,
        zh ? '覆盖表' : 'Coverage',
        [
          { header: zh ? '序号' : 'No.', width: 6, value: (r) => coverage.links.indexOf(r) + 1 },
          { header: zh ? '环节' : 'Link', width: 24, value: (r) => r.name },
          { header: zh ? '上级环节' : 'Parent', width: 18, value: (r) => (r.parent ? (nameOf.get(r.parent) ?? r.parent) : '') },
          { header: zh ? '链段' : 'Segment', width: 8, value: (r) => SEGMENT_LABELS[r.segment][lang] },
          { header: zh ? '在地企业（家）' : 'Local firms', value: (r) => r.localCompanies },
          { header: zh ? '链主（家）' : 'Chain leaders', value: (r) => r.chainLeaders },
          { header: zh ? '目标企业（家）' : 'Targets', value: (r) => r.targets },
          { header: zh ? '项目（个）' : 'Projects', value: (r) => r.projects.total },
          { header: zh ? '在谈及以后（个）' : 'Negotiating or later', value: (r) => r.projects.inHand },
          ...STAGES.map((stage) => ({
            header: STAGE_LABELS[stage][lang],
            value: (r: (typeof coverage.links)[number]) => r.projects.byStage[stage] ?? 0,
          })),
          { header: zh ? '状态' : 'Status', width: 16, value: (r) => statusName[r.status] },
        ],
        coverage.links,
      );
      const sum = (pick: (link: (typeof coverage.links)[number]) => number) =>
        coverage.links.reduce((total, link) => total + pick(link), 0);
      sheet.addRow([
        zh ? '合计' : 'Total',
        `${coverage.links.length}`,
        '',
        '',
        sum((l) => l.localCompanies),
        sum((l) => l.chainLeaders),
        sum((l) => l.targets),
        sum((l) => l.projects.total),
        sum((l) => l.projects.inHand),
        ...STAGES.map((stage) => sum((l) => l.projects.byStage[stage] ?? 0)),
        zh
          ? `覆盖${coverage.covered} 强链${coverage.weak} 补链${coverage.gaps}`
          : `covered ${coverage.covered}, weak ${coverage.weak}, gaps ${coverage.gaps}`,
      ]).font = { bold: true };
      await appendAuditSoon(db, subjectOf(actor), request.meta, {
        action: 'chain.export',
        objectType: 'chain',
        objectId: chain.id,
        detail: `${coverage.unit.code} ${coverage.links.length} links`,
      });
      return sendWorkbook(reply, `${chain.name}-${coverage.unit.name}.xlsx`, workbook);
    },
  );

  app.get(
    '/api/v1/chains/:id/placements',
    {
      config: { access: 'business:read' },
      schema: {
        response: { 200: placementsSchema },
        tags: ['chains'],
        summary: '待归入环节：产业链只写了链名称的项目（旧的产业链分类），附按名称建议的环节',
        params: idParam,
        querystring: unitQuery,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const chain = await readableChain(db, actor, request.params.id);
      const unit = await coverageUnit(db, actor, chain, request.query.unit);
      const { rows, total } = await projectsOnChainOnly(db, unit.path, chain.name, 500);
      return { total, items: rows.map((row) => ({ ...row, suggested: suggestLink(row.name, chain.links) })) };
    },
  );

  app.post(
    '/api/v1/chains/:id/placements',
    {
      config: { access: [...WRITE] },
      schema: {
        response: { 200: placedSchema },
        tags: ['chains'],
        summary: '把项目归入本产业链的环节（台账产业链改为“链名称/环节名称”，逐个留痕）',
        params: idParam,
        body: z.object({
          placements: z
            .array(z.object({ code: z.string().max(40), link: z.string().max(40) }))
            .min(1)
            .max(500),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const chain = await readableChain(db, actor, request.params.id);
      const names = new Map(chain.links.map((link) => [link.key, link.name]));
      const placements = request.body.placements.map((p) => {
        const name = names.get(p.link);
        if (!name)
          throw new AppError('VALIDATION', {
            detail: request.meta.lang === 'zh' ? `环节“${p.link}”不在该产业链中` : `no link ${p.link} on this chain`,
          });
        return { code: p.code, chain: linkLabel(chain.name, name) };
      });
      return placeOnChainLinks(db, actor, request.meta, placements);
    },
  );
}
