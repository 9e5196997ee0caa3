import type { Model } from 'mongoose';

/**
 * True for MongoDB's duplicate-key error (code 11000), however it reaches us: from the driver,
 * from mongoose, or from a bulk write whose every refusal was a duplicate. Unique indexes carry several invariants
 * (one active registration per user and event, one delivery per occurrence and group), so
 * this is the one place that recognises their refusal.
 */
export function isDuplicateKey(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; writeErrors?: Array<{ code?: unknown; err?: { code?: unknown } }> };
  if (e.code === 11000 || e.code === 11001) return true;
  // An unordered insertMany reports one error per refused document: a duplicate only if all of them are.
  const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [];
  return errors.length > 0 && errors.every((w) => (w.code ?? w.err?.code) === 11000);
}

/**
 * Inserts `doc` unless a document with the same unique key exists. Returns true when this call
 * inserted it. Safe under any concurrency: the unique index decides, exactly one caller wins.
 */
export async function insertOnce<T>(model: Model<T>, doc: Record<string, unknown>): Promise<boolean> {
  try {
    await model.collection.insertOne(doc as never);
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}
