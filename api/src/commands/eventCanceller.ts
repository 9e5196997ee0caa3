import type { Deps } from '../deps.js';
import type { EventDoc } from '../models/index.js';
import { conflict, notFound } from '../errors.js';
import { tell } from '../notify/outbox.js';
import { cancelNotice } from '../notify/notices.js';
import { groupsThatReceived, planEventNotice } from '../broadcasts/eventNotice.js';
import { seatLedger } from './seatLedger.js';
import { endedKeyFor } from './ticketCode.js';
import { eventRegistrants } from './eventAudience.js';

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
  const told = await finishCancellation(deps, cancelled);
  return { event: cancelled, ...told };
}

/** Steps 2–4 for an event already cancelled; also run by the sweep for recently cancelled events. */
export async function finishCancellation(deps: Deps, event: EventDoc) {
  await withdrawWaiting(deps, event);
  const broadcasts = await deps.models.Broadcast.find(
    { sourceType: 'event', sourceId: event._id, kind: { $ne: 'event_cancelled' } },
    { _id: 1 },
  ).lean();
  await deps.models.Delivery.updateMany(
    { broadcast: { $in: broadcasts.map((b) => b._id) }, status: 'pending' },
    { $set: { status: 'skipped', lastError: '活动已取消' } },
  );
  const reason = event.cancelReason ?? '主办方取消';
  const people = await eventRegistrants(deps.models, event._id);
  await tell(
    deps,
    people.map((user) => cancelNotice(user, event, reason)),
  );
  const groupIds = await groupsThatReceived(deps, event._id, false);
  const groups = await planEventNotice(
    deps,
    event,
    'event_cancelled',
    `event-cancel:${String(event._id)}`,
    `取消原因：${reason}`,
    groupIds,
  );
  await deps.models.Event.updateOne({ _id: event._id }, { $set: { cancelNoticed: true } });
  return { people: people.length, groups };
}

/** Ends offers (releasing their seats), the waitlist and pending approvals: no seat will come. */
export async function withdrawWaiting(deps: Deps, event: EventDoc) {
  const { models } = deps;
  const waiting = await models.Registration.find(
    { event: event._id, status: { $in: ['offered', 'waitlisted', 'pending_approval'] } },
    { status: 1 },
  ).lean();
  for (const r of waiting) {
    const { matchedCount } = await models.Registration.updateOne(
      { _id: r._id, status: r.status },
      {
        $set: {
          status: 'cancelled',
          cancelReason: 'event_cancelled',
          activeKey: endedKeyFor(String(r._id)),
          offerExpiresAt: null,
        },
      },
    );
    if (matchedCount === 1 && r.status === 'offered') await seatLedger.release(models, event._id, r._id);
  }
}
