import { AUDIENCES, EVENT_KINDS, NATIONAL, REGIONS, TOPICS, regionAncestors } from '@techbridge/shared/taxonomy';

export interface ChipOption {
  value: string;
  label: string;
}

/** Province-level regions only: the filter stays one short row, and a province also finds its cities. */
export const PROVINCE_OPTIONS: readonly ChipOption[] = REGIONS.filter((r) => r.parent === NATIONAL).map((r) => ({
  value: r.code,
  label: r.name,
}));
export const TOPIC_OPTIONS: readonly ChipOption[] = TOPICS.map((t) => ({ value: t.id, label: t.label }));
export const AUDIENCE_OPTIONS: readonly ChipOption[] = AUDIENCES.map((a) => ({ value: a.id, label: a.label }));
export const KIND_OPTIONS: readonly ChipOption[] = EVENT_KINDS.map((k) => ({ value: k.id, label: k.label }));

/**
 * The `regions` query for a province: the province and every city or district the taxonomy puts under it.
 * The api matches region codes exactly (plus 全国), so without this an item tagged 浦东新区 would not show
 * under 上海.
 */
export function regionQuery(code: string): string | undefined {
  if (!code) return undefined;
  const below = REGIONS.filter((r) => regionAncestors(r.code).includes(code)).map((r) => r.code);
  return [code, ...below].join(',');
}

/** The facet filters of the policy and program lists; '' means "全部". */
export interface FacetFilter {
  region: string;
  topic: string;
  audience: string;
  q: string;
}

export const EMPTY_FILTER: FacetFilter = { region: '', topic: '', audience: '', q: '' };

/** The list query for a facet filter (empty values are dropped by the api client). */
export function facetQuery(f: FacetFilter): Record<string, string | undefined> {
  return {
    regions: regionQuery(f.region),
    topics: f.topic || undefined,
    audiences: f.audience || undefined,
    q: f.q.trim() || undefined,
  };
}
