import { dateTimeIn, timeZone, zoneLabel } from '../../shared/calendar.ts';
import { lockedUsernames } from '../auth/throttle.ts';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { ROLE_KEYS, ROLE_LABELS, type RoleKey } from '../../shared/roles.ts';
import type { Db } from '../db/client.ts';
import { appendAuditSoon, subjectOf } from '../audit/recorder.ts';
import { addSheet, sendWorkbook } from '../http/excel.ts';
import { requireActor, type App } from '../http/platform.ts';
import { scopePathFor } from '../units/repository.ts';
import { presentUser } from './presenter.ts';
import { listUsers } from './repository.ts';
import { createUser, resetPassword, setUserActive, setUserRoles, unlockUser, updateUser } from './commands.ts';
import { resetUserTotp } from './totp.ts';
import { userSchema, usersByIdResetTotpPostResponse, usersResponse } from '../../shared/api/users.ts';

const idParam = z.object({ id: z.uuid() });
const listQuery = z.object({
  unit: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  q: z.string().max(50).optional(),
  role: z.enum(ROLE_KEYS).optional(),
  active: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

export function registerUserRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/users',
    {
      config: { access: 'users:read' },
      schema: { response: { 200: usersResponse }, tags: ['users'], summary: '用户列表', querystring: listQuery },
    },
    async (request) => {
      const scopePath = await scopePathFor(db, requireActor(request), request.query.unit);
      const { rows, total } = await listUsers(db, scopePath, request.query, true);
      const locked = await lockedUsernames(
        db,
        rows.map((r) => r.user.username),
      );
      return { items: rows.map((r) => presentUser(r.user, { ...r, lockedSomewhere: locked.has(r.user.username) })), total };
    },
  );

  app.get(
    '/api/v1/users/export',
    { config: { access: 'users:read' }, schema: { tags: ['users'], summary: '导出用户（xlsx）', querystring: listQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { rows } = await listUsers(db, await scopePathFor(db, actor, request.query.unit), request.query, false);
      const lang = request.meta.lang;
      const zh = lang === 'zh';
      const workbook = new ExcelJS.Workbook();
      addSheet(
        workbook,
        zh ? '用户' : 'Users',
        [
          { header: zh ? '用户名' : 'Username', value: (r) => r.user.username },
          { header: zh ? '姓名' : 'Name', value: (r) => r.user.displayName },
          { header: zh ? '所属单位' : 'Unit', width: 26, value: (r) => r.unitName },
          { header: zh ? '部门' : 'Department', width: 20, value: (r) => r.departmentName },
          {
            header: zh ? '角色' : 'Roles',
            width: 26,
            value: (r) => (r.user.roles as RoleKey[]).map((role) => ROLE_LABELS[role]?.[lang] ?? role).join('、'),
          },
          { header: zh ? '状态' : 'Status', value: (r) => (r.user.active ? (zh ? '启用' : 'active') : zh ? '停用' : 'disabled') },
          {
            header: zh ? `最近登录（${zoneLabel(timeZone(), 'zh')}）` : `Last sign-in (${zoneLabel(timeZone(), 'en')})`,
            width: 20,
            value: (r) => (r.user.lastLoginAt ? dateTimeIn(r.user.lastLoginAt) : null),
          },
        ],
        rows,
      );
      await appendAuditSoon(db, subjectOf(actor), request.meta, {
        action: 'user.export',
        objectType: 'user',
        objectId: request.query.unit ?? actor.unitCode,
        detail: `${rows.length} rows`,
      });
      return sendWorkbook(reply, zh ? '用户.xlsx' : 'users.xlsx', workbook);
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: 'users:write' },
      schema: {
        response: { 201: userSchema },
        tags: ['users'],
        summary: '新增用户（角色由安全管理员授予）',
        body: z.object({
          username: z.string().trim().min(3).max(32),
          displayName: z.string().trim().min(1).max(30),
          password: z.string().min(1).max(128),
          unitCode: z.string().regex(/^\d{6,15}$/),
          departmentId: z.uuid().nullish(),
          phone: z.string().trim().max(20).nullish(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(presentUser(await createUser(db, requireActor(request), request.meta, request.body))),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: 'users:write' },
      schema: {
        response: { 200: userSchema },
        tags: ['users'],
        summary: '修改用户（姓名、单位、部门、电话）',
        params: idParam,
        body: z.object({
          version: z.number().int(),
          displayName: z.string().trim().min(1).max(30).optional(),
          unitCode: z
            .string()
            .regex(/^\d{6,15}$/)
            .optional(),
          departmentId: z.uuid().nullish(),
          phone: z.string().trim().max(20).nullish(),
        }),
      },
    },
    async (request) => presentUser(await updateUser(db, requireActor(request), request.meta, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/users/:id/disable',
    {
      config: { access: 'users:write' },
      schema: {
        response: { 200: userSchema },
        tags: ['users'],
        summary: '停用用户（立即结束其会话；管理员账户不能停用，403）',
        params: idParam,
      },
    },
    async (request) => presentUser(await setUserActive(db, requireActor(request), request.meta, request.params.id, false)),
  );
  app.post(
    '/api/v1/users/:id/enable',
    { config: { access: 'users:write' }, schema: { response: { 200: userSchema }, tags: ['users'], summary: '启用用户', params: idParam } },
    async (request) => presentUser(await setUserActive(db, requireActor(request), request.meta, request.params.id, true)),
  );
  app.post(
    '/api/v1/users/:id/unlock',
    {
      config: { access: 'security:write' },
      schema: {
        response: { 200: userSchema },
        tags: ['users'],
        summary: '解除登录锁定（安全管理员；含各地址对该账户的锁定）',
        params: idParam,
      },
    },
    async (request) => presentUser(await unlockUser(db, requireActor(request), request.meta, request.params.id)),
  );
  app.post(
    '/api/v1/users/:id/reset-totp',
    {
      config: { access: 'security:write' },
      schema: {
        response: { 200: usersByIdResetTotpPostResponse },
        tags: ['users'],
        summary: '清除业务用户丢失的动态口令（安全管理员；管理员账户须用命令行）',
        params: idParam,
      },
    },
    async (request) => {
      await resetUserTotp(db, requireActor(request), request.meta, request.params.id);
      return { ok: true };
    },
  );
  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: 'users:write' },
      schema: {
        response: { 200: userSchema },
        tags: ['users'],
        summary: '重置业务用户的密码（用户须先修改才能操作；管理员账户不能重置，403）',
        params: idParam,
        body: z.object({ password: z.string().min(1).max(128) }),
      },
    },
    async (request) => presentUser(await resetPassword(db, requireActor(request), request.meta, request.params.id, request.body.password)),
  );
  app.put(
    '/api/v1/users/:id/roles',
    {
      config: { access: 'users:grant' },
      schema: {
        response: { 200: userSchema },
        tags: ['users'],
        summary: '设置角色（安全管理员）',
        params: idParam,
        body: z.object({ roles: z.array(z.string()).max(7), version: z.number().int() }),
      },
    },
    async (request) => presentUser(await setUserRoles(db, requireActor(request), request.meta, request.params.id, request.body)),
  );
}
