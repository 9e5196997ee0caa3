/**
 * Groups that almost matched an item, for the warning shown before an item goes to no group at all:
 * which of the three conditions (region, topic or keyword, audience) each group meets and, in words,
 * what it lacks. The organizer then sees whether to widen the item's regions or topics.
 */
import type { GroupProfile, MatchItem } from './matching.js';
import { audienceLabel, regionMatches, regionName, topicLabel } from './taxonomy.js';

/** A group that met some conditions of a match but not all. */
export interface NearMiss {
  groupId: string;
  /** What the group shares with the item, e.g. ['地区', '主题']. */
  matched: string[];
  /** What it lacks, e.g. `地区不符：该群关注 北京、天津`. */
  missing: string;
}

const list = (values: readonly string[], label: (v: string) => string) => values.map(label).join('、');

/** The conditions of `matchGroups`, checked one by one for one group. */
function check(item: MatchItem, g: GroupProfile) {
  const lowerText = item.text.toLowerCase();
  const region = item.regions.some((r) => g.regions.some((gr) => regionMatches(r, gr)));
  const keyword = g.keywords.some((k) => k.trim().length > 0 && lowerText.includes(k.trim().toLowerCase()));
  const topic = keyword || item.topics.some((t) => g.topics.includes(t));
  const audience = item.audiences.length === 0 || g.audiences.length === 0 || item.audiences.some((a) => g.audiences.includes(a));
  return { region, topic, audience };
}

function missingText(g: GroupProfile, c: ReturnType<typeof check>): string {
  const parts: string[] = [];
  if (!c.region) parts.push(g.regions.length ? `地区不符：该群关注 ${list(g.regions, regionName)}` : '该群未设置地区');
  if (!c.topic) parts.push(g.topics.length ? `主题不符：该群关注 ${list(g.topics, topicLabel)}` : '该群未设置主题');
  if (!c.audience) parts.push(`对象不符：该群面向 ${list(g.audiences, audienceLabel)}`);
  return parts.join('；');
}

/**
 * The groups meeting the most conditions without meeting all of them, best first (two of three before one
 * of three; ties in input order), at most `limit`. Groups sharing neither region nor topic are left out: they
 * are not near.
 */
export function nearestGroups(item: MatchItem, groups: readonly GroupProfile[], limit = 5): NearMiss[] {
  const scored: { g: GroupProfile; met: number; c: ReturnType<typeof check> }[] = [];
  for (const g of groups) {
    const c = check(item, g);
    const met = Number(c.region) + Number(c.topic) + Number(c.audience);
    // Sharing only the audience (often because the group names none) is not "almost": region or topic must hold.
    if (met < 3 && (c.region || c.topic)) scored.push({ g, met, c });
  }
  // A group with audiences merely unset "meets" that condition trivially: rank by region and topic first.
  const weight = (s: (typeof scored)[number]) => s.met * 2 + Number(s.c.region) + Number(s.c.topic);
  return scored
    .sort((a, b) => weight(b) - weight(a))
    .slice(0, limit)
    .map(({ g, c }) => ({
      groupId: g.id,
      matched: [c.region ? '地区' : '', c.topic ? '主题' : '', c.audience ? '对象' : ''].filter(Boolean),
      missing: missingText(g, c),
    }));
}
