/**
 * Which WeChat groups an item (policy, program, event) should reach, and why.
 * Rule: regions overlap (000000 matches all, cities roll up to provinces) AND (a topic overlaps OR a group
 * keyword occurs in the item's text) AND audiences overlap when both sides name any. A side with no
 * regions overlaps nothing: an unconfigured group receives nothing, an untagged item reaches no one.
 */
import { audienceLabel, regionAncestors, regionMatches, regionName, topicLabel } from './taxonomy.js';

/** The facets of an item being pushed; `text` is its title and summary, searched for group keywords. */
export interface MatchItem {
  regions: string[];
  topics: string[];
  audiences: string[];
  text: string;
}

/** A group's subscription profile. */
export interface GroupProfile {
  id: string;
  regions: string[];
  topics: string[];
  audiences: string[];
  keywords: string[];
}

/** A matched group and the reason shown on the card, e.g. `上海 · 概念验证 · 企业`. */
export interface GroupMatch {
  groupId: string;
  reason: string;
}

type Postings = ReadonlyMap<string, readonly number[]>;

/** Inverted index over group profiles (postings hold positions in `groups`). Build once, query often. */
export interface GroupIndex {
  readonly groups: readonly GroupProfile[];
  /** Region code → groups listing exactly that code. */
  readonly exact: Postings;
  /** Region code → groups listing that code or a region under it (000000 covers every group with a region). */
  readonly subtree: Postings;
  readonly byTopic: Postings;
  readonly byAudience: Postings;
  /** 1 where the group names at least one audience. */
  readonly hasAudience: Uint8Array;
  /** Normalized keyword → groups. */
  readonly byKeyword: Postings;
  /** First character → distinct normalized keywords starting with it, for one pass over the item text. */
  readonly keywordHeads: ReadonlyMap<string, readonly string[]>;
}

// Keywords are compared trimmed and case-insensitively (POC = poc); blank ones never match, or a stray
// empty string would subscribe a group to everything.
const normalizeKeyword = (k: string) => k.trim().toLowerCase();

function keywordHits(group: GroupProfile, lowerText: string): string[] {
  return group.keywords.filter((k) => {
    const n = normalizeKeyword(k);
    return n.length > 0 && lowerText.includes(n);
  });
}

/** Reason line from the positions (in the item's lists) of the shared regions, topics and audiences. */
function formatReason(item: MatchItem, regions: number[], topics: number[], audiences: number[], keywords: string[]): string {
  const labels = (values: readonly string[], at: number[], label: (v: string) => string) =>
    [...new Set(at.map((j) => label(values[j] ?? '')))].join('、');
  const parts = [
    labels(item.regions, regions, regionName),
    topics.length > 0 ? labels(item.topics, topics, topicLabel) : keywords.map((k) => `关键词「${k.trim()}」`).join('、'),
  ];
  if (audiences.length > 0) parts.push(labels(item.audiences, audiences, audienceLabel));
  return parts.join(' · ');
}

function overlapsRegion(region: string, groupRegions: readonly string[]): boolean {
  for (const g of groupRegions) if (regionMatches(region, g)) return true;
  return false;
}

// Positions of the item's values that a group list accepts. Plain loops: this runs per group in the scan.
function positions(values: readonly string[], groupValues: readonly string[], regions = false): number[] {
  const at: number[] = [];
  for (let j = 0; j < values.length; j += 1) {
    const v = values[j] as string;
    if (regions ? overlapsRegion(v, groupValues) : groupValues.includes(v)) at.push(j);
  }
  return at;
}

/** Plain scan over every group: the benchmark baseline and the test oracle for `matchGroups`. */
export function matchGroupsNaive(item: MatchItem, groups: readonly GroupProfile[]): GroupMatch[] {
  const lowerText = item.text.toLowerCase();
  const reasons = new Map<string, string>(); // a fair baseline: reason strings are not rebuilt per group
  const out: GroupMatch[] = [];
  for (const group of groups) {
    const regions = positions(item.regions, group.regions, true);
    if (regions.length === 0) continue;
    const topics = positions(item.topics, group.topics);
    const keywords = topics.length > 0 ? [] : keywordHits(group, lowerText);
    if (topics.length === 0 && keywords.length === 0) continue;
    const bothNameAudiences = item.audiences.length > 0 && group.audiences.length > 0;
    const audiences = bothNameAudiences ? positions(item.audiences, group.audiences) : [];
    if (bothNameAudiences && audiences.length === 0) continue;
    const key = [regions, topics, audiences, keywords].join('|');
    const reason = reasons.get(key) ?? formatReason(item, regions, topics, audiences, keywords);
    reasons.set(key, reason);
    out.push({ groupId: group.id, reason });
  }
  return out;
}

function post(map: Map<string, number[]>, key: string, ordinal: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [ordinal]);
  else if (list[list.length - 1] !== ordinal) list.push(ordinal);
}

/** Builds the inverted index (by region, region subtree, topic, audience and keyword). */
export function buildGroupIndex(groups: readonly GroupProfile[]): GroupIndex {
  const exact = new Map<string, number[]>();
  const subtree = new Map<string, number[]>();
  const byTopic = new Map<string, number[]>();
  const byAudience = new Map<string, number[]>();
  const byKeyword = new Map<string, number[]>();
  const hasAudience = new Uint8Array(groups.length);
  groups.forEach((g, i) => {
    for (const r of g.regions) {
      post(exact, r, i);
      post(subtree, r, i);
      for (const a of regionAncestors(r)) post(subtree, a, i);
    }
    for (const t of g.topics) post(byTopic, t, i);
    for (const a of g.audiences) post(byAudience, a, i);
    hasAudience[i] = g.audiences.length > 0 ? 1 : 0;
    for (const k of g.keywords.map(normalizeKeyword)) if (k.length > 0) post(byKeyword, k, i);
  });
  const keywordHeads = new Map<string, string[]>();
  for (const k of byKeyword.keys()) keywordHeads.set(k.charAt(0), [...(keywordHeads.get(k.charAt(0)) ?? []), k]);
  return { groups: [...groups], exact, subtree, byTopic, byAudience, hasAudience, byKeyword, keywordHeads };
}

// One pass over the text, trying only the keywords that start with the current character: the cost grows
// with the text, not with the number of distinct keywords (which can reach thousands at 100k groups).
function keywordsIn(lowerText: string, heads: ReadonlyMap<string, readonly string[]>): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < lowerText.length; i += 1) {
    for (const k of heads.get(lowerText.charAt(i)) ?? []) if (lowerText.startsWith(k, i)) found.add(k);
  }
  return found;
}

// Masks keep one bit per position in the item's lists; 26 bits so that topic and audience masks combine
// into one exact number (2^52) for the reason cache. Longer lists (no real item has them) take the scan.
const MASK_BITS = 26;
const maskPositions = (mask: number) => Array.from({ length: MASK_BITS }, (_, j) => j).filter((j) => mask & (1 << j));

/**
 * Matches an item against an index (or a group list, indexed on the fly). Walking the postings of the
 * item's regions, topics and audiences sets per-group bit masks, so a candidate is decided without
 * touching its profile, and the reason line is built once per distinct overlap (many groups share one).
 * Results keep the groups' input order and equal `matchGroupsNaive` exactly.
 */
export function matchGroups(item: MatchItem, indexOrGroups: GroupIndex | readonly GroupProfile[]): GroupMatch[] {
  const index = isIndex(indexOrGroups) ? indexOrGroups : buildGroupIndex(indexOrGroups);
  if (Math.max(item.regions.length, item.topics.length, item.audiences.length) > MASK_BITS) {
    return matchGroupsNaive(item, index.groups);
  }
  const n = index.groups.length;
  const [regionBits, topicBits, audienceBits] = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n)];
  const mark = (bits: Uint32Array, list: readonly number[] | undefined, bit: number) => {
    for (const i of list ?? []) bits[i] = (bits[i] ?? 0) | bit;
  };
  item.regions.forEach((r, j) => {
    mark(regionBits, index.subtree.get(r), 1 << j);
    for (const a of regionAncestors(r)) mark(regionBits, index.exact.get(a), 1 << j);
  });
  item.topics.forEach((t, j) => mark(topicBits, index.byTopic.get(t), 1 << j));
  item.audiences.forEach((a, j) => mark(audienceBits, index.byAudience.get(a), 1 << j));
  const lowerText = item.text.toLowerCase();
  const keywordHit = new Uint8Array(n);
  for (const k of keywordsIn(lowerText, index.keywordHeads)) for (const i of index.byKeyword.get(k) ?? []) keywordHit[i] = 1;

  const cache = new Map<number, Map<number, string>>();
  const out: GroupMatch[] = [];
  for (let i = 0; i < n; i += 1) {
    const r = regionBits[i] ?? 0;
    const t = topicBits[i] ?? 0;
    const a = audienceBits[i] ?? 0;
    if (r === 0 || (t === 0 && keywordHit[i] === 0)) continue;
    if (item.audiences.length > 0 && index.hasAudience[i] === 1 && a === 0) continue;
    const group = index.groups[i] as GroupProfile;
    let reason: string | undefined;
    if (t === 0) {
      reason = formatReason(item, maskPositions(r), [], maskPositions(a), keywordHits(group, lowerText));
    } else {
      let byRegion = cache.get(r);
      if (!byRegion) cache.set(r, (byRegion = new Map()));
      reason = byRegion.get(t * 2 ** MASK_BITS + a);
      if (reason === undefined) {
        reason = formatReason(item, maskPositions(r), maskPositions(t), maskPositions(a), []);
        byRegion.set(t * 2 ** MASK_BITS + a, reason);
      }
    }
    out.push({ groupId: group.id, reason });
  }
  return out;
}

function isIndex(x: GroupIndex | readonly GroupProfile[]): x is GroupIndex {
  return !Array.isArray(x);
}
