import { randomBytes } from 'node:crypto';
import { deliveryNotBefore, formatShanghai, renderPush } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import { isDuplicateKey } from '../db/duplicateKey.js';
import type { BroadcastDoc } from '../models/index.js';
import { filterItem, resolveTargets, type AudienceSpec, type Target } from './audience.js';
import { linksFor, loadContent, type BroadcastDraft, type PushContent } from './content.js';
import { presentDelivery } from '../presenters/group.js';

const BATCH = 1000;

export function audienceSpec(broadcast: BroadcastDraft, content: PushContent): AudienceSpec {
  const a = broadcast.audience ?? { kind: 'all' };
  if (a.kind === 'groups') return { kind: 'groups', groupIds: (a.groupIds ?? []).map(String) };
  if (a.kind === 'filter') return { kind: 'filter', item: filterItem(a) };
  if (a.kind === 'match') return { kind: 'match', item: { ...content.facets, text: content.matchText } };
  return { kind: 'all' };
}

/** The exact text one group receives for one item. */
export function renderFor(deps: Deps, content: PushContent, target: Target, trackingCode: string): string {
  if (content.kind === 'manual') return `【通知】${content.title}\n${content.summary ?? ''}`.trim();
  return renderPush({
    kind: content.kind,
    title: content.title,
    ...(content.summary ? { summary: content.summary } : {}),
    // Reminders and change notices go to the groups that had the item: the matching reason was shown then.
    ...(target.reason && ['policy', 'event', 'program'].includes(content.kind) ? { reason: target.reason } : {}),
    ...(content.when ? { when: content.when } : {}),
    ...(content.place ? { place: content.place } : {}),
    ...(content.seatsLeft !== undefined ? { seatsLeft: content.seatsLeft } : {}),
    ...linksFor(deps, content, trackingCode),
  });
}

const trackingCode = () => randomBytes(5).toString('hex');

/** The link card one group gets for one item: title, why (and when for events), the tracked link; none for notices. */
export function cardFor(deps: Deps, content: PushContent, target: Target, code: string) {
  if (content.kind === 'manual') return null;
  const { h5Url } = linksFor(deps, content, code);
  if (!h5Url) return null;
  const when = content.when ? formatShanghai(content.when) : '';
  const description = [target.reason && content.kind !== 'reminder' ? target.reason : '', when].filter(Boolean).join(' · ');
  return { title: content.title, description: description || content.title, url: h5Url };
}

/** Who would receive a broadcast now, and the exact text each would get. Writes nothing. */
export async function previewBroadcast(deps: Deps, broadcast: BroadcastDraft) {
  const content = await loadContent(deps, broadcast);
  if (!content) return { total: 0, groups: [] };
  const targets = resolveTargets(await deps.groups.refresh(deps.models), audienceSpec(broadcast, content));
  const now = deps.now();
  return {
    total: targets.length,
    groups: targets.map((t) => ({
      groupId: String(t.group._id),
      roomId: t.group.roomId,
      topic: t.group.topic,
      channel: t.group.channel ?? 'wechat',
      reason: t.reason,
      text: renderFor(deps, content, t, 'preview'),
      notBefore: deliveryNotBefore(now, presentDelivery(t.group)).toISOString(),
    })),
  };
}

/**
 * Fires one occurrence: the occurrence row is inserted first (unique `_id`, so it fires once),
 * then one delivery per target group (unique `_id` `<occurrence>:<group>`). A crash between
 * the two leaves the occurrence `planning`; the scheduler re-runs it and the deliveries already
 * written are skipped as duplicates. Quiet hours and digest mode only move `notBefore`.
 */
export async function planOccurrence(deps: Deps, broadcast: BroadcastDoc, scheduledAt: Date, opts: { status?: 'missed' } = {}) {
  const { models } = deps;
  const occurrenceId = `${String(broadcast._id)}:${scheduledAt.toISOString()}`;
  const now = deps.now();
  try {
    await models.Occurrence.create({
      _id: occurrenceId,
      broadcast: broadcast._id,
      scheduledAt,
      status: opts.status ?? 'planning',
      firedAt: now,
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const existing = await models.Occurrence.findById(occurrenceId).lean();
    if (existing?.status !== 'planning') return { occurrenceId, created: false, groups: existing?.groups ?? 0 };
  }
  if (opts.status === 'missed') return { occurrenceId, created: true, groups: 0 };

  const content = await loadContent(deps, broadcast);
  const targets = content ? resolveTargets(await deps.groups.refresh(models), audienceSpec(broadcast, content)) : [];
  const docs = targets.map((t) => {
    const code = trackingCode();
    const delivery = presentDelivery(t.group);
    return {
      _id: `${occurrenceId}:${String(t.group._id)}`,
      broadcast: broadcast._id,
      occurrence: occurrenceId,
      group: t.group._id,
      roomId: t.group.roomId,
      // Decides who sends it: the bot (WeChat rooms) or the api's WeCom sender (robots).
      channel: t.group.channel === 'wecom' ? 'wecom' : 'wechat',
      botAccount: t.group.botAccount ?? null,
      kind: content!.kind,
      text: renderFor(deps, content!, t, code),
      card: cardFor(deps, content!, t, code),
      reason: t.reason,
      digest: delivery.mode === 'digest',
      notBefore: deliveryNotBefore(now, delivery),
      trackingCode: code,
      status: 'pending',
      // insertMany({ lean: true }) skips schema defaults; the claimer does arithmetic on these.
      claims: 0,
      attempts: 0,
      lastError: null,
      leaseUntil: null,
      sentAt: null,
    };
  });
  for (let i = 0; i < docs.length; i += BATCH) {
    await models.Delivery.insertMany(docs.slice(i, i + BATCH), { ordered: false, lean: true }).catch((e: unknown) => {
      // Re-planning after a crash: rows that already exist are exactly what we want.
      if (!isDuplicateKey(e)) throw e;
    });
  }
  // A cancel that landed while this occurrence was planning found no deliveries to skip yet.
  const current = await models.Broadcast.findById(broadcast._id, { status: 1 }).lean();
  if (current?.status === 'cancelled') {
    await models.Delivery.updateMany(
      { broadcast: broadcast._id, occurrence: occurrenceId, status: 'pending' },
      { $set: { status: 'skipped', lastError: '群发已取消' } },
    );
  }
  await models.Occurrence.updateOne({ _id: occurrenceId }, { $set: { status: 'planned', groups: docs.length } });
  return { occurrenceId, created: true, groups: docs.length };
}
