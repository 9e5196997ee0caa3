import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { BroadcastReport, DeliveryStatus } from '@techbridge/shared';
import type { DeliveryDoc, Models, OccurrenceDoc } from '../models/index.js';

/** Per-group delivery report of a broadcast, across its occurrences. */
export async function broadcastReport(models: Models, broadcastId: Types.ObjectId): Promise<z.input<typeof BroadcastReport>> {
  const [occurrences, deliveries] = await Promise.all([
    models.Occurrence.find({ broadcast: broadcastId }).sort({ scheduledAt: 1 }).lean<OccurrenceDoc[]>(),
    models.Delivery.find({ broadcast: broadcastId }, { text: 0 }).sort({ occurrence: 1, roomId: 1 }).lean<DeliveryDoc[]>(),
  ]);
  const groups = await models.Group.find({ _id: { $in: deliveries.map((d) => d.group) } }, { topic: 1 }).lean();
  const topics = new Map(groups.map((g) => [String(g._id), g.topic]));
  // The delivery's own channel says who sends it; rows planned before channels existed were the bot's.
  const channelOf = (d: DeliveryDoc) => (d.channel === 'wecom' ? 'wecom' : 'wechat') as 'wecom' | 'wechat';
  const totals: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const d of deliveries) totals[d.status] += 1;
  return {
    totals,
    occurrences: occurrences.map((o) => ({
      id: o._id,
      scheduledAt: new Date(o.scheduledAt).toISOString(),
      status: o.status,
      groups: o.groups ?? 0,
    })),
    groups: deliveries.map((d) => ({
      groupId: String(d.group),
      topic: topics.get(String(d.group)) ?? d.roomId,
      channel: channelOf(d),
      occurrence: d.occurrence,
      status: d.status,
      attempts: d.attempts ?? 0,
      lastError: d.lastError ?? null,
      sentAt: d.sentAt ? new Date(d.sentAt).toISOString() : null,
    })),
  };
}
