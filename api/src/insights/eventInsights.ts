import type { ChannelFunnel, EventInsights, Funnel, GroupFunnel } from '@techbridge/shared';
import { Types } from 'mongoose';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { addStatus, daysBetween, emptyOutcome, groupLabels, groupOfChatCode, registrationRows } from './outcomes.js';

type Channel = 'wechat' | 'wecom';
const emptyFunnel = (): Funnel => ({ pushed: 0, opened: 0, signedUp: 0, confirmed: 0, checkedIn: 0 });
const channelOf = (c: unknown): Channel => (c === 'wecom' ? 'wecom' : 'wechat');

/**
 * The funnel of one event's pushes: push → open → sign-up → confirmed → checked in, overall, per group
 * and per channel, and sign-ups per Shanghai day. Three aggregations, each starting on an indexed field:
 * the deliveries of the event's broadcasts (by broadcast), the open tallies of the event (by item, one
 * per link rather than one per open), its registrations (by event). A sign-up counts for a group when its
 * `source` is the code of a delivery of this event to that group, or that group's 报名 chat code.
 */
export async function eventInsights(deps: Deps, eventId: string): Promise<EventInsights> {
  const { models } = deps;
  const id = new Types.ObjectId(eventId);
  const [event, broadcasts] = await Promise.all([
    models.Event.findById(id, { title: 1 }).lean(),
    models.Broadcast.find({ sourceType: 'event', sourceId: id }, { _id: 1 }).lean(),
  ]);
  if (!event) throw notFound('活动');
  const broadcastIds = broadcasts.map((b) => b._id);
  const [deliveries, tallies, registrations] = await Promise.all([
    models.Delivery.aggregate<{ _id: Types.ObjectId; channel: string; pushed: number; codes: string[] }>([
      { $match: { broadcast: { $in: broadcastIds } } },
      {
        $group: {
          _id: '$group',
          channel: { $first: '$channel' },
          pushed: { $sum: { $cond: [{ $eq: ['$status', 'sent'] }, 1, 0] } },
          codes: { $push: '$trackingCode' },
        },
      },
    ]),
    models.OpenTally.aggregate<{ _id: Types.ObjectId; channel: string; opened: number }>([
      { $match: { item: id, itemType: 'event' } },
      { $group: { _id: '$group', channel: { $first: '$channel' }, opened: { $sum: '$opens' } } },
    ]),
    registrationRows(models, { event: id }),
  ]);

  const rows = new Map<string, Funnel & { channel: Channel }>();
  const row = (groupId: string, channel: unknown) => {
    let r = rows.get(groupId);
    if (!r) rows.set(groupId, (r = { ...emptyFunnel(), channel: channelOf(channel) }));
    return r;
  };
  const groupOfCode = new Map<string, string>();
  for (const d of deliveries) {
    row(String(d._id), d.channel).pushed += d.pushed;
    for (const code of d.codes) groupOfCode.set(code, String(d._id));
  }
  for (const t of tallies) row(String(t._id), t.channel).opened += t.opened;
  // `source` is whatever the sign-up form sent: a chat code counts only for a group that exists.
  const chatGroups = registrations.map((r) => (r.source ? groupOfChatCode(r.source) : null)).filter((g) => g !== null);
  const labels = await groupLabels(models, [...new Set([...rows.keys(), ...chatGroups])]);

  const all = emptyOutcome();
  const perDay = new Map<string, { signedUp: number; tracked: number }>();
  for (const r of registrations) {
    addStatus(all, r.status, r.n);
    const chatGroup = r.source ? groupOfChatCode(r.source) : null;
    const groupId = r.source ? (groupOfCode.get(r.source) ?? (chatGroup && labels.has(chatGroup) ? chatGroup : null)) : null;
    if (groupId) addStatus(row(groupId, labels.get(groupId)?.channel), r.status, r.n);
    const day = perDay.get(r.day) ?? { signedUp: 0, tracked: 0 };
    day.signedUp += r.n;
    if (groupId) day.tracked += r.n;
    perDay.set(r.day, day);
  }

  const byGroup: GroupFunnel[] = [...rows].map(([groupId, r]) => ({
    groupId,
    topic: labels.get(groupId)?.topic ?? '已删除的群',
    ...r,
  }));
  byGroup.sort((a, b) => b.signedUp - a.signedUp || b.opened - a.opened || b.pushed - a.pushed || a.topic.localeCompare(b.topic));
  const byChannel: ChannelFunnel[] = (['wechat', 'wecom'] as const).map((channel) => ({ channel, ...emptyFunnel() }));
  const totals = emptyFunnel();
  for (const g of byGroup) {
    const c = byChannel.find((x) => x.channel === g.channel)!;
    for (const k of Object.keys(totals) as (keyof Funnel)[]) {
      c[k] += g[k];
      totals[k] += g[k];
    }
  }
  const days = [...perDay.keys()].sort();
  return {
    eventId,
    title: event.title,
    generatedAt: deps.now().toISOString(),
    totals,
    allRegistrations: all,
    byGroup,
    byChannel,
    signupsOverTime: days.length
      ? daysBetween(days[0]!, days.at(-1)!).map((date) => ({ date, ...(perDay.get(date) ?? { signedUp: 0, tracked: 0 }) }))
      : [],
  };
}
