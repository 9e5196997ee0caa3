import type { Models } from '../models/index.js';
import { insertOnce } from '../db/duplicateKey.js';

/**
 * A named lease in the database: the holder renews it; anyone may take it once it expires.
 * Renewing or taking over is one conditional update (held by me, or expired), creating it the
 * first time an insert of its `_id`: MongoDB makes each atomic, so at most one instance holds a
 * lease at any moment. Returns true when `owner` holds the lease after the call.
 */
export async function holdLease(models: Models, name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { matchedCount } = await models.Lease.updateOne(
    { _id: name, $or: [{ owner }, { expiresAt: { $lte: now } }] },
    { $set: { owner, expiresAt } },
  );
  if (matchedCount === 1) return true;
  // No lease of that name yet, or another live holder: the unique _id lets one creator win.
  return insertOnce(models.Lease, { _id: name, owner, expiresAt });
}

/** Hands the lease back at once (on shutdown), so another instance need not wait for it to expire. */
export async function releaseLease(models: Models, name: string, owner: string): Promise<void> {
  await models.Lease.deleteOne({ _id: name, owner });
}
