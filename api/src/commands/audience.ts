import { buildGroupIndex, matchGroups, type GroupProfile, type MatchItem } from '@techbridge/shared';
import type { Models } from '../models/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- lean docs */

/**
 * The active groups an item would be pushed to, each with the reason shown on the card.
 * The index is built per call here; the broadcast planner (bot issue) caches it.
 */
export async function audienceFor(models: Models, item: MatchItem) {
  const groups: any[] = await models.Group.find({ status: 'active' }, { roomId: 1, topic: 1, profile: 1 }).lean();
  const profiles: GroupProfile[] = groups.map((g) => ({
    id: String(g._id),
    regions: g.profile?.regions ?? [],
    topics: g.profile?.topics ?? [],
    audiences: g.profile?.audiences ?? [],
    keywords: g.profile?.keywords ?? [],
  }));
  const byId = new Map(groups.map((g) => [String(g._id), g]));
  const matches = matchGroups(item, buildGroupIndex(profiles));
  return {
    total: matches.length,
    groups: matches.map((m) => {
      const g = byId.get(m.groupId)!;
      return { groupId: m.groupId, roomId: g.roomId, topic: g.topic, reason: m.reason };
    }),
  };
}
