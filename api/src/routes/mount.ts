import Router from '@koa/router';
import type { Context } from 'koa';
import { parsePart } from '../middlewares/validate.js';
import { enforceAccess } from '../middlewares/auth.js';
import type { AnyRoute } from './define.js';
import type { RateLimiters } from '../middlewares/rateLimit.js';

/**
 * Wires each route as `rate limit → auth → validate → handler`. Handlers return the response
 * body (or set ctx.body themselves for files).
 */
export function mountRoutes(routes: AnyRoute[], limiters: RateLimiters): Router {
  const router = new Router({ prefix: '/api/v1' });
  for (const route of routes) {
    const limiter = route.rateLimit ? limiters[route.rateLimit] : undefined;
    const run = async (ctx: Context) => {
      enforceAccess(ctx, route.access);
      const input = {
        params: route.params ? parsePart(route.params, ctx.params) : undefined,
        query: route.query ? parsePart(route.query, ctx.query) : undefined,
        body: route.body ? parsePart(route.body, (ctx.request as { body?: unknown }).body ?? {}) : undefined,
      };
      const result = await route.handler(ctx, input as never);
      if (ctx.body === undefined || ctx.body === null) {
        ctx.status = route.status ?? 200;
        ctx.body = result ?? { ok: true };
      }
    };
    const handlers = limiter ? [limiter, run] : [run];
    router[route.method](route.path, ...(handlers as [typeof run]));
  }
  return router;
}
