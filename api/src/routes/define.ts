import type { Context } from 'koa';
import type { z, ZodType } from 'zod';
import type { Access } from '../middlewares/auth.js';
import type { Action, ResourceType } from '../policies/index.js';

type Out<T> = T extends ZodType ? z.output<T> : undefined;

/**
 * One route, declared once: the Koa handler, its access level and its zod schemas. The same
 * table feeds the router, the OpenAPI document and the authorization-matrix test, so a route
 * cannot exist without its access rule being enforced and tested.
 */
export interface RouteSpec<B = undefined, Q = undefined, P = undefined> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Koa-router path under /api/v1, e.g. `/events/:id`. */
  path: string;
  access: Access;
  summary: string;
  tags: string[];
  body?: B;
  query?: Q;
  params?: P;
  /** Response schema for the success status (JSON routes). */
  response?: ZodType;
  /** Success status (default 200). */
  status?: number;
  /** Non-JSON success content type, e.g. text/csv. */
  produces?: string;
  rateLimit?: 'login' | 'register' | 'open';
  /**
   * The `:id` names a record with an owner: before validation of the body and before the handler,
   * the record is loaded (404 when missing) and `can(user, action, record)` asked (403 when not).
   * The authorization-matrix test reads this to expect a 403 for another organizer.
   */
  owns?: { resource: ResourceType; action: Action };
  /** Writes by organizers/admins are audited; this names the action, e.g. `event.publish`. */
  audit?: string;
  /**
   * Public GET whose body is the same for every non-staff caller and depends only on these
   * collections (and the clock, see cacheUntil): served from the instance's read cache while their
   * change tokens stand, with an ETag (middlewares/readCache.ts).
   */
  readCache?: { collections: readonly string[] };
  handler: (ctx: Context, input: { body: Out<B>; query: Out<Q>; params: Out<P> }) => Promise<unknown>;
}

export type AnyRoute = RouteSpec<ZodType | undefined, ZodType | undefined, ZodType | undefined>;

export function defineRoute<
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
  P extends ZodType | undefined = undefined,
>(spec: RouteSpec<B, Q, P>): AnyRoute {
  return spec as unknown as AnyRoute;
}
