import { timeZone } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { z } from 'zod';
import { permissionsOf, type RoleKey } from '../../shared/roles.ts';
import type { Db } from '../db/client.ts';
import { findUnit } from '../units/repository.ts';
import { presentUnit } from '../units/presenter.ts';
import { changeOwnPassword } from '../users/commands.ts';
import { readSettings } from '../settings/repository.ts';
import { AppError, notFound } from '../http/errors.ts';
import { requireActor, type App } from '../http/platform.ts';
import { login, loginWithCode, logout, type LoginResult } from './login.ts';
import { findUserById } from '../users/repository.ts';
import { disableTotp, enableTotp, renewRecoveryCodes, setupTotp } from '../users/totp.ts';
import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE, SIGNED_IN_COOKIE } from './sessions.ts';
import {
  authLoginPostResponse,
  authLoginTotpPostResponse,
  authLogoutPostResponse,
  mePasswordPostResponse,
  meResponse,
  meTotpDisablePostResponse,
  meTotpEnablePostResponse,
  meTotpRecoveryCodesPostResponse,
  meTotpSetupPostResponse,
} from '../../shared/api/auth.ts';

export interface CookieOptions {
  secure: boolean;
}

export function registerAuthRoutes(app: App, db: Db, cookie: CookieOptions): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        response: { 200: authLoginPostResponse },
        tags: ['auth'],
        summary:
          '登录：成功返回 200 并设置会话 Cookie；凭据错误 401；已启用动态口令而未给出 totp 时 401 TOTP_REQUIRED（details.challenge 用于第二步）；同一地址失败过多或锁定期间 429',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256), totp: z.string().max(12).optional() }),
      },
    },
    async (request, reply) =>
      sessionReply(reply, await login(db, request.body, { ...request.meta, userAgent: request.headers['user-agent'] ?? null })),
  );

  app.post(
    '/api/v1/auth/login/totp',
    {
      config: { access: 'public' },
      schema: {
        response: { 200: authLoginTotpPostResponse },
        tags: ['auth'],
        summary: '登录第二步：动态口令（或一个恢复码）',
        body: z.object({
          challenge: z.string().min(20).max(100),
          code: z.string().max(12).optional(),
          recoveryCode: z.string().max(20).optional(),
        }),
      },
    },
    async (request, reply) =>
      sessionReply(reply, await loginWithCode(db, request.body, { ...request.meta, userAgent: request.headers['user-agent'] ?? null })),
  );

  const sessionReply = (reply: FastifyReply, result: LoginResult) => {
    if (result.kind === 'totp') throw new AppError('TOTP_REQUIRED', {}, { challenge: result.challenge });
    reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: cookie.secure,
      expires: result.expiresAt,
    });
    reply.setCookie(SIGNED_IN_COOKIE, '1', { path: '/', sameSite: 'strict', secure: cookie.secure, expires: result.expiresAt });
    return { ok: true, mustChangePassword: result.mustChangePassword };
  };

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { response: { 200: authLogoutPostResponse }, tags: ['auth'], summary: '退出登录，立即结束会话' },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await logout(db, actor, request.meta);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(SIGNED_IN_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { access: 'authenticated' },
      schema: { response: { 200: meResponse }, tags: ['auth'], summary: '当前用户、所在单位、角色与权限' },
    },
    async (request) => {
      const actor = requireActor(request);
      const unit = await findUnit(db, actor.unitCode);
      const user = await findUserById(db, actor.userId);
      if (!unit || !user) throw notFound();
      const config = await readSettings(db, ['session.idleMinutes', 'system.title']);
      return {
        user: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          roles: user.roles as RoleKey[],
          departmentId: user.departmentId,
          mustChangePassword: user.mustChangePassword,
          // who reset the password, and when: told to the user until they change it
          passwordReset: user.passwordResetAt ? { by: user.passwordResetBy, at: user.passwordResetAt.toISOString() } : null,
          totpEnabled: Boolean(user.totpEnabledAt),
          needsTotp: actor.needsTotp,
        },
        unit: presentUnit(unit),
        permissions: [...permissionsOf(actor.roles)],
        session: { idleMinutes: Number(config['session.idleMinutes']) },
        systemTitle: String(config['system.title']),
        // dates and times are shown in the units' zone, not the browser's
        timeZone: timeZone(),
        today: todayIso(),
      };
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { access: 'authenticated' },
      schema: {
        response: { 200: mePasswordPostResponse },
        tags: ['auth'],
        summary: '修改本人密码',
        body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(128) }),
      },
    },
    async (request) => {
      await changeOwnPassword(db, requireActor(request), request.meta, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/me/totp/setup',
    {
      config: { access: 'authenticated' },
      schema: { response: { 200: meTotpSetupPostResponse }, tags: ['auth'], summary: '设置动态口令：生成密钥与二维码（确认前不生效）' },
    },
    async (request) => setupTotp(db, requireActor(request), request.meta),
  );
  app.post(
    '/api/v1/me/totp/enable',
    {
      config: { access: 'authenticated' },
      schema: {
        response: { 200: meTotpEnablePostResponse },
        tags: ['auth'],
        summary: '以身份验证器的一个口令确认启用，返回10个恢复码（仅显示一次）',
        body: z.object({ code: z.string().min(6).max(12) }),
      },
    },
    async (request) => enableTotp(db, requireActor(request), request.meta, request.body.code),
  );
  app.post(
    '/api/v1/me/totp/disable',
    {
      config: { access: 'authenticated' },
      schema: {
        response: { 200: meTotpDisablePostResponse },
        tags: ['auth'],
        summary: '关闭动态口令（需密码；必须使用的账户不能关闭）',
        body: z.object({ password: z.string().min(1).max(256) }),
      },
    },
    async (request) => {
      await disableTotp(db, requireActor(request), request.meta, request.body.password);
      return { ok: true };
    },
  );
  app.post(
    '/api/v1/me/totp/recovery-codes',
    {
      config: { access: 'authenticated' },
      schema: {
        response: { 200: meTotpRecoveryCodesPostResponse },
        tags: ['auth'],
        summary: '重新生成恢复码（需密码）',
        body: z.object({ password: z.string().min(1).max(256) }),
      },
    },
    async (request) => renewRecoveryCodes(db, requireActor(request), request.meta, request.body.password),
  );
}
