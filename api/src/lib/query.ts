import type { ContentListQuery } from '@techbridge/shared';

/** Escapes user text for use inside a RegExp, so `q` can never be a pattern (or a ReDoS). */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Mongo filter for public list facets. A region filter also returns national items (000000),
 * since a national policy applies in every region.
 */
export function facetFilter(q: ContentListQuery, textFields: string[], dateField: string): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (q.regions?.length) filter.regions = { $in: [...q.regions, '000000'] };
  if (q.topics?.length) filter.topics = { $in: q.topics };
  if (q.audiences?.length) filter.audiences = { $in: q.audiences };
  if (q.q) {
    const re = new RegExp(escapeRegex(q.q), 'i');
    filter.$or = textFields.map((f) => ({ [f]: re }));
  }
  if (q.from || q.to) {
    filter[dateField] = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
  }
  return filter;
}

/** Keys the client actually sent: PATCH applies only these, never schema defaults. */
export function sentKeys<T extends object>(parsed: T, raw: unknown): Partial<T> {
  const sent = raw && typeof raw === 'object' ? Object.keys(raw) : [];
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => sent.includes(k))) as Partial<T>;
}
