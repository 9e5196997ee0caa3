import type { Models, RegistrationDoc } from '../models/index.js';
import { notFound } from '../errors.js';
import { waitlistPosition } from './waitlistPosition.js';

/** What every registration command returns: the registration as it now is, and its place in line. */
export interface RegistrationResult {
  registration: RegistrationDoc;
  waitlistPosition: number | null;
}

/** Reads the registration's current state (after another party may have moved it) as a result. */
export async function registrationResult(models: Models, eventId: string, regId: string): Promise<RegistrationResult> {
  const registration = await models.Registration.findOne({ _id: regId, event: eventId }).lean<RegistrationDoc>();
  if (!registration) throw notFound('报名记录');
  return { registration, waitlistPosition: await waitlistPosition(models, registration) };
}
