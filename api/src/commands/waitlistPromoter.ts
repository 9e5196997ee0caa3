import type { Deps } from '../deps.js';
import type { EventDoc } from '../models/index.js';
import { seatLedger } from './seatLedger.js';
import { offerExpirer } from './offerExpirer.js';
import { tell } from '../notify/outbox.js';
import { offerNotice, registrationNotice } from '../notify/notices.js';

/**
 * Moves free seats to the people waiting, oldest first: with a claim window they get an offer
 * (the seat is held for them), without one they are confirmed at once. Safe to run twice or
 * concurrently: a seat is claimed on the ledger before the status moves, and the status moves
 * only from `waitlisted`; a registration that ended meanwhile gives its seat straight back.
 * Returns how many registrations were promoted.
 */
export async function waitlistPromoter(deps: Deps, eventId: string): Promise<number> {
  const { models } = deps;
  const event = await models.Event.findById(eventId, {
    registration: 1,
    status: 1,
    title: 1,
    startsAt: 1,
    venue: 1,
    address: 1,
    onlineUrl: 1,
  }).lean<EventDoc>();
  // A cancelled event offers nothing: its waitlist was withdrawn (eventCanceller).
  if (!event?.registration || event.status !== 'published') return 0;
  await offerExpirer(deps, eventId);
  const { capacity, offerWindowMinutes } = event.registration;
  let promoted = 0;
  for (;;) {
    const next = await models.Registration.findOne({ event: event._id, status: 'waitlisted' }, { _id: 1, user: 1 })
      .sort({ createdAt: 1, _id: 1 })
      .lean();
    if (!next) break;
    const claim = await seatLedger.claim(models, event._id, capacity, next._id);
    // 'held': its own sign-up (or another promoter) is moving it and will loop on to the rest.
    if (claim !== 'claimed') break;
    const window = offerWindowMinutes ?? 0;
    const deadline = window > 0 ? new Date(deps.now().getTime() + window * 60_000) : null;
    const update = deadline ? { status: 'offered', offerExpiresAt: deadline } : { status: 'confirmed', offerExpiresAt: null };
    const { matchedCount } = await models.Registration.updateOne({ _id: next._id, status: 'waitlisted' }, { $set: update });
    if (matchedCount === 1) {
      promoted++;
      // Only the promoter whose move matched tells the person: one message per offer.
      await tell(deps, [deadline ? offerNotice(next, event, deadline) : registrationNotice(next, event, 'confirmed')]);
    } else await seatLedger.release(models, event._id, next._id); // it ended while we claimed
  }
  return promoted;
}
