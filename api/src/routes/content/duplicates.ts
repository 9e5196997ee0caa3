import type { Model } from 'mongoose';
import { Types } from 'mongoose';

/** Folds punctuation, brackets, spacing and width so 沪科〔2024〕1号 and 沪科[2024]1 号 are one key. */
export function foldKey(prefix: string, text: string): string {
  return `${prefix}:${text}`
    .normalize('NFKC')
    .replace(/[\s〔〕[\]()（）【】“”"'《》·,，。.:：-]/g, '')
    .toLowerCase();
}

/** One saved record that the text being written would duplicate, and why. */
export interface DuplicateHit {
  id: string;
  title: string;
  docNo: string | null;
  status: 'draft' | 'published' | 'archived';
  reason: string;
}

/** What the finder reads of a policy or program, besides its title field and key fields. */
interface DuplicateFields {
  _id: Types.ObjectId;
  docNo?: string | null;
  status: DuplicateHit['status'];
}

/**
 * Records whose stored keys equal any of `keys` (each key with the reason shown when it is the one that
 * matched), other than `excludeId`. Reads indexed key fields only: no scan of the collection.
 */
export async function findDuplicates<T>(
  model: Model<T>,
  keys: { field: string; value: string; reason: string }[],
  titleField: 'title' | 'name',
  excludeId?: string,
): Promise<DuplicateHit[]> {
  const or = keys.map((k) => ({ [k.field]: k.value }));
  const filter: Record<string, unknown> = { $or: or };
  if (excludeId) filter._id = { $ne: new Types.ObjectId(excludeId) };
  // Policies and programs share the fields read here; the key fields are the ones `keys` names.
  const docs = await model.find(filter).limit(10).lean<(DuplicateFields & Record<string, unknown>)[]>();
  return docs.map((d) => ({
    id: String(d._id),
    title: String(d[titleField] ?? ''),
    docNo: d.docNo ?? null,
    status: d.status,
    reason: keys.find((k) => d[k.field] === k.value)?.reason ?? '内容相同',
  }));
}
