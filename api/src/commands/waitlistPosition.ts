import type { Models, RegistrationDoc } from '../models/index.js';

/** 1-based place in the event's waitlist (same order the promoter uses), or null when not waiting. */
export async function waitlistPosition(
  models: Models,
  reg: Pick<RegistrationDoc, '_id' | 'event' | 'status' | 'createdAt'>,
): Promise<number | null> {
  if (reg.status !== 'waitlisted') return null;
  const ahead = await models.Registration.countDocuments({
    event: reg.event,
    status: 'waitlisted',
    $or: [{ createdAt: { $lt: reg.createdAt } }, { createdAt: reg.createdAt, _id: { $lt: reg._id } }],
  });
  return ahead + 1;
}
