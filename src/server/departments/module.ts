import { clockNow } from '../../shared/calendar.ts';
import ExcelJS from 'exceljs';
import { and, asc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { DEPARTMENT_KIND_LABELS, DEPARTMENT_KINDS, type DepartmentKind } from '../../shared/departments.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { appendAudit, appendAuditSoon, diffFields, subjectOf } from '../audit/recorder.ts';
import { assertInScope, type Actor, type RequestMeta } from '../http/actor.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { addSheet, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { findUnit, scopePathFor, withinPath } from '../units/repository.ts';
import { units } from '../units/schema.ts';
import { users } from '../users/schema.ts';
import { departments } from './schema.ts';
import { escapeLike } from '../db/scope.ts';

type DepartmentRow = typeof departments.$inferSelect;
const AUDITED = ['unitCode', 'name', 'kind', 'contactName', 'contactPhone', 'active'] as const;

// Repository

async function findDepartment(db: DbOrTx, id: string): Promise<(DepartmentRow & { unitPath: string; unitName: string }) | undefined> {
  const [row] = await db
    .select({ department: departments, unitPath: units.path, unitName: units.name })
    .from(departments)
    .innerJoin(units, eq(units.code, departments.unitCode))
    .where(eq(departments.id, id));
  return row ? { ...row.department, unitPath: row.unitPath, unitName: row.unitName } : undefined;
}

async function listDepartments(
  db: DbOrTx,
  filter: { scopePath: string; unitCode?: string; subtree?: boolean; q?: string; includeInactive?: boolean },
) {
  const conditions: SQL[] = [withinPath(filter.scopePath)];
  if (filter.unitCode && !filter.subtree) conditions.push(eq(departments.unitCode, filter.unitCode));
  if (!filter.includeInactive) conditions.push(eq(departments.active, true));
  if (filter.q) conditions.push(ilike(departments.name, `%${escapeLike(filter.q)}%`));
  return db
    .select({
      department: departments,
      unitName: units.name,
      users: sql<number>`(select count(*)::int from ${users} where ${users.departmentId} = ${departments.id})`,
    })
    .from(departments)
    .innerJoin(units, eq(units.code, departments.unitCode))
    .where(and(...conditions))
    .orderBy(asc(units.depth), asc(units.code), asc(departments.name));
}

// Presenter

function presentDepartment(row: DepartmentRow, extra: { unitName: string; users?: number }) {
  return {
    id: row.id,
    unitCode: row.unitCode,
    unitName: extra.unitName,
    name: row.name,
    kind: row.kind,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    active: row.active,
    version: row.version,
    users: extra.users ?? null,
  };
}

// Commands

const departmentBody = z.object({
  name: z.string().trim().min(2).max(60),
  kind: z.enum(DEPARTMENT_KINDS),
  contactName: z.string().trim().max(30).nullish(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/)
    .nullish()
    .or(z.literal('')),
});

async function createDepartment(db: Db, actor: Actor, meta: RequestMeta, input: z.infer<typeof departmentBody> & { unitCode: string }) {
  return db.transaction(async (tx) => {
    const unit = await findUnit(tx, input.unitCode);
    if (!unit) throw notFound();
    assertInScope(actor, unit.path);
    const [clash] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.unitCode, unit.code), eq(departments.name, input.name)));
    if (clash) throw new AppError('DUPLICATE', { what: input.name });
    const [created] = await tx
      .insert(departments)
      .values({
        unitCode: unit.code,
        name: input.name,
        kind: input.kind,
        contactName: input.contactName || null,
        contactPhone: input.contactPhone || null,
      })
      .returning();
    if (!created) throw new Error('insert returned nothing');
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'department.create',
      objectType: 'department',
      objectId: created.id,
      changes: diffFields(null, created, AUDITED),
    });
    return presentDepartment(created, { unitName: unit.name, users: 0 });
  });
}

async function updateDepartment(
  db: Db,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: Partial<z.infer<typeof departmentBody>> & { version: number; active?: boolean | undefined },
) {
  return db.transaction(async (tx) => {
    const before = await findDepartment(tx, id);
    if (!before) throw notFound();
    assertInScope(actor, before.unitPath);
    if (before.version !== input.version) throw conflict(presentDepartment(before, { unitName: before.unitName }));
    if (input.name && input.name !== before.name) {
      const [clash] = await tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.unitCode, before.unitCode), eq(departments.name, input.name)));
      if (clash) throw new AppError('DUPLICATE', { what: input.name });
    }
    const [after] = await tx
      .update(departments)
      .set({
        name: input.name ?? before.name,
        kind: input.kind ?? before.kind,
        contactName: input.contactName === undefined ? before.contactName : input.contactName || null,
        contactPhone: input.contactPhone === undefined ? before.contactPhone : input.contactPhone || null,
        active: input.active ?? before.active,
        version: before.version + 1,
        updatedAt: clockNow(),
      })
      .where(eq(departments.id, id))
      .returning();
    if (!after) throw notFound();
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'department.update',
      objectType: 'department',
      objectId: id,
      changes: diffFields(before, after, AUDITED),
    });
    return presentDepartment(after, { unitName: before.unitName });
  });
}

async function deleteDepartment(db: Db, actor: Actor, meta: RequestMeta, id: string) {
  await db.transaction(async (tx) => {
    const before = await findDepartment(tx, id);
    if (!before) throw notFound();
    assertInScope(actor, before.unitPath);
    const [members] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(users)
      .where(eq(users.departmentId, id));
    if ((members?.count ?? 0) > 0) throw new AppError('UNIT_IN_USE', { what: meta.lang === 'zh' ? '用户' : 'users' });
    await tx.delete(departments).where(eq(departments.id, id));
    await appendAudit(tx, subjectOf(actor), meta, {
      action: 'department.delete',
      objectType: 'department',
      objectId: id,
      changes: diffFields(before, null, AUDITED),
    });
  });
}

// Routes

const idParam = z.object({ id: z.uuid() });
const listQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  subtree: z.enum(['true', 'false']).optional(),
  q: z.string().max(50).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

export function registerDepartmentRoutes(app: App, db: Db): void {
  const scopedList = async (actor: Actor, query: z.infer<typeof listQuery>) => {
    const scopePath = await scopePathFor(db, actor, query.unit);
    return listDepartments(db, {
      scopePath,
      unitCode: query.unit,
      subtree: query.subtree === 'true' || !query.unit,
      q: query.q,
      includeInactive: query.includeInactive === 'true',
    });
  };

  app.get(
    '/api/v1/departments',
    { config: { access: 'org:read' }, schema: { tags: ['departments'], summary: '部门列表', querystring: listQuery } },
    async (request) => {
      const rows = await scopedList(requireActor(request), request.query);
      return { items: rows.map((r) => presentDepartment(r.department, { unitName: r.unitName, users: r.users })) };
    },
  );

  app.get(
    '/api/v1/departments/export',
    { config: { access: 'org:export' }, schema: { tags: ['departments'], summary: '导出部门（xlsx）', querystring: listQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const rows = await scopedList(actor, request.query);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const workbook = new ExcelJS.Workbook();
      addSheet(
        workbook,
        zh ? '部门' : 'Departments',
        [
          { header: zh ? '所属单位' : 'Unit', width: 24, value: (r) => r.unitName },
          { header: zh ? '单位编码' : 'Unit code', value: (r) => r.department.unitCode },
          { header: zh ? '部门名称' : 'Name', width: 28, value: (r) => r.department.name },
          {
            header: zh ? '类别' : 'Kind',
            width: 20,
            value: (r) => DEPARTMENT_KIND_LABELS[r.department.kind as DepartmentKind]?.[lang] ?? r.department.kind,
          },
          { header: zh ? '联系人' : 'Contact', value: (r) => r.department.contactName },
          { header: zh ? '联系电话' : 'Phone', value: (r) => r.department.contactPhone },
          { header: zh ? '用户数' : 'Users', value: (r) => r.users },
        ],
        rows,
      );
      await appendAuditSoon(db, subjectOf(actor), request.meta, {
        action: 'department.export',
        objectType: 'department',
        objectId: request.query.unit ?? actor.unitCode,
        detail: `${rows.length} rows`,
      });
      return sendWorkbook(reply, zh ? '部门.xlsx' : 'departments.xlsx', workbook);
    },
  );

  app.get(
    '/api/v1/departments/:id',
    { config: { access: 'org:read' }, schema: { tags: ['departments'], summary: '部门详情', params: idParam } },
    async (request) => {
      const actor = requireActor(request);
      const row = await findDepartment(db, request.params.id);
      if (!row) throw notFound();
      assertInScope(actor, row.unitPath);
      return presentDepartment(row, { unitName: row.unitName });
    },
  );

  app.post(
    '/api/v1/departments',
    {
      config: { access: 'org:write' },
      schema: { tags: ['departments'], summary: '新增部门', body: departmentBody.extend({ unitCode: z.string().regex(/^\d{6,15}$/) }) },
    },
    async (request, reply) => {
      return reply.status(201).send(await createDepartment(db, requireActor(request), request.meta, request.body));
    },
  );

  app.patch(
    '/api/v1/departments/:id',
    {
      config: { access: 'org:write' },
      schema: {
        tags: ['departments'],
        summary: '修改部门',
        params: idParam,
        body: departmentBody.partial().extend({ version: z.number().int(), active: z.boolean().optional() }),
      },
    },
    async (request) => updateDepartment(db, requireActor(request), request.meta, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/departments/:id',
    { config: { access: 'org:delete' }, schema: { tags: ['departments'], summary: '删除部门（无用户时）', params: idParam } },
    async (request, reply) => {
      await deleteDepartment(db, requireActor(request), request.meta, request.params.id);
      return reply.status(204).send();
    },
  );
}
