import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldIssueMessage } from '../../shared/validation.ts';
import { errorMessage, type ErrorCode, type Lang } from '../../shared/errors.ts';
import { hasPermission, type PermissionKey, type RoleKey } from '../../shared/roles.ts';
import type { Db } from '../db/client.ts';
import { appendAuditSoon, subjectOf } from '../audit/recorder.ts';
import { hashToken, resolveSession, SESSION_COOKIE, SIGNED_IN_COOKIE } from '../auth/sessions.ts';
import { forgetSession, rememberSession, sessionHint, type Prefetch } from './prefetch.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { AppError, HTTP_STATUS, isHiddenDenial } from './errors.ts';
import { errorResponses } from '../../shared/api/common.ts';

/**
 * Every route declares who may call it; a route without a declaration refuses to register. A list of permissions
 * means any one of them (a meeting is run by the officers who write and the reviewers who chair alike).
 */
export type RouteAccess = 'public' | 'authenticated' | PermissionKey | readonly PermissionKey[];

/** Whether roles satisfy a route's permission declaration (one permission, or any one of a list). */
export const satisfies = (roles: readonly RoleKey[], access: PermissionKey | readonly PermissionKey[]): boolean =>
  typeof access === 'string' ? hasPermission(roles, access) : access.some((permission) => hasPermission(roles, permission));

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** a read-only route's statements, started beside the session's when this instance knows the session (prefetch.ts) */
    prefetch?: Prefetch;
  }
  interface FastifyRequest {
    actor: Actor | null;
    meta: RequestMeta;
  }
}

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export const LANG_COOKIE = 'zhaoyin_lang';

/**
 * Routes added by plugins are public by this explicit rule, and only these: the API docs, and the web UI's static
 * files outside /api. Every other route, whatever its prefix, must declare its access or the app refuses to start.
 */
function isPluginPublicRoute(url: string): boolean {
  if (url === '/api/docs' || url.startsWith('/api/docs/')) return true;
  if (url.startsWith('/api')) return false;
  // the build's files at the root, and the .br / .gz the build writes beside them (index.html once it passes 1 KB)
  return (
    url === '/' ||
    url === '/*' ||
    url.startsWith('/assets/') ||
    /^\/[\w.-]+\.(html|ico|png|svg|txt|webmanifest|json)(\.(br|gz))?$/.test(url)
  );
}

const WHILE_PASSWORD_MUST_CHANGE = new Set(['GET /api/v1/me', 'POST /api/v1/me/password', 'POST /api/v1/auth/logout']);
const WHILE_TOTP_MISSING = new Set([...WHILE_PASSWORD_MUST_CHANGE, 'POST /api/v1/me/totp/setup', 'POST /api/v1/me/totp/enable']);

export interface RegisteredRoute {
  method: string;
  url: string;
  /** null: the route declared nothing (registration then fails; the inventory still shows it). */
  access: RouteAccess | null;
  /** The schema of its success response (200 or 201), when it answers JSON. */
  success?: unknown;
}

/** The routes of an inventory that declare no access. */
export const undeclaredRoutes = (routes: readonly RegisteredRoute[]): RegisteredRoute[] => routes.filter((route) => route.access === null);

export function languageOf(request: FastifyRequest): Lang {
  const explicit = request.headers['x-lang'] ?? request.cookies?.[LANG_COOKIE];
  const value = (Array.isArray(explicit) ? explicit[0] : explicit) ?? request.headers['accept-language'] ?? '';
  return value.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

export function sendError(reply: FastifyReply, lang: Lang, code: ErrorCode, params?: Record<string, string | number>, details?: unknown) {
  const message = errorMessage(code, lang, params);
  // an upload refused as a whole also speaks the sheet endpoints' error list, which every upload form shows
  const sheetErrors = code.startsWith('UPLOAD_') ? { errors: [{ row: 0, column: '', message }] } : {};
  return reply.status(HTTP_STATUS[code]).send({ error: { code, message, ...(details === undefined ? {} : { details }) }, ...sheetErrors });
}

/** Postgres errors that user input can cause (a duplicate key, a value out of range) are the user's, not the server's. */
function databaseErrorCode(error: unknown): ErrorCode | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      if (code === '23505') return 'CONFLICT';
      if (code.startsWith('22')) return 'VALIDATION'; // data exceptions: a value out of range, a bad date …
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function localizeIssue(
  lang: Lang,
  validation: { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> },
): { path: string; message: string } {
  const path = validation.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const issue = { ...validation.params, code: validation.keyword, path: path ? path.split('.') : [], input: undefined };
  // our wording of the common mistakes first; Zod's locale for the rest (its "received …" is left out: the input is not kept)
  const clearer = fieldIssueMessage(issue, lang);
  if (clearer) return { path, message: clearer };
  const locale = lang === 'zh' ? z.locales.zhCN() : z.locales.en();
  const localized = locale.localeError(issue as never);
  const message = typeof localized === 'string' ? localized : (localized?.message ?? validation.message ?? '');
  return { path, message };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a state-changing API request comes from a page of another site (cross-site request forgery). The browser
 * says where a request comes from in Origin (or, failing that, Referer); a request saying neither is not a browser's
 * form or script and passes (the session cookie is SameSite=Strict besides). Allowed: this server's own host, as the
 * browser addressed it, and the ⚙ ALLOWED_ORIGINS.
 */
export function isForeignOrigin(request: Pick<FastifyRequest, 'method' | 'url' | 'headers' | 'host'>, allowed: readonly string[]): boolean {
  if (!STATE_CHANGING.has(request.method) || !request.url.startsWith('/api/')) return false;
  const source = request.headers.origin ?? request.headers.referer;
  if (source === undefined) return false;
  let origin: URL;
  try {
    origin = new URL(source);
  } catch {
    return true; // "null" (a sandboxed frame, a file) or garbage
  }
  if (origin.host === request.host) return false;
  return !allowed.includes(origin.origin);
}

export interface PlatformOptions {
  /** Origins besides the server's own allowed to send state-changing requests (⚙ ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
}

export function registerPlatform(app: App, db: Db, routes: RegisteredRoute[], options: PlatformOptions = {}): void {
  const allowedOrigins = options.allowedOrigins ?? [];
  app.decorateRequest('actor', null);
  app.decorateRequest('meta', null as unknown as RequestMeta);

  app.addHook('onRoute', (route) => {
    route.config ??= {};
    const config = route.config as { access?: RouteAccess };
    if (!config.access && isPluginPublicRoute(route.url)) config.access = 'public';
    const declared = route.schema?.response as Record<string, unknown> | undefined;
    const success = declared?.['200'] ?? declared?.['201'];
    for (const method of [route.method].flat())
      routes.push({ method: String(method), url: route.url, access: config.access ?? null, success });
    if (!config.access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access: every route is denied by default`);
    // every documented route answers errors in the one shape (code, message in the caller's language, details)
    if (route.schema && !route.schema.hide) route.schema.response = { ...errorResponses, ...(route.schema.response as object | undefined) };
  });

  app.addHook('onRequest', async (request, reply) => {
    request.meta = { ip: request.ip ?? null, lang: languageOf(request) };
    if (isForeignOrigin(request, allowedOrigins))
      throw new AppError('FOREIGN_ORIGIN', {}, { origin: request.headers.origin ?? request.headers.referer ?? null });
    const access = request.routeOptions.config.access;
    if (access === 'public' || access === undefined) return;
    const token = request.cookies[SESSION_COOKIE];
    const prefetch = request.routeOptions.config.prefetch;
    if (prefetch && token && request.method === 'GET') {
      const hint = sessionHint(hashToken(token));
      if (hint) prefetch.start(request, hint);
    }
    const lookup = await resolveSession(db, token);
    request.actor = lookup.status === 'ok' ? lookup.actor : null;
    if (request.actor) rememberSession(request.actor);
    else if (token) forgetSession(hashToken(token));
    if (!request.actor) {
      if (lookup.status === 'expired') reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(SIGNED_IN_COOKIE, { path: '/' });
      return sendError(reply, request.meta.lang, lookup.status === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    }
    // enforced here, not in the browser: a reset, expired or demo password, or a missing second factor, leaves the
    // session nothing but putting it right
    if (request.actor.mustChangePassword || request.actor.needsTotp) {
      const route = `${request.method} ${request.routeOptions.url ?? ''}`;
      const open = request.actor.mustChangePassword ? WHILE_PASSWORD_MUST_CHANGE : WHILE_TOTP_MISSING;
      if (!open.has(route)) throw new AppError(request.actor.mustChangePassword ? 'PASSWORD_CHANGE_REQUIRED' : 'TOTP_ENROLLMENT_REQUIRED');
    }
    if (access !== 'authenticated' && !satisfies(request.actor.roles, access))
      throw new AppError('FORBIDDEN', {}, { permission: typeof access === 'string' ? access : access.join('|') });
  });

  // Text no database can store (a lone UTF-16 surrogate, NUL) is refused at the door, whatever the route: nothing
  // downstream — the audit chain, an export stream, a jsonb column — has to cope with it.
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const bad = findUnstorableText(part);
      if (bad)
        throw new AppError('VALIDATION', {
          detail:
            request.meta.lang === 'zh'
              ? `${bad}含有无法保存的字符（如不成对的代理字符或空字符），请删除后重试`
              : `${bad} holds characters that cannot be stored (an unpaired surrogate or NUL)`,
        });
    }
  });

  app.setErrorHandler(async (error, request, reply) => {
    const lang = request.meta?.lang ?? languageOf(request);
    if (error instanceof AppError) {
      if (isHiddenDenial(error)) {
        await recordDenial(db, request, new AppError('OUT_OF_SCOPE'));
        return sendError(reply, lang, error.code, error.params);
      }
      if (HTTP_STATUS[error.code] === 403) await recordDenial(db, request, error);
      const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) reply.header('retry-after', String(retry));
      return sendError(reply, lang, error.code, error.params, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => localizeIssue(lang, v as never));
      const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
      return sendError(reply, lang, 'VALIDATION', { detail }, issues);
    }
    const statusCode = (error as { statusCode?: number }).statusCode;
    if (statusCode === 413) return sendError(reply, lang, 'PAYLOAD_TOO_LARGE');
    const dbCode = databaseErrorCode(error);
    if (dbCode) {
      request.log.warn({ err: error }, 'database rejected input');
      return sendError(reply, lang, dbCode, { detail: lang === 'zh' ? '数据不符合要求' : 'the data was rejected' });
    }
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      return sendError(
        reply,
        lang,
        'VALIDATION',
        { detail: lang === 'zh' ? '请求格式不正确' : 'malformed request' },
        { reason: (error as Error).message },
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, lang, 'INTERNAL');
  });
}

async function recordDenial(db: Db, request: FastifyRequest, error: AppError): Promise<void> {
  try {
    await appendAuditSoon(db, subjectOf(request.actor), request.meta, {
      action: 'access.denied',
      objectType: 'route',
      objectId: `${request.method} ${request.routeOptions.url ?? request.url}`,
      outcome: 'denied',
      detail: `${error.code} ${request.url}`.slice(0, 500),
    });
  } catch (auditError) {
    request.log.error({ err: auditError }, 'could not audit a denial');
  }
}

/** The path of the first string (or key) holding a lone surrogate or NUL, or null. */
export function findUnstorableText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.isWellFormed() && !value.includes('\u0000') ? null : path || 'text';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (!key.isWellFormed() || key.includes('\u0000')) return path || 'key';
      const found = findUnstorableText(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}
