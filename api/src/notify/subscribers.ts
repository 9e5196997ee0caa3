import { shanghaiDateParts } from '@techbridge/shared';
import type { Types } from 'mongoose';
import type { Deps } from '../deps.js';
import type { BroadcastDoc } from '../models/index.js';
import { recordNotices } from './outbox.js';
import { contentNotice } from './notices.js';

const NATIONAL = '000000';
/** A publish broadcast this old whose subscribers are not told was left by a crash, not in flight. */
const REPAIR_AFTER_MS = 60_000;

type Item = { _id: Types.ObjectId; title: string; regions?: string[] | null; topics?: string[] | null };

/** A person's regions match an item's when they overlap, or either side is national. */
const regionsMatch = (mine: string[], item: string[]) =>
  mine.includes(NATIONAL) || item.includes(NATIONAL) || mine.some((r) => item.includes(r));

/** Shanghai `YYYY-MM-DD` of an instant. */
function shanghaiDay(at: Date): string {
  const p = shanghaiDateParts(at);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * A newly published policy or event, to the people whose 我的订阅 (regions and topics) it matches:
 * at most one such message a day per person (the key holds the Shanghai day of `publishedAt`, so a
 * repair after midnight records under the same reason). Only people holding a credit for it are
 * considered, so a day's slot is not used up by a message that could not go out. Throws when
 * recording fails, so the caller can leave the work for the sweep.
 */
export async function tellSubscribers(deps: Deps, type: 'policy' | 'event', item: Item, publishedAt: Date): Promise<void> {
  if (!deps.env.SUBSCRIBE_MESSAGES) return;
  const topics = item.topics ?? [];
  const regions = item.regions ?? [];
  if (topics.length === 0 || regions.length === 0) return;
  const holders = await deps.models.Consent.find({ kind: 'new_content', credits: { $gt: 0 } }, { user: 1 }).lean();
  if (holders.length === 0) return;
  const users = await deps.models.User.find(
    { _id: { $in: holders.map((h) => h.user) }, 'subscription.topics': { $in: topics } },
    { subscription: 1 },
  ).lean();
  const day = shanghaiDay(publishedAt);
  const matched = users.filter((u) => regionsMatch(u.subscription?.regions ?? [], regions));
  await recordNotices(
    deps,
    matched.map((u) => contentNotice(u._id, { type, id: String(item._id), title: item.title }, day)),
  );
}

/**
 * Tells the subscribers of a publish broadcast's item, then marks the broadcast told. The mark comes
 * only after every record is written, so a crash in between leaves it for the sweep; a repeat records
 * nothing twice (each record's `_id` is its reason).
 */
export async function tellSubscribersOf(
  deps: Deps,
  broadcast: Pick<BroadcastDoc, '_id' | 'publishedAt'>,
  type: 'policy' | 'event',
  item: Item,
): Promise<void> {
  await tellSubscribers(deps, type, item, new Date(broadcast.publishedAt ?? deps.now()));
  await deps.models.Broadcast.updateOne({ _id: broadcast._id, subscribersTold: false }, { $set: { subscribersTold: true } });
}

/**
 * The sweep's part (scheduler lease holder): publish broadcasts older than a minute whose subscribers
 * were never recorded to be told (the api stopped in between, or recording failed) are finished now.
 * An item no longer published (archived, cancelled, deleted) is not announced any more.
 */
export async function finishSubscriberNotices(deps: Deps): Promise<void> {
  const settled = new Date(deps.now().getTime() - REPAIR_AFTER_MS);
  const pending = await deps.models.Broadcast.find(
    { subscribersTold: false, publishedAt: { $lt: settled } },
    { _id: 1, publishedAt: 1, sourceType: 1, sourceId: 1 },
  ).lean();
  for (const b of pending) {
    // One item that cannot be told (the database refusing now) must not hold up the others: the next sweep retries it.
    await finishOne(deps, b).catch((err) =>
      deps.logger.warn({ err, broadcast: String(b._id) }, 'finishing subscriber messages failed; the next sweep retries'),
    );
  }
}

async function finishOne(deps: Deps, b: Pick<BroadcastDoc, '_id' | 'publishedAt' | 'sourceType' | 'sourceId'>) {
  const type = b.sourceType;
  const { Policy, Event } = deps.models;
  const item =
    type === 'policy'
      ? await Policy.findById(b.sourceId).lean()
      : type === 'event'
        ? await Event.findById(b.sourceId).lean()
        : null;
  if ((type === 'policy' || type === 'event') && item?.status === 'published') {
    await tellSubscribersOf(deps, b, type, item);
  } else {
    await deps.models.Broadcast.updateOne({ _id: b._id, subscribersTold: false }, { $set: { subscribersTold: true } });
  }
}
