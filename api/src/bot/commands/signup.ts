import { replies, trackingUrl } from '@techbridge/shared';
import { findEventByCode } from '../../events/eventCodes.js';
import { seatCounts } from '../../commands/seatCounts.js';
import type { CommandHandler } from './types.js';

/** 报名 <code>: the event's sign-up link, tracked as coming from this group's chat. */
export const signup: CommandHandler<'signup'> = async ({ deps, group }, { code }) => {
  const event = await findEventByCode(deps.models, code, deps.now());
  if (!event || event.status !== 'published') return replies.unknownCode(code);
  const counts = (await seatCounts(deps.models, [event._id])).get(String(event._id));
  const url = trackingUrl(deps.env.H5_BASE_URL, '/pages/event/detail', {
    id: String(event._id),
    t: `chat-${String(group._id)}`,
  });
  const full = counts !== undefined && counts.confirmed >= (event.registration?.capacity ?? Infinity);
  return replies.signup({ title: event.title, startsAt: event.startsAt, place: event.venue ?? null, url, full });
};
