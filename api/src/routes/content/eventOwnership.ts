import type { Context } from 'koa';
import { z } from 'zod';
import { ContentListQuery, ContentStatus, EventKindSchema, OwnerScope } from '@techbridge/shared';
import { validationFailed } from '../../errors.js';
import { isAdmin, isStaff } from '../../auth/principal.js';
import { authorize, ownedFilter, type Resource } from '../../policies/index.js';

export const EventListQuery = ContentListQuery.extend({
  kind: EventKindSchema.optional(),
  // Organizers also list cancelled events (the public list shows published ones only).
  status: z.enum([...ContentStatus.options, 'cancelled']).optional(),
  /** Staff only: `mine` narrows to events the caller owns or co-organizes. */
  scope: OwnerScope.optional(),
}).strict();
type EventListQuery = z.infer<typeof EventListQuery>;

/**
 * The ownership part of the event list filter. The public list is everyone's; staff asking for
 * `scope=mine` get their own, and an organizer listing drafts or archived events sees only theirs
 * (another organizer's draft is not theirs to read). Admins see all unless they ask for `mine`.
 */
export function eventScopeFilter(q: EventListQuery, ctx: Context): Record<string, unknown> {
  const p = ctx.state.user;
  if (!p || !isStaff(p)) return {};
  const unpublished = q.status !== undefined && q.status !== 'published';
  if (q.scope === 'mine' || (unpublished && !isAdmin(p))) return { $and: [ownedFilter(p, 'event', 'mine')] };
  return {};
}

/**
 * Co-organizers must be organizer (or admin) accounts, and only the event's creator or an admin
 * may change who they are: a co-organizer cannot add friends or remove the creator's choice.
 */
export async function checkCoOrganizers(ctx: Context, ids: string[] | undefined, current?: Resource): Promise<void> {
  if (ids === undefined) return;
  if (current) authorize(ctx.state.user, 'shareOwnership', current, '只有活动的创建者或管理员可以更改协办方');
  const unique = [...new Set(ids)];
  const found = await ctx.deps.models.User.find(
    { _id: { $in: unique }, roles: { $in: ['organizer', 'admin'] }, disabled: { $ne: true } },
    { _id: 1 },
  ).lean();
  const ok = new Set(found.map((u) => String(u._id)));
  const bad = unique.filter((id) => !ok.has(id));
  if (bad.length > 0) throw validationFailed([{ field: 'coOrganizers', message: `不是有效的主办方账号：${bad.join('、')}` }]);
}
