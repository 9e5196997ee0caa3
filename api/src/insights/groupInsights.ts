import { GROUP_INSIGHTS_DAYS, type DeliveryOutcome, type GroupInsights } from '@techbridge/shared';
import { Types } from 'mongoose';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { chatCode, daysBetween, registrationRows, shanghaiDay, shanghaiDayOf, windowStart } from './outcomes.js';
import {
  addDeliveries,
  addRegistrations,
  deliveryCounters,
  emptyDeliveryOutcome,
  sumOutcomes,
  type DeliveryCounts,
} from './deliveryOutcome.js';

const CHAT = 'chat';

/**
 * What one group received in the last 90 days (deliveries due in the window, per broadcast) and how
 * it responded: opens of its links and the sign-ups they led to, plus the bot's 报名 links in its chat.
 * Deliveries are matched by (group, notBefore: planned deliveries carry no createdAt), opens by (group, at), registrations by source.
 */
export async function groupInsights(deps: Deps, groupId: string): Promise<GroupInsights> {
  const { models } = deps;
  const id = new Types.ObjectId(groupId);
  const group = await models.Group.findById(id, { topic: 1, channel: 1 }).lean();
  if (!group) throw notFound('群');
  const now = deps.now();
  const since = windowStart(now, GROUP_INSIGHTS_DAYS);
  const [deliveries, sentDays, opens] = await Promise.all([
    models.Delivery.aggregate<DeliveryCounts & { _id: Types.ObjectId; lastSentAt: Date | null }>([
      { $match: { group: id, notBefore: { $gte: since } } },
      { $group: { _id: '$broadcast', lastSentAt: { $max: '$sentAt' }, ...deliveryCounters } },
    ]),
    models.Delivery.aggregate<{ _id: string; n: number }>([
      { $match: { group: id, notBefore: { $gte: since }, status: 'sent' } },
      { $group: { _id: shanghaiDayOf('$sentAt'), n: { $sum: 1 } } },
    ]),
    models.Open.aggregate<{ _id: { broadcast: Types.ObjectId | null; day: string }; n: number }>([
      { $match: { group: id, at: { $gte: since } } },
      { $group: { _id: { broadcast: '$broadcast', day: shanghaiDayOf('$at') }, n: { $sum: 1 } } },
    ]),
  ]);
  const rows = new Map<string, DeliveryOutcome & { lastSentAt: string | null }>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { ...emptyDeliveryOutcome(), lastSentAt: null }));
    return r;
  };
  const broadcastOfCode = new Map<string, string>([[chatCode(groupId), CHAT]]);
  for (const d of deliveries) {
    const r = row(String(d._id));
    addDeliveries(r, d);
    r.lastSentAt = d.lastSentAt ? new Date(d.lastSentAt).toISOString() : null;
    for (const code of d.codes) broadcastOfCode.set(code, String(d._id));
  }
  const perDay = new Map<string, { delivered: number; opened: number; signedUp: number }>();
  const day = (d: string) => perDay.get(d) ?? (perDay.set(d, { delivered: 0, opened: 0, signedUp: 0 }), perDay.get(d)!);
  for (const s of sentDays) if (s._id) day(s._id).delivered += s.n;
  for (const o of opens) {
    row(o._id.broadcast ? String(o._id.broadcast) : CHAT).opened += o.n;
    day(o._id.day).opened += o.n;
  }
  const registrations = await registrationRows(models, {
    source: { $in: [...broadcastOfCode.keys()] },
    createdAt: { $gte: since },
  });
  for (const r of registrations) {
    addRegistrations(row(broadcastOfCode.get(r.source!)!), r.status, r.n);
    day(r.day).signedUp += r.n;
  }

  const ids = [...rows.keys()].filter((k) => k !== CHAT);
  const broadcasts = await models.Broadcast.find({ _id: { $in: ids } }, { title: 1, kind: 1, createdAt: 1 }).lean();
  const meta = new Map(broadcasts.map((b) => [String(b._id), b]));
  const list = [...rows].map(([broadcastId, r]) => ({
    broadcastId,
    title: broadcastId === CHAT ? '群内报名链接' : (meta.get(broadcastId)?.title ?? '已删除的群发'),
    kind: broadcastId === CHAT ? CHAT : (meta.get(broadcastId)?.kind ?? 'manual'),
    ...r,
  }));
  // Newest first by last delivery (then by when the broadcast was made); the chat row last.
  const order = (b: (typeof list)[number]) =>
    b.broadcastId === CHAT ? -1 : Date.parse(b.lastSentAt ?? '') || new Date(meta.get(b.broadcastId)?.createdAt ?? 0).getTime();
  list.sort((a, b) => order(b) - order(a));
  return {
    groupId,
    topic: group.topic,
    channel: group.channel === 'wecom' ? 'wecom' : 'wechat',
    days: GROUP_INSIGHTS_DAYS,
    since: since.toISOString(),
    generatedAt: now.toISOString(),
    totals: sumOutcomes(list),
    broadcasts: list,
    overTime: daysBetween(shanghaiDay(since), shanghaiDay(now)).map((date) => ({
      date,
      ...(perDay.get(date) ?? { delivered: 0, opened: 0, signedUp: 0 }),
    })),
  };
}
