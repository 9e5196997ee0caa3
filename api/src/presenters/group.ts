import type { z } from 'zod';
import type { Group } from '@techbridge/shared';
import type { GroupDoc } from '../models/index.js';
import { isoReq } from './common.js';

/** A group's delivery settings, defaults filled; needs only `delivery`, so partial loads can use it. */
export function presentDelivery(g: Pick<GroupDoc, 'delivery'>) {
  const quietHours = g.delivery?.quietHours;
  return {
    mode: g.delivery?.mode ?? 'instant',
    digestAt: g.delivery?.digestAt ?? '09:00',
    // Both ends are always written together (GroupInput, GroupPatch and the 免打扰 command require
    // both); the schema just leaves each optional, so mongoose types `end` as string | null | undefined.
    quietHours: quietHours?.start ? { start: quietHours.start, end: quietHours.end as string } : null,
  };
}

export function presentGroup(g: GroupDoc): z.input<typeof Group> {
  return {
    id: String(g._id),
    roomId: g.roomId,
    channel: g.channel === 'wecom' ? ('wecom' as const) : ('wechat' as const),
    // Only the mask: the key itself is the robot's credential and never leaves the api.
    wecomKeyMasked: g.channel === 'wecom' ? (g.wecom?.keyMasked ?? '****') : null,
    topic: g.topic,
    botAccount: g.botAccount ?? null,
    status: g.status,
    profile: {
      regions: g.profile?.regions ?? [],
      topics: g.profile?.topics ?? [],
      audiences: g.profile?.audiences ?? [],
      keywords: g.profile?.keywords ?? [],
    },
    delivery: presentDelivery(g),
    // GroupManager requires a contact id; a manager row without one (never written by the api) names nobody.
    managers: (g.managers ?? []).flatMap((m) => (m.contactId ? [{ contactId: m.contactId, name: m.name ?? '' }] : [])),
    createdAt: isoReq(g.createdAt),
    updatedAt: isoReq(g.updatedAt),
  };
}
