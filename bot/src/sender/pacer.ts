/**
 * The pacing policy of one WeChat account, pure: given what was sent when, how long to wait before
 * the next send to a room. WeChat flags accounts that post too fast, so every send the account
 * makes (broadcasts, replies, help texts) is counted here. Time and randomness are injected.
 */

/** Limits, in milliseconds and counts. */
export interface PacingPolicy {
  /** The same room at most once per this gap. */
  minRoomGapMs: number;
  /** A pause drawn in [pauseMinMs, pauseMaxMs] separates two consecutive sends. */
  pauseMinMs: number;
  pauseMaxMs: number;
  /** Sends in any rolling 60 s window. */
  perMinuteCap: number;
  /**
   * Of that cap, slots only replies may use: a broadcast burst would otherwise fill every minute
   * and leave someone who asked `帮助` unanswered.
   */
  replyReservePerMinute: number;
  /** Sends per Shanghai calendar day. */
  dailyBudget: number;
  /** How long every send waits after WeChat answered 操作过于频繁. */
  rateLimitPauseMs: number;
}

/** One send attempt; `pauseAfterMs` was drawn when it was made so the wait after it is stable. */
export interface SendRecord {
  roomId: string;
  at: number;
  pauseAfterMs: number;
}

export interface PacingHistory {
  /** Oldest first. */
  sends: SendRecord[];
  /** No send before this instant (epoch ms); 0 when not paused. */
  pausedUntil: number;
}

export type WaitReason = 'rate-limited' | 'daily-budget' | 'minute-cap' | 'pause' | 'room-gap';

export interface PacingDecision {
  /** 0 means send now. */
  waitMs: number;
  /** The constraint that imposes the longest wait; null when none does. */
  reason: WaitReason | null;
}

export interface PacingOptions {
  /**
   * A reply to someone who just asked in the room: it skips the per-room gap (a person waiting a
   * minute for `帮助` is worse than one extra message), never the other limits.
   */
  interactive?: boolean;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET = 8 * 3_600_000;

/** Epoch ms of the Shanghai midnight that starts the day containing `now`. */
export function shanghaiDayStart(now: number): number {
  return Math.floor((now + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET;
}

export const emptyHistory = (): PacingHistory => ({ sends: [], pausedUntil: 0 });

/** How long to wait before sending to `roomId` at `now`; a null room ignores the per-room gap. */
export function pacingDelay(
  history: PacingHistory,
  roomId: string | null,
  now: number,
  policy: PacingPolicy,
  options: PacingOptions = {},
): PacingDecision {
  const waits: [WaitReason, number][] = [['rate-limited', history.pausedUntil]];
  const { sends } = history;

  const today = shanghaiDayStart(now);
  const sentToday = sends.filter((s) => s.at >= today).length;
  if (sentToday >= policy.dailyBudget) waits.push(['daily-budget', today + DAY]);

  const cap = options.interactive ? policy.perMinuteCap : Math.max(1, policy.perMinuteCap - policy.replyReservePerMinute);
  const inLastMinute = sends.filter((s) => s.at > now - MINUTE);
  if (inLastMinute.length >= cap) {
    // The window frees a slot when the send that is `cap` places back from the end leaves it.
    const blocking = inLastMinute[inLastMinute.length - cap];
    if (blocking) waits.push(['minute-cap', blocking.at + MINUTE]);
  }

  const last = sends[sends.length - 1];
  if (last) waits.push(['pause', last.at + last.pauseAfterMs]);

  if (!options.interactive && roomId !== null) {
    const lastHere = sends.findLast((s) => s.roomId === roomId);
    if (lastHere) waits.push(['room-gap', lastHere.at + policy.minRoomGapMs]);
  }

  let decision: PacingDecision = { waitMs: 0, reason: null };
  for (const [reason, until] of waits) {
    const waitMs = until - now;
    if (waitMs > decision.waitMs) decision = { waitMs, reason };
  }
  return decision;
}

/** The history after a send attempt to `roomId` at `now`; `random` returns a number in [0, 1). */
export function recordSend(
  history: PacingHistory,
  roomId: string,
  now: number,
  policy: PacingPolicy,
  random: () => number,
): PacingHistory {
  const pauseAfterMs = Math.round(policy.pauseMinMs + random() * (policy.pauseMaxMs - policy.pauseMinMs));
  // Keep what any rule can still look at: today's sends, the last minute, the last room gap.
  const keepFrom = Math.min(shanghaiDayStart(now), now - MINUTE, now - policy.minRoomGapMs);
  const sends = history.sends.filter((s) => s.at >= keepFrom);
  sends.push({ roomId, at: now, pauseAfterMs });
  return { ...history, sends };
}

/**
 * The history once the send recorded as `record` finished at `now`: gaps count from when the
 * message actually left, not from when it was queued behind the puppet's own work.
 */
export function completeSend(history: PacingHistory, record: SendRecord, now: number): PacingHistory {
  return { ...history, sends: history.sends.map((s) => (s === record ? { ...s, at: Math.max(s.at, now) } : s)) };
}

/** The history after WeChat answered 操作过于频繁 at `now`. */
export function recordRateLimit(history: PacingHistory, now: number, policy: PacingPolicy): PacingHistory {
  return { ...history, pausedUntil: Math.max(history.pausedUntil, now + policy.rateLimitPauseMs) };
}

/** Sends still allowed today at `now`. */
export function remainingToday(history: PacingHistory, now: number, policy: PacingPolicy): number {
  const today = shanghaiDayStart(now);
  return Math.max(0, policy.dailyBudget - history.sends.filter((s) => s.at >= today).length);
}

/**
 * The policy bound to a clock and a random source, holding the account's history. Everything it
 * decides comes from the pure functions above.
 */
export class Pacer {
  private history = emptyHistory();

  constructor(
    readonly policy: PacingPolicy,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** How long to wait before sending to `roomId` now. */
  delay(roomId: string, options?: PacingOptions): PacingDecision {
    return pacingDelay(this.history, roomId, this.now(), this.policy, options);
  }

  /**
   * How long before the queue may send anything (rate-limit pause, its caps and the pause after
   * the last send; not the per-room gap). The queue checks it before claiming work.
   */
  globalDelay(): PacingDecision {
    return pacingDelay(this.history, null, this.now(), this.policy);
  }

  /**
   * Call right before each send attempt, with no await between the check and this call, so that
   * a concurrent send sees it; then `complete` it when the attempt is over.
   */
  recordSend(roomId: string): { complete(): void } {
    this.history = recordSend(this.history, roomId, this.now(), this.policy, this.random);
    const record = this.history.sends.at(-1) as SendRecord;
    return {
      complete: () => {
        this.history = completeSend(this.history, record, this.now());
      },
    };
  }

  recordRateLimit(): void {
    this.history = recordRateLimit(this.history, this.now(), this.policy);
  }

  remainingToday(): number {
    return remainingToday(this.history, this.now(), this.policy);
  }

  /** The instant the rate-limit pause ends (0 when not paused). */
  get pausedUntil(): number {
    return this.history.pausedUntil;
  }
}
