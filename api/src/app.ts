import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import bodyParser from '@koa/bodyparser';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import type { Deps } from './deps.js';
import { errorHandler } from './middlewares/errors.js';
import { assertNoHiddenText, assertNoOperators } from './middlewares/validate.js';
import { readPrincipal } from './middlewares/auth.js';
import { createRateLimiters } from './middlewares/rateLimit.js';
import { mountRoutes } from './routes/mount.js';
import { allRoutes } from './routes/index.js';
import { buildOpenApiDocument } from './openapi.js';
import { serveH5 } from './h5.js';
import { metricsEndpoint } from './middlewares/metrics.js';

/** Builds one api instance. Several may share a database; none keeps state that matters. */
export function createApp(deps: Deps): Koa {
  // Trust X-Forwarded-For only behind our own proxy, and then only its last hop: a client-chosen
  // header must not pick the address that login rate limits are keyed on.
  const app = new Koa({ proxy: deps.env.TRUST_PROXY, maxIpsCount: 1 });
  app.context.deps = deps;
  // Koa would print errors we already mapped and logged; keep stderr for real faults.
  app.silent = true;

  app.use(async (ctx, next) => {
    const requestId = ctx.get('x-request-id').slice(0, 64) || randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    ctx.log = deps.logger.child({ requestId });
    const started = performance.now();
    try {
      await next();
    } finally {
      // Only method, route and status: query strings and bodies may carry personal data.
      const ms = performance.now() - started;
      ctx.log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms) }, 'request');
      const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? (ctx.path.startsWith('/h5') ? '/h5' : 'other');
      deps.metrics.httpDuration.observe({ method: ctx.method, route, status: String(ctx.status) }, ms / 1000);
    }
  });
  app.use(errorHandler);
  app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } } }));
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('origin');
        return deps.env.CORS_ORIGINS.includes(origin) ? origin : '';
      },
      allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id'],
      maxAge: 600,
    }),
  );
  // Before readPrincipal: the scraper's bearer token is not a user JWT.
  app.use(metricsEndpoint(deps));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: `${deps.env.BODY_LIMIT_KB}kb`, encoding: 'utf-8' }));
  app.use(async (ctx, next) => {
    assertNoOperators((ctx.request as { body?: unknown }).body, 'body');
    assertNoOperators(ctx.query, 'query');
    await readPrincipal(ctx);
    // What people type is refused with hidden characters in it; what the bot relays from WeChat
    // (nicknames, room topics, chat text) is not ours to refuse, or a command would go unanswered.
    if (!ctx.state.bot) {
      assertNoHiddenText((ctx.request as { body?: unknown }).body);
      assertNoHiddenText(ctx.query);
    }
    await next();
  });

  app.use(async (ctx, next) => {
    if (ctx.path !== '/healthz') return next();
    const started = performance.now();
    try {
      await deps.models.conn.db!.admin().ping();
      ctx.body = { ok: true, db: 'up', ms: Math.round(performance.now() - started) };
    } catch {
      ctx.status = 503;
      ctx.body = { ok: false, db: 'down', error: { code: 'service_unavailable', message: '数据库暂时不可用' } };
    }
  });

  const routes = allRoutes();
  const openapi = buildOpenApiDocument(routes);
  app.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === '/api/v1/openapi.json') ctx.body = openapi;
    else await next();
  });
  serveH5(app, deps.env.H5_DIR);
  const router = mountRoutes(routes, createRateLimiters(deps.env));
  app.use(async (ctx, next) => {
    await next();
    // koa-router answers methods it has never heard of (TRACE, CONNECT…) with 501; to a client that is
    // simply a method this resource does not allow.
    if (ctx.status === 501) {
      ctx.status = 405;
      ctx.body = { error: { code: 'method_not_allowed', message: `不支持的请求方法 ${ctx.method}` } };
    }
  });
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: false }));
  return app;
}
