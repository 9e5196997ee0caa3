import type { Deps } from '../deps.js';
import type { EventDoc } from '../models/index.js';
import { AppError, conflict, notFound } from '../errors.js';
import { seatLedger } from './seatLedger.js';
import { registrationResult, type RegistrationResult } from './registrationResult.js';
import { tell } from '../notify/outbox.js';
import { registrationNotice } from '../notify/notices.js';

/**
 * An organizer approves a presenter: a seat if one is free, else the waitlist (or a refusal when
 * the event has none). Like a sign-up, the seat is claimed first and the status moved only by
 * the caller whose claim took it, conditionally on the registration still awaiting approval.
 */
export async function registrationApprover(deps: Deps, eventId: string, regId: string): Promise<RegistrationResult> {
  const { models } = deps;
  const reg = await models.Registration.findOne({ _id: regId, event: eventId }, { status: 1, user: 1 }).lean();
  if (!reg) throw notFound('报名记录');
  if (reg.status !== 'pending_approval') throw conflict('只有待审核的报名可以通过');
  const event = await models.Event.findById(eventId).lean<EventDoc>();
  if (!event?.registration) throw notFound('活动');
  const settings = event.registration;

  const claim = await seatLedger.claim(models, event._id, settings.capacity, reg._id);
  // A seat held from an approval that crashed half-way: the sweep frees it within minutes.
  if (claim === 'held') throw new AppError(503, 'service_unavailable', '该报名正在处理中，请稍后重试');
  if (claim === 'full' && !settings.waitlistEnabled) throw new AppError(409, 'event_full', '名额已满，无法通过审核');
  const { matchedCount } = await models.Registration.updateOne(
    { _id: reg._id, status: 'pending_approval' },
    { $set: { status: claim === 'claimed' ? 'confirmed' : 'waitlisted' } },
  );
  if (matchedCount === 0 && claim === 'claimed') await seatLedger.release(models, event._id, reg._id); // withdrawn meanwhile
  if (matchedCount === 1)
    await tell(deps, [registrationNotice(reg, event, claim === 'claimed' ? 'approved' : 'approved_waitlisted')]);
  return registrationResult(models, eventId, regId);
}
