import type { Deps } from '../deps.js';
import { isDuplicateKey } from '../db/duplicateKey.js';
import type { BroadcastDoc, EventDoc, PolicyDoc } from '../models/index.js';
import { planOccurrence } from './planner.js';
import { tellSubscribersOf } from '../notify/subscribers.js';

/**
 * Publishing a policy, program or event pushes it to the matching groups (and, for policies and events, to
 * subscribed people), once: the broadcast's
 * `sourceKey` is unique, so re-publishing (or two instances publishing) plans nothing new. A crash after the
 * broadcast exists is repaired without it: the scheduler plans a broadcast still `scheduled`, and the sweep
 * tells the subscribers of one whose `subscribersTold` is still false.
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
        // Programs have no subscribe message; for the others this turns true once subscribers are recorded.
        ...(type === 'program' ? {} : { subscribersTold: false, publishedAt: deps.now() }),
      })
    ).toObject();
  } catch (e) {
    if (isDuplicateKey(e)) return; // already pushed once
    throw e;
  }
  await planOccurrence(deps, broadcast, new Date(broadcast.createdAt));
  await models.Broadcast.updateOne({ _id: broadcast._id }, { $set: { status: 'completed' } });
  // People who follow these regions and topics in 我的订阅 hear about it too (first publish only). The
  // publish itself has succeeded: a failure here is the sweep's to finish, not the organizer's error.
  if (type === 'program') return;
  await tellSubscribersOf(deps, broadcast, type, doc).catch((err) =>
    deps.logger.warn({ err, broadcast: String(broadcast._id) }, 'telling subscribers failed; the sweep will retry'),
  );
}
