import type { Context } from 'koa';
import {
  AudiencePreview,
  AudienceProbe,
  ContentListQuery,
  Group,
  GroupInput,
  GroupPage,
  GroupPatch,
  IdParams,
} from '@techbridge/shared';
import { badRequest, conflict, notFound } from '../../errors.js';
import { isDuplicateKey } from '../../db/duplicateKey.js';
import { audit } from '../../lib/audit.js';
import { escapeRegex, sentKeys } from '../../lib/query.js';
import { audiencePreview } from '../../broadcasts/audience.js';
import type { PolicyDoc } from '../../models/index.js';
import { presentGroup } from '../../presenters/group.js';
import { defineRoute, type AnyRoute } from '../define.js';

const GroupListQuery = ContentListQuery.pick({ page: true, pageSize: true, q: true }).strict();

/** Title (or name) and summary: where group keywords are looked for, as when the item is pushed. */
const matchText = (d: { title?: string; name?: string; summary?: string }) => `${d.title ?? d.name ?? ''} ${d.summary ?? ''}`;

const LABELS = { policies: '政策', events: '活动', programs: '支持计划' } as const;
const NOUNS = { policies: 'policy', events: 'event', programs: 'program' } as const;

const audienceRoute = (segment: keyof typeof LABELS) =>
  defineRoute({
    method: 'get',
    path: `/${segment}/:id/audience`,
    access: 'organizer',
    // Policies and programs name no owner yet; an event's audience is its owners' business.
    ...(segment === 'events' ? { owns: { resource: 'event' as const, action: 'broadcast' as const } } : {}),
    summary: `Preview the groups a ${NOUNS[segment]} would be pushed to, with reasons (and the nearest groups when none)`,
    tags: ['groups'],
    params: IdParams,
    response: AudiencePreview,
    handler: async (ctx: Context, { params }) => {
      const { Policy, Event, Program } = ctx.deps.models;
      const doc: (Pick<PolicyDoc, 'regions' | 'topics' | 'audiences' | 'summary'> & { title?: string; name?: string }) | null =
        segment === 'policies'
          ? await Policy.findById(params.id).lean()
          : segment === 'events'
            ? await Event.findById(params.id).lean()
            : await Program.findById(params.id).lean();
      if (!doc) throw notFound(LABELS[segment]);
      const dir = await ctx.deps.groups.refresh(ctx.deps.models);
      return audiencePreview(dir, { regions: doc.regions, topics: doc.topics, audiences: doc.audiences, text: matchText(doc) });
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
        if ('roomId' in patch || 'botAccount' in patch) {
          // A robot's identity is its webhook key; a room id or bot account would make it something else.
          const current = await ctx.deps.models.Group.findById(params.id, { channel: 1 }).lean();
          if (current?.channel === 'wecom') throw badRequest('企业微信群机器人不能修改群编号或机器人账号');
        }
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
    audienceRoute('policies'),
    audienceRoute('events'),
    audienceRoute('programs'),
    defineRoute({
      method: 'post',
      path: '/audience/preview',
      access: 'organizer',
      summary: 'Preview the groups an unsaved item with these facets would reach (and the nearest when none)',
      tags: ['groups'],
      body: AudienceProbe,
      response: AudiencePreview,
      handler: async (ctx, { body }) => audiencePreview(await ctx.deps.groups.refresh(ctx.deps.models), body),
    }),
  ];
}
