import { REGISTRATION_STATUS_LABELS, type RegistrationStatus } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import { AppError, conflict, notFound } from '../errors.js';
import { claimSeat, releaseSeat } from './seats.js';
import { endedKeyFor } from './ticketCode.js';
import { promoteWaitlist, withRegistrationLock } from './waitlistPromoter.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- lean docs */

const ENDABLE = ['pending_approval', 'confirmed', 'waitlisted', 'offered'];

async function load(deps: Deps, eventId: string, regId: string): Promise<any> {
  const reg: any = await deps.models.Registration.findOne({ _id: regId, event: eventId }).lean();
  if (!reg) throw notFound('报名记录');
  return reg;
}

/**
 * Ends a registration (the user cancels, or an organizer rejects): the status changes first,
 * then the seat is freed and offered to the next in line. Checked-in tickets cannot end.
 */
export async function endRegistration(deps: Deps, eventId: string, regId: string, to: 'cancelled' | 'rejected', reason: string) {
  // Locked against a promoter rewriting this registration at the same moment (see withRegistrationLock).
  const released = await withRegistrationLock(deps, regId, async () => {
    const reg = await load(deps, eventId, regId);
    if (reg.status === to) return false; // repeated cancel: same answer, nothing else happens
    if (!ENDABLE.includes(reg.status)) throw conflict(`当前状态（${reg.status}）不能${to === 'cancelled' ? '取消' : '拒绝'}`);
    await deps.models.Registration.updateOne(
      { _id: reg._id },
      { $set: { status: to, cancelReason: reason, activeKey: endedKeyFor(String(reg._id)), seatNo: null, offerExpiresAt: null } },
    );
    return releaseSeat(deps.models, reg._id);
  });
  if (released) await promoteWaitlist(deps, eventId);
  return load(deps, eventId, regId);
}

/** The user takes the seat offered to them, before the claim window closes. */
export async function acceptOffer(deps: Deps, eventId: string, regId: string) {
  const reg = await load(deps, eventId, regId);
  if (reg.status === 'confirmed') return reg;
  // The sweeper already ended it: say so, rather than a generic "no pending offer".
  if (reg.status === 'cancelled' && reg.cancelReason === 'offer_expired')
    throw new AppError(409, 'offer_expired', '候补名额已过期');
  if (reg.status !== 'offered') throw conflict('当前没有待确认的候补名额');
  if (!reg.offerExpiresAt || reg.offerExpiresAt <= deps.now()) {
    throw new AppError(409, 'offer_expired', '候补名额已过期');
  }
  await deps.models.Registration.updateOne(
    { _id: reg._id, status: 'offered' },
    { $set: { status: 'confirmed', offerExpiresAt: null } },
  );
  const seat = await deps.models.Seat.exists({ registration: reg._id });
  if (!seat) {
    // The sweeper expired it at the same instant: the seat is gone, so the accept is too.
    await deps.models.Registration.updateOne(
      { _id: reg._id },
      { $set: { status: 'cancelled', cancelReason: 'offer_expired', activeKey: endedKeyFor(String(reg._id)) } },
    );
    throw new AppError(409, 'offer_expired', '候补名额已过期');
  }
  return load(deps, eventId, regId);
}

/** An organizer approves a presenter: a seat if one is free, else the waitlist. */
export async function approveRegistration(deps: Deps, eventId: string, regId: string) {
  const reg = await load(deps, eventId, regId);
  if (reg.status !== 'pending_approval') throw conflict('只有待审核的报名可以通过');
  const event: any = await deps.models.Event.findById(eventId).lean();
  if (!event) throw notFound('活动');
  const seat = await claimSeat(deps.models, event._id, event.registration.capacity, reg._id);
  if (seat === null && !event.registration.waitlistEnabled) throw new AppError(409, 'event_full', '名额已满，无法通过审核');
  await deps.models.Registration.updateOne(
    { _id: reg._id, status: 'pending_approval' },
    { $set: seat === null ? { status: 'waitlisted' } : { status: 'confirmed', seatNo: seat } },
  );
  return load(deps, eventId, regId);
}

/** Check-in at the door by ticket code; scanning the same ticket twice is fine. */
export async function checkIn(deps: Deps, eventId: string, ticketCode: string) {
  const reg: any = await deps.models.Registration.findOne({ event: eventId, ticketCode }).lean();
  if (!reg) throw notFound('票码');
  if (reg.status === 'checked_in') return { registration: reg, alreadyCheckedIn: true };
  if (reg.status !== 'confirmed')
    throw conflict(`该报名当前状态为「${REGISTRATION_STATUS_LABELS[reg.status as RegistrationStatus] ?? reg.status}」，不能签到`);
  await deps.models.Registration.updateOne(
    { _id: reg._id, status: 'confirmed' },
    { $set: { status: 'checked_in', checkedInAt: deps.now() } },
  );
  return { registration: await deps.models.Registration.findById(reg._id).lean(), alreadyCheckedIn: false };
}
