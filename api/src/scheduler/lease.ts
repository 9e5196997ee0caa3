import type { Models } from '../models/index.js';

/**
 * A named lease in the database: the holder renews it; anyone may take it once it expires.
 * Built from insert + conditional delete, which FerretDB v1 makes atomic (its findAndModify is
 * not). A brief overlap of two holders is harmless: occurrences are unique inserts.
 * Returns true when `owner` holds the lease after the call.
 */
export async function holdLease(models: Models, name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const current: any = await models.Lease.findById(name).lean(); // eslint-disable-line @typescript-eslint/no-explicit-any
  if (current && current.owner === owner) {
    // Matches nothing when another instance took the lease after it expired: then we no longer hold it.
    const { matchedCount } = await models.Lease.updateOne({ _id: name, owner }, { $set: { expiresAt } });
    return matchedCount === 1;
  }
  if (current && current.expiresAt > now) return false;
  if (current) {
    const { deletedCount } = await models.Lease.deleteOne({ _id: name, owner: current.owner, expiresAt: current.expiresAt });
    if (deletedCount !== 1) return false;
  }
  try {
    await models.Lease.create({ _id: name, owner, expiresAt });
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return false;
    throw e;
  }
}

export async function releaseLease(models: Models, name: string, owner: string): Promise<void> {
  await models.Lease.deleteOne({ _id: name, owner });
}
