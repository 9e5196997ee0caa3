import type { Context } from 'koa';
import { ContentListQuery, Event, EventInput, EventKindSchema, EventPatch } from '@techbridge/shared';
import { conflict } from '../../errors.js';
import { presentEvent } from '../../presenters/content.js';
import { seatCounts } from '../../commands/seatCounts.js';
import { seatLedger } from '../../commands/seatLedger.js';
import { waitlistPromoter } from '../../commands/waitlistPromoter.js';
import { contentRoutes } from './crud.js';
import { cacheUntil } from '../../middlewares/readCache.js';
import { pushPublished } from '../../broadcasts/published.js';
import { ensureEventCode } from '../../commands/eventCodes.js';
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
    // Seats left come from the seat ledgers and registrations: every sign-up retires cached event replies.
    reads: ['events', 'registrations', 'seatLedgers'],
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
    afterCreate: async (ctx, doc) => {
      doc.code = await ensureEventCode(ctx.deps.models, doc, { now: ctx.deps.now() });
    },
    afterPublish: async (ctx, doc) => {
      doc.code = await ensureEventCode(ctx.deps.models, doc, { now: ctx.deps.now() });
      await pushPublished(ctx.deps, 'event', doc);
    },
    beforeUpdate: async (ctx, doc, patch) => {
      // The ledger's capacity is the one allocation obeys: it refuses to go below the seats held.
      const capacity = patch.registration?.capacity;
      if (capacity === undefined) return;
      const held = await seatLedger.setCapacity(ctx.deps.models, doc._id, capacity);
      if (held !== null) throw conflict(`已有 ${held} 个席位被占用，不能将名额减少到 ${capacity}`);
    },
    afterUpdate: async (ctx, doc, patch) => {
      if (patch.registration?.capacity !== undefined) await waitlistPromoter(ctx.deps, String(doc._id));
      // New times move when the code is released (or, for an event moved out of the past, take one again).
      if (patch.startsAt !== undefined || patch.endsAt !== undefined) {
        doc.code = await ensureEventCode(ctx.deps.models, doc, { now: ctx.deps.now() });
      }
    },
  });
}
