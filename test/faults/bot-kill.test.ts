/**
 * Invariant 3 end to end: a broadcast to 30 rooms, the bot goes away after about 10 of them, a new
 * bot process (same account, same WeChat) takes over. Stopped cleanly, every room ends with exactly
 * one copy. Killed abruptly, no room ever gets two; a unit whose outcome died with the process is
 * reported failed with the unknown-outcome reason instead of being sent again, and those are the
 * only rooms left without a copy (plus, at most, the one whose copy did go out unreported).
 */
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { testContext, type TestContext } from '../support/context.js';
import { UNKNOWN_OUTCOME } from '../../api/src/broadcasts/claimer.js';
import type { RunningApi } from '../../api/src/server.js';
import { call, makeUser, startTestApi, testClock, uniqueDbName, type TestClock } from '../support/api.js';
import { createMockWorld, type MockWorld } from '../bot/support/mockWorld.js';
import { delay, waitFor } from '../bot/support/wait.js';
import {
  cleanupStack,
  cuttableLink,
  eventually,
  logIn,
  onBotMessage,
  readReport,
  reconnect,
  roomIdsByGroup,
  startE2eBot,
  stopBot,
  waitForBotState,
  waitForLoginSync,
} from '../e2e/support/e2e.js';

const ROOMS = Array.from({ length: 30 }, (_, i) => ({
  id: `crash-${String(i + 1).padStart(2, '0')}@chatroom`,
  topic: `科技成果转化对接群${i + 1}`,
}));
const ROOM_IDS = ROOMS.map((r) => r.id);
const STOP_AFTER = 10;
const LEASE_SECONDS = 20;
/** Batches of 4: the 10th send is the 2nd unit of the 3rd batch, so a crash there leaves leased units behind. */
const BOT_ENV = { CLAIM_BATCH: '4', CLAIM_LEASE_SECONDS: String(LEASE_SECONDS) };
const TITLE = '关于做好科技成果转化年度报告填报的通知';
const BODY = '请各单位于本月底前完成年度报告填报。';
const EXPECTED_TEXT = `【通知】${TITLE}\n${BODY}`;

interface Setup {
  api: RunningApi;
  clock: TestClock;
  organizer: { token: string };
  world: MockWorld;
  cleanup: (fn: () => unknown) => void;
}

/** A fresh database and api (own clock); a world of 30 rooms with the bot in each, none known to the api yet. */
async function setup(t: { after: (fn: () => Promise<void>) => void }, label: string): Promise<Setup> {
  const cleanup = cleanupStack(t);
  const clock = testClock();
  const api = await startTestApi(uniqueDbName(label), { clock });
  cleanup(() => api.stop());
  const organizer = await makeUser(api, ['organizer']);
  const world = createMockWorld(ROOMS);
  return { api, clock, organizer, world, cleanup };
}

/** The 30 groups exist only because the bot's login sync reported the rooms; then the broadcast. */
async function broadcastToAll(s: Setup): Promise<string> {
  await waitForLoginSync(s.api, ROOM_IDS);
  assert.equal(await s.api.deps.models.Group.countDocuments({ status: 'active' }), 30, 'the sync created the 30 groups');
  const res = await call(s.api.url, 'POST', '/api/v1/broadcasts', {
    token: s.organizer.token,
    body: { title: TITLE, text: BODY, audience: { kind: 'all' }, schedule: { kind: 'now' } },
  });
  assert.equal(res.status, 201, res.text);
  return res.body.id;
}

/** Messages of this broadcast per room. */
const copies = (world: MockWorld) =>
  new Map(ROOM_IDS.map((id) => [id, world.received(id).filter((m) => m === EXPECTED_TEXT).length]));

/** A second bot process on the same account and the same WeChat, talking to the api directly. */
async function restart(s: Setup) {
  const connection = reconnect(s.world);
  const second = await startE2eBot(connection.bot, s.api.url, BOT_ENV);
  s.cleanup(() => stopBot(second, s.api));
  await logIn(s.api, s.world, connection.bot);
  return second;
}

test('stopped cleanly after 10 of 30 rooms, a new bot finishes: every room holds exactly one copy, 30 sent', async () => {
  const t = testContext();
  const s = await setup(t, 'e2ecrashstop');
  const first = await startE2eBot(s.world.bot, s.api.url, BOT_ENV);
  s.cleanup(() => stopBot(first, s.api));
  let stopping: Promise<void> | undefined;
  // Stop while the 10th message is still inside the puppet: the stop lands mid-send, mid-batch.
  onBotMessage(s.world, ROOM_IDS, () => {
    if (s.world.sent.length === STOP_AFTER) stopping ??= first.stop();
  });
  await logIn(s.api, s.world);
  const id = await broadcastToAll(s);

  await waitFor(() => stopping, 'the first bot stopping after 10 rooms', 10_000);
  await stopping;
  assert.equal(s.world.sent.length, STOP_AFTER, 'nothing went out after the stop');
  await waitForBotState(s.api, 'logout'); // its last report, so it cannot land after the new login
  // stop() reported what it sent and handed back what it had not tried: nothing is left leased.
  const handedBack = await readReport(s.api, s.organizer.token, id);
  assert.deepEqual(handedBack.totals, { pending: 30 - STOP_AFTER, sending: 0, sent: STOP_AFTER, failed: 0, skipped: 0 });

  await restart(s);
  await eventually(async () => (await readReport(s.api, s.organizer.token, id)).totals.sent === 30, '30 sent', 15_000);
  await delay(300);

  for (const [roomId, n] of copies(s.world)) assert.equal(n, 1, `${roomId} holds ${n} copies`);
  assert.equal(s.world.sent.length, 30, 'and nothing else was posted');
  const report = await readReport(s.api, s.organizer.token, id);
  assert.deepEqual(report.totals, { pending: 0, sending: 0, sent: 30, failed: 0, skipped: 0 });
  assert.ok(report.groups.every((g) => g.status === 'sent'));
});

/**
 * Kills the first bot the way a crash would: at that instant its puppet sends nothing more and its
 * connection to the api is cut, so nothing it would still report arrives. `when`:
 * - `after-send`: right after WeChat took the 10th message (sent, never reported);
 * - `during-send`: while the 11th was in the puppet's hands (never reached WeChat).
 */
async function crashTest(t: TestContext, when: 'after-send' | 'during-send') {
  const s = await setup(t, `e2ecrash${when}`);
  const link = await cuttableLink(s.api.url);
  s.cleanup(() => link.close());
  const first = await startE2eBot(s.world.bot, link.url, BOT_ENV, { quiet: true });
  s.cleanup(() => first.stop()); // the stopped process's leftovers; its link is cut by then

  const puppet = s.world.puppet;
  const send = puppet.messageSendText.bind(puppet);
  let dead = false;
  let calls = 0;
  let lostRoom: string | undefined; // the room of the unit in flight at the crash
  const die = () => {
    dead = true;
    link.cut();
  };
  puppet.messageSendText = async (roomId: string, text: string) => {
    if (dead) throw new Error('the bot process is gone');
    calls++;
    if (when === 'during-send' && calls === STOP_AFTER + 1) {
      lostRoom = roomId;
      die();
      throw new Error('the bot process is gone');
    }
    // The mock posts into the room synchronously inside this call; the crash follows at once,
    // before the bot's code after `room.say` can run.
    const sent = send(roomId, text);
    if (when === 'after-send' && calls === STOP_AFTER) {
      lostRoom = roomId;
      die();
    }
    return sent;
  };

  await logIn(s.api, s.world);
  const id = await broadcastToAll(s);
  await waitFor(() => dead, 'the crash', 10_000);
  await first.stop(); // ends its loop and its Wechaty; with the link cut, nothing it reports arrives
  assert.equal(s.world.sent.length, STOP_AFTER, '10 rooms received it before the crash');
  assert.ok(lostRoom);

  // What the dead bot held: leased to it, outcome unknown to the api.
  const leased: any[] = await s.api.deps.models.Delivery.find({ broadcast: id, status: 'sending' }).lean();
  const leasedRooms = new Set(leased.map((d) => d.roomId as string));
  assert.ok(leasedRooms.has(lostRoom), `the unit in flight (${lostRoom}) is still leased: ${[...leasedRooms].join(', ')}`);

  // A new bot process takes over. While the dead bot's leases run, what it held is handed to no one.
  await restart(s);
  const settled = async (sending: number) => {
    const { totals } = await readReport(s.api, s.organizer.token, id);
    return totals.pending === 0 && totals.sending === sending && (totals.sent ?? 0) + (totals.failed ?? 0) === 30 - sending;
  };
  await eventually(() => settled(leased.length), 'the new bot sending everything else', 15_000);
  await delay(300);
  assert.ok(await settled(leased.length), 'the leased units stay leased until their lease ends');
  assert.equal(s.world.sent.length, 30 - leased.length + (when === 'after-send' ? 1 : 0));

  // The leases lapse (the api's clock moves past them instead of the test sleeping 20 s).
  s.clock.advance((LEASE_SECONDS + 1) * 1000);
  await eventually(() => settled(0), 'the lapsed leases settled', 15_000);
  await delay(300);

  const report = await readReport(s.api, s.organizer.token, id);
  const roomOf = await roomIdsByGroup(s.api);
  const unknown = new Set(
    report.groups.filter((g) => g.status === 'failed' && g.lastError === UNKNOWN_OUTCOME).map((g) => roomOf.get(g.groupId)!),
  );
  const perRoom = copies(s.world);
  const without = new Set(ROOM_IDS.filter((r) => perRoom.get(r) === 0));

  for (const [roomId, n] of perRoom) assert.ok(n <= 1, `${roomId} holds ${n} copies`);
  assert.equal(
    s.world.sent.length,
    [...perRoom.values()].reduce((a, b) => a + b, 0),
    'nothing but the broadcast was posted',
  );
  assert.deepEqual(unknown, leasedRooms, 'exactly the units the dead bot held are reported with an unknown outcome');
  assert.equal(report.totals.failed, unknown.size, 'no other failure');
  assert.equal(report.totals.sent, 30 - unknown.size);
  // Not resent: the rooms reported unknown that hold no copy, and at most the one that did get it.
  const expectedWithout = new Set([...unknown].filter((r) => when === 'during-send' || r !== lostRoom));
  assert.deepEqual(without, expectedWithout, 'rooms without a copy are exactly those reported with an unknown outcome');
  if (when === 'after-send') assert.equal(perRoom.get(lostRoom), 1, 'the unreported copy was not sent a second time');
  for (const g of report.groups) {
    const room = roomOf.get(g.groupId)!;
    if (g.status === 'sent') assert.equal(perRoom.get(room), 1, `${room} is reported sent and holds its copy`);
  }
  t.diagnostic(
    `${when}: ${unknown.size} reported ${UNKNOWN_OUTCOME}, ${without.size} rooms without a copy, ${report.totals.sent} sent`,
  );
}

test('killed right after WeChat took the 10th message: never two copies; the unreported unit is reported unknown, not resent', () =>
  crashTest(testContext(), 'after-send'));

test('killed while the 11th message was in flight: never two copies; rooms without one are exactly those reported unknown', () =>
  crashTest(testContext(), 'during-send'));
