import type { Context } from 'koa';
import { AudiencePreview, ContentListQuery, Group, GroupInput, GroupPage, GroupPatch, IdParams } from '@techbridge/shared';
import { conflict, notFound } from '../../errors.js';
import { isDuplicateKey } from '../../db/duplicateKey.js';
import { audit } from '../../lib/audit.js';
import { escapeRegex, sentKeys } from '../../lib/query.js';
import { audiencePreview } from '../../broadcasts/audience.js';
import type { EventDoc, PolicyDoc } from '../../models/index.js';
import { presentGroup } from '../../presenters/group.js';
import { defineRoute, type AnyRoute } from '../define.js';

const GroupListQuery = ContentListQuery.pick({ page: true, pageSize: true, q: true }).strict();

const audienceRoute = (
  segment: 'policies' | 'events',
  label: string,
  text: (d: Pick<PolicyDoc | EventDoc, 'title' | 'summary'>) => string,
) =>
  defineRoute({
    method: 'get',
    path: `/${segment}/:id/audience`,
    access: 'organizer',
    // Policies name no owner yet; an event's audience is its owners' business.
    ...(segment === 'events' ? { owns: { resource: 'event' as const, action: 'broadcast' as const } } : {}),
    summary: `Preview the groups a ${segment === 'policies' ? 'policy' : 'event'} would be pushed to, with reasons`,
    tags: ['groups'],
    params: IdParams,
    response: AudiencePreview,
    handler: async (ctx: Context, { params }) => {
      const doc =
        segment === 'policies'
          ? await ctx.deps.models.Policy.findById(params.id).lean()
          : await ctx.deps.models.Event.findById(params.id).lean();
      if (!doc) throw notFound(label);
      const dir = await ctx.deps.groups.refresh(ctx.deps.models);
      return audiencePreview(dir, { regions: doc.regions, topics: doc.topics, audiences: doc.audiences, text: text(doc) });
    },
  });

export function groupRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/groups',
      access: 'organizer',
      summary: 'List WeChat group profiles',
      tags: ['groups'],
      query: GroupListQuery,
      response: GroupPage,
      handler: async (ctx, { query }) => {
        const filter = query.q ? { topic: new RegExp(escapeRegex(query.q), 'i') } : {};
        const [docs, total] = await Promise.all([
          ctx.deps.models.Group.find(filter)
            .sort({ topic: 1, _id: 1 })
            .skip((query.page - 1) * query.pageSize)
            .limit(query.pageSize)
            .lean(),
          ctx.deps.models.Group.countDocuments(filter),
        ]);
        return { items: docs.map(presentGroup), total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/groups/:id',
      owns: { resource: 'group', action: 'view' },
      access: 'organizer',
      summary: 'One group profile',
      tags: ['groups'],
      params: IdParams,
      response: Group,
      handler: async (ctx, { params }) => {
        const g = await ctx.deps.models.Group.findById(params.id).lean();
        if (!g) throw notFound('群');
        return presentGroup(g);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/groups',
      access: 'organizer',
      summary: 'Create a group profile',
      tags: ['groups'],
      body: GroupInput,
      response: Group,
      status: 201,
      audit: 'group.create',
      handler: async (ctx, { body }) => {
        const g = await ctx.deps.models.Group.create({ ...body, createdBy: ctx.state.user!.id }).catch((e: unknown) => {
          throw isDuplicateKey(e) ? conflict('该群已登记') : e;
        });
        await audit(ctx, 'group.create', 'group', String(g._id), { fields: Object.keys(body) });
        return presentGroup(g.toObject());
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/groups/:id',
      owns: { resource: 'group', action: 'update' },
      access: 'organizer',
      summary: 'Edit a group profile, delivery settings or managers',
      tags: ['groups'],
      params: IdParams,
      body: GroupPatch,
      response: Group,
      audit: 'group.update',
      handler: async (ctx, { params, body }) => {
        const patch = sentKeys(body, (ctx.request as { body?: unknown }).body);
        const g = await ctx.deps.models.Group.findByIdAndUpdate(params.id, { $set: patch }, { new: true, runValidators: true })
          .lean()
          .catch((e: unknown) => {
            throw isDuplicateKey(e) ? conflict('该群已登记') : e;
          });
        if (!g) throw notFound('群');
        await audit(ctx, 'group.update', 'group', params.id, { fields: Object.keys(patch) });
        return presentGroup(g);
      },
    }),
    audienceRoute('policies', '政策', (d) => `${d.title} ${d.summary ?? ''}`),
    audienceRoute('events', '活动', (d) => `${d.title} ${d.summary ?? ''}`),
  ];
}
