import type { BroadcastInsights, DeliveryOutcome } from '@techbridge/shared';
import { Types } from 'mongoose';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { groupLabels, registrationRows } from './outcomes.js';
import {
  addDeliveries,
  addRegistrations,
  deliveryCounters,
  emptyDeliveryOutcome,
  sumOutcomes,
  type DeliveryCounts,
} from './deliveryOutcome.js';

type Channel = 'wechat' | 'wecom';

/**
 * What one broadcast achieved, across its occurrences: delivered, failed, still waiting or skipped, the
 * opens of its links and the sign-ups they led to, per group and per channel. Deliveries and open tallies
 * are matched by broadcast, registrations by source (all indexed).
 */
export async function broadcastInsights(deps: Deps, broadcastId: string): Promise<BroadcastInsights> {
  const { models } = deps;
  const id = new Types.ObjectId(broadcastId);
  const broadcast = await models.Broadcast.findById(id, { title: 1, kind: 1, sourceType: 1, sourceId: 1 }).lean();
  if (!broadcast) throw notFound('群发');
  const [deliveries, tallies] = await Promise.all([
    models.Delivery.aggregate<DeliveryCounts & { _id: Types.ObjectId; channel: string }>([
      { $match: { broadcast: id } },
      { $group: { _id: '$group', channel: { $first: '$channel' }, ...deliveryCounters } },
    ]),
    models.OpenTally.aggregate<{ _id: Types.ObjectId; channel: string; opened: number }>([
      { $match: { broadcast: id } },
      { $group: { _id: '$group', channel: { $first: '$channel' }, opened: { $sum: '$opens' } } },
    ]),
  ]);
  const rows = new Map<string, DeliveryOutcome & { channel: Channel }>();
  const row = (groupId: string, channel: unknown) => {
    let r = rows.get(groupId);
    if (!r) rows.set(groupId, (r = { ...emptyDeliveryOutcome(), channel: channel === 'wecom' ? 'wecom' : 'wechat' }));
    return r;
  };
  const groupOfCode = new Map<string, string>();
  for (const d of deliveries) {
    addDeliveries(row(String(d._id), d.channel), d);
    for (const code of d.codes) groupOfCode.set(code, String(d._id));
  }
  for (const t of tallies) row(String(t._id), t.channel).opened += t.opened;
  // Manual broadcasts carry no link: no code can have led to a sign-up.
  const registrations = broadcast.sourceType ? await registrationRows(models, { source: { $in: [...groupOfCode.keys()] } }) : [];
  for (const r of registrations) addRegistrations(row(groupOfCode.get(r.source!)!, undefined), r.status, r.n);

  const labels = await groupLabels(models, [...rows.keys()]);
  const byGroup = [...rows].map(([groupId, r]) => ({ groupId, topic: labels.get(groupId)?.topic ?? '已删除的群', ...r }));
  byGroup.sort((a, b) => b.signedUp - a.signedUp || b.opened - a.opened || a.topic.localeCompare(b.topic));
  return {
    broadcastId,
    title: broadcast.title,
    kind: broadcast.kind,
    source: broadcast.sourceType ? { type: broadcast.sourceType, id: String(broadcast.sourceId) } : null,
    generatedAt: deps.now().toISOString(),
    totals: sumOutcomes(byGroup),
    byGroup,
    byChannel: (['wechat', 'wecom'] as const).map((channel) => ({
      channel,
      ...sumOutcomes(byGroup.filter((g) => g.channel === channel)),
    })),
  };
}
