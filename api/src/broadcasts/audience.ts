import { matchGroups, nearestGroups, type MatchItem } from '@techbridge/shared';
import type { BroadcastDoc } from '../models/index.js';
import { profileOf, type DirectoryGroup, type GroupDirectory } from './groupDirectory.js';

export interface Target {
  group: DirectoryGroup;
  reason: string;
}

/** The content a broadcast is about, as the matcher sees it. */
export type AudienceSpec =
  { kind: 'all' } | { kind: 'groups'; groupIds: string[] } | { kind: 'filter' | 'match'; item: MatchItem };

/**
 * Active groups a broadcast goes to, each with the one-line reason shown on the card.
 * `match` (a published item) and `filter` (an organizer's facet filter) use the shared matcher.
 */
export function resolveTargets(dir: GroupDirectory, spec: AudienceSpec): Target[] {
  if (spec.kind === 'groups') {
    return spec.groupIds.flatMap((id) => {
      const group = dir.byId.get(id);
      return group ? [{ group, reason: '指定群发' }] : [];
    });
  }
  if (spec.kind === 'all') return dir.groups.map((group) => ({ group, reason: '全部群' }));
  // The index is built from the same groups as byId, so every match is there.
  return matchGroups(spec.item, dir.index).map((m) => ({ group: dir.byId.get(m.groupId)!, reason: m.reason }));
}

/** The facets of a `filter` audience, saved or (in a preview) as the organizer sent them. */
type FacetFilter = Partial<Pick<NonNullable<BroadcastDoc['audience']>, 'regions' | 'topics' | 'audiences' | 'keywords'>>;

/** `filter` audiences have no text; their keywords are matched as words of the filter itself. */
export function filterItem(audience: FacetFilter): MatchItem {
  return {
    regions: audience.regions ?? [],
    topics: audience.topics ?? [],
    audiences: audience.audiences ?? [],
    text: (audience.keywords ?? []).join(' '),
  };
}

/**
 * Preview of who an item would be pushed to (the same matching the planner uses), with reasons. When no
 * group matches, the nearest ones and what they lack, so "0 groups" never passes without a word.
 */
export function audiencePreview(dir: GroupDirectory, item: MatchItem) {
  const targets = resolveTargets(dir, { kind: 'match', item });
  // Only on an empty result: it scans every active group, which the indexed match above avoids.
  const nearest = targets.length === 0 ? nearestGroups(item, dir.groups.map(profileOf)) : [];
  return {
    total: targets.length,
    nearest: nearest.map((n) => ({ ...n, topic: dir.byId.get(n.groupId)?.topic ?? '' })),
    groups: targets.map((t) => ({
      groupId: String(t.group._id),
      roomId: t.group.roomId,
      topic: t.group.topic,
      channel: t.group.channel ?? 'wechat',
      reason: t.reason,
    })),
  };
}
