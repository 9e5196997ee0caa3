import { REGISTRATION_STATUS_LABELS, type RegistrationStatus } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import { conflict } from '../errors.js';
import { seatLedger } from './seatLedger.js';
import { endedKeyFor } from '../models/registrationKeys.js';
import { waitlistPromoter } from './waitlistPromoter.js';
import { registrationResult, type RegistrationResult } from './registrationResult.js';
import type { EventDoc } from '../models/index.js';
import { tell } from '../notify/outbox.js';
import { registrationNotice } from '../notify/notices.js';

const ENDABLE: RegistrationStatus[] = ['pending_approval', 'confirmed', 'waitlisted', 'offered'];

/**
 * Ends a registration: the user cancels, or an organizer rejects. The status changes first, by a
 * conditional update on a status that can end (so it never overwrites a check-in or a promoter's
 * move), then the seat is freed and offered to the next in line. Repeating it changes nothing.
 */
export async function registrationEnder(
  deps: Deps,
  eventId: string,
  regId: string,
  to: 'cancelled' | 'rejected',
  reason: string,
): Promise<RegistrationResult> {
  const { models } = deps;
  const { matchedCount } = await models.Registration.updateOne(
    { _id: regId, event: eventId, status: { $in: ENDABLE } },
    { $set: { status: to, cancelReason: reason, activeKey: endedKeyFor(regId), offerExpiresAt: null } },
  );
  if (matchedCount === 0) {
    const current = await registrationResult(models, eventId, regId);
    const status = current.registration.status as RegistrationStatus;
    if (status === to) return current; // a repeated cancel gets the same answer
    throw conflict(`当前状态（${REGISTRATION_STATUS_LABELS[status] ?? status}）不能${to === 'cancelled' ? '取消' : '拒绝'}`);
  }
  if (await seatLedger.release(models, eventId, regId)) await waitlistPromoter(deps, eventId);
  const result = await registrationResult(models, eventId, regId);
  if (to === 'rejected') {
    const event = await models.Event.findById(eventId).lean<EventDoc>();
    if (event) await tell(deps, [registrationNotice(result.registration, event, 'rejected')]);
  }
  return result;
}
