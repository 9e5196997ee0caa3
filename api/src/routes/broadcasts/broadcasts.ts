import type { Context } from 'koa';
import {
  Broadcast,
  BroadcastPage,
  BroadcastInput,
  BroadcastPatch,
  BroadcastPreview,
  BroadcastReport,
  BotStateList,
  IdParams,
  OwnerScope,
  PageQuery,
  parseSchedulePhrase,
} from '@techbridge/shared';
import { conflict, notFound, validationFailed } from '../../errors.js';
import { audit } from '../../lib/audit.js';
import { sentKeys } from '../../lib/query.js';
import { planOccurrence, previewBroadcast } from '../../broadcasts/planner.js';
import { broadcastReport } from '../../broadcasts/report.js';
import type { BotStateDoc, BroadcastDoc } from '../../models/index.js';
import { presentBotState, presentBroadcast } from '../../presenters/broadcast.js';
import { defineRoute, type AnyRoute } from '../define.js';
import { ownedFilter } from '../../policies/index.js';

/** Turns a schedule phrase into cron, or a 400 naming schedule.cron. */
function normalizeSchedule(schedule: BroadcastInput['schedule']) {
  if (schedule?.kind !== 'cron') return schedule;
  const parsed = parseSchedulePhrase(schedule.cron);
  if ('error' in parsed) throw validationFailed([{ field: 'schedule.cron', message: parsed.error }]);
  return { kind: 'cron' as const, cron: parsed.cron, tz: 'Asia/Shanghai' };
}

/** Loads a broadcast; who may act on it was already asked of the policies (the route's `owns`). */
async function loadOr404(ctx: Context, id: string): Promise<BroadcastDoc> {
  const b = await ctx.deps.models.Broadcast.findById(id).lean();
  if (!b) throw notFound('群发');
  return b;
}

/** After a create or edit: fire `now` broadcasts at once and let the scheduler pick up the rest. */
async function afterChange(ctx: Context, b: BroadcastDoc) {
  if (b.schedule?.kind === 'now' && b.status === 'scheduled') {
    await planOccurrence(ctx.deps, b, new Date(b.createdAt));
    await ctx.deps.models.Broadcast.updateOne({ _id: b._id }, { $set: { status: 'completed' } });
  }
  await ctx.deps.scheduler?.sync();
}

export function broadcastRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/broadcasts/preview',
      access: 'organizer',
      tags: ['broadcasts'],
      summary: 'Dry run: who would receive this broadcast and the exact text per group',
      body: BroadcastInput,
      response: BroadcastPreview,
      handler: async (ctx, { body }) => previewBroadcast(ctx.deps, body),
    }),
    defineRoute({
      method: 'get',
      path: '/broadcasts',
      access: 'organizer',
      tags: ['broadcasts'],
      summary: 'List broadcasts, newest first: the caller’s own (scope=mine, default) or, for admins, all',
      query: PageQuery.extend({ scope: OwnerScope.default('mine') }).strict(),
      response: BroadcastPage,
      handler: async (ctx, { query }) => {
        const filter = ownedFilter(ctx.state.user!, 'broadcast', query.scope);
        const [docs, total] = await Promise.all([
          ctx.deps.models.Broadcast.find(filter)
            .sort({ createdAt: -1, _id: -1 })
            .skip((query.page - 1) * query.pageSize)
            .limit(query.pageSize)
            .lean(),
          ctx.deps.models.Broadcast.countDocuments(filter),
        ]);
        return { items: docs.map((d) => presentBroadcast(d, ctx.deps.now())), total, page: query.page, pageSize: query.pageSize };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/broadcasts/:id',
      owns: { resource: 'broadcast', action: 'view' },
      access: 'organizer',
      tags: ['broadcasts'],
      summary: 'One broadcast with its next fire times',
      params: IdParams,
      response: Broadcast,
      handler: async (ctx, { params }) => presentBroadcast(await loadOr404(ctx, params.id), ctx.deps.now()),
    }),
    defineRoute({
      method: 'post',
      path: '/broadcasts',
      access: 'organizer',
      tags: ['broadcasts'],
      status: 201,
      audit: 'broadcast.create',
      summary: 'Schedule a broadcast: now, once at a time, or recurring (cron or 每周一 09:00)',
      body: BroadcastInput,
      response: Broadcast,
      handler: async (ctx, { body }) => {
        const doc = await ctx.deps.models.Broadcast.create({
          ...body,
          schedule: normalizeSchedule(body.schedule),
          kind: 'manual',
          status: 'scheduled',
          createdBy: ctx.state.user!.id,
          // The injected clock, not mongoose's: cron firing compares occurrences against it.
          createdAt: ctx.deps.now(),
        });
        await audit(ctx, 'broadcast.create', 'broadcast', String(doc._id), {
          schedule: body.schedule.kind,
          audience: body.audience.kind,
        });
        await afterChange(ctx, doc.toObject());
        return presentBroadcast(await loadOr404(ctx, String(doc._id)), ctx.deps.now());
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/broadcasts/:id',
      owns: { resource: 'broadcast', action: 'update' },
      access: 'organizer',
      tags: ['broadcasts'],
      audit: 'broadcast.update',
      summary: 'Edit a broadcast before it fires',
      params: IdParams,
      body: BroadcastPatch,
      response: Broadcast,
      handler: async (ctx, { params, body }) => {
        const current = await loadOr404(ctx, params.id);
        if (current.status !== 'scheduled') throw conflict('该群发已发送或已取消，不能再修改');
        const fired = await ctx.deps.models.Occurrence.exists({ broadcast: current._id });
        if (fired && current.schedule?.kind !== 'cron') throw conflict('该群发已发送，不能再修改');
        const patch = sentKeys(body, (ctx.request as { body?: unknown }).body);
        if (patch.schedule) patch.schedule = normalizeSchedule(patch.schedule);
        await ctx.deps.models.Broadcast.updateOne({ _id: current._id }, { $set: patch });
        await audit(ctx, 'broadcast.update', 'broadcast', params.id, { fields: Object.keys(patch) });
        const updated = await loadOr404(ctx, params.id);
        await afterChange(ctx, updated);
        return presentBroadcast(await loadOr404(ctx, params.id), ctx.deps.now());
      },
    }),
    defineRoute({
      method: 'post',
      path: '/broadcasts/:id/cancel',
      owns: { resource: 'broadcast', action: 'cancel' },
      access: 'organizer',
      tags: ['broadcasts'],
      audit: 'broadcast.cancel',
      summary: 'Cancel a scheduled broadcast (messages not yet sent are skipped)',
      params: IdParams,
      response: Broadcast,
      handler: async (ctx, { params }) => {
        const current = await loadOr404(ctx, params.id);
        await ctx.deps.models.Broadcast.updateOne({ _id: current._id }, { $set: { status: 'cancelled' } });
        await ctx.deps.models.Delivery.updateMany(
          { broadcast: current._id, status: 'pending' },
          { $set: { status: 'skipped', lastError: '群发已取消' } },
        );
        await audit(ctx, 'broadcast.cancel', 'broadcast', params.id);
        await ctx.deps.scheduler?.sync();
        return presentBroadcast(await loadOr404(ctx, params.id), ctx.deps.now());
      },
    }),
    defineRoute({
      method: 'get',
      path: '/broadcasts/:id/preview',
      owns: { resource: 'broadcast', action: 'view' },
      access: 'organizer',
      tags: ['broadcasts'],
      summary: 'Recipients and exact text per group for a saved broadcast',
      params: IdParams,
      response: BroadcastPreview,
      handler: async (ctx, { params }) => previewBroadcast(ctx.deps, await loadOr404(ctx, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/broadcasts/:id/report',
      owns: { resource: 'broadcast', action: 'view' },
      access: 'organizer',
      tags: ['broadcasts'],
      summary: 'Delivery report: sent, pending, failed per group with the last error',
      params: IdParams,
      response: BroadcastReport,
      handler: async (ctx, { params }) => broadcastReport(ctx.deps.models, (await loadOr404(ctx, params.id))._id),
    }),
    defineRoute({
      method: 'get',
      path: '/bot/state',
      access: 'organizer',
      tags: ['bot'],
      summary: "The bot accounts' login state and liveness",
      response: BotStateList,
      handler: async (ctx) => ({
        accounts: (await ctx.deps.models.BotState.find().lean<BotStateDoc[]>()).map((s) => presentBotState(ctx, s)),
      }),
    }),
  ];
}
