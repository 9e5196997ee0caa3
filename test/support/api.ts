/**
 * Test harness: real api instances on the real database server started by `npm test`
 * (TECHBRIDGE_TEST_MONGODB), each test file in a database of its own.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import bcrypt from 'bcryptjs';
import type { DestinationStream } from 'pino';
import type { Role } from '@techbridge/shared';
import { parseEnv, type Env } from '../../api/src/env.js';
import { startApi, type RunningApi } from '../../api/src/server.js';
import { signToken } from '../../api/src/auth/tokens.js';

export const BOT_TOKEN = 'test-bot-token-0123456789abcdef';

/** A database name unique to this process and label (letters, digits and _ only: safe on any server). */
export function uniqueDbName(label: string): string {
  return `t_${label
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 20)
    .toLowerCase()}_${randomBytes(4).toString('hex')}`;
}

export function testEnv(dbName: string, overrides: Record<string, string> = {}): Env {
  const base = process.env.TECHBRIDGE_TEST_MONGODB;
  if (!base) throw new Error('TECHBRIDGE_TEST_MONGODB is not set: run the tests with `npm test`');
  return parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    MONGODB_URI: `${base.replace(/\/?$/, '/')}${dbName}`,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    BOT_TOKEN,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    SWEEP_INTERVAL_MS: '0',
    SCHEDULER_TICK_MS: '0',
    // Tests post to WeCom robots by calling api.wecom.runOnce() (a test that wants the poller sets it).
    WECOM_POLL_MS: '0',
    // Test files stop their api at the end; nothing is queued then, so no need to keep accepting.
    SHUTDOWN_ACCEPT_GRACE_MS: '0',
    DEV_LOGIN: '1',
    CORS_ORIGINS: 'http://allowed.example',
    RATE_LIMIT_REGISTER_PER_MIN: '1000',
    RATE_LIMIT_LOGIN_PER_MIN: '1000',
    ...overrides,
  });
}

export interface TestClock {
  now: () => Date;
  set(d: Date | string): void;
  advance(ms: number): void;
}

/** A controllable clock; starts at real time. */
export function testClock(): TestClock {
  let offset = 0;
  let fixed: Date | null = null;
  return {
    now: () => (fixed ? new Date(fixed.getTime() + offset) : new Date(Date.now() + offset)),
    set(d) {
      fixed = new Date(d);
      offset = 0;
    },
    advance(ms) {
      offset += ms;
    },
  };
}

export async function startTestApi(
  dbName: string,
  opts: { env?: Record<string, string>; clock?: TestClock; logStream?: DestinationStream } = {},
): Promise<RunningApi> {
  return startApi(testEnv(dbName, opts.env), {
    sweep: false,
    ...(opts.clock ? { now: opts.clock.now } : {}),
    ...(opts.logStream ? { logStream: opts.logStream } : {}),
  });
}

let userSeq = 0;
/** Creates a user straight in the database and returns a session token for them. */
export async function makeUser(api: RunningApi, roles: Role[] = [], name = `用户${++userSeq}`) {
  const user = await api.deps.models.User.create({ openid: `test-${randomBytes(6).toString('hex')}`, roles, name });
  const { token } = signToken(api.deps.env, String(user._id), roles);
  return { id: String(user._id), token };
}

/**
 * An organizer who signs in with a username and password, as `npm run admin:create -- <name> --organizer` makes
 * one (bcrypt at a cheap cost: this is a test). Returns their id and session token, like makeUser.
 */
export async function makePasswordOrganizer(api: RunningApi, login: { username: string; password: string; name: string }) {
  const user = await api.deps.models.User.create({
    username: login.username,
    passwordHash: await bcrypt.hash(login.password, 4),
    name: login.name,
    roles: ['organizer'],
  });
  return { id: String(user._id), token: signToken(api.deps.env, String(user._id), ['organizer']).token };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** Minimal JSON client over fetch; `raw` sends a string body untouched. */
export async function call<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(baseUrl + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

/** A published event with sensible defaults, created through the api as an organizer. */
export async function publishedEvent(api: RunningApi, organizerToken: string, overrides: Record<string, unknown> = {}) {
  const start = new Date(Date.now() + 7 * 86400_000);
  const { registration, ...rest } = overrides as { registration?: Record<string, unknown> };
  const created = await call(api.url, 'POST', '/api/v1/events', {
    token: organizerToken,
    body: {
      title: '2026 上海概念验证项目路演',
      kind: 'roadshow',
      startsAt: start.toISOString(),
      regions: ['310000'],
      topics: ['poc'],
      registration: { capacity: 10, ...registration },
      ...rest,
    },
  });
  if (created.status !== 201) throw new Error(`event create failed: ${created.status} ${created.text}`);
  const published = await call(api.url, 'POST', `/api/v1/events/${created.body.id}/publish`, { token: organizerToken });
  if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${published.text}`);
  return published.body as { id: string; [k: string]: unknown };
}

export const signUp = (api: { url: string }, eventId: string, token: string, extra: Record<string, unknown> = {}) =>
  call(api.url, 'POST', `/api/v1/events/${eventId}/registrations`, {
    token,
    body: { name: '张三', org: '上海交通大学', phone: '13812345678', ...extra },
  });

/** Two api instances on one database, and an organizer: what a test trying to break an invariant across instances needs. */
export interface InstancePair {
  a: RunningApi;
  b: RunningApi;
  organizer: { id: string; token: string };
}

/**
 * Starts two api instances sharing one fresh database, and an organizer, before the file's tests (handing them to
 * `use`), and stops both after.
 */
export function twoInstances(label: string, use: (pair: InstancePair) => void): void {
  let pair: InstancePair | undefined;
  beforeAll(async () => {
    const db = uniqueDbName(label);
    const a = await startTestApi(db);
    const b = await startTestApi(db);
    pair = { a, b, organizer: await makeUser(a, ['organizer']) };
    use(pair);
  });
  afterAll(async () => {
    await pair?.a.stop();
    await pair?.b.stop();
  });
}
