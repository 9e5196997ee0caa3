import { randomInt } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Models } from '../models/index.js';

type Id = Types.ObjectId | string;
const MAX_ATTEMPTS = 40;

/**
 * Claims a seat (1..capacity) for a registration by inserting `<event>:<n>`; the unique `_id`
 * makes two holders of one seat impossible, and the unique `registration` makes one holder of
 * two seats impossible. Returns the seat number, or null when every seat is taken.
 * Picks a random free number so that a storm of claims rarely collides.
 */
export async function claimSeat(models: Models, eventId: Id, capacity: number, registrationId: Id): Promise<number | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const taken = await models.Seat.find({ event: eventId }, { n: 1, registration: 1 }).lean();
    const mine = taken.find((s) => String(s.registration) === String(registrationId));
    if (mine) return mine.n;
    const free = freeNumbers(capacity, new Set(taken.map((s) => s.n)));
    if (free.length === 0) return null;
    const n = free[randomInt(free.length)]!;
    try {
      await models.Seat.create({ _id: `${String(eventId)}:${n}`, event: eventId, n, registration: registrationId });
      return n;
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
      // Someone took n first, or this registration already got a seat in a racing call: re-read.
    }
  }
  // Persistent contention: leave the registrant waitlisted (always safe); the promoter offers later.
  return null;
}

function freeNumbers(capacity: number, taken: Set<number>): number[] {
  const free: number[] = [];
  for (let n = 1; n <= capacity; n++) if (!taken.has(n)) free.push(n);
  return free;
}

/** Frees whatever seat the registration holds. Returns true when a seat was released. */
export async function releaseSeat(models: Models, registrationId: Id): Promise<boolean> {
  const { deletedCount } = await models.Seat.deleteOne({ registration: registrationId });
  return deletedCount === 1;
}

/** Seats held per event, straight from the seats collection (the source of truth). */
export async function seatsHeld(models: Models, eventId: Id): Promise<number> {
  return models.Seat.countDocuments({ event: eventId });
}
