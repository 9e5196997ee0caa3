import { shanghaiDateParts } from '@techbridge/shared';
import type { Types } from 'mongoose';
import type { Deps } from '../deps.js';
import { tell } from './outbox.js';
import { contentNotice } from './notices.js';

const NATIONAL = '000000';

/** A person's regions match an item's when they overlap, or either side is national. */
const regionsMatch = (mine: string[], item: string[]) =>
  mine.includes(NATIONAL) || item.includes(NATIONAL) || mine.some((r) => item.includes(r));

/**
 * A newly published policy or event, to the people whose 我的订阅 (regions and topics) it matches:
 * at most one such message a day per person (the key holds the Shanghai day). Only people holding a
 * credit for it are considered, so a day's slot is not used up by a message that could not go out.
 */
export async function tellSubscribers(
  deps: Deps,
  type: 'policy' | 'event',
  item: { _id: Types.ObjectId; title: string; regions?: string[] | null; topics?: string[] | null },
): Promise<void> {
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
  const p = shanghaiDateParts(deps.now());
  const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  const matched = users.filter((u) => regionsMatch(u.subscription?.regions ?? [], regions));
  await tell(
    deps,
    matched.map((u) => contentNotice(u._id, { type, id: String(item._id), title: item.title }, day)),
  );
}
