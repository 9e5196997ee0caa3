/**
 * The api process: validate env, connect, build indexes, serve, sweep registrations, and shut
 * down cleanly on SIGTERM (finish in-flight requests, close the pool).
 */
import type { Server } from 'node:http';
import type { DestinationStream } from 'pino';
import mongoose from 'mongoose';
import { createApp } from './app.js';
import { parseEnv, type Env } from './env.js';
import { createLogger } from './logger.js';
import { createModels, syncIndexes } from './models/index.js';
import { registrationSweeper } from './commands/registrationSweeper.js';
import type { Deps } from './deps.js';
import { Scheduler } from './scheduler/scheduler.js';
import { SessionStates } from './auth/sessionState.js';
import { EventSnapshots } from './commands/eventSnapshots.js';
import { GroupDirectory } from './broadcasts/groupDirectory.js';
import { createMetrics } from './metrics.js';
import { trackForShutdown } from './lib/shutdown.js';
import { WecomSender } from './wecom/sender.js';
import { AccessToken } from './notify/accessToken.js';
import { sendDueNotifications } from './notify/sender.js';
import { leaderLoop } from './scheduler/leaderLoop.js';

export interface RunningApi {
  server: Server;
  deps: Deps;
  /** Posts due deliveries to WeCom group robots (polls while this instance holds the scheduler lease). */
  wecom: WecomSender;
  url: string;
  stop(): Promise<void>;
}

/** Starts one api instance; used by `npm start`, the tests and the benchmarks. */
export async function startApi(
  env: Env,
  opts: { sweep?: boolean; scheduler?: boolean; now?: () => Date; logStream?: DestinationStream } = {},
): Promise<RunningApi> {
  const logger = createLogger(env.LOG_LEVEL, opts.logStream);
  // Mongoose records `new Error().stack` at every query execution, only to enrich a "query was already
  // executed" error; with source maps on (tsx) building that stack was ~2% of a sign-up storm's CPU.
  mongoose.set('skipOriginalStackTraces', true);
  // The driver's default pool (100): a push sends hundreds of people to sign up at once, and each
  // sign-up is a few sequential round trips; with 20 connections they queued for the pool.
  const conn = await mongoose.createConnection(env.MONGODB_URI, { maxPoolSize: 100, serverSelectionTimeoutMS: 5000 }).asPromise();
  const models = createModels(conn);
  await syncIndexes(models);
  const now = opts.now ?? (() => new Date());
  const deps: Deps = {
    env,
    models,
    logger,
    now,
    groups: new GroupDirectory(),
    metrics: createMetrics(models, now),
    wechatToken: new AccessToken(env, now),
    sessions: new SessionStates(env.SESSION_CHECK_SECONDS * 1000),
    eventSnapshots: new EventSnapshots(models),
  };
  if (opts.scheduler !== false) {
    deps.scheduler = new Scheduler(deps);
    await deps.scheduler.start();
  }
  const app = createApp(deps);
  const server = app.listen(env.PORT);
  // Idle keep-alive sockets stay open longer than any client or proxy keeps them (nginx 75 s, fetch 4 s, a
  // cloud load balancer 60 s): when the server closes first, a request the client sent on that socket at the
  // same moment is reset (ECONNRESET), which under a sign-up storm is a failed sign-up for the person.
  server.keepAliveTimeout = 76_000;
  server.headersTimeout = 77_000;
  const closeServer = trackForShutdown(server, { acceptGraceMs: env.SHUTDOWN_ACCEPT_GRACE_MS });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject); // e.g. EADDRINUSE: fail start-up with the reason, not a crash later
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;

  // Background work runs only on the scheduler's lease holder (scheduler/leaderLoop.ts): the
  // registration sweep, WeCom robot posts, and subscribe messages (so one instance holds a WeChat token).
  const sweeper = leaderLoop(deps, opts.sweep === false ? 0 : env.SWEEP_INTERVAL_MS, 'sweep', () => registrationSweeper(deps));
  const wecom = new WecomSender(deps);
  if (opts.scheduler !== false) wecom.start();
  const notifier = leaderLoop(deps, env.SUBSCRIBE_MESSAGES ? env.NOTIFY_INTERVAL_MS : 0, 'sending notifications', () =>
    sendDueNotifications(deps),
  );

  return {
    server,
    deps,
    wecom,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await Promise.all([sweeper.stop(), wecom.stop(), notifier.stop()]);
      // Hand the scheduler lease back first so another instance takes over without waiting.
      await deps.scheduler?.stop();
      await closeServer();
      await conn.close();
    },
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  // An async function rather than top-level await: the tests load this module as CommonJS (jest), which has none.
  void (async () => {
    let env: Env;
    try {
      env = parseEnv(process.env);
    } catch (e) {
      console.error((e as Error).message);
      process.exit(1);
    }
    const api = await startApi(env);
    api.deps.logger.info({ url: api.url }, `api listening on ${api.url}`);
    const shutdown = async (signal: string) => {
      api.deps.logger.info({ signal }, 'shutting down');
      await api.stop();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  })();
}
