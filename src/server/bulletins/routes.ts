import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { todayIso } from '../../shared/projects/dates.ts';
import { isMonthKey } from '../../shared/reporting/periods.ts';
import type { Db } from '../db/client.ts';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import { can, inScope } from '../http/actor.ts';
import { AppError, forbidden, notFound, outOfScope } from '../http/errors.ts';
import { attachmentHeader, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { escapeLike } from '../projects/repository.ts';
import { findUnit, scopePathFor } from '../units/repository.ts';
import { bulletinDocx, bulletinWorkbook } from './documents.ts';
import { bulletins } from './schema.ts';
import { buildBulletin } from './snapshot.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
/** Serializes issuing per unit, so 期数 never repeat. */
const BULLETIN_LOCK = 7_426_006;

async function bulletinFor(db: Db, actorPath: string, id: number) {
  const [row] = await db.select().from(bulletins).where(eq(bulletins.id, id));
  if (!row) throw notFound();
  if (!row.unitPath.startsWith(actorPath)) throw outOfScope();
  return row;
}

export function registerBulletinRoutes(app: App, db: Db): void {
  app.post(
    '/api/v1/bulletins',
    { config: { access: 'business:read' }, schema: { tags: ['bulletins'], summary: '签发通报（单位、月份 YYYY-MM）：冻结当时的全部内容 → 201 {id}', body: z.object({ unit: z.string().regex(/^\d{6,15}$/), period: z.string().max(10) }) } },
    async (request, reply) => {
      const actor = requireActor(request);
      const zh = request.meta.lang === 'zh';
      const { unit: code, period } = request.body;
      if (!can(actor, 'business:write') && !can(actor, 'business:review')) throw forbidden();
      if (!isMonthKey(period)) throw new AppError('VALIDATION', { detail: zh ? `月份“${period}”格式应为 YYYY-MM` : `period ${period} must be YYYY-MM` });
      if (period > todayIso().slice(0, 7)) throw new AppError('VALIDATION', { detail: zh ? `不能签发未来月份（${period}）的通报` : `cannot issue a bulletin for a future month (${period})` });
      const unit = await findUnit(db, code);
      if (!unit) throw notFound();
      if (!inScope(actor, unit.path)) throw outOfScope();
      // Read first (the alert refresh and the queries run on their own), then number and store it under the unit's lock.
      const [previous] = await db.select().from(bulletins).where(eq(bulletins.unitCode, unit.code)).orderBy(desc(bulletins.issuedAt), desc(bulletins.id)).limit(1);
      const content = await buildBulletin(db, unit, period, { number: 0, issuedBy: actor.displayName, previous: previous ? { id: previous.id, content: previous.content } : null });
      const id = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${BULLETIN_LOCK}, hashtext(${unit.code}))`);
        const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)::int` }).from(bulletins).where(and(eq(bulletins.unitCode, unit.code), sql`left(${bulletins.period}, 4) = ${period.slice(0, 4)}`));
        content.number = count + 1;
        const [row] = await tx.insert(bulletins).values({ unitCode: unit.code, unitPath: unit.path, period, number: content.number, title: content.title, content, previousId: previous?.id ?? null, issuedBy: actor.username }).returning({ id: bulletins.id });
        await appendAudit(tx, subjectOf(actor), request.meta, { action: 'bulletin.issue', objectType: 'bulletin', objectId: String(row!.id), changes: { unit: unit.code, period, number: content.number } });
        return row!.id;
      });
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/api/v1/bulletins',
    { config: { access: 'business:read' }, schema: { tags: ['bulletins'], summary: '已签发的通报（本单位及下级）', querystring: z.object({ unit: z.string().max(15).optional() }) } },
    async (request) => {
      const actor = requireActor(request);
      const path = await scopePathFor(db, actor, request.query.unit);
      const rows = await db
        .select({ id: bulletins.id, unitCode: bulletins.unitCode, period: bulletins.period, number: bulletins.number, title: bulletins.title, issuedBy: bulletins.issuedBy, issuedAt: bulletins.issuedAt })
        .from(bulletins)
        .where(sql`${bulletins.unitPath} like ${`${escapeLike(path)}%`}`)
        .orderBy(desc(bulletins.issuedAt), desc(bulletins.id))
        .limit(200);
      return { items: rows.map((r) => ({ ...r, issuedAt: r.issuedAt.toISOString() })) };
    },
  );

  app.get('/api/v1/bulletins/:id', { config: { access: 'business:read' }, schema: { tags: ['bulletins'], summary: '通报的冻结内容（JSON，含每个下级单位一行 rows）', params: idParams } }, async (request) => {
    const actor = requireActor(request);
    const row = await bulletinFor(db, actor.unitPath, request.params.id);
    return { id: row.id, previousId: row.previousId, ...row.content };
  });

  app.get('/api/v1/bulletins/:id/docx', { config: { access: 'business:read' }, schema: { tags: ['bulletins'], summary: '通报 Word 文档（公文格式）', params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await bulletinFor(db, actor.unitPath, request.params.id);
    const buffer = await bulletinDocx(row.content);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', attachmentHeader(`${row.title}（第${row.number}期）.docx`))
      .send(buffer);
  });

  app.get('/api/v1/bulletins/:id/xlsx', { config: { access: 'business:read' }, schema: { tags: ['bulletins'], summary: '通报 Excel', params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await bulletinFor(db, actor.unitPath, request.params.id);
    return sendWorkbook(reply, `${row.title}（第${row.number}期）.xlsx`, bulletinWorkbook(row.content));
  });
}
