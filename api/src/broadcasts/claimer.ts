import { renderDigest } from '@techbridge/shared';
import type { PushInput, SendUnit } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import type { BotStateDoc, DeliveryDoc } from '../models/index.js';
import { ROOM_DELIVERY } from '../wecom/routing.js';

/** Said in the report when a bot vanished between sending and reporting. */
export const UNKNOWN_OUTCOME = '发送结果未知（机器人在发送途中中断），为避免重复未自动重发';

/**
 * Hands due deliveries to a bot account as send units. Each claim is a conditional update
 * (see claimOne), so two bot processes on one account never both get a delivery. A digest-mode group's due deliveries become one combined unit.
 */
export async function claimUnits(deps: Deps, account: string, limit: number, leaseSeconds: number) {
  const { models } = deps;
  const now = deps.now();
  const state = await models.BotState.findById(account).lean<BotStateDoc>();
  if (state?.pausedUntil && state.pausedUntil > now) return { units: [], paused: true };
  await abandonExpired(deps, now);

  let candidates = await models.Delivery.find({
    status: 'pending',
    notBefore: { $lte: now },
    // WeCom robots are posted to by the api itself (wecom/sender.ts); the bot only talks to WeChat rooms.
    ...ROOM_DELIVERY,
    $or: [{ botAccount: account }, { botAccount: null }],
  })
    .sort({ notBefore: 1, _id: 1 })
    .limit(limit * 10)
    .lean<DeliveryDoc[]>();
  // Deliveries requeued (notSent, rate limit, retry) after their room was removed are skipped, not sent.
  const active = (await deps.groups.refresh(models)).byId;
  const gone = candidates.filter((d) => !active.has(String(d.group)));
  if (gone.length > 0) {
    await models.Delivery.updateMany(
      { _id: { $in: gone.map((d) => d._id) }, status: 'pending' },
      { $set: { status: 'skipped', lastError: '机器人已被移出该群' } },
    );
    candidates = candidates.filter((d) => active.has(String(d.group)));
  }
  const units: SendUnit[] = [];
  const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000);
  const seenDigestGroups = new Set<string>();
  for (const d of candidates) {
    if (units.length >= limit) break;
    if (d.digest) {
      const group = String(d.group);
      if (seenDigestGroups.has(group)) continue;
      seenDigestGroups.add(group);
      const due = candidates.filter((c) => c.digest && String(c.group) === group);
      const won = [];
      for (const c of due) if (await claimOne(deps, c, account, leaseUntil)) won.push(c);
      if (won.length === 0) continue;
      const text = digestText(won, now);
      units.push({
        unitId: won.map((c) => c._id).join('|'),
        deliveryIds: won.map((c) => c._id),
        roomId: d.roomId,
        text,
        attempt: d.attempts + 1,
      });
    } else if (await claimOne(deps, d, account, leaseUntil)) {
      const card = d.card?.url
        ? { title: d.card.title ?? '', description: d.card.description ?? '', url: d.card.url }
        : undefined;
      units.push({
        unitId: d._id,
        deliveryIds: [d._id],
        roomId: d.roomId,
        text: d.text,
        ...(card ? { card } : {}),
        attempt: d.attempts + 1,
      });
    }
  }
  return { units, paused: false };
}

/**
 * Claims one delivery for `account`: a conditional update from `pending` with the claim count
 * the caller saw, so of two bots racing for it exactly one matches (MongoDB updates a document
 * atomically) and the other moves on.
 */
async function claimOne(deps: Deps, d: { _id: unknown; claims?: number | null }, account: string, leaseUntil: Date) {
  const claims = d.claims ?? 0;
  const { matchedCount } = await deps.models.Delivery.updateOne(
    { _id: d._id, status: 'pending', claims },
    { $set: { status: 'sending', claims: claims + 1, leaseUntil, botAccount: account } },
  );
  return matchedCount === 1;
}

/**
 * A delivery still `sending` after its lease may or may not have reached the room (the bot
 * died between sending and reporting). Sending again could post it twice, so it is marked
 * failed with a clear reason, visible in the broadcast report, for an organizer to resend.
 */
async function abandonExpired(deps: Deps, now: Date) {
  await deps.models.Delivery.updateMany(
    // Robot deliveries are settled by the WeCom sender, with its own reason.
    { status: 'sending', leaseUntil: { $lt: now }, ...ROOM_DELIVERY },
    { $set: { status: 'failed', lastError: UNKNOWN_OUTCOME, leaseUntil: null } },
  );
}

/** Records what the bot reports for the deliveries of one unit. */
export async function recordResult(
  deps: Deps,
  input: {
    account: string;
    deliveryIds: string[];
    ok: boolean;
    error?: string | undefined;
    rateLimited: boolean;
    notSent?: boolean;
  },
) {
  const { models, env } = deps;
  const now = deps.now();
  const deliveries = await models.Delivery.find({ _id: { $in: input.deliveryIds }, status: 'sending' }).lean<DeliveryDoc[]>();
  if (input.ok) {
    // A success reported after the lease lapsed (api or network down meanwhile): it did go out.
    await models.Delivery.updateMany(
      { _id: { $in: input.deliveryIds }, status: 'failed', lastError: UNKNOWN_OUTCOME },
      { $set: { status: 'sent', sentAt: now, lastError: null } },
    );
  }
  if (input.notSent && !input.ok) {
    await models.Delivery.updateMany(
      { _id: { $in: deliveries.map((d) => d._id) } },
      { $set: { status: 'pending', leaseUntil: null } },
    );
    return { updated: deliveries.length };
  }
  if (input.rateLimited) {
    const pausedUntil = new Date(now.getTime() + env.DELIVERY_RATE_LIMIT_PAUSE_MS);
    await models.BotState.updateOne({ _id: input.account }, { $set: { pausedUntil } }, { upsert: true });
    await models.Delivery.updateMany(
      { _id: { $in: deliveries.map((d) => d._id) } },
      { $set: { status: 'pending', notBefore: pausedUntil, lastError: input.error ?? '操作过于频繁', leaseUntil: null } },
    );
    return { updated: deliveries.length };
  }
  for (const d of deliveries) {
    if (input.ok) {
      await models.Delivery.updateOne(
        { _id: d._id },
        { $set: { status: 'sent', sentAt: now, leaseUntil: null, lastError: null } },
      );
      continue;
    }
    const attempts = d.attempts + 1;
    const failed = attempts >= env.DELIVERY_MAX_ATTEMPTS;
    const retryAt = new Date(now.getTime() + env.DELIVERY_RETRY_BASE_MS * 2 ** (attempts - 1));
    await models.Delivery.updateOne(
      { _id: d._id },
      {
        $set: {
          status: failed ? 'failed' : 'pending',
          attempts,
          notBefore: retryAt,
          lastError: input.error ?? '发送失败',
          leaseUntil: null,
        },
      },
    );
  }
  return { updated: deliveries.length };
}

/** One 【今日摘要】 message for a digest group's due deliveries (the bot's rooms and WeCom robots alike). */
export function digestText(due: { kind: string; text: string; reason?: string | null }[], now: Date): string {
  return renderDigest(
    due.map((c) => ({
      kind: c.kind as PushInput['kind'],
      title: firstLine(c.text),
      reason: c.reason ?? '',
      h5Url: linkOf(c.text),
    })),
    now,
  );
}

const firstLine = (text: string) => text.split('\n')[0]!.replace(/^【[^】]*】/, '');
const linkOf = (text: string) => /详情：(\S+)/.exec(text)?.[1];
