import type { Deps } from '../deps.js';
import type { BroadcastDoc, EventDoc, PolicyDoc } from '../models/index.js';
import { planOccurrence } from './planner.js';
import { tellSubscribers } from '../notify/subscribers.js';

/**
 * Publishing a policy, program or event pushes it to the matching groups (and, for policies and events, to
 * subscribed people), once: the broadcast's
 * `sourceKey` is unique, so re-publishing (or two instances publishing) plans nothing new.
 */
export async function pushPublished(
  deps: Deps,
  type: 'policy' | 'event' | 'program',
  doc: Pick<PolicyDoc | EventDoc, '_id' | 'title' | 'regions' | 'topics'>,
): Promise<void> {
  const { models } = deps;
  const sourceKey = `${type}:${String(doc._id)}`;
  let broadcast: BroadcastDoc;
  try {
    broadcast = (
      await models.Broadcast.create({
        title: doc.title,
        kind: type,
        sourceType: type,
        sourceId: doc._id,
        sourceKey,
        audience: { kind: 'match' },
        schedule: { kind: 'now', tz: 'Asia/Shanghai' },
        status: 'scheduled',
      })
    ).toObject();
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return; // already pushed once
    throw e;
  }
  await planOccurrence(deps, broadcast, new Date(broadcast.createdAt));
  await models.Broadcast.updateOne({ _id: broadcast._id }, { $set: { status: 'completed' } });
  // People who follow these regions and topics in 我的订阅 hear about it too (first publish only).
  if (type !== 'program') await tellSubscribers(deps, type, doc);
}
