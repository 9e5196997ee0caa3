import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.js';
import { serviceUnavailable } from '../errors.js';
import { claimSeat, releaseSeat } from './seats.js';
import { endedKeyFor } from './ticketCode.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- lean docs */

/** Offers expire this long after their deadline before the sweeper takes the seat back, so an
 *  accept at the last second and an expiry never both succeed across instances' clocks. */
export const OFFER_EXPIRY_GRACE_MS = 5_000;

/**
 * Moves free seats to the people waiting, oldest first: with a claim window they get an offer
 * (the seat is held for them), without one they are confirmed at once. Safe to run twice or
 * concurrently: each seat is a unique insert and a registration can hold only one seat.
 * Returns how many registrations were promoted.
 */
export async function promoteWaitlist(deps: Deps, eventId: string): Promise<number> {
  const { models } = deps;
  const event: any = await models.Event.findById(eventId).lean();
  if (!event) return 0;
  await expireOffers(deps, eventId);
  const { capacity, offerWindowMinutes } = event.registration;
  let promoted = 0;
  for (;;) {
    if ((await models.Seat.countDocuments({ event: event._id })) >= capacity) break;
    const next: any = await models.Registration.findOne({ event: event._id, status: 'waitlisted' })
      .sort({ createdAt: 1, _id: 1 })
      .lean();
    if (!next) break;
    // Under the registration's lock, so that a cancellation cannot be overwritten by our update.
    const outcome = await withRegistrationLock(deps, String(next._id), async () => {
      const current: any = await models.Registration.findById(next._id, { status: 1 }).lean();
      if (current?.status !== 'waitlisted') return 'moved'; // ended or promoted meanwhile
      const seat = await claimSeat(models, event._id, capacity, next._id);
      if (seat === null) return 'full';
      const now = deps.now();
      const update =
        offerWindowMinutes > 0
          ? { status: 'offered', seatNo: seat, offerExpiresAt: new Date(now.getTime() + offerWindowMinutes * 60_000) }
          : { status: 'confirmed', seatNo: seat, offerExpiresAt: null };
      await models.Registration.updateOne({ _id: next._id, status: 'waitlisted' }, { $set: update });
      // The holder may have ended otherwise while we claimed: then the seat goes back.
      const after: any = await models.Registration.findById(next._id).lean();
      if (!after || !['offered', 'confirmed'].includes(after.status)) {
        await releaseSeat(models, next._id);
        return 'moved';
      }
      return 'promoted';
    });
    if (outcome === 'full') break;
    if (outcome === 'promoted') promoted++;
  }
  return promoted;
}

const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 10_000;

/**
 * Runs `work` holding a short lock on one registration: a unique `_id` insert, which FerretDB
 * enforces (its updates are read-modify-write, not atomic, so a promoter's update that overlaps
 * a cancellation would silently undo it). Used where two parties may rewrite the same
 * registration: the promoter and endRegistration. A lock left by a crashed process is taken over
 * after LOCK_STALE_MS.
 */
export async function withRegistrationLock<T>(deps: Deps, registrationId: string, work: () => Promise<T>): Promise<T> {
  const locks = deps.models.conn.collection<{ _id: string; token: string; at: Date }>('registrationLocks');
  const _id = String(registrationId);
  const token = randomBytes(8).toString('hex');
  const waitUntil = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await locks.insertOne({ _id, token, at: deps.now() });
      break;
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
    }
    const held = await locks.findOne({ _id });
    if (held && deps.now().getTime() - new Date(held.at).getTime() > LOCK_STALE_MS) {
      await locks.deleteOne({ _id, token: held.token }); // its holder died: whoever inserts next wins
      continue;
    }
    if (Date.now() > waitUntil) throw serviceUnavailable('该报名正在处理中，请稍后重试');
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 20)));
  }
  try {
    return await work();
  } finally {
    await locks.deleteOne({ _id, token });
  }
}

/** Ends offers whose claim window (plus grace) has passed and frees their seats. */
export async function expireOffers(deps: Deps, eventId?: string): Promise<number> {
  const { models } = deps;
  const cutoff = new Date(deps.now().getTime() - OFFER_EXPIRY_GRACE_MS);
  const expired: any[] = await models.Registration.find({
    ...(eventId ? { event: eventId } : {}),
    status: 'offered',
    offerExpiresAt: { $lt: cutoff },
  }).lean();
  for (const r of expired) {
    await models.Registration.updateOne(
      { _id: r._id, status: 'offered' },
      { $set: { status: 'cancelled', cancelReason: 'offer_expired', activeKey: endedKeyFor(String(r._id)), seatNo: null } },
    );
    await releaseSeat(models, r._id);
  }
  return expired.length;
}

/**
 * The periodic sweep (every SWEEP_INTERVAL_MS in server.ts; tests call it directly):
 * expire offers, repair seats left behind by a crash, and hand free seats to the waitlist.
 */
export async function sweepRegistrations(deps: Deps): Promise<void> {
  const { models } = deps;
  await expireOffers(deps);
  await reconcileSeats(deps);
  const eventIds: unknown[] = await models.Registration.distinct('event', { status: 'waitlisted' });
  for (const id of eventIds) await promoteWaitlist(deps, String(id));
}

const RECONCILE_AFTER_MS = 60_000;

/**
 * Repairs a crash between "claim seat" and "mark registration": a seat whose holder is still
 * waitlisted is confirmed (it won the seat); a seat whose holder ended or vanished is freed.
 */
export async function reconcileSeats(deps: Deps): Promise<void> {
  const { models } = deps;
  const before = new Date(deps.now().getTime() - RECONCILE_AFTER_MS);
  const seats: any[] = await models.Seat.find({ createdAt: { $lt: before } }).lean();
  if (seats.length === 0) return;
  const regs: any[] = await models.Registration.find({ _id: { $in: seats.map((s) => s.registration) } }).lean();
  const byId = new Map(regs.map((r) => [String(r._id), r]));
  for (const seat of seats) {
    const reg = byId.get(String(seat.registration));
    if (!reg || ['cancelled', 'rejected', 'pending_approval'].includes(reg.status)) {
      await models.Seat.deleteOne({ _id: seat._id, registration: seat.registration });
    } else if (reg.status === 'waitlisted') {
      await models.Registration.updateOne(
        { _id: reg._id, status: 'waitlisted' },
        { $set: { status: 'confirmed', seatNo: seat.n } },
      );
    }
  }
}
