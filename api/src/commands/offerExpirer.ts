import type { Deps } from '../deps.js';
import { seatLedger } from './seatLedger.js';
import { endedKeyFor } from '../models/registrationKeys.js';

/** Offers end this long after their deadline, so an accept in the last second is never lost to
 *  an instance whose clock runs a little ahead (the accept checks the deadline itself). */
export const OFFER_EXPIRY_GRACE_MS = 5_000;

/**
 * Ends offers whose claim window (plus grace) has passed and frees their seats. Each expiry is a
 * conditional update from `offered`, so it and a last-second accept never both succeed; only
 * the expiry that won frees the seat. Returns how many offers it ended.
 */
export async function offerExpirer(deps: Deps, eventId?: string): Promise<number> {
  const { models } = deps;
  const cutoff = new Date(deps.now().getTime() - OFFER_EXPIRY_GRACE_MS);
  const due = { status: 'offered', offerExpiresAt: { $lt: cutoff } };
  const expired = await models.Registration.find({ ...(eventId ? { event: eventId } : {}), ...due }, { event: 1 }).lean();
  let ended = 0;
  for (const r of expired) {
    const { matchedCount } = await models.Registration.updateOne(
      { _id: r._id, ...due },
      {
        $set: { status: 'cancelled', cancelReason: 'offer_expired', activeKey: endedKeyFor(String(r._id)), offerExpiresAt: null },
      },
    );
    if (matchedCount === 1) {
      ended++;
      await seatLedger.release(models, r.event, r._id);
    }
  }
  return ended;
}
