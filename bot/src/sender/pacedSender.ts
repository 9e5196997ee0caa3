/**
 * The one place the bot posts into a room. Every send, whether a broadcast unit, a command reply
 * or a help text, waits for the account's pacer first and is counted by it, so WeChat sees one
 * steady pace per account whatever produced the message.
 */
import type { SendCard } from '@techbridge/shared';
import type { WechatyInterface } from 'wechaty/impls';
import { sleep } from '../lib/sleep.js';
import { errorText, isRateLimitError } from './rateLimit.js';
import type { Pacer } from './pacer.js';

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'rate-limited'; error: string }
  | { kind: 'failed'; error: string }
  /** No such room for this account (removed, or an id from another session). */
  | { kind: 'no-room' }
  /** Pacing would push the send past `deadline`: nothing was sent. */
  | { kind: 'too-late'; waitMs: number }
  | { kind: 'logged-out' }
  | { kind: 'stopped' };

export interface SayOptions {
  /** A reply to someone in the room: skips the per-room gap, keeps every other limit. */
  interactive?: boolean;
  /** Epoch ms after which the message must not go out any more. */
  deadline?: number;
  signal?: AbortSignal;
  /** Sent as a link card when the puppet can (see `cards`), with `text` as the fallback. */
  card?: SendCard;
}

export class PacedSender {
  constructor(
    private readonly bot: WechatyInterface,
    readonly pacer: Pacer,
    private readonly now: () => number = Date.now,
    /** Whether this puppet sends link cards (pad/WeCom protocols); the mock and web protocols do not. */
    private readonly cards = false,
  ) {}

  /** Posts `text` into the room with id `roomId` once pacing allows. Never throws. */
  async say(roomId: string, text: string, options: SayOptions = {}): Promise<SendOutcome> {
    const { interactive = false, deadline = Infinity, signal } = options;
    let room;
    try {
      // By id only: `Room.find('x')` would search topics, and topics are neither unique nor stable.
      room = await this.bot.Room.find({ id: roomId });
    } catch (err) {
      return { kind: 'failed', error: errorText(err) };
    }
    if (!room) return { kind: 'no-room' };

    for (;;) {
      if (signal?.aborted) return { kind: 'stopped' };
      if (!this.bot.isLoggedIn) return { kind: 'logged-out' };
      const { waitMs } = this.pacer.delay(roomId, { interactive });
      if (waitMs === 0) break;
      if (this.now() + waitMs > deadline) return { kind: 'too-late', waitMs };
      await sleep(waitMs, signal);
    }
    // Counted before the await, so a concurrent send checking the pacer sees this one; dated
    // again when WeChat has it, so the next gap counts from the moment it really left.
    const attempt = this.pacer.recordSend(roomId);
    try {
      if (options.card && this.cards) {
        try {
          await room.say(new this.bot.UrlLink({ ...options.card, thumbnailUrl: undefined }));
          return { kind: 'sent' };
        } catch (err) {
          // A puppet that cannot send this card refuses before anything reaches the room: fall back to the text.
          if (isRateLimitError(err)) throw err;
        }
      }
      await room.say(text);
      return { kind: 'sent' };
    } catch (err) {
      if (isRateLimitError(err)) {
        this.pacer.recordRateLimit();
        return { kind: 'rate-limited', error: errorText(err) };
      }
      return { kind: 'failed', error: errorText(err) };
    } finally {
      attempt.complete();
    }
  }
}
