import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { AppError } from './http/errors.ts';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { contractSerializer } from './http/contract.ts';
import { securityHeaders } from './http/security-headers.ts';
import type { Db } from './db/client.ts';
import { DEFAULT_TIME_ZONE, systemClock, installClock, type Clock } from '../shared/calendar.ts';
import { registerPlatform, sendError, type App, type RegisteredRoute } from './http/platform.ts';
import { registerAuditRoutes } from './audit/routes.ts';
import { registerAuthRoutes } from './auth/routes.ts';
import { registerChainRoutes } from './chains/routes.ts';
import { registerTripRoutes } from './trips/routes.ts';
import { registerEventRoutes } from './events/routes.ts';
import { registerAdvisorRoutes } from './advisors/routes.ts';
import { registerScoreboardRoutes } from './scoreboard/routes.ts';
import { registerSourceRoutes } from './sources/routes.ts';
import { registerCompanyRoutes } from './companies/routes.ts';
import { registerDepartmentRoutes } from './departments/routes.ts';
import { registerSettingsRoutes } from './settings/routes.ts';
import { registerUnitRoutes } from './units/routes.ts';
import { registerUserRoutes } from './users/routes.ts';
import { registerProjectExcelRoutes, registerProjectRoutes } from './projects/routes.ts';
import { registerRateRoutes } from './projects/ratesRoutes.ts';
import { registerTargetRoutes } from './targets/routes.ts';
import { registerCockpitRoutes } from './targets/cockpitRoutes.ts';
import { registerTargetExcelRoutes } from './targets/excelRoutes.ts';
import { registerLeagueRoutes } from './league/routes.ts';
import { registerReportingRoutes } from './reporting/routes.ts';
import { registerAlertRoutes } from './alerts/routes.ts';
import { registerDeskRoutes } from './desk/routes.ts';
import { registerBlockerRoutes } from './blockers/routes.ts';
import { registerBulletinRoutes } from './bulletins/routes.ts';
import { registerMeetingRoutes } from './meetings/routes.ts';
import { registerSponsorRoutes } from './sponsors/routes.ts';

export interface AppOptions {
  db: Db;
  /** A pino logger; none in tests. */
  logger?: FastifyBaseLogger;
  /** HTTPS in front: the cookie gets Secure and responses HSTS. */
  cookieSecure?: boolean;
  trustProxy?: boolean;
  /** Other origins allowed to send state-changing requests (⚙ ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** Requests a minute from one address before 429 (⚙ RATE_LIMIT_PER_MINUTE; 0: off). Loopback is not counted. */
  rateLimitPerMinute?: number;
  /** Built web UI to serve; absent in API-only tests. */
  webDir?: string;
  /** Where "now" comes from (every date rule reads it), and the units' time zone (⚙ TIME_ZONE, default Asia/Shanghai). */
  clock?: Clock;
  timeZone?: string;
  /** A response that does not match its route's schema fails (tests; default under Vitest) instead of being logged. */
  strictResponses?: boolean;
  /** Outside strict mode, every how many responses of a route are checked against its schema (⚙ RESPONSE_CHECK_EVERY). */
  responseCheckEvery?: number;
}

export interface BuiltApp {
  app: App;
  routes: RegisteredRoute[];
}

/** One log line per request, written when it is answered, with what the incoming line used to say (Fastify writes two). */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}

export async function buildApp(options: AppOptions): Promise<BuiltApp> {
  if (options.clock || options.timeZone) installClock(options.clock ?? systemClock, options.timeZone ?? DEFAULT_TIME_ZONE);
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 20 * 1024 * 1024,
    logController: new OneLinePerRequest(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(
    contractSerializer(options.strictResponses ?? Boolean(process.env.VITEST), app.log, options.responseCheckEvery ?? 100),
  );
  const routes: RegisteredRoute[] = [];
  await app.register(cookie);
  const headers = securityHeaders({ https: Boolean(options.cookieSecure) });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  // A coarse flood guard per address, counted by each instance (a reverse proxy or the shared sign-in throttle does
  // the precise work); loopback — the proxy in front, the benchmarks — is not counted.
  const perMinute = options.rateLimitPerMinute ?? 1200;
  if (perMinute > 0) {
    await app.register(rateLimit, {
      global: true,
      max: perMinute,
      timeWindow: 60_000,
      allowList: (request) => ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(request.ip),
      errorResponseBuilder: (_request, context) => new AppError('RATE_LIMITED', {}, { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
    });
  }
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  registerPlatform(app, options.db, routes, { allowedOrigins: options.allowedOrigins ?? [] });

  await app.register(swagger, {
    openapi: {
      info: {
        title: '招引 Zhaoyin API',
        version: '1',
        description: '招商引资与重大项目调度平台。所有接口默认拒绝访问，按用户所在单位及下级单位授权。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zhaoyin_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ ok: true }));

  registerAuthRoutes(app, options.db, { secure: options.cookieSecure ?? false });
  registerUnitRoutes(app, options.db);
  registerDepartmentRoutes(app, options.db);
  registerChainRoutes(app, options.db);
  registerTripRoutes(app, options.db);
  registerEventRoutes(app, options.db);
  registerAdvisorRoutes(app, options.db);
  registerScoreboardRoutes(app, options.db);
  registerSourceRoutes(app, options.db);
  registerCompanyRoutes(app, options.db);
  registerUserRoutes(app, options.db);
  registerSettingsRoutes(app, options.db);
  registerAuditRoutes(app, options.db);
  registerProjectExcelRoutes(app, options.db);
  registerProjectRoutes(app, options.db);
  registerRateRoutes(app, options.db);
  registerTargetRoutes(app, options.db);
  registerTargetExcelRoutes(app, options.db);
  registerCockpitRoutes(app, options.db);
  registerLeagueRoutes(app, options.db);
  registerReportingRoutes(app, options.db);
  registerAlertRoutes(app, options.db);
  registerDeskRoutes(app, options.db);
  registerBlockerRoutes(app, options.db);
  registerBulletinRoutes(app, options.db);
  registerMeetingRoutes(app, options.db);
  registerSponsorRoutes(app, options.db);

  const webDir = options.webDir;
  const hasWeb = webDir !== undefined && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      // the build writes .br and .gz beside each asset: sent as they are to a browser that takes them
      preCompressed: true,
      setHeaders: (reply, file) => {
        // hashed file names never change their content: cached for a year; the page itself is asked for every time
        if (file.includes(`${path.sep}assets${path.sep}`)) reply.header('cache-control', 'public, max-age=31536000, immutable');
        else reply.header('cache-control', 'no-cache');
      },
    });
  app.setNotFoundHandler((request, reply) => {
    const lang = request.meta?.lang ?? 'zh';
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb) return sendError(reply, lang, 'NOT_FOUND');
    // The web UI routes on the client: every other GET gets its page.
    return reply.type('text/html').sendFile('index.html');
  });
  await app.ready();
  return { app, routes };
}
