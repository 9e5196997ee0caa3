import type { Context } from 'koa';
import { ZodError } from 'zod';
import { notFound } from '../errors.js';
import { authorize, RESOURCE_LABELS } from '../policies/index.js';
import { loadResource } from '../policies/loaders.js';
import { parsePart } from '../middlewares/validate.js';
import type { AnyRoute, RouteSpec } from './define.js';

/** Chinese names of the records a path segment points at, for 404s. */
const SEGMENT_LABELS: Record<string, string> = {
  events: '活动',
  policies: '政策',
  programs: '支持计划',
  groups: '群',
  broadcasts: '群发',
  users: '用户',
};

/**
 * Path parameters are addresses, not input: `/events/not-an-id` names no event, so it answers 404
 * like any missing event rather than a 400 about the id's format.
 */
export function parseParams(route: AnyRoute, params: Record<string, string>): unknown {
  try {
    return parsePart(route.params!, params);
  } catch (e) {
    if (!(e instanceof ZodError)) throw e;
    const field = String(e.issues[0]?.path[0] ?? '');
    const label = field === 'regId' ? '报名记录' : (SEGMENT_LABELS[route.path.split('/')[1] ?? ''] ?? '资源');
    throw notFound(label);
  }
}

/** Loads the record the route's `:id` names and asks the policies whether the caller may act on it. */
export async function authorizeOwned(ctx: Context, owns: NonNullable<RouteSpec['owns']>, params: { id?: string }): Promise<void> {
  const resource = params.id ? await loadResource(ctx.deps.models, owns.resource, params.id) : null;
  const label = RESOURCE_LABELS[owns.resource];
  if (!resource) throw notFound(label);
  authorize(ctx.state.user, owns.action, resource);
}
