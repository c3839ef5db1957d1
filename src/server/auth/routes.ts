import { timeZone } from '../../shared/calendar.ts';
import { todayIso } from '../../shared/projects/dates.ts';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { permissionsOf, type RoleKey } from '../../shared/roles.ts';
import type { Db } from '../db/client.ts';
import { appendAudit, subjectOf } from '../audit/recorder.ts';
import { findUnit } from '../units/repository.ts';
import { presentUnit } from '../units/presenter.ts';
import { users } from '../users/schema.ts';
import { changeOwnPassword } from '../users/commands.ts';
import { readSettings } from '../settings/repository.ts';
import { notFound } from '../http/errors.ts';
import { requireActor, type App } from '../http/platform.ts';
import { login } from './login.ts';
import { deleteSession, SESSION_COOKIE } from './sessions.ts';

export interface CookieOptions {
  secure: boolean;
}

export function registerAuthRoutes(app: App, db: Db, cookie: CookieOptions): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '登录：成功返回 200 并设置会话 Cookie；凭据错误 401；锁定期间 429',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
      },
    },
    async (request, reply) => {
      const result = await login(db, request.body, { ...request.meta, userAgent: request.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: cookie.secure, expires: result.expiresAt });
      return { ok: true, mustChangePassword: result.mustChangePassword };
    },
  );

  app.post('/api/v1/auth/logout', { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: '退出登录，立即结束会话' } }, async (request, reply) => {
    const actor = requireActor(request);
    await db.transaction(async (tx) => {
      await deleteSession(tx, actor.sessionId);
      await appendAudit(tx, subjectOf(actor), request.meta, { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/v1/me', { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: '当前用户、所在单位、角色与权限' } }, async (request) => {
    const actor = requireActor(request);
    const unit = await findUnit(db, actor.unitCode);
    const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
    if (!unit || !user) throw notFound();
    const config = await readSettings(db, ['session.idleMinutes', 'system.title']);
    return {
      user: { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles as RoleKey[], departmentId: user.departmentId, mustChangePassword: user.mustChangePassword },
      unit: presentUnit(unit),
      permissions: [...permissionsOf(actor.roles)],
      session: { idleMinutes: Number(config['session.idleMinutes']) },
      systemTitle: String(config['system.title']),
      // dates and times are shown in the units' zone, not the browser's
      timeZone: timeZone(),
      today: todayIso(),
    };
  });

  app.post(
    '/api/v1/me/password',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: '修改本人密码', body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(128) }) } },
    async (request) => {
      await changeOwnPassword(db, requireActor(request), request.meta, request.body);
      return { ok: true };
    },
  );
}
