import type { Deps } from '../deps.js';
import type { EventDoc } from '../models/index.js';
import { conflict, notFound } from '../errors.js';
import { cancellationFinisher } from './cancellationFinisher.js';

/**
 * An organizer cancels a published event, with a reason:
 *  1. the event moves to `cancelled` (conditional on `published`; its `.ics` SEQUENCE goes up), which
 *     closes sign-up and stops the promoter and reminders;
 *  2. waitlist offers, the waitlist and pending approvals are withdrawn (offered seats released);
 *  3. pushes and reminders not yet sent to groups are skipped;
 *  4. everyone signed up gets 【活动取消】 with the reason, and the groups that received the event too.
 * Every step is conditional or keyed, so running it again (a retry after a crash, the sweep) finishes
 * what is missing and repeats nothing. Returns the event and how many people and groups were told.
 */
export async function eventCanceller(deps: Deps, eventId: string, reason: string) {
  const { models } = deps;
  const event = await models.Event.findById(eventId).lean<EventDoc>();
  if (!event) throw notFound('活动');
  if (event.status !== 'cancelled') {
    if (event.status !== 'published') throw conflict('只有已发布的活动可以取消；草稿可直接归档');
    const { matchedCount } = await models.Event.updateOne(
      { _id: event._id, status: 'published' },
      { $set: { status: 'cancelled', cancelReason: reason, cancelledAt: deps.now() }, $inc: { sequence: 1 } },
    );
    const now = await models.Event.findById(eventId, { status: 1 }).lean();
    if (matchedCount === 0 && now?.status !== 'cancelled') throw conflict('活动状态刚刚改变，请刷新后重试');
  }
  const cancelled = (await models.Event.findById(eventId).lean<EventDoc>())!;
  const told = await cancellationFinisher(deps, cancelled);
  return { event: cancelled, ...told };
}
