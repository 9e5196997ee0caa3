import type { Models } from '../models/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- lean docs */

/** 1-based place in the event's waitlist (same order the promoter uses), or null. */
export async function waitlistPosition(models: Models, reg: any): Promise<number | null> {
  if (reg.status !== 'waitlisted') return null;
  const ahead = await models.Registration.countDocuments({
    event: reg.event,
    status: 'waitlisted',
    $or: [{ createdAt: { $lt: reg.createdAt } }, { createdAt: reg.createdAt, _id: { $lt: reg._id } }],
  });
  return ahead + 1;
}
