import type { Deps } from '../deps.js';
import type { EventDoc } from '../models/index.js';
import { tell } from '../notify/outbox.js';
import { cancelNotice } from '../notify/notices.js';
import { groupsThatReceived, planEventNotice } from '../broadcasts/eventNotice.js';
import { eventRegistrants } from '../events/eventRegistrants.js';
import { waitingWithdrawer } from './waitingWithdrawer.js';

/**
 * Steps 2–4 of a cancellation (commands/eventCanceller.ts) for an event already cancelled: also run by
 * the sweep for recently cancelled events whose people and groups were not yet told.
 */
export async function cancellationFinisher(deps: Deps, event: EventDoc) {
  await waitingWithdrawer(deps, event);
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
