/**
 * Shared helpers for the broadcast / scheduler / delivery tests (not a test file itself).
 * Times: Shanghai has no daylight saving, so a Shanghai wall-clock time is always UTC+8.
 */
import assert from 'node:assert/strict';
import type { RunningApi } from '../../../api/src/server.js';
import { seed } from '../../../api/src/commands/seed.js';
import { BOT_TOKEN, call, makeUser, startTestApi, testClock, uniqueDbName, type TestClock } from '../../support/api.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
const OFFSET = 8 * HOUR;

/**
 * The first instant strictly after `after` whose Shanghai wall clock reads `hhmm`
 * (and, when given, whose Shanghai weekday is `weekday`, 0 = Sunday).
 */
export function nextShanghai(after: Date, hhmm: string, weekday?: number): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const local = new Date(after.getTime() + OFFSET); // its UTC fields are Shanghai's wall clock
  let t = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), h, m) - OFFSET;
  while (t <= after.getTime() || (weekday !== undefined && new Date(t + OFFSET).getUTCDay() !== weekday)) t += DAY;
  return new Date(t);
}

/** Shanghai weekday (0 = Sunday) and hour:minute of an instant. */
export function shanghaiWall(d: Date | string) {
  const local = new Date(new Date(d).getTime() + OFFSET);
  return { weekday: local.getUTCDay(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

export interface World {
  dbName: string;
  clock: TestClock;
  apis: RunningApi[];
  /** The first instance (started first, so the first scheduler leader). */
  a: RunningApi;
  organizer: { id: string; token: string };
  /** Seed group ids by room id. */
  groups: Map<string, string>;
  /** Starts another instance on the same database and clock (its start() ticks once). */
  start(env?: Record<string, string>): Promise<RunningApi>;
  stopAll(): Promise<void>;
}

/**
 * A fresh database with the 12 sample groups, `instances` api instances sharing one fixed clock
 * (set to `at`, default the real current time), and an organizer.
 */
export async function world(
  label: string,
  opts: { at?: Date; instances?: number; env?: Record<string, string> } = {},
): Promise<World> {
  const dbName = uniqueDbName(label);
  const clock = testClock();
  clock.set(opts.at ?? new Date());
  const apis: RunningApi[] = [];
  const start = async (env: Record<string, string> = opts.env ?? {}) => {
    const api = await startTestApi(dbName, { clock, env });
    apis.push(api);
    return api;
  };
  const a = await start();
  await seed(a.deps.models);
  for (let i = 1; i < (opts.instances ?? 1); i++) await start();
  const organizer = await makeUser(a, ['organizer']);
  const groupDocs: any[] = await a.deps.models.Group.find({}, { roomId: 1 }).lean();
  const groups = new Map(groupDocs.map((g) => [g.roomId as string, String(g._id)]));
  return {
    dbName,
    clock,
    apis,
    a,
    organizer,
    groups,
    start,
    async stopAll() {
      // Each stop is idempotent enough: a stopped scheduler ignores further stops; the server closes once.
      for (const api of apis.splice(0)) await api.stop().catch(() => {});
    },
  };
}

export const bot = (api: RunningApi, path: string, body: unknown) =>
  call(api.url, 'POST', `/api/v1/bot/${path}`, { token: BOT_TOKEN, body });

/** Creates a broadcast through the api as the organizer; asserts 201. */
export async function createBroadcast(api: RunningApi, token: string, body: Record<string, unknown>) {
  const res = await call(api.url, 'POST', '/api/v1/broadcasts', { token, body: { text: '请各位关注。', ...body } });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: string; nextFireAt: string[]; status: string; schedule: any; [k: string]: unknown };
}

export async function report(api: RunningApi, token: string, id: string) {
  const res = await call(api.url, 'GET', `/api/v1/broadcasts/${id}/report`, { token });
  assert.equal(res.status, 200, res.text);
  return res.body as { totals: Record<string, number>; occurrences: any[]; groups: any[] };
}

export async function login(api: RunningApi, account = 'demo') {
  const res = await bot(api, 'status', { account, state: 'login' });
  assert.equal(res.status, 200, res.text);
}

export async function claim(api: RunningApi, body: Record<string, unknown> = {}) {
  const res = await bot(api, 'deliveries/claim', { account: 'demo', limit: 50, ...body });
  assert.equal(res.status, 200, res.text);
  return res.body as {
    units: { unitId: string; deliveryIds: string[]; roomId: string; text: string; attempt: number }[];
    paused: boolean;
  };
}

export async function result(api: RunningApi, body: Record<string, unknown>) {
  const res = await bot(api, 'deliveries/result', { account: 'demo', ...body });
  assert.equal(res.status, 200, res.text);
}

/**
 * The bot and the WeCom sender deliver whatever is due, day after day (digest groups and quiet hours move some
 * deliveries to later days); every send to `failingGroup` is reported failed with 群不存在.
 */
export async function deliverForDays(w: World, days: number, failingGroup: string) {
  await login(w.a);
  for (let day = 0; day < days; day++) {
    for (const u of (await claim(w.a)).units) {
      const failed = u.deliveryIds.some((id) => id.endsWith(`:${failingGroup}`));
      await result(w.a, { deliveryIds: u.deliveryIds, ok: !failed, ...(failed ? { error: '群不存在' } : {}) });
    }
    await w.a.wecom.runOnce();
    w.clock.advance(DAY);
  }
}

/** Ticks every given scheduler concurrently, `rounds` times, each round `perInstance` ticks per instance. */
export async function tickAll(apis: RunningApi[], now: Date, rounds = 1, perInstance = 1) {
  for (let r = 0; r < rounds; r++) {
    await Promise.all(apis.flatMap((api) => Array.from({ length: perInstance }, () => api.deps.scheduler!.tick(now))));
  }
}

export async function occurrencesOf(api: RunningApi, broadcastId: string): Promise<any[]> {
  return api.deps.models.Occurrence.find({ broadcast: broadcastId }).sort({ scheduledAt: 1 }).lean();
}

export async function deliveriesOf(api: RunningApi, broadcastId: string): Promise<any[]> {
  return api.deps.models.Delivery.find({ broadcast: broadcastId }).sort({ _id: 1 }).lean();
}

/** Asserts each group appears at most once per occurrence among `deliveries`. */
export function assertOncePerOccurrenceAndGroup(deliveries: any[]) {
  const keys = deliveries.map((d) => `${d.occurrence}|${String(d.group)}`);
  assert.equal(new Set(keys).size, keys.length, `duplicate (occurrence, group) deliveries: ${keys.join(', ')}`);
}

export { call, uniqueDbName };
