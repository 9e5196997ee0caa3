/* eslint-disable @typescript-eslint/no-explicit-any -- lean docs */
import { isoReq } from './common.js';

export function presentGroup(g: any) {
  return {
    id: String(g._id),
    roomId: g.roomId,
    topic: g.topic,
    botAccount: g.botAccount ?? null,
    status: g.status,
    profile: {
      regions: g.profile?.regions ?? [],
      topics: g.profile?.topics ?? [],
      audiences: g.profile?.audiences ?? [],
      keywords: g.profile?.keywords ?? [],
    },
    delivery: {
      mode: g.delivery?.mode ?? 'instant',
      digestAt: g.delivery?.digestAt ?? '09:00',
      quietHours: g.delivery?.quietHours?.start ? { start: g.delivery.quietHours.start, end: g.delivery.quietHours.end } : null,
    },
    managers: (g.managers ?? []).map((m: any) => ({ contactId: m.contactId, name: m.name ?? '' })),
    createdAt: isoReq(g.createdAt),
    updatedAt: isoReq(g.updatedAt),
  };
}
