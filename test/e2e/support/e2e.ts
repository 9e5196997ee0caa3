/**
 * End-to-end support: the real bot (bot/src/startBot.ts, configured through bot/src/env.ts like
 * bot/src/main.ts does) on wechaty-puppet-mock, talking HTTP to real api instances on the test
 * database. The mock world (rooms, people, what the bot posted per room) is the bot tests' own
 * (test/bot/support/mockWorld.ts).
 */
import type { EventEmitter } from 'node:events';
import net from 'node:net';
import { WechatyBuilder } from 'wechaty';
import type { WechatyInterface } from 'wechaty/impls';
import { PuppetMock, type mock } from 'wechaty-puppet-mock';
import type { RunningApi } from '../../../api/src/server.js';
import { ApiClient } from '../../../bot/src/apiClient.js';
import { parseEnv, type Env as BotEnv } from '../../../bot/src/env.js';
import { createLogger, silentLogger } from '../../../bot/src/logger.js';
import { configFromEnv, startBot, type RunningBot } from '../../../bot/src/startBot.js';
import { BOT_TOKEN, call } from '../../support/api.js';
import type { MockWorld } from '../../bot/support/mockWorld.js';

/** The WeChat account label every e2e bot uses (deliveries are leased per account). */
export const ACCOUNT = 'e2e';

/** Pacing small enough for tests, still real pacing: every value goes through the bot's env parsing. */
export const FAST_BOT_ENV: Record<string, string> = {
  SEND_MIN_ROOM_GAP_MS: '0',
  SEND_PAUSE_MIN_MS: '5',
  SEND_PAUSE_MAX_MS: '15',
  SEND_PER_MINUTE_CAP: '100000',
  SEND_REPLY_RESERVE_PER_MINUTE: '0',
  SEND_DAILY_BUDGET: '100000',
  RATE_LIMIT_PAUSE_MS: '200',
  CLAIM_INTERVAL_MS: '20',
  CLAIM_BATCH: '5',
  CLAIM_LEASE_SECONDS: '60',
  HEARTBEAT_MS: '60000',
  DEMO_CHATTER_MS: '0',
};

/** The bot's environment as bot/src/env.ts parses it, pointed at `apiUrl`. */
export function botEnv(apiUrl: string, overrides: Record<string, string> = {}): BotEnv {
  return parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    API_BASE_URL: apiUrl,
    BOT_TOKEN,
    BOT_ACCOUNT: ACCOUNT,
    WECHATY_PUPPET: 'wechaty-puppet-mock',
    ...FAST_BOT_ENV,
    ...overrides,
  });
}

/**
 * Starts the real bot on `wechaty` against the api at `apiUrl`. `quiet` silences its logs (a bot
 * a test is about to kill would only log the errors the kill causes).
 */
export async function startE2eBot(
  wechaty: WechatyInterface,
  apiUrl: string,
  overrides: Record<string, string> = {},
  opts: { quiet?: boolean } = {},
): Promise<RunningBot> {
  const env = botEnv(apiUrl, overrides);
  const log = opts.quiet ? silentLogger : createLogger(env.LOG_LEVEL);
  // Short back-off so a test waits milliseconds, not seconds, when a call fails.
  const api = new ApiClient({
    baseUrl: env.API_BASE_URL,
    token: env.BOT_TOKEN,
    timeoutMs: 5_000,
    backoffMs: 20,
    maxBackoffMs: 100,
    log: log.child({ part: 'api' }),
  });
  return startBot({ bot: wechaty, api, config: configFromEnv(env), log });
}

export interface Connection {
  puppet: PuppetMock;
  bot: WechatyInterface;
}

/**
 * The same WeChat (the mocker: rooms, people, every message so far) seen through a new puppet and
 * a new Wechaty, as a restarted bot process would see it. wechaty-puppet-mock binds a mocker to
 * one puppet for life (its `puppet` setter throws the second time), so the binding is reset first;
 * from then on the mocker routes everything to the new puppet and the old one hears nothing.
 */
export function reconnect(world: MockWorld): Connection {
  (world.mocker as unknown as { _puppet?: PuppetMock })._puppet = undefined;
  const puppet = new PuppetMock({ mocker: world.mocker });
  return { puppet, bot: WechatyBuilder.build({ puppet }) };
}

/**
 * Shows the QR code, waits until the api has recorded the scan, then logs the bot contact in
 * (through `bot`, default the world's own Wechaty); resolves on wechaty's `login`.
 * The wait is what a person scanning does anyway. It also keeps these tests clear of a race in
 * the status reports (scan and login sent back to back; see login-race.test.ts): they are about
 * delivery, that test is about the race.
 */
export async function logIn(api: RunningApi, world: MockWorld, bot: WechatyInterface = world.bot, account = ACCOUNT) {
  world.mocker.scan('https://login.weixin.qq.com/l/e2e-test');
  await eventually(
    async () => ((await api.deps.models.BotState.findById(account).lean()) as any)?.state === 'scan',
    'the api to record the QR scan',
  );
  const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()));
  world.mocker.login(world.botContact);
  await loggedIn;
}

/** Waits until the api has the account's last report as `state` (e.g. a stopped bot's logout). */
export async function waitForBotState(api: RunningApi, state: string, account = ACCOUNT, timeoutMs = 10_000) {
  await eventually(
    async () => ((await api.deps.models.BotState.findById(account).lean()) as any)?.state === state,
    `the api to record bot state ${state}`,
    timeoutMs,
  );
}

/**
 * Stops a bot, then waits briefly for its logout report: Wechaty's stop emits `logout`, whose
 * handler reports to the api after `stop()` has resolved; stopping the api first would only make
 * that report fail (and log an error).
 */
export async function stopBot(bot: RunningBot, api: RunningApi, account = ACCOUNT): Promise<void> {
  await bot.stop();
  await waitForBotState(api, 'logout', account, 2_000).catch(() => {});
}

/** Calls `fn` synchronously whenever the bot's message lands in any of `roomIds`. */
export function onBotMessage(world: MockWorld, roomIds: string[], fn: (roomId: string) => void): void {
  for (const id of roomIds) {
    // RoomMock is an EventEmitter; its typings lean on a package (typed-emitter) that is not installed.
    (world.room(id) as unknown as EventEmitter).on('message', (message: mock.MessageMock) => {
      if (message.payload.talkerId === world.botContact.id) fn(id);
    });
  }
}

/** Polls an async check every 20 ms until it returns a truthy value (returned) or `timeoutMs` passes. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000) {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the bot's login sync registered every room in `roomIds` for `account`, and the api has its login. */
export async function waitForLoginSync(api: RunningApi, roomIds: string[], timeoutMs = 10_000, account = ACCOUNT) {
  const { BotState, Group } = api.deps.models;
  let seen = 'nothing yet';
  await eventually(
    async () => {
      const state: any = await BotState.findById(account).lean();
      const registered = await Group.countDocuments({ roomId: { $in: roomIds }, botAccount: account, status: 'active' });
      seen = `bot state ${state?.state ?? 'none'}, ${registered} rooms registered`;
      return state?.loggedIn && registered === roomIds.length;
    },
    `the login sync of ${roomIds.length} rooms`,
    timeoutMs,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last seen: ${seen}`);
  });
}

export interface Report {
  totals: Record<string, number>;
  occurrences: { id: string; scheduledAt: string; status: string; groups: number }[];
  groups: { groupId: string; topic: string; status: string; attempts: number; lastError: string | null }[];
}

/** The broadcast report an organizer reads, through the api. */
export async function readReport(api: RunningApi, token: string, broadcastId: string): Promise<Report> {
  const res = await call<Report>(api.url, 'GET', `/api/v1/broadcasts/${broadcastId}/report`, { token });
  if (res.status !== 200) throw new Error(`report: ${res.status} ${res.text}`);
  return res.body;
}

/** Room id of every group, by group id. */
export async function roomIdsByGroup(api: RunningApi): Promise<Map<string, string>> {
  const groups: any[] = await api.deps.models.Group.find({}, { roomId: 1 }).lean();
  return new Map(groups.map((g) => [String(g._id), g.roomId as string]));
}

/**
 * Runs cleanups in reverse order of registration after the test, every one of them even when an
 * earlier one fails (bots stop before the api they talk to; the process must be able to exit).
 */
export function cleanupStack(t: { after: (fn: () => Promise<void>) => void }) {
  const fns: (() => Promise<unknown> | unknown)[] = [];
  t.after(async () => {
    const errors: unknown[] = [];
    for (const fn of fns.reverse()) {
      try {
        await fn();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw errors[0];
  });
  return (fn: () => Promise<unknown> | unknown) => void fns.push(fn);
}

export interface CuttableLink {
  /** Base URL to give the bot instead of the api's. */
  url: string;
  /** The process behind it died: open connections drop, new ones are refused. Synchronous. */
  cut(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay between one bot and the api. Cutting it is what a dying process does to its
 * connections: whatever the bot would still send after that point never reaches the api.
 */
export async function cuttableLink(targetUrl: string): Promise<CuttableLink> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let isCut = false;
  const server = net.createServer((client) => {
    if (isCut) return void client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', drop).on('close', drop);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const cut = () => {
    if (isCut) return;
    isCut = true;
    server.close();
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut,
    async close() {
      cut();
      await closed;
    },
  };
}
