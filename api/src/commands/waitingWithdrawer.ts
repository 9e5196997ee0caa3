import type { Deps } from '../deps.js';
import type { EventDoc } from '../models/index.js';
import { endedKeyFor } from '../models/registrationKeys.js';
import { seatLedger } from './seatLedger.js';

/** Ends offers (releasing their seats), the waitlist and pending approvals: no seat will come. */
export async function waitingWithdrawer(deps: Deps, event: EventDoc) {
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
