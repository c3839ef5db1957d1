// Departments (部门) of a unit: routes only — validation, policy, a call, the presenter.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { DEPARTMENT_KIND_LABELS, type DepartmentKind } from '../../shared/departments.ts';
import { appendAuditSoon, subjectOf } from '../audit/recorder.ts';
import type { Db } from '../db/client.ts';
import { assertInScope, type Actor } from '../http/actor.ts';
import { notFound } from '../http/errors.ts';
import { addSheet, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { scopePathFor } from '../units/repository.ts';
import { createDepartment, deleteDepartment, departmentBody, updateDepartment } from './commands.ts';
import { presentDepartment } from './presenter.ts';
import { findDepartment, listDepartments } from './repository.ts';
import { departmentSchema, departmentsResponse } from '../../shared/api/departments.ts';

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
    {
      config: { access: 'org:read' },
      schema: { response: { 200: departmentsResponse }, tags: ['departments'], summary: '部门列表', querystring: listQuery },
    },
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
    {
      config: { access: 'org:read' },
      schema: { response: { 200: departmentSchema }, tags: ['departments'], summary: '部门详情', params: idParam },
    },
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
      schema: {
        response: { 201: departmentSchema },
        tags: ['departments'],
        summary: '新增部门',
        body: departmentBody.extend({ unitCode: z.string().regex(/^\d{6,15}$/) }),
      },
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
        response: { 200: departmentSchema },
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
