import type { Context } from 'koa';
import { Event, EventInput, EventPatch } from '@techbridge/shared';
import { conflict } from '../../errors.js';
import { NO_SEATS, presentEvent } from '../../presenters/content.js';
import { seatCounts } from '../../commands/seatCounts.js';
import { seatLedger } from '../../commands/seatLedger.js';
import { waitlistPromoter } from '../../commands/waitlistPromoter.js';
import { contentRoutes } from './crud.js';
import { cacheUntil } from '../../middlewares/readCache.js';
import { pushPublished } from '../../broadcasts/published.js';
import { eventChangeAnnouncer } from '../../commands/eventChangeAnnouncer.js';
import { describeChange, timeOrPlaceChange } from '../../events/eventChanges.js';
import type { EventDoc } from '../../models/index.js';
import { ensureEventCode } from '../../events/eventCodes.js';
import type { AnyRoute } from '../define.js';
import { checkCoOrganizers, EventListQuery, eventScopeFilter } from './eventOwnership.js';

/** Events as the api shows them, with their seats (availability) counted in one query for all of them. */
export async function presentWithCounts(ctx: Context, docs: EventDoc[]) {
  const counts = await seatCounts(
    ctx.deps.models,
    docs.map((d) => d._id),
  );
  // Availability turns to "open" or "closed" when sign-up opens or closes, with no write at all.
  for (const d of docs) {
    for (const at of [d.registration?.opensAt, d.registration?.closesAt]) if (at) cacheUntil(ctx, at);
  }
  return docs.map((d) => presentEvent(d, counts.get(String(d._id)) ?? NO_SEATS, ctx.deps.now()));
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
    owned: 'event',
    extraFilter: (q, ctx) => ({ ...(q.kind ? { kind: q.kind } : {}), ...eventScopeFilter(q, ctx) }),
    present: presentWithCounts,
    beforeCreate: (ctx, body) => checkCoOrganizers(ctx, body.coOrganizers),
    afterCreate: async (ctx, doc) => {
      doc.code = await ensureEventCode(ctx.deps.models, doc, { now: ctx.deps.now() });
    },
    afterPublish: async (ctx, doc) => {
      doc.code = await ensureEventCode(ctx.deps.models, doc, { now: ctx.deps.now() });
      await pushPublished(ctx.deps, 'event', doc);
    },
    beforeUpdate: async (ctx, doc, patch) => {
      if (doc.status === 'cancelled') throw conflict('活动已取消，不能再修改');
      await checkCoOrganizers(ctx, patch.coOrganizers, { type: 'event', ...doc });
      // The ledger's capacity is the one allocation obeys: it refuses to go below the seats held.
      const capacity = patch.registration?.capacity;
      if (capacity === undefined) return;
      const held = await seatLedger.setCapacity(ctx.deps.models, doc._id, capacity);
      if (held !== null) throw conflict(`已有 ${held} 个席位被占用，不能将名额减少到 ${capacity}`);
    },
    applyUpdate: (ctx, current, fields, guard) => applyEventUpdate(ctx, current, fields, guard),
    afterUpdate: async (ctx, doc, patch) => {
      if (patch.registration?.capacity !== undefined) await waitlistPromoter(ctx.deps, String(doc._id));
      // New times move when the code is released (or, for an event moved out of the past, take one again).
      if (patch.startsAt !== undefined || patch.endsAt !== undefined) {
        doc.code = await ensureEventCode(ctx.deps.models, doc, { now: ctx.deps.now() });
      }
    },
  });
}

/**
 * Saves an event edit. Moving a published event's time or place raises its `sequence` in the same
 * conditional update (on the sequence read), so two edits at once cannot both claim one version, and
 * the people and groups concerned are told once per version. Other edits are plain updates.
 */
async function applyEventUpdate(
  ctx: Context,
  current: EventDoc,
  fields: Record<string, unknown>,
  guard: Record<string, unknown>,
): Promise<EventDoc | null> {
  const { models } = ctx.deps;
  const moved = current.status === 'published' && timeOrPlaceChange(current, fields).any;
  if (!moved) {
    const { matchedCount } = await models.Event.updateOne(
      { _id: current._id, ...guard },
      { $set: fields },
      { runValidators: true },
    );
    return matchedCount === 0 ? null : models.Event.findById(current._id).lean<EventDoc>();
  }
  const version = current.sequence ?? 0;
  // What to tell is saved with the change itself, so a crash before telling leaves it for the sweep.
  const changeNotice = { sequence: version + 1, ...describeChange(current, { ...current, ...fields }), done: false };
  const { matchedCount } = await models.Event.updateOne(
    { _id: current._id, ...guard, status: 'published', sequence: current.sequence === undefined ? { $exists: false } : version },
    { $set: { ...fields, changeNotice }, $inc: { sequence: 1 } },
    { runValidators: true },
  );
  if (matchedCount === 0) return null; // crud tells why: gone, no longer the caller's, or edited meanwhile
  const after = await models.Event.findById(current._id).lean<EventDoc>();
  if (!after) throw conflict('活动刚被修改，请刷新后重试');
  await eventChangeAnnouncer(ctx.deps, after);
  return after;
}
