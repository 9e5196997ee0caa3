/**
 * The single paced queue of one WeChat account: claim due units from the api, send each when the
 * pacer allows, report each result. Units are leased: the queue never starts a send after its
 * lease (minus a margin) ends, hands back what it will not try as `notSent`, and keeps results
 * until the api has taken them, which together keep a delivery from going out twice (invariant 3).
 */
import type { SendResultInput, SendUnit } from '@techbridge/shared';
import type { z } from 'zod';
import type { WechatyInterface } from 'wechaty/impls';
import { ApiRequestError, type ApiClient } from '../apiClient.js';
import { sleep } from '../lib/sleep.js';
import type { Logger } from '../logger.js';
import type { PacedSender, SendOutcome } from './pacedSender.js';

type Result = z.input<typeof SendResultInput>;

export interface SendQueueOptions {
  bot: WechatyInterface;
  api: ApiClient;
  sender: PacedSender;
  account: string;
  log: Logger;
  claimIntervalMs: number;
  claimBatch: number;
  leaseSeconds: number;
  /** Stop using a lease this long before it ends: the api must see the result before it re-leases. */
  leaseMarginMs?: number;
  now?: () => number;
}

/** A unit is not started this close to its lease end: the result must reach the api in time. */
export const LEASE_MARGIN_MS = 15_000;

/** Shown to organizers in the per-group report when the room is gone. */
export const ROOM_NOT_FOUND = '找不到该群（机器人可能已被移出，或群编号已变化）';

export class SendQueue {
  private readonly abort = new AbortController();
  private running?: Promise<void>;
  /** Results the api has not accepted yet; sent before anything new is claimed. */
  private readonly outbox: Result[] = [];
  private readonly now: () => number;

  constructor(private readonly opts: SendQueueOptions) {
    this.now = opts.now ?? Date.now;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Ends the loop promptly (a send already handed to WeChat finishes) and reports what it can. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    await this.flushOutbox({ attempts: 2 });
  }

  /** Results waiting to be reported (exposed for tests and logs). */
  get unreported(): number {
    return this.outbox.length;
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      let busy = false;
      try {
        busy = await this.cycle(signal);
      } catch (err) {
        this.opts.log.error({ err: String(err) }, 'send queue cycle failed');
      }
      if (!busy) await sleep(this.opts.claimIntervalMs, signal);
    }
  }

  /** One claim and its sends; false when there was nothing to do (the loop then waits). */
  private async cycle(signal: AbortSignal): Promise<boolean> {
    const { bot, api, sender, account, log, claimBatch, leaseSeconds } = this.opts;
    if (!(await this.flushOutbox({ signal }))) return false;
    // Logged out: claim nothing, the deliveries wait in the api.
    if (!bot.isLoggedIn) return false;
    const gate = sender.pacer.globalDelay();
    if (gate.waitMs > 0) {
      log.debug({ waitMs: gate.waitMs, reason: gate.reason }, 'queue waiting before claiming');
      await sleep(gate.waitMs, signal);
      return true;
    }
    const limit = Math.min(claimBatch, sender.pacer.remainingToday());
    const claimedAt = this.now();
    // Not aborted by stop(): a claim cut off in flight could lease units the bot never hears of,
    // which the api would then count as lost. It finishes, and sendAll hands its units back.
    const { units, paused } = await api.claim({ account, limit, leaseSeconds });
    if (paused || units.length === 0) return false;
    log.info({ units: units.length }, 'claimed send units');
    // Cut short (logged out, stopped, paced past the lease): wait a claim interval before the next try.
    return this.sendAll(units, claimedAt + leaseSeconds * 1000 - (this.opts.leaseMarginMs ?? LEASE_MARGIN_MS), signal);
  }

  /**
   * Sends the claimed units, oldest first within each room; across rooms the one the pacer lets
   * go soonest goes next, so one room's minimum gap does not hold up the others. Units it does not
   * try (logged out, stopped, or pacing would outlast the lease) are handed back as `notSent`
   * right away: the api treats a lapsed lease as "outcome unknown" and never resends it.
   * Returns false when the batch was cut short.
   */
  private async sendAll(units: SendUnit[], deadline: number, signal: AbortSignal): Promise<boolean> {
    const { sender, log } = this.opts;
    const pending = [...units];
    let cutShort: string | undefined;
    while (pending.length > 0) {
      if (signal.aborted) {
        cutShort = 'stopped';
        break;
      }
      const heads = pending.filter((u, i) => pending.findIndex((p) => p.roomId === u.roomId) === i);
      const waits = heads.map((u) => sender.pacer.delay(u.roomId).waitMs);
      const soonest = Math.min(...waits);
      const unit = heads[waits.indexOf(soonest)] as SendUnit;
      if (this.now() + soonest > deadline) {
        cutShort = 'too-late';
        break;
      }
      if (soonest > 0) {
        await sleep(soonest, signal);
        continue;
      }
      const outcome = await sender.say(unit.roomId, unit.text, { deadline, signal, ...(unit.card ? { card: unit.card } : {}) });
      const result = this.toResult(unit, outcome);
      if (!result) {
        cutShort = outcome.kind;
        break;
      }
      pending.splice(pending.indexOf(unit), 1);
      log.info({ unitId: unit.unitId, roomId: unit.roomId, outcome: outcome.kind }, 'send unit done');
      this.outbox.push(result);
      await this.flushOutbox({ signal });
    }
    if (!cutShort) return true;
    log.info({ reason: cutShort, units: pending.length }, 'handing unsent units back to the api');
    for (const unit of pending) {
      this.outbox.push({ account: this.opts.account, deliveryIds: unit.deliveryIds, ok: false, notSent: true });
    }
    await this.flushOutbox({ signal });
    return false;
  }

  /** What to report for an outcome; undefined when nothing was attempted (the unit goes back unsent). */
  private toResult(unit: SendUnit, outcome: SendOutcome): Result | undefined {
    const base = { account: this.opts.account, deliveryIds: unit.deliveryIds };
    switch (outcome.kind) {
      case 'sent':
        return { ...base, ok: true };
      case 'rate-limited':
        return { ...base, ok: false, rateLimited: true, error: outcome.error };
      case 'failed':
        return { ...base, ok: false, error: outcome.error };
      case 'no-room':
        return { ...base, ok: false, error: ROOM_NOT_FOUND };
      default:
        return undefined;
    }
  }

  /** Reports queued results in order; false while the api cannot take them. */
  private async flushOutbox(call: { signal?: AbortSignal; attempts?: number }): Promise<boolean> {
    while (this.outbox.length > 0) {
      const result = this.outbox[0] as Result;
      try {
        await this.opts.api.result(result, call);
      } catch (err) {
        if (!(err instanceof ApiRequestError)) {
          // Stopping: stop() reports what is left once the loop has ended.
          if (call.signal?.aborted) return false;
          this.opts.log.warn({ err: String(err), unreported: this.outbox.length }, 'could not report send results yet');
          return false;
        }
        // The api refuses this report outright; retrying the same body cannot succeed.
        this.opts.log.error({ err: String(err), deliveryIds: result.deliveryIds }, 'api rejected a send result');
      }
      this.outbox.shift();
    }
    return true;
  }
}
