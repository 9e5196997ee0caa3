/**
 * Assembles one bot around a Wechaty instance: pacer, paced sender, send queue, handlers and
 * heartbeat. main.ts calls it with the configured puppet; tests call it with the mock puppet, a
 * fake api and small pacing values.
 */
import type { WechatyInterface } from 'wechaty/impls';
import type { ApiClient } from './apiClient.js';
import { newSession, type BotContext } from './context.js';
import type { Env } from './env.js';
import { startHeartbeat } from './heartbeat.js';
import type { Logger } from './logger.js';
import { PacedSender } from './sender/pacedSender.js';
import { Pacer, type PacingPolicy } from './sender/pacer.js';
import { SendQueue } from './sender/queue.js';
import { wire } from './wire.js';

export interface BotConfig {
  account: string;
  pacing: PacingPolicy;
  claimIntervalMs: number;
  claimBatch: number;
  leaseSeconds: number;
  heartbeatMs: number;
  /** How long a command reply or help text may wait for pacing before it is dropped. */
  replyMaxWaitMs: number;
  /** Send pushes as link cards (text as the fallback). */
  cards?: boolean;
}

export function configFromEnv(env: Env): BotConfig {
  return {
    account: env.BOT_ACCOUNT,
    pacing: {
      minRoomGapMs: env.SEND_MIN_ROOM_GAP_MS,
      pauseMinMs: env.SEND_PAUSE_MIN_MS,
      pauseMaxMs: env.SEND_PAUSE_MAX_MS,
      perMinuteCap: env.SEND_PER_MINUTE_CAP,
      replyReservePerMinute: env.SEND_REPLY_RESERVE_PER_MINUTE,
      dailyBudget: env.SEND_DAILY_BUDGET,
      rateLimitPauseMs: env.RATE_LIMIT_PAUSE_MS,
    },
    claimIntervalMs: env.CLAIM_INTERVAL_MS,
    claimBatch: env.CLAIM_BATCH,
    leaseSeconds: env.CLAIM_LEASE_SECONDS,
    heartbeatMs: env.HEARTBEAT_MS,
    replyMaxWaitMs: 30_000,
    cards: env.SEND_CARDS === 'auto' ? env.WECHATY_PUPPET === 'wechaty-puppet-service' : env.SEND_CARDS === '1',
  };
}

export interface StartBotOptions {
  bot: WechatyInterface;
  api: ApiClient;
  config: BotConfig;
  log: Logger;
  now?: () => number;
  random?: () => number;
}

export interface RunningBot {
  ctx: BotContext;
  /** Stops the queue and the heartbeat, then the puppet. Safe to call twice. */
  stop(): Promise<void>;
}

/** Wires the handlers, starts the puppet, the queue and the heartbeat. Login happens later (scan). */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { bot, api, config, log } = options;
  const pacer = new Pacer(config.pacing, options.now, options.random);
  const sender = new PacedSender(bot, pacer, options.now, config.cards ?? false);
  const queue = new SendQueue({
    bot,
    api,
    sender,
    account: config.account,
    log: log.child({ part: 'queue' }),
    claimIntervalMs: config.claimIntervalMs,
    claimBatch: config.claimBatch,
    leaseSeconds: config.leaseSeconds,
    ...(options.now ? { now: options.now } : {}),
  });
  const ctx: BotContext = {
    bot,
    api,
    account: config.account,
    sender,
    queue,
    log,
    session: newSession(),
    replyMaxWaitMs: config.replyMaxWaitMs,
  };
  wire(ctx);
  await bot.start();
  queue.start();
  const stopHeartbeat = startHeartbeat(ctx, config.heartbeatMs);

  let stopping: Promise<void> | undefined;
  return {
    ctx,
    stop() {
      stopping ??= (async () => {
        stopHeartbeat();
        await queue.stop();
        await bot.stop();
        // Wechaty's stop emits `logout`, but that handler's report is still in flight here and
        // main.ts exits right after: report it before resolving, or the api keeps showing it logged in.
        await api
          .status({ account: config.account, state: 'logout' }, { attempts: 2 })
          .catch((err: unknown) => log.warn({ err: String(err) }, 'could not report the logout'));
      })();
      return stopping;
    },
  };
}
