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

/** Builds the inverted index (by region, region subtree, topic and keyword). */
export function buildGroupIndex(groups: readonly GroupProfile[]): GroupIndex {
  const exact = new Map<string, number[]>();
  const subtree = new Map<string, number[]>();
  const byTopic = new Map<string, number[]>();
  const byKeyword = new Map<string, number[]>();
  groups.forEach((g, i) => {
    for (const r of g.regions) {
      post(exact, r, i);
      post(subtree, r, i);
      for (const a of regionAncestors(r)) post(subtree, a, i);
    }
    for (const t of g.topics) post(byTopic, t, i);
    for (const k of g.keywords.map(normalizeKeyword)) if (k.length > 0) post(byKeyword, k, i);
  });
  const keywordHeads = new Map<string, string[]>();
  for (const k of byKeyword.keys()) keywordHeads.set(k.charAt(0), [...(keywordHeads.get(k.charAt(0)) ?? []), k]);
  return { groups: [...groups], exact, subtree, byTopic, byKeyword, keywordHeads };
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
 * Matches an item against an index (or a group list, indexed on the fly). The item's region postings
 * mark a typed array; the topic and keyword postings are then walked and kept only where a region mark
 * is set, so no loop runs over all groups. Audiences are checked on the few survivors, and each
 * distinct reason line is built once. Equals `matchGroupsNaive` exactly, in input order.
 */
export function matchGroups(item: MatchItem, indexOrGroups: GroupIndex | readonly GroupProfile[]): GroupMatch[] {
  const index = isIndex(indexOrGroups) ? indexOrGroups : buildGroupIndex(indexOrGroups);
  if (Math.max(item.regions.length, item.topics.length, item.audiences.length) > MASK_BITS) {
    return matchGroupsNaive(item, index.groups);
  }
  const n = index.groups.length;
  const regionBits = new Uint32Array(n);
  item.regions.forEach((r, j) => {
    for (const i of index.subtree.get(r) ?? []) regionBits[i]! |= 1 << j;
    for (const a of regionAncestors(r)) for (const i of index.exact.get(a) ?? []) regionBits[i]! |= 1 << j;
  });
  const topicBits = new Uint32Array(n);
  const chosen = new Uint8Array(n);
  const candidates: number[] = [];
  const take = (i: number) => {
    if (regionBits[i] !== 0 && chosen[i] === 0) {
      chosen[i] = 1;
      candidates.push(i);
    }
  };
  item.topics.forEach((t, j) => {
    for (const i of index.byTopic.get(t) ?? []) {
      topicBits[i]! |= 1 << j;
      take(i);
    }
  });
  const lowerText = item.text.toLowerCase();
  for (const k of keywordsIn(lowerText, index.keywordHeads)) for (const i of index.byKeyword.get(k) ?? []) take(i);
  candidates.sort((x, y) => x - y);

  const cache = new Map<string, string>();
  const out: GroupMatch[] = [];
  for (const i of candidates) {
    const group = index.groups[i] as GroupProfile;
    const a = listMask(item.audiences, group.audiences);
    if (item.audiences.length > 0 && group.audiences.length > 0 && a === 0) continue;
    const r = regionBits[i]!;
    const t = topicBits[i]!;
    let reason: string | undefined;
    if (t === 0) {
      reason = formatReason(item, maskPositions(r), [], maskPositions(a), keywordHits(group, lowerText));
    } else {
      const key = `${r}|${t}|${a}`;
      reason = cache.get(key);
      if (reason === undefined)
        cache.set(key, (reason = formatReason(item, maskPositions(r), maskPositions(t), maskPositions(a), [])));
    }
    out.push({ groupId: group.id, reason });
  }
  return out;
}

/** Bit j set when the group's list contains the item's j-th value. */
function listMask(values: readonly string[], groupValues: readonly string[]): number {
  let mask = 0;
  for (let j = 0; j < values.length; j += 1) if (groupValues.includes(values[j] as string)) mask |= 1 << j;
  return mask;
}

function isIndex(x: GroupIndex | readonly GroupProfile[]): x is GroupIndex {
  return !Array.isArray(x);
}
