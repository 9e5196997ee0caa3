import type { Types } from 'mongoose';
import type { Deps } from '../deps.js';
import type { BroadcastDoc } from '../models/index.js';
import { isDuplicateKey } from '../db/duplicateKey.js';
import { planOccurrence } from './planner.js';

/**
 * Groups that received an event: the targets of its push whose delivery went out or is going out.
 * With `includePending`, also those still waiting for it (they will get the push, then the notice).
 */
export async function groupsThatReceived(deps: Deps, eventId: Types.ObjectId | string, includePending: boolean) {
  const push = await deps.models.Broadcast.findOne({ sourceKey: `event:${String(eventId)}` }, { _id: 1 }).lean();
  if (!push) return [];
  const statuses = includePending ? ['sent', 'sending', 'pending'] : ['sent', 'sending'];
  return deps.models.Delivery.distinct('group', { broadcast: push._id, status: { $in: statuses } });
}

/**
 * Tells the groups that received an event that it changed (【活动变更】) or was cancelled (【活动取消】),
 * as an ordinary broadcast to those groups: planned into deliveries the bot (or any channel the
 * delivery pipeline serves) sends through its paced queue. `sourceKey` is unique, so repeating this
 * for the same change plans nothing twice. Returns how many groups it was planned for.
 */
export async function planEventNotice(
  deps: Deps,
  event: { _id: Types.ObjectId; title: string },
  kind: 'event_changed' | 'event_cancelled',
  sourceKey: string,
  text: string,
  groupIds: Types.ObjectId[],
): Promise<number> {
  if (groupIds.length === 0) return 0;
  const { models } = deps;
  let broadcast: BroadcastDoc | null = null;
  try {
    broadcast = (
      await models.Broadcast.create({
        title: event.title,
        text,
        kind,
        sourceType: 'event',
        sourceId: event._id,
        sourceKey,
        audience: { kind: 'groups', groupIds },
        schedule: { kind: 'now', tz: 'Asia/Shanghai' },
        status: 'scheduled',
      })
    ).toObject();
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // Created by an earlier run (perhaps one that crashed before planning): finish planning it.
    broadcast = await models.Broadcast.findOne({ sourceKey }).lean();
  }
  if (!broadcast) return 0;
  const planned = await planOccurrence(deps, broadcast, new Date(broadcast.createdAt));
  await models.Broadcast.updateOne({ _id: broadcast._id, status: 'scheduled' }, { $set: { status: 'completed' } });
  return planned.groups;
}
