import { toWecomMarkdown } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import { leaderLoop } from '../scheduler/leaderLoop.js';
import type { DeliveryDoc, GroupDoc } from '../models/index.js';
import { digestText } from '../broadcasts/claimer.js';
import { postToRobot, type WecomOutcome } from './client.js';
import { takeSlot, pauseRobot } from './pace.js';
import { ROBOT_DELIVERY } from './routing.js';

/** Said in the report when the api stopped between posting to a robot and recording it. */
export const WECOM_UNKNOWN_OUTCOME = '发送结果未知（发送途中服务中断），为避免重复未自动重发';
const BATCH = 200;
/** Robots posted to at once; each robot's own messages go one after another. */
export const WECOM_PARALLEL = 4;

type Due = Pick<DeliveryDoc, '_id' | 'group' | 'kind' | 'text' | 'reason' | 'digest' | 'claims' | 'attempts'>;

/**
 * Sends due deliveries whose group is a WeCom robot, from the api itself (the bot stays the only process
 * talking to personal WeChat). It runs on the scheduler's lease holder, and each delivery is still claimed by
 * a conditional update from `pending` with the claim count read, so even two instances running it at once
 * (a lease changing hands) never post one delivery twice. Per robot at most WECOM_PER_MINUTE a minute; a
 * 45009 pauses that robot; network failures back off and end as failed after DELIVERY_MAX_ATTEMPTS.
 */
export class WecomSender {
  private running: Promise<number> | null = null;
  private loop: { stop(): Promise<void> } | undefined;
  private stopping = false;

  constructor(private readonly deps: Deps) {}

  /** Polls every WECOM_POLL_MS while this instance holds the scheduler lease. */
  start(): void {
    this.loop = leaderLoop(this.deps, this.deps.env.WECOM_POLL_MS, 'wecom send round', () => this.runOnce());
  }

  /**
   * Stops taking deliveries and waits for the posts under way (each bounded by WECOM_TIMEOUT_MS) to be
   * recorded, so a shutdown leaves nothing half-done. If the process dies instead, a delivery it had claimed
   * stays `sending` until its lease lapses and is then reported as of unknown outcome, never posted again.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop?.stop();
    await this.running?.catch(() => {});
  }

  /** One round: everything due now that pacing allows. Returns how many messages went out. */
  runOnce(): Promise<number> {
    if (this.stopping) return Promise.resolve(0);
    if (this.running) return this.running;
    this.running = this.round().finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<number> {
    const { models } = this.deps;
    const now = this.deps.now();
    await models.Delivery.updateMany(
      { ...ROBOT_DELIVERY, status: 'sending', leaseUntil: { $lt: now } },
      { $set: { status: 'failed', lastError: WECOM_UNKNOWN_OUTCOME, leaseUntil: null } },
    );
    const due = await models.Delivery.find(
      { ...ROBOT_DELIVERY, status: 'pending', notBefore: { $lte: now } },
      { group: 1, kind: 1, text: 1, reason: 1, digest: 1, claims: 1, attempts: 1 },
    )
      .sort({ notBefore: 1, _id: 1 })
      .limit(BATCH)
      .lean<Due[]>();
    const active = (await this.deps.groups.refresh(models)).byId;
    const byGroup = new Map<string, Due[]>();
    for (const d of due) {
      const g = String(d.group);
      if (!active.has(g)) {
        await models.Delivery.updateOne(
          { _id: d._id, status: 'pending' },
          { $set: { status: 'skipped', lastError: '该群已停用' } },
        );
        continue;
      }
      byGroup.set(g, [...(byGroup.get(g) ?? []), d]);
    }
    const queue = [...byGroup.entries()];
    let sent = 0;
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const n = await this.sendToRobot(next[0], next[1], now); // not `sent += await`: that reads `sent` before waiting
        sent += n;
      }
    };
    await Promise.all(Array.from({ length: WECOM_PARALLEL }, worker));
    return sent;
  }

  /** This robot's due deliveries in order; a digest group's become one 【今日摘要】 message. */
  private async sendToRobot(groupId: string, due: Due[], now: Date): Promise<number> {
    const digest = due.filter((d) => d.digest);
    const units: Due[][] = [...(digest.length > 0 ? [digest] : []), ...due.filter((d) => !d.digest).map((d) => [d])];
    let key: string | null | undefined;
    let sent = 0;
    for (const unit of units) {
      if (this.stopping) break;
      const won = (await Promise.all(unit.map((d) => this.claim(d, now)))).filter((d): d is Due => d !== null);
      if (won.length === 0) continue;
      // The clock now, not the round's start: a round's posts take real time, and the window must see when.
      const slot = await takeSlot(this.deps.models, groupId, this.deps.now(), this.deps.env.WECOM_PER_MINUTE);
      if (!slot.ok) {
        // Over the robot's minute (or paused): hand back, due when a slot frees. Nothing is dropped.
        await this.release(won, { status: 'pending', notBefore: slot.at, leaseUntil: null });
        await this.deferBacklog(groupId, now, slot.at);
        break;
      }
      key ??= await this.keyOf(groupId);
      if (!key) {
        await this.release(won, { status: 'failed', lastError: '机器人 Webhook 未登记', leaseUntil: null });
        continue;
      }
      const text = won.length > 1 || won[0]!.digest ? digestText(won, now) : won[0]!.text;
      const outcome = await postToRobot(this.deps.env, key, {
        msgtype: 'markdown',
        markdown: { content: toWecomMarkdown(text) },
      });
      this.deps.metrics.wecomPosts.inc({ outcome: outcome.ok ? 'sent' : outcome.kind });
      if (outcome.ok) sent += 1;
      await this.record(groupId, won, outcome, now);
      if (!outcome.ok && outcome.kind === 'rate_limited') break;
    }
    return sent;
  }

  /** The conditional claim: from `pending` with the claim count read, so exactly one sender wins it. */
  private async claim(d: Due, now: Date): Promise<Due | null> {
    const claims = d.claims ?? 0;
    const leaseUntil = new Date(now.getTime() + this.deps.env.WECOM_TIMEOUT_MS + 60_000);
    const { matchedCount } = await this.deps.models.Delivery.updateOne(
      { _id: d._id, status: 'pending', claims },
      { $set: { status: 'sending', claims: claims + 1, leaseUntil } },
    );
    return matchedCount === 1 ? { ...d, claims: claims + 1 } : null;
  }

  /** Moves claimed deliveries on, each only if still ours (same claim count, still sending). */
  private async release(won: Due[], set: Record<string, unknown>) {
    for (const d of won) {
      await this.deps.models.Delivery.updateOne({ _id: d._id, status: 'sending', claims: d.claims }, { $set: set });
    }
  }

  private async record(groupId: string, won: Due[], outcome: WecomOutcome, now: Date) {
    const { env, models } = this.deps;
    if (outcome.ok) {
      // A post that succeeded after its lease lapsed and was marked unknown: it did go out.
      for (const d of won) {
        await models.Delivery.updateOne(
          { _id: d._id, claims: d.claims, status: { $in: ['sending', 'failed'] } },
          { $set: { status: 'sent', sentAt: now, lastError: null, leaseUntil: null } },
        );
      }
      return;
    }
    if (outcome.kind === 'unknown') {
      return this.release(won, {
        status: 'failed',
        attempts: (won[0]!.attempts ?? 0) + 1,
        lastError: outcome.error,
        leaseUntil: null,
      });
    }
    if (outcome.kind === 'rate_limited') {
      const until = new Date(now.getTime() + env.WECOM_RATE_LIMIT_PAUSE_MS);
      await pauseRobot(models, groupId, until);
      await this.release(won, { status: 'pending', notBefore: until, lastError: outcome.error, leaseUntil: null });
      return this.deferBacklog(groupId, now, until);
    }
    for (const d of won) {
      const attempts = (d.attempts ?? 0) + 1;
      const failed = outcome.kind === 'permanent' || attempts >= env.DELIVERY_MAX_ATTEMPTS;
      const retryAt = new Date(now.getTime() + env.DELIVERY_RETRY_BASE_MS * 2 ** (attempts - 1));
      await models.Delivery.updateOne(
        { _id: d._id, status: 'sending', claims: d.claims },
        {
          $set: {
            status: failed ? 'failed' : 'pending',
            attempts,
            notBefore: retryAt,
            lastError: outcome.error,
            leaseUntil: null,
          },
        },
      );
    }
  }

  /**
   * Moves the rest of a waiting robot's due messages to when it can send again, so one robot's backlog never
   * fills the next rounds' batches while other robots' messages wait behind it.
   */
  private async deferBacklog(groupId: string, now: Date, until: Date) {
    await this.deps.models.Delivery.updateMany(
      { ...ROBOT_DELIVERY, group: groupId, status: 'pending', notBefore: { $lte: now } },
      { $set: { notBefore: until } },
    );
  }

  private async keyOf(groupId: string): Promise<string | null> {
    const g = await this.deps.models.Group.findById(groupId, { '+wecom.key': 1 }).lean<GroupDoc>();
    return (g?.wecom as { key?: string } | null | undefined)?.key ?? null;
  }
}
