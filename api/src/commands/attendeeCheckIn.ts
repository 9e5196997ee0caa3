import { REGISTRATION_STATUS_LABELS, type RegistrationStatus } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import type { RegistrationDoc } from '../models/index.js';
import { conflict, notFound } from '../errors.js';

/** Check-in at the door by ticket code; scanning the same ticket twice is fine. */
export async function attendeeCheckIn(
  deps: Deps,
  eventId: string,
  ticketCode: string,
): Promise<{ registration: RegistrationDoc; alreadyCheckedIn: boolean }> {
  const { models } = deps;
  const { matchedCount } = await models.Registration.updateOne(
    { event: eventId, ticketCode, status: 'confirmed' },
    { $set: { status: 'checked_in', checkedInAt: deps.now() } },
  );
  const registration = await models.Registration.findOne({ event: eventId, ticketCode }).lean<RegistrationDoc>();
  if (!registration) throw notFound('票码');
  if (matchedCount === 1) return { registration, alreadyCheckedIn: false };
  if (registration.status === 'checked_in') return { registration, alreadyCheckedIn: true };
  const status = registration.status as RegistrationStatus;
  throw conflict(`该报名当前状态为「${REGISTRATION_STATUS_LABELS[status] ?? status}」，不能签到`);
}
