import { buildGroupIndex, matchGroups, type GroupProfile, type MatchItem } from '@techbridge/shared';
import type { Models } from '../models/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- lean docs */

export interface Target {
  group: any;
  reason: string;
}

/** The content a broadcast is about, as the matcher sees it. */
export type AudienceSpec =
  | { kind: 'all' }
  | { kind: 'groups'; groupIds: string[] }
  | { kind: 'filter' | 'match'; item: MatchItem };

const profileOf = (g: any): GroupProfile => ({
  id: String(g._id),
  regions: g.profile?.regions ?? [],
  topics: g.profile?.topics ?? [],
  audiences: g.profile?.audiences ?? [],
  keywords: g.profile?.keywords ?? [],
});

/**
 * Active groups a broadcast goes to, each with the one-line reason shown on the card.
 * `match` (a published item) and `filter` (an organizer's facet filter) use the shared matcher.
 */
export async function resolveTargets(models: Models, spec: AudienceSpec): Promise<Target[]> {
  if (spec.kind === 'groups') {
    const groups: any[] = await models.Group.find({ _id: { $in: spec.groupIds }, status: 'active' }).lean();
    return groups.map((group) => ({ group, reason: '指定群发' }));
  }
  const groups: any[] = await models.Group.find({ status: 'active' }).lean();
  if (spec.kind === 'all') return groups.map((group) => ({ group, reason: '全部群' }));
  const byId = new Map(groups.map((g) => [String(g._id), g]));
  return matchGroups(spec.item, buildGroupIndex(groups.map(profileOf))).map((m) => ({ group: byId.get(m.groupId), reason: m.reason }));
}

/** `filter` audiences have no text; their keywords are matched as words of the filter itself. */
export function filterItem(audience: any): MatchItem {
  return {
    regions: audience.regions ?? [],
    topics: audience.topics ?? [],
    audiences: audience.audiences ?? [],
    text: (audience.keywords ?? []).join(' '),
  };
}
