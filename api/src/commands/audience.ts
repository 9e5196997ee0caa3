import { matchGroups, type MatchItem } from '@techbridge/shared';
import type { Deps } from '../deps.js';

/** The active groups an item would be pushed to, each with the reason shown on the card. */
export async function audienceFor(deps: Deps, item: MatchItem) {
  const dir = await deps.groups.refresh(deps.models);
  const matches = matchGroups(item, dir.index);
  return {
    total: matches.length,
    groups: matches.map((m) => {
      const g = dir.byId.get(m.groupId);
      return { groupId: m.groupId, roomId: g.roomId, topic: g.topic, reason: m.reason };
    }),
  };
}
