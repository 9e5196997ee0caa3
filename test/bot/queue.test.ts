/**
 * The paced send queue on the mock puppet, against a fake api that leases units like the real one:
 * what reaches which room, in which order, at which pace, and what happens when WeChat pushes back,
 * the account logs out or the api goes away.
 */
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { testContext } from '../support/context.js';
import { ROOM_NOT_FOUND } from '../../bot/src/sender/queue.js';
import type { RunningBot } from '../../bot/src/startBot.js';
import { FakeReply, startFakeApi, type FakeApi } from './support/fakeApi.js';
import { deliveryStore, type DeliveryStore, type StoredUnit } from './support/deliveryStore.js';
import { createMockWorld, type MockWorld } from './support/mockWorld.js';
import { FAST_PACING, startTestBot } from './support/testBot.js';
import { delay, waitFor } from './support/wait.js';

const ROOMS = [
  { id: 'poc@chatroom', topic: '上海概念验证中心交流群' },
  { id: 'ic@chatroom', topic: '张江集成电路产学研群' },
  { id: 'ai@chatroom', topic: '长三角人工智能创新群' },
];

interface Setup {
  world: MockWorld;
  api: FakeApi;
  store: DeliveryStore;
  bot: RunningBot;
}

/** A logged-in bot whose api hands out `units`; `config` overrides the test defaults. */
async function setup(
  t: { after: (fn: () => Promise<void>) => void },
  units: StoredUnit[],
  config: Parameters<typeof startTestBot>[2] = {},
): Promise<Setup> {
  const store = deliveryStore(units, { rateLimitPauseMs: config.pacing?.rateLimitPauseMs ?? 0 });
  const api = await startFakeApi(store.routes);
  const world = createMockWorld(ROOMS);
  const bot = await startTestBot(world, api, config);
  t.after(async () => {
    await bot.stop();
    await api.stop();
  });
  await world.login();
  return { world, api, store, bot };
}

/** Units `<room>-<n>` for rooms given in claim order. */
function unitsFor(...roomIds: string[]): StoredUnit[] {
  const count = new Map<string, number>();
  return roomIds.map((roomId) => {
    const n = (count.get(roomId) ?? 0) + 1;
    count.set(roomId, n);
    const unitId = `${roomId.split('@')[0]}-${n}`;
    return { unitId, roomId, text: `第${n}条 ${unitId}` };
  });
}

const allDelivered = (s: Setup, count: number) =>
  waitFor(
    () => s.store.open().length === 0 && s.world.sent.length >= count && s.bot.ctx.queue.unreported === 0,
    'every unit delivered and reported',
    10_000,
  );

test('each unit reaches its own room, in claim order within the room, and is reported once', async () => {
  const t = testContext();
  const units = unitsFor(
    'poc@chatroom',
    'ic@chatroom',
    'ai@chatroom',
    'poc@chatroom',
    'ic@chatroom',
    'poc@chatroom',
    'ai@chatroom',
  );
  const s = await setup(t, units, { claimBatch: 3 });
  await allDelivered(s, units.length);
  await delay(100); // nothing more should arrive

  for (const room of ROOMS) {
    assert.deepEqual(
      s.world.received(room.id),
      units.filter((u) => u.roomId === room.id).map((u) => u.text),
      `texts in ${room.topic}`,
    );
  }
  assert.equal(s.world.sent.length, units.length);
  for (const u of units) assert.equal(s.store.sentCount(u.unitId), 1, `${u.unitId} reported sent once`);
  assert.equal(s.store.results.length, units.length);
  assert.ok(s.store.results.every((r) => r.ok === true && r.account === 'test-account'));
  // Claims asked for no more than the batch, with the configured lease.
  const claims = s.api.callsTo('/deliveries/claim');
  assert.ok(claims.length >= 3);
  assert.ok(claims.every((c) => c.body.limit === 3 && c.body.leaseSeconds === 60));
});

test('measured gaps respect the pacer: a pause between any two sends, the minimum gap per room', async () => {
  const t = testContext();
  const pacing = { ...FAST_PACING, minRoomGapMs: 150, pauseMinMs: 50, pauseMaxMs: 80 };
  const units = unitsFor('poc@chatroom', 'poc@chatroom', 'poc@chatroom', 'ic@chatroom', 'ic@chatroom', 'ai@chatroom');
  const s = await setup(t, units, { pacing, claimBatch: 10 });
  await allDelivered(s, units.length);

  const sent = s.world.sent;
  for (let i = 1; i < sent.length; i++) {
    const gap = sent[i]!.at - sent[i - 1]!.at;
    assert.ok(gap >= pacing.pauseMinMs - 1, `gap ${gap} ms between sends ${i - 1} and ${i} is under ${pacing.pauseMinMs}`);
  }
  for (const room of ROOMS) {
    const times = sent.filter((m) => m.roomId === room.id).map((m) => m.at);
    for (let i = 1; i < times.length; i++) {
      const gap = times[i]! - times[i - 1]!;
      assert.ok(gap >= pacing.minRoomGapMs - 1, `gap ${gap} ms in ${room.topic} is under ${pacing.minRoomGapMs}`);
    }
  }
  // One room's gap does not hold the others back: the second poc unit is not the second send.
  assert.notEqual(sent[1]!.roomId, 'poc@chatroom');
  // And the pacing is not wildly over-cautious: 3 sends in one room take about 2 gaps (slack for a busy CI).
  const total = sent.at(-1)!.at - sent[0]!.at;
  assert.ok(total < 2 * pacing.minRoomGapMs + 3 * pacing.pauseMaxMs + 1_500, `took ${total} ms`);
});

test('操作过于频繁: reported as rate-limited, the whole queue pauses, then everything goes out once', async () => {
  const t = testContext();
  const pacing = { ...FAST_PACING, rateLimitPauseMs: 300 };
  const units = unitsFor('poc@chatroom', 'ic@chatroom', 'ai@chatroom', 'poc@chatroom');
  const s = await setup(t, [], { pacing, claimBatch: 10 });

  // WeChat refuses the first two sends.
  const attempts: { roomId: string; at: number; refused: boolean }[] = [];
  const original = s.world.puppet.messageSendText.bind(s.world.puppet);
  s.world.puppet.messageSendText = async (conversationId: string, text: string) => {
    const refused = attempts.filter((a) => a.refused).length < 2;
    attempts.push({ roomId: conversationId, at: Date.now(), refused });
    if (refused) throw new Error('发送失败：操作过于频繁，请稍后再试');
    return original(conversationId, text);
  };
  s.store.add(...units);
  await allDelivered(s, units.length);

  const limited = s.store.results.filter((r) => r.rateLimited);
  assert.equal(limited.length, 2);
  assert.ok(limited.every((r) => r.ok === false && /操作过于频繁/.test(r.error)));
  // After each refusal, no send to any room before the pause is over.
  for (const [i, a] of attempts.entries()) {
    if (!a.refused) continue;
    const next = attempts[i + 1];
    assert.ok(next, 'a later attempt');
    assert.ok(next.at - a.at >= pacing.rateLimitPauseMs - 1, `next attempt ${next.at - a.at} ms after a refusal`);
  }
  // While paused the queue does not claim either.
  const firstRefusal = attempts.find((a) => a.refused)!.at;
  const claimsDuringPause = s.api.callsTo('/deliveries/claim').filter((c) => c.at > firstRefusal && c.at < firstRefusal + 290);
  assert.equal(claimsDuringPause.length, 0);
  // Nothing lost, nothing twice.
  for (const u of units) {
    assert.equal(s.store.sentCount(u.unitId), 1, `${u.unitId} sent once`);
    assert.equal(s.world.received(u.roomId).filter((text) => text === u.text).length, 1);
  }
});

test('while logged out nothing is claimed; after the next login the waiting units go out', async () => {
  const t = testContext();
  const s = await setup(t, []);
  await s.api.waitForCall('/deliveries/claim');
  await s.world.puppet.logout();
  await s.api.waitForCall('/status', (b) => b.state === 'logout');
  await delay(50); // a claim already in flight may finish
  const claimsBefore = s.api.callsTo('/deliveries/claim').length;

  s.store.add(...unitsFor('poc@chatroom', 'ic@chatroom'));
  await delay(300); // 15 claim intervals
  assert.equal(s.api.callsTo('/deliveries/claim').length, claimsBefore, 'no claim while logged out');
  assert.equal(s.world.sent.length, 0);

  s.world.mocker.login(s.world.botContact);
  await allDelivered(s, 2);
  assert.deepEqual(s.world.received('poc@chatroom'), ['第1条 poc-1']);
  assert.deepEqual(s.world.received('ic@chatroom'), ['第1条 ic-1']);
});

test('a unit for a room the bot is not in is reported failed and nothing is posted for it', async () => {
  const t = testContext();
  const units = [
    ...unitsFor('poc@chatroom'),
    { unitId: 'ghost-1', roomId: 'ghost@chatroom', text: '发往不存在的群' },
    ...unitsFor('ic@chatroom'),
  ];
  const s = await setup(t, units);
  // The failed unit goes back to the fake api's queue and keeps failing: look at its first report.
  await waitFor(() => s.store.sentCount('ic-1') === 1 && s.store.results.length >= 3, 'all three reported');
  const ghost = s.store.results.find((r) => r.deliveryIds[0] === 'd-ghost-1');
  assert.deepEqual(ghost, {
    account: 'test-account',
    deliveryIds: ['d-ghost-1'],
    ok: false,
    error: ROOM_NOT_FOUND,
    rateLimited: false,
    notSent: false,
  });
  assert.equal(s.store.sentCount('poc-1'), 1);
  assert.equal(s.store.sentCount('ic-1'), 1);
  assert.ok(s.world.sent.every((m) => m.text !== '发往不存在的群'));
});

test('the api down: the queue keeps running, keeps the result until the api takes it, sends nothing twice', async () => {
  const t = testContext();
  const store = deliveryStore();
  let claimsRefused = 0;
  let resultsRefused = 0;
  const api = await startFakeApi({
    '/deliveries/claim': (b) =>
      claimsRefused++ < 6 ? new FakeReply(503, { error: 'down' }) : store.routes['/deliveries/claim']!(b),
    // More refusals than one call's retries: the result has to wait in the bot across cycles.
    '/deliveries/result': (b) =>
      resultsRefused++ < 12 ? new FakeReply(502, { error: 'down' }) : store.routes['/deliveries/result']!(b),
  });
  const world = createMockWorld(ROOMS);
  const bot = await startTestBot(world, api);
  t.after(async () => {
    await bot.stop();
    await api.stop();
  });
  await world.login();
  store.add(...unitsFor('poc@chatroom'));

  await waitFor(() => store.sentCount('poc-1') === 1, 'the result accepted', 10_000);
  assert.ok(claimsRefused > 6 && resultsRefused > 12);
  assert.deepEqual(world.received('poc@chatroom'), ['第1条 poc-1']);
  // No new claim while a result was waiting to be reported.
  const results = api.callsTo('/deliveries/result');
  const firstTry = results[0]!.at;
  const accepted = results.at(-1)!.at;
  assert.equal(api.callsTo('/deliveries/claim').filter((c) => c.at > firstTry && c.at < accepted).length, 0);
  await delay(100);
  assert.equal(world.sent.length, 1);
});

test('a unit that pacing cannot fit before its lease ends is handed back unsent, never left to lapse', async () => {
  const t = testContext();
  // Lease 60 s minus a 15 s margin; the room gap is 50 s: the second poc unit cannot go in time.
  const pacing = { ...FAST_PACING, minRoomGapMs: 50_000 };
  const s = await setup(t, unitsFor('poc@chatroom', 'poc@chatroom', 'ic@chatroom'), { pacing, claimBatch: 10 });
  await waitFor(() => s.store.sentCount('poc-1') === 1 && s.store.sentCount('ic-1') === 1, 'the two units that fit');
  const handBack = await s.api.waitForCall('/deliveries/result', (b) => b.deliveryIds[0] === 'd-poc-2');
  assert.deepEqual(handBack.body, {
    account: 'test-account',
    deliveryIds: ['d-poc-2'],
    ok: false,
    notSent: true,
    rateLimited: false,
  });
  await delay(100);
  assert.deepEqual(s.world.received('poc@chatroom'), ['第1条 poc-1']);
  assert.deepEqual(s.world.received('ic@chatroom'), ['第1条 ic-1']);
  assert.equal(s.store.sentCount('poc-2'), 0);
  // Handed back every time it is claimed again, never sent early, never lapsed.
  assert.ok(s.store.results.filter((r) => r.deliveryIds[0] === 'd-poc-2').every((r) => r.notSent === true && r.ok === false));
  assert.deepEqual(s.store.abandoned(), []);
});

test('logged out in the middle of a batch: the unsent units go back to the api, and out after the next login', async () => {
  const t = testContext();
  const pacing = { ...FAST_PACING, minRoomGapMs: 400 };
  const s = await setup(t, unitsFor('poc@chatroom', 'poc@chatroom'), { pacing });
  await waitFor(() => s.store.sentCount('poc-1') === 1, 'the first unit');
  await s.world.puppet.logout();
  const handBack = await s.api.waitForCall('/deliveries/result', (b) => b.deliveryIds[0] === 'd-poc-2');
  assert.equal(handBack.body.notSent, true);
  assert.deepEqual(s.world.received('poc@chatroom'), ['第1条 poc-1']);

  s.world.mocker.login(s.world.botContact);
  await waitFor(() => s.store.sentCount('poc-2') === 1, 'the second unit after login');
  assert.deepEqual(s.world.received('poc@chatroom'), ['第1条 poc-1', '第2条 poc-2']);
  const times = s.world.sent.map((m) => m.at);
  assert.ok(times[1]! - times[0]! >= pacing.minRoomGapMs - 1, 'the room gap still holds across the logout');
  assert.deepEqual(s.store.abandoned(), []);
});

test('stop() returns promptly while the queue waits for pacing; the waiting unit is handed back, not sent', async () => {
  const t = testContext();
  const pacing = { ...FAST_PACING, minRoomGapMs: 10_000 };
  const s = await setup(t, unitsFor('poc@chatroom', 'poc@chatroom'), { pacing });
  await waitFor(() => s.store.sentCount('poc-1') === 1, 'the first unit');
  await delay(50);
  const started = Date.now();
  await s.bot.stop();
  const took = Date.now() - started;
  assert.ok(took < 2_000, `stop took ${took} ms while a 10 s wait was pending`);
  assert.deepEqual(s.world.received('poc@chatroom'), ['第1条 poc-1']);
  assert.equal(s.store.sentCount('poc-2'), 0);
  const last = s.store.results.at(-1);
  assert.deepEqual(last, { account: 'test-account', deliveryIds: ['d-poc-2'], ok: false, notSent: true, rateLimited: false });
  assert.deepEqual(s.store.abandoned(), []);
});
