import { timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Deps } from '../deps.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics in Prometheus text format. Metrics reveal traffic and queue sizes, so they are not public:
 * with METRICS_TOKEN set the scraper sends it as a bearer token; without it only this machine may read them.
 */
export function metricsEndpoint(deps: Deps): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== '/metrics' || ctx.method !== 'GET') return next();
    const token = deps.env.METRICS_TOKEN;
    const allowed = token ? tokenMatches(ctx.get('authorization'), `Bearer ${token}`) : LOOPBACK.test(ctx.ip);
    if (!allowed) {
      ctx.status = 403;
      ctx.body = { error: { code: 'forbidden', message: '没有权限读取监控指标' } };
      return;
    }
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  };
}
