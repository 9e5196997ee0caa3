import type { z } from 'zod';
import type { User } from '@techbridge/shared';
import type { UserDoc } from '../models/index.js';

/** A user as the api shows them to themself (never the password hash, the session key or lock counters). */
export const presentUser = (u: UserDoc): z.input<typeof User> => ({
  id: String(u._id),
  name: u.name ?? null,
  org: u.org ?? null,
  kind: u.kind ?? null,
  roles: u.roles ?? [],
  subscription: {
    regions: u.subscription?.regions ?? [],
    topics: u.subscription?.topics ?? [],
    notifyConsent: u.subscription?.notifyConsent ?? false,
  },
});
