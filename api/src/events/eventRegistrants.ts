import type { Types } from 'mongoose';
import type { Models } from '../models/index.js';

/** Registrations that are told about a change: everyone still signed up or waiting. */
const TOLD_STATUSES = ['confirmed', 'checked_in', 'offered', 'waitlisted', 'pending_approval'];

/**
 * The people an event change or cancellation concerns, one per user. For a cancellation this also
 * counts those whose registration the cancellation itself ended, so re-running it tells the same people.
 */
export async function eventRegistrants(models: Models, eventId: Types.ObjectId | string): Promise<Types.ObjectId[]> {
  const regs = await models.Registration.find(
    { event: eventId, $or: [{ status: { $in: TOLD_STATUSES } }, { status: 'cancelled', cancelReason: 'event_cancelled' }] },
    { user: 1 },
  ).lean();
  const byUser = new Map(regs.map((r) => [String(r.user), r.user]));
  return [...byUser.values()];
}
