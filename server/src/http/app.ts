import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController } from 'fastify';
import { accountRoutes } from '../routes/admin/account-routes.js';
import { adminRoutes } from '../routes/admin/route.js';
import { cityRoutes } from '../routes/admin/city-routes.js';
import { deskRoutes } from '../routes/desk/route.js';
import { mediaRoutes } from '../routes/media/route.js';
import { noticeRoutes } from '../routes/notices/route.js';
import { publicRoutes } from '../routes/public/route.js';
import { citizenReportRoutes } from '../routes/reports/route.js';
import { staffRoutes } from '../routes/staff/route.js';
import { suggestRoutes } from '../routes/suggest/route.js';
import { regionRoutes } from '../routes/regions/route.js';
import { pushRoutes } from '../routes/push/route.js';
import { liveRoutes } from '../routes/live/route.js';
import { kpiRoutes } from '../routes/kpi/route.js';
import { corsOriginsOf } from '../config.js';
import type { AppContext } from '../services/app/app-context.js';
import { reportVideoSupport } from '../services/intake/media-service.js';
import { SECURITY_SCHEMES } from '../routes/security.js';
import { frameworkError, installErrorHandling } from './errors.js';
import { largestFileBytes } from './multipart.js';
import { registerCitizenTokenGuard } from './citizen-token-guard.js';
import { registerStaffWriteLimit } from './staff-write-limit.js';
import { tooManyAttempts } from '../security/attempt-limiter.js';
import { rejectUnstorableText } from './unstorable-text.js';
import { validatorCompiler } from './validator-compilers.js';
import { nameComponents } from './openapi-components.js';
import { DEFAULT_HTTP_OPTIONS, type HttpOptions } from './http-options.js';
import { smsWebhookRoutes } from '../channels/sms/sms-webhook.js';
import { laporWebhookRoutes } from '../channels/lapor/lapor-webhook.js';
import { telegramWebhookRoutes } from '../channels/telegram/telegram-webhook.js';
import { whatsappWebhookRoutes } from '../channels/whatsapp/whatsapp-webhook.js';
import { messengerWebhookRoutes } from '../channels/messenger/messenger-webhook.js';
import { xWebhookRoutes } from '../channels/x/x-webhook.js';
import { type HttpSecurityOptions, registerSecurityHeaders } from './security-headers.js';
import { DEFAULT_WEB_ROOT, registerWebApp } from './web-app.js';

/** How long a health check waits for the database before calling the server unhealthy. */
const HEALTH_TIMEOUT_MS = 2_000;

export async function buildApp(
  ctx: AppContext,
  options: HttpOptions & Partial<HttpSecurityOptions> = DEFAULT_HTTP_OPTIONS,
) {
  const app = Fastify({
    loggerInstance: ctx.log,
    // One access line per request (below) instead of Fastify's two ("incoming request", "request completed")
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1_048_576,
    frameworkErrors: frameworkError,
    // behind a proxy: the client's address for per-address limits, https for the Secure session cookie
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandling(app);
  app.addHook('preValidation', rejectUnstorableText);
  // The route pattern, not the URL: tickets and query strings stay out of the log.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
  // Security headers and cross-origin access (none unless SIGAP_CORS_ORIGINS lists origins), before any route;
  // at start, the operator learns whether videos can be accepted (ffmpeg) or will be refused.
  await registerSecurityHeaders(app, { corsOrigins: options.corsOrigins ?? corsOriginsOf(process.env) });
  app.addHook('onReady', () => reportVideoSupport(ctx.media, ctx.log));
  await app.register(cookie);
  // limits are set per route (sign-in, intake); most traffic is not limited here but at the edge
  await app.register(rateLimit, {
    global: false,
    // the project's error shape, saying when to try again (the plugin sets Retry-After)
    errorResponseBuilder: (_request, context) => tooManyAttempts(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  registerCitizenTokenGuard(
    app,
    options.badCitizenTokensPerMinute ?? DEFAULT_HTTP_OPTIONS.badCitizenTokensPerMinute,
  );
  registerStaffWriteLimit(
    app,
    ctx,
    options.staffWritesPerMinute ?? DEFAULT_HTTP_OPTIONS.staffWritesPerMinute,
  );
  await app.register(multipart, {
    limits: {
      fileSize: largestFileBytes(ctx.media.limits),
      files: ctx.media.limits.maxPhotosPerReport + ctx.media.limits.maxVideosPerReport,
      fields: 20,
      fieldSize: 100_000,
    },
  });
  // A form refused before its end (a byte cap, a broken part): the rest of its body is never read, so the
  // connection cannot carry another request; it is closed after the answer instead of hanging the next one.
  app.addHook('onSend', async (request, reply) => {
    if (request.isMultipart() && !request.raw.readableEnded) reply.header('connection', 'close');
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sigap API',
        version: '1',
        description:
          'Laporan warga dari setiap kanal, ditangani sampai Selesai, tanpa membuka identitas pelapor. / ' +
          'Citizen reports from every channel, handled to Selesai, without exposing who reported.',
      },
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transformObject: (document) =>
      'openapiObject' in document ? nameComponents(document.openapiObject) : document.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    if (await ctx.store.ping(HEALTH_TIMEOUT_MS)) return { status: 'ok', engine: ctx.store.engine };
    return reply.status(503).send({
      status: 'unavailable',
      engine: ctx.store.engine,
      message: {
        id: 'Basis data tidak menjawab',
        en: 'The database does not answer',
      },
    });
  });
  await app.register(citizenReportRoutes(ctx, options));
  await app.register(staffRoutes(ctx, options));
  await app.register(publicRoutes(ctx));
  await app.register(mediaRoutes(ctx));
  await app.register(noticeRoutes(ctx));
  await app.register(adminRoutes(ctx));
  await app.register(accountRoutes(ctx));
  await app.register(cityRoutes(ctx));
  await app.register(deskRoutes(ctx));
  if (options.sms) await app.register(smsWebhookRoutes(ctx, options.sms));
  if (options.telegram) await app.register(telegramWebhookRoutes(ctx, options.telegram));
  if (options.whatsapp) await app.register(whatsappWebhookRoutes(ctx, options.whatsapp));
  if (options.facebook) await app.register(messengerWebhookRoutes(ctx, options.facebook));
  if (options.instagram) await app.register(messengerWebhookRoutes(ctx, options.instagram));
  if (options.twitter) await app.register(xWebhookRoutes(ctx, options.twitter));
  if (options.lapor) await app.register(laporWebhookRoutes(ctx, options.lapor));
  await app.register(suggestRoutes(ctx));
  await app.register(regionRoutes(ctx, options.mapTiles ?? null));
  await app.register(pushRoutes(ctx));
  await app.register(liveRoutes(ctx, options.live));
  await app.register(kpiRoutes(ctx));
  // the citizen web app at / (when built), after the API so that its fallback never answers for it
  await registerWebApp(
    app,
    options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot,
    options.mapTiles ?? null,
  );
  return app;
}
