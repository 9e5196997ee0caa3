import type { Context } from 'koa';
import { ContentListQuery, Event, EventInput, EventKindSchema, EventPatch } from '@techbridge/shared';
import { conflict } from '../../errors.js';
import { presentEvent } from '../../presenters/content.js';
import { seatCounts } from '../../commands/seatCounts.js';
import { contentRoutes } from './crud.js';
import { cacheUntil } from '../../middlewares/readCache.js';
import { pushPublished } from '../../broadcasts/published.js';
import type { AnyRoute } from '../define.js';

const EventListQuery = ContentListQuery.extend({ kind: EventKindSchema.optional() }).strict();

/* eslint-disable @typescript-eslint/no-explicit-any -- lean docs */
async function presentWithCounts(ctx: Context, docs: any[]) {
  const counts = await seatCounts(
    ctx.deps.models,
    docs.map((d) => d._id),
  );
  // Availability turns to "open" or "closed" when sign-up opens or closes, with no write at all.
  for (const d of docs) {
    for (const at of [d.registration?.opensAt, d.registration?.closesAt]) if (at) cacheUntil(ctx, at);
  }
  return docs.map((d) => presentEvent(d, counts.get(String(d._id)), ctx.deps.now()));
}

export function eventRoutes(): AnyRoute[] {
  return contentRoutes({
    segment: 'events',
    noun: 'event',
    label: '活动',
    // Seats left come from seats and registrations: every sign-up retires cached event replies.
    reads: ['events', 'registrations', 'seats'],
    model: (ctx) => ctx.deps.models.Event,
    create: EventInput,
    patch: EventPatch,
    item: Event,
    listQuery: EventListQuery,
    textFields: ['title', 'summary', 'organizer', 'venue'],
    dateField: 'startsAt',
    sort: { startsAt: 1, _id: 1 },
    extraFilter: (q) => (q.kind ? { kind: q.kind } : {}),
    present: presentWithCounts,
    afterPublish: (ctx, doc) => pushPublished(ctx.deps, 'event', doc),
    beforeUpdate: async (ctx, doc, patch) => {
      // Seats already held keep their numbers; shrinking below them would oversell.
      const capacity = patch.registration?.capacity;
      if (capacity === undefined) return;
      const held = await ctx.deps.models.Seat.countDocuments({ event: doc._id, n: { $gt: capacity } });
      if (held > 0) throw conflict(`已有 ${held} 个超出新名额的席位被占用，不能将名额减少到 ${capacity}`);
    },
  });
}
