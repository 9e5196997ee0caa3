import type { Models, RegistrationDoc } from '../models/index.js';

/**
 * 1-based place in the event's waitlist (same order the promoter uses), or null when not waiting: either the
 * registration given is not waitlisted, or it no longer is in the database (the promoter or a cancel moved it
 * since the caller read it). One query answers both, so a sign-up that found the event full learns its place
 * and that it is still in line in the same round trip.
 *
 * Every waitlisted sign-up asks this, so it goes to the driver as it is: the filter is already in stored types
 * (ObjectIds, Dates), and mongoose's cast would only cost CPU and move `$or` ahead of `event` and `status`. On
 * MongoDB the {event, status, createdAt} index answers either order; a server without one (the embedded test
 * server scans) tests the cheap equalities first this way.
 */
export async function waitlistPosition(
  models: Models,
  reg: Pick<RegistrationDoc, '_id' | 'event' | 'status' | 'createdAt'>,
): Promise<number | null> {
  if (reg.status !== 'waitlisted') return null;
  const groups = await models.Registration.collection
    .aggregate<{ _id: boolean; n: number }>([
      {
        $match: {
          event: reg.event,
          status: 'waitlisted',
          $or: [{ createdAt: { $lt: reg.createdAt } }, { createdAt: reg.createdAt, _id: { $lte: reg._id } }],
        },
      },
      // Two groups: this registration (true), if it still waits, and those ahead of it (false).
      { $group: { _id: { $eq: ['$_id', reg._id] }, n: { $sum: 1 } } },
    ])
    .toArray();
  if (!groups.some((g) => g._id === true)) return null;
  return (groups.find((g) => g._id === false)?.n ?? 0) + 1;
}
