/**
 * What every handler gets: the bot, the api, the paced queue and the little session memory the
 * bot keeps (login time, message ids already handled). None of it needs to survive a restart.
 */
import type { WechatyInterface } from 'wechaty/impls';
import type { ApiClient } from './apiClient.js';
import { LruSet } from './lib/lruSet.js';
import type { Logger } from './logger.js';
import type { SendQueue } from './sender/queue.js';
import type { PacedSender } from './sender/pacedSender.js';

export interface Session {
  /** When the current login happened; messages dated before it are history, not commands. */
  loginAt: Date | null;
  /** Message ids already handled (puppets re-deliver after reconnects). */
  seen: LruSet;
  /** The last login's report or room sync did not reach the api: the heartbeat retries it. */
  syncPending: boolean;
}

export interface BotContext {
  bot: WechatyInterface;
  api: ApiClient;
  account: string;
  sender: PacedSender;
  queue: SendQueue;
  log: Logger;
  session: Session;
  /** How long a command reply or help text may wait for pacing before it is dropped. */
  replyMaxWaitMs: number;
}

export function newSession(seenCapacity = 5_000): Session {
  return { loginAt: null, seen: new LruSet(seenCapacity), syncPending: false };
}
