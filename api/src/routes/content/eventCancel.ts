import { EventCancelInput, EventCancelResult, EventNoticePreview, IdParams } from '@techbridge/shared';
import { notFound } from '../../errors.js';
import { audit } from '../../lib/audit.js';
import { eventCanceller } from '../../commands/eventCanceller.js';
import { eventRegistrants } from '../../events/eventRegistrants.js';
import { groupsThatReceived } from '../../broadcasts/eventNotice.js';
import { NO_SEATS, presentEvent } from '../../presenters/content.js';
import { defineRoute, type AnyRoute } from '../define.js';

/** Cancelling an event, and the count an organizer confirms before changing or cancelling one. */
export function eventCancelRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/events/:id/notice-preview',
      access: 'organizer',
      owns: { resource: 'event', action: 'update' },
      summary: 'How many people and groups a change of time or place, or a cancellation, would tell',
      tags: ['events'],
      params: IdParams,
      response: EventNoticePreview,
      handler: async (ctx, { params }) => {
        const event = await ctx.deps.models.Event.findById(params.id, { status: 1 }).lean();
        if (!event) throw notFound('活动');
        const [people, groups] = await Promise.all([
          eventRegistrants(ctx.deps.models, event._id),
          // A change also reaches groups whose push is still queued; a cancellation skips those instead.
          groupsThatReceived(ctx.deps, event._id, true),
        ]);
        return { people: people.length, groups: groups.length };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/events/:id/cancel',
      access: 'organizer',
      owns: { resource: 'event', action: 'cancel' },
      summary: 'Cancel a published event: sign-up closes, offers are withdrawn, registrants and groups are told',
      tags: ['events'],
      params: IdParams,
      body: EventCancelInput,
      response: EventCancelResult,
      audit: 'event.cancel',
      handler: async (ctx, { params, body }) => {
        const { event, people, groups } = await eventCanceller(ctx.deps, params.id, body.reason);
        await audit(ctx, 'event.cancel', 'event', params.id, { people, groups });
        // Cancelled: its availability is `closed` whatever the counts.
        return { event: presentEvent(event, NO_SEATS, ctx.deps.now()), people, groups };
      },
    }),
  ];
}
