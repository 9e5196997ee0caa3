import type { Deps } from '../deps.js';
import { AppError, conflict } from '../errors.js';
import { registrationResult, type RegistrationResult } from './registrationResult.js';

const expired = () => new AppError(409, 'offer_expired', '候补名额已过期');

/**
 * The user takes the seat offered to them before the claim window closes. The accept and the
 * sweep's expiry are both conditional updates from `offered`, so exactly one of them wins; the
 * seat was held for the offer and stays held when the accept wins.
 */
export async function offerAccepter(deps: Deps, eventId: string, regId: string): Promise<RegistrationResult> {
  const { matchedCount } = await deps.models.Registration.updateOne(
    { _id: regId, event: eventId, status: 'offered', offerExpiresAt: { $gt: deps.now() } },
    { $set: { status: 'confirmed', offerExpiresAt: null } },
  );
  const current = await registrationResult(deps.models, eventId, regId);
  if (matchedCount === 1) return current;
  const { status, cancelReason } = current.registration;
  if (status === 'confirmed') return current; // accepted twice: same answer
  // The window closed, whether or not the sweep has ended the offer yet: say so.
  if (status === 'offered' || (status === 'cancelled' && cancelReason === 'offer_expired')) throw expired();
  throw conflict('当前没有待确认的候补名额');
}
