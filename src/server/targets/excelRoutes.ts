// The 目标分解表 routes: export the sheet of a unit and its children, import it back (whole sheet or nothing).
import type {} from '@fastify/multipart';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { readUploadedWorkbook, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { scopePathFor, unitsByCodes, unitWithChildren } from '../units/repository.ts';
import { indicatorCatalog } from './catalog.ts';
import { childSumWarnings, maySetOwnTargets, setTargets } from './commands.ts';
import { targetsOf } from './queries.ts';
import { buildTargetWorkbook, checkTargetRows, readTargetSheet, sheetUnitCodes, type ImportError } from './sheet.ts';
import { targetsXlsxPostResponse } from '../../shared/api/targets.ts';
import { sheetRejectedSchema } from '../../shared/api/common.ts';

export function registerTargetExcelRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/targets/xlsx',
    {
      config: { access: 'business:export' },
      schema: {
        tags: ['targets'],
        summary: '导出目标分解表（本单位及直属下级，全部指标；可改后导入）',
        querystring: z.object({
          unit: z
            .string()
            .regex(/^\d{6,15}$/)
            .optional(),
          year: z.coerce.number().int().min(2000).max(2100),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const code = request.query.unit ?? actor.unitCode;
      await scopePathFor(db, actor, code);
      const rowsUnits = await unitWithChildren(db, code);
      const [catalog, existing] = await Promise.all([
        indicatorCatalog(db, { viewerPath: actor.unitPath }),
        targetsOf(
          db,
          rowsUnits.map((u) => u.code),
          request.query.year,
        ),
      ]);
      const workbook = buildTargetWorkbook(request.query.year, rowsUnits, catalog, existing);
      return sendWorkbook(reply, `目标分解表-${request.query.year}.xlsx`, workbook);
    },
  );

  app.post(
    '/api/v1/targets/xlsx',
    {
      config: { access: 'business:write' },
      schema: {
        response: { 200: targetsXlsxPostResponse, 422: sheetRejectedSchema },
        tags: ['targets'],
        summary: '导入目标分解表（multipart 字段 file；dryRun=true 只校验）。有错误时 422 且不写入',
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100),
          dryRun: z.enum(['true', 'false']).optional(),
          reason: z.string().trim().max(500).optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const fail = (errors: ImportError[]) => reply.status(422).send({ errors });
      const workbook = await readUploadedWorkbook(request, db);
      const sheet = readTargetSheet(workbook, zh);
      if ('errors' in sheet) return fail(sheet.errors);
      const catalog = await indicatorCatalog(db, { includeArchived: true, viewerPath: actor.unitPath });
      const knownUnits = await unitsByCodes(db, sheetUnitCodes(sheet));
      // the importer's own unit: its targets come from above (⚙ targets.setBy); a row repeating them as issued passes
      const ownIssued = (await maySetOwnTargets(db, actor)) ? null : await targetsOf(db, [actor.unitCode], request.query.year);
      const { inputs, errors } = checkTargetRows(sheet, { actor, catalog, knownUnits, ownIssued, zh });
      if (errors.length) return fail(errors);
      const year = request.query.year;
      const dryRun = request.query.dryRun === 'true';
      const result = dryRun
        ? { saved: 0, unchanged: 0 }
        : await setTargets(db, actor, request.meta, year, inputs, { reason: request.query.reason ?? null });
      // Each imported target against its children, and its parent against the imported one and its siblings.
      const parentOf = new Map(knownUnits.map((u) => [u.code, u.parentCode]));
      const pairs = inputs.flatMap((i) => [
        { unit: i.unit, indicator: i.indicator },
        ...(parentOf.get(i.unit) ? [{ unit: parentOf.get(i.unit)!, indicator: i.indicator }] : []),
      ]);
      const unique = [...new Map(pairs.map((p) => [`${p.unit}/${p.indicator}`, p])).values()];
      const warnings = dryRun ? [] : await childSumWarnings(db, year, unique, zh);
      return { rows: inputs.length, saved: result.saved, unchanged: result.unchanged, dryRun, warnings, errors: [] };
    },
  );
}
