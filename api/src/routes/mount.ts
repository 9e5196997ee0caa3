import Router from '@koa/router';
import type { Context } from 'koa';
import { parsePart } from '../middlewares/validate.js';
import { enforceAccess } from '../middlewares/auth.js';
import type { AnyRoute } from './define.js';
import type { RateLimiters } from '../middlewares/rateLimit.js';
import { ReadCache } from '../middlewares/readCache.js';
import { authorizeOwned, parseParams } from './guard.js';

/**
 * Wires each route as `rate limit → auth → [ownership] → [read cache] → validate → handler`. Handlers return the
 * response body (or set ctx.body themselves for files). One read cache per app, i.e. per instance.
 */
export function mountRoutes(routes: AnyRoute[], limiters: RateLimiters): Router {
  const router = new Router({ prefix: '/api/v1' });
  const cache = new ReadCache([...new Set(routes.flatMap((r) => r.readCache?.collections ?? []))]);
  for (const route of routes) {
    const limiter = route.rateLimit ? limiters[route.rateLimit] : undefined;
    const produce = async (ctx: Context) => {
      const input = {
        params: route.params ? parseParams(route, ctx.params) : undefined,
        query: route.query ? parsePart(route.query, ctx.query) : undefined,
        body: route.body ? parsePart(route.body, (ctx.request as { body?: unknown }).body ?? {}) : undefined,
      };
      return route.handler(ctx, input as never);
    };
    const run = async (ctx: Context) => {
      ctx.state.resource = route.tags[0];
      enforceAccess(ctx, route.access);
      if (route.owns) await authorizeOwned(ctx, route.owns, parseParams(route, ctx.params) as { id?: string });
      if (route.readCache && (await cache.serve(ctx, route.readCache.collections, () => produce(ctx)))) return;
      const result = await produce(ctx);
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
