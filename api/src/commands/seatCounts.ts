import type { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { SeatCounts } from '../presenters/content.js';

/**
 * Counts per event for availability: seats held from each event's seat ledger (what allocation
 * trusts), offers and waitlist from registrations. Computed, never a separate counter.
 */
export async function seatCounts(models: Models, eventIds: Types.ObjectId[]): Promise<Map<string, SeatCounts>> {
  const result = new Map<string, SeatCounts>();
  if (eventIds.length === 0) return result;
  for (const id of eventIds) result.set(String(id), { confirmed: 0, offered: 0, waitlisted: 0 });
  const [ledgers, regs] = await Promise.all([
    models.SeatLedger.find({ _id: { $in: eventIds } }, { held: 1 }).lean(),
    models.Registration.aggregate<{ _id: { event: Types.ObjectId; status: string }; n: number }>([
      { $match: { event: { $in: eventIds }, status: { $in: ['offered', 'waitlisted'] } } },
      { $group: { _id: { event: '$event', status: '$status' }, n: { $sum: 1 } } },
    ]),
  ]);
  for (const r of regs) {
    const c = result.get(String(r._id.event));
    if (c) c[r._id.status === 'offered' ? 'offered' : 'waitlisted'] = r.n;
  }
  for (const l of ledgers) {
    const c = result.get(String(l._id));
    // Offered seats are held too; the rest are confirmed or checked in.
    if (c) c.confirmed = l.held - c.offered;
  }
  return result;
}
