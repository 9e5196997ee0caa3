/**
 * Invariant 3 and "Broadcasting that WeChat tolerates": each (occurrence, group) reaches the group
 * once; quiet hours and digests move not-before, never drop; rate limits pause the account; failures
 * back off then fail visibly; abandoned sends are not repeated. The bot is played by plain HTTP calls.
 */
import { test } from '@jest/globals';
import { testContext } from '../../support/context.js';
import assert from 'node:assert/strict';
import { UNKNOWN_OUTCOME } from '../../../api/src/broadcasts/claimer.js';
import {
  DAY,
  HOUR,
  MINUTE,
  bot,
  call,
  claim,
  createBroadcast,
  deliveriesOf,
  login,
  nextShanghai,
  report,
  result,
  world,
} from './helpers.js';

const patchGroup = async (w: Awaited<ReturnType<typeof world>>, roomId: string, body: unknown) => {
  const res = await call(w.a.url, 'PATCH', `/api/v1/groups/${w.groups.get(roomId)}`, { token: w.organizer.token, body });
  assert.equal(res.status, 200, res.text);
  return res.body;
};

/** A manual broadcast sent now to the listed sample rooms. */
const sendNow = (w: Awaited<ReturnType<typeof world>>, title: string, rooms: string[], api = w.a) =>
  createBroadcast(api, w.organizer.token, {
    title,
    audience: { kind: 'groups', groupIds: rooms.map((r) => w.groups.get(r)!) },
    schedule: { kind: 'now' },
  });

const unitsFor = <U extends { roomId: string }>(units: U[], roomId: string) => units.filter((u) => u.roomId === roomId);

test('quiet hours 22:00-08:00: a delivery planned at 23:00 waits until 08:00 and is not dropped', async () => {
  const t = testContext();
  const t23 = nextShanghai(new Date(), '23:00');
  const t08 = new Date(t23.getTime() + 9 * HOUR);
  const w = await world('dlv-quiet', { at: new Date(t23.getTime() - 2 * HOUR) });
  t.after(() => w.stopAll());
  const g = await patchGroup(w, 'sh-poc@chatroom', {
    delivery: { mode: 'instant', digestAt: '09:00', quietHours: { start: '22:00', end: '08:00' } },
  });
  assert.deepEqual(g.delivery.quietHours, { start: '22:00', end: '08:00' });

  const created = await createBroadcast(w.a, w.organizer.token, {
    title: '夜间定时通知',
    audience: { kind: 'groups', groupIds: [w.groups.get('sh-poc@chatroom')!, w.groups.get('bj-zgc@chatroom')!] },
    schedule: { kind: 'once', at: t23.toISOString() },
  });
  w.clock.set(new Date(t23.getTime() + 30_000));
  await w.a.deps.scheduler!.tick(w.clock.now());
  const deliveries = await deliveriesOf(w.a, created.id);
  assert.equal(deliveries.length, 2);
  const quiet = deliveries.find((d) => d.roomId === 'sh-poc@chatroom');
  const loud = deliveries.find((d) => d.roomId === 'bj-zgc@chatroom');
  assert.equal(new Date(quiet.notBefore).toISOString(), t08.toISOString(), 'moved to 08:00 Shanghai the next morning');
  assert.equal(new Date(loud.notBefore).toISOString(), w.clock.now().toISOString(), 'a group without quiet hours is due at once');

  await login(w.a);
  let c = await claim(w.a);
  assert.deepEqual(
    c.units.map((u) => u.roomId),
    ['bj-zgc@chatroom'],
  );
  await result(w.a, { deliveryIds: c.units[0]!.deliveryIds, ok: true });

  w.clock.set(new Date(t08.getTime() - MINUTE)); // 07:59
  c = await claim(w.a);
  assert.equal(unitsFor(c.units, 'sh-poc@chatroom').length, 0, 'still quiet at 07:59');

  w.clock.set(t08); // 08:00
  c = await claim(w.a);
  const units = unitsFor(c.units, 'sh-poc@chatroom');
  assert.equal(units.length, 1, 'due at 08:00');
  assert.deepEqual(units[0]!.deliveryIds, [quiet._id]);
  assert.match(units[0]!.text, /夜间定时通知/);
  await result(w.a, { deliveryIds: units[0]!.deliveryIds, ok: true });
  const rep = await report(w.a, w.organizer.token, created.id);
  assert.equal(rep.totals.sent, 2, 'nothing dropped');
  assert.equal(rep.totals.skipped, 0);
});

test('digest at 09:00: two evening broadcasts arrive as ONE 【今日摘要】 unit, and ok marks both sent', async () => {
  const t = testContext();
  const t09 = nextShanghai(new Date(Date.now() + DAY), '09:00');
  const e1 = new Date(t09.getTime() - 13 * HOUR); // 20:00 the evening before
  const e2 = new Date(t09.getTime() - 12 * HOUR); // 21:00
  const w = await world('dlv-digest', { at: new Date(e1.getTime() - 10 * MINUTE) });
  t.after(() => w.stopAll());
  await patchGroup(w, 'sh-tto@chatroom', { delivery: { mode: 'digest', digestAt: '09:00', quietHours: null } });
  const rooms = [w.groups.get('sh-tto@chatroom')!, w.groups.get('bj-zgc@chatroom')!];
  const b1 = await createBroadcast(w.a, w.organizer.token, {
    title: '赋权改革试点申报通知',
    audience: { kind: 'groups', groupIds: rooms },
    schedule: { kind: 'once', at: e1.toISOString() },
  });
  const b2 = await createBroadcast(w.a, w.organizer.token, {
    title: '技术转移机构培育计划启动',
    audience: { kind: 'groups', groupIds: rooms },
    schedule: { kind: 'once', at: e2.toISOString() },
  });
  await login(w.a);

  w.clock.set(new Date(e1.getTime() + 30_000));
  await w.a.deps.scheduler!.tick(w.clock.now());
  let c = await claim(w.a);
  assert.deepEqual(
    c.units.map((u) => u.roomId),
    ['bj-zgc@chatroom'],
    'the instant group gets it at once; the digest group waits',
  );
  await result(w.a, { deliveryIds: c.units[0]!.deliveryIds, ok: true });

  w.clock.set(new Date(e2.getTime() + 30_000));
  await w.a.deps.scheduler!.tick(w.clock.now());
  c = await claim(w.a);
  assert.deepEqual(
    c.units.map((u) => u.roomId),
    ['bj-zgc@chatroom'],
  );
  await result(w.a, { deliveryIds: c.units[0]!.deliveryIds, ok: true });

  const digest = [...(await deliveriesOf(w.a, b1.id)), ...(await deliveriesOf(w.a, b2.id))].filter(
    (d) => d.roomId === 'sh-tto@chatroom',
  );
  assert.equal(digest.length, 2);
  for (const d of digest) {
    assert.equal(d.digest, true);
    assert.equal(new Date(d.notBefore).toISOString(), t09.toISOString(), 'both wait for 09:00');
  }

  w.clock.set(new Date(t09.getTime() - MINUTE));
  assert.equal((await claim(w.a)).units.length, 0, 'nothing before 09:00');

  w.clock.set(t09);
  c = await claim(w.a, { limit: 10 });
  assert.equal(c.units.length, 1, 'one unit for the digest room');
  const unit = c.units[0]!;
  assert.equal(unit.roomId, 'sh-tto@chatroom');
  assert.deepEqual([...unit.deliveryIds].sort(), digest.map((d) => d._id).sort());
  assert.match(unit.text, /【今日摘要】/);
  assert.match(unit.text, /赋权改革试点申报通知/);
  assert.match(unit.text, /技术转移机构培育计划启动/);
  assert.match(unit.text, /共 2 条/);

  await result(w.a, { deliveryIds: unit.deliveryIds, ok: true });
  for (const b of [b1, b2]) {
    const rep = await report(w.a, w.organizer.token, b.id);
    assert.equal(rep.totals.sent, 2, 'the digest delivery and the instant one are both sent');
  }
  assert.equal((await claim(w.a)).units.length, 0, 'nothing handed out twice');
});

test('rate limited: the account pauses, then the same deliveries come back without using up attempts', async () => {
  const t = testContext();
  const w = await world('dlv-ratelimit');
  t.after(() => w.stopAll());
  const pause = w.a.deps.env.DELIVERY_RATE_LIMIT_PAUSE_MS;
  const rooms = ['sh-poc@chatroom', 'sh-tto@chatroom', 'bj-zgc@chatroom'];
  const created = await sendNow(w, '频率测试', rooms);
  await login(w.a);

  let c = await claim(w.a, { limit: 1 });
  assert.equal(c.units.length, 1);
  const first = c.units[0]!;
  await result(w.a, { deliveryIds: first.deliveryIds, ok: false, rateLimited: true, error: '操作过于频繁，请稍后再试' });

  c = await claim(w.a);
  assert.equal(c.paused, true);
  assert.equal(c.units.length, 0, 'the whole account waits, not only the room');
  const state = await call(w.a.url, 'GET', '/api/v1/bot/state', { token: w.organizer.token });
  assert.equal(state.status, 200, state.text);

  w.clock.advance(pause - 1000);
  c = await claim(w.a);
  assert.equal(c.paused, true, 'still paused just before the pause ends');
  assert.equal(c.units.length, 0);

  w.clock.advance(1000);
  c = await claim(w.a, { limit: 10 });
  assert.equal(c.paused, false);
  const ids = c.units.flatMap((u) => u.deliveryIds).sort();
  assert.deepEqual(
    ids,
    (await deliveriesOf(w.a, created.id)).map((d) => d._id).sort(),
    'all three, the rate-limited one included',
  );
  const again = c.units.find((u) => u.deliveryIds[0] === first.deliveryIds[0])!;
  assert.equal(again.attempt, 1, 'a rate limit is not a failed attempt');
  const doc: any = await w.a.deps.models.Delivery.findById(first.deliveryIds[0]).lean();
  assert.equal(doc.attempts, 0);

  for (const u of c.units) await result(w.a, { deliveryIds: u.deliveryIds, ok: true });
  const rep = await report(w.a, w.organizer.token, created.id);
  assert.equal(rep.totals.sent, 3, 'nothing lost');
});

test('failures back off, then the delivery fails after DELIVERY_MAX_ATTEMPTS with the last error in the report', async () => {
  const t = testContext();
  const w = await world('dlv-retry', { env: { DELIVERY_MAX_ATTEMPTS: '3', DELIVERY_RETRY_BASE_MS: '30000' } });
  t.after(() => w.stopAll());
  const created = await sendNow(w, '重试测试', ['sh-poc@chatroom']);
  await login(w.a);
  const notBefore = async () => new Date(((await deliveriesOf(w.a, created.id))[0] as any).notBefore).getTime();

  const gaps: number[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const c = await claim(w.a);
    assert.equal(c.units.length, 1, `attempt ${attempt} is handed out`);
    assert.equal(c.units[0]!.attempt, attempt);
    await result(w.a, { deliveryIds: c.units[0]!.deliveryIds, ok: false, error: `发送失败 #${attempt}` });
    const d: any = (await deliveriesOf(w.a, created.id))[0];
    assert.equal(d.attempts, attempt);
    if (attempt < 3) {
      assert.equal(d.status, 'pending');
      const gap = (await notBefore()) - w.clock.now().getTime();
      gaps.push(gap);
      assert.equal((await claim(w.a)).units.length, 0, 'not retried before its back-off');
      w.clock.advance(gap - 1000);
      assert.equal((await claim(w.a)).units.length, 0, 'not retried a second early');
      w.clock.advance(1000);
    } else {
      assert.equal(d.status, 'failed');
    }
  }
  assert.deepEqual(gaps, [30_000, 60_000], 'exponential back-off');

  w.clock.advance(DAY);
  assert.equal((await claim(w.a)).units.length, 0, 'a failed delivery is not retried again');
  const rep = await report(w.a, w.organizer.token, created.id);
  assert.equal(rep.totals.failed, 1);
  const row = rep.groups.find((g) => g.groupId === w.groups.get('sh-poc@chatroom'))!;
  assert.equal(row.status, 'failed');
  assert.equal(row.attempts, 3);
  assert.equal(row.lastError, '发送失败 #3');
  assert.equal(row.topic, '上海概念验证中心交流群');
});

test('10 concurrent claims across two instances: every delivery is in at most one unit', async () => {
  const t = testContext();
  const w = await world('dlv-concurrent', { instances: 2 });
  t.after(() => w.stopAll());
  const [a, b] = w.apis as [typeof w.a, typeof w.a];
  const created = await createBroadcast(a, w.organizer.token, {
    title: '并发领取',
    audience: { kind: 'all' },
    schedule: { kind: 'now' },
  });
  const all = (await deliveriesOf(a, created.id)).map((d) => d._id as string);
  assert.equal(all.length, w.groups.size);
  await login(a);

  const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => claim(i % 2 ? b : a, { limit: 3 })));
  const handed = replies.flatMap((r) => r.units.flatMap((u) => u.deliveryIds));
  assert.equal(new Set(handed).size, handed.length, `a delivery was handed out twice: ${handed.join(', ')}`);
  assert.ok(handed.length > 0);

  // Whatever the first wave missed comes in later waves; still never twice.
  const seen = new Set(handed);
  for (let i = 0; i < 5 && seen.size < all.length; i++) {
    const more = await Promise.all([claim(a, { limit: 5 }), claim(b, { limit: 5 })]);
    for (const id of more.flatMap((r) => r.units.flatMap((u) => u.deliveryIds))) {
      assert.ok(!seen.has(id), `${id} handed out twice`);
      seen.add(id);
    }
  }
  assert.deepEqual([...seen].sort(), [...all].sort(), 'every delivery handed out, once');
  const docs = await deliveriesOf(a, created.id);
  assert.ok(docs.every((d) => d.status === 'sending' && d.claims === 1));
});

test('a logged-out bot gets nothing; after login the deliveries come', async () => {
  const t = testContext();
  const w = await world('dlv-logout');
  t.after(() => w.stopAll());
  await sendNow(w, '登录测试', ['sh-poc@chatroom', 'bj-zgc@chatroom']);

  let c = await claim(w.a);
  assert.equal(c.units.length, 0, 'an account that never reported login gets nothing');
  await login(w.a);
  const out = await bot(w.a, 'status', { account: 'demo', state: 'logout' });
  assert.equal(out.status, 200, out.text);
  assert.equal(out.body.loggedIn, false);
  c = await claim(w.a);
  assert.equal(c.units.length, 0, 'logged out: nothing handed out');
  const hb = await bot(w.a, 'status', { account: 'demo', state: 'heartbeat' });
  assert.equal(hb.body.loggedIn, false, 'a heartbeat does not log in');
  assert.equal((await claim(w.a)).units.length, 0);

  await login(w.a);
  c = await claim(w.a);
  assert.deepEqual(c.units.map((u) => u.roomId).sort(), ['bj-zgc@chatroom', 'sh-poc@chatroom']);
});

test('an abandoned send (lease expired, no report) is marked failed with UNKNOWN_OUTCOME and never handed out again', async () => {
  const t = testContext();
  const w = await world('dlv-abandon');
  t.after(() => w.stopAll());
  const created = await sendNow(w, '中断测试', ['sh-poc@chatroom', 'bj-zgc@chatroom']);
  await login(w.a);

  const first = await claim(w.a, { limit: 1, leaseSeconds: 10 });
  assert.equal(first.units.length, 1);
  const abandonedId = first.units[0]!.deliveryIds[0]!;

  w.clock.advance(9_000);
  let c = await claim(w.a, { limit: 1, leaseSeconds: 10 });
  assert.ok(!c.units.some((u) => u.deliveryIds.includes(abandonedId)), 'still leased');
  for (const u of c.units) await result(w.a, { deliveryIds: u.deliveryIds, ok: true });

  w.clock.advance(2_000); // past the lease, never reported
  c = await claim(w.a);
  assert.equal(c.units.length, 0, 'not handed out again (it may have reached the room)');
  const doc: any = await w.a.deps.models.Delivery.findById(abandonedId).lean();
  assert.equal(doc.status, 'failed');
  assert.equal(doc.lastError, UNKNOWN_OUTCOME);

  w.clock.advance(DAY);
  assert.equal((await claim(w.a)).units.length, 0);
  const rep = await report(w.a, w.organizer.token, created.id);
  assert.equal(rep.totals.failed, 1);
  assert.equal(rep.totals.sent, 1);
  assert.equal(rep.groups.find((g) => g.status === 'failed').lastError, UNKNOWN_OUTCOME);
});

test('room lifecycle: removed skips pending deliveries; joined again reactivates; topic follows renames; joined is idempotent', async () => {
  const t = testContext();
  const w = await world('dlv-rooms', { instances: 2 });
  t.after(() => w.stopAll());
  const created = await sendNow(w, '移群测试', ['sh-poc@chatroom', 'sh-tto@chatroom']);
  const pocId = w.groups.get('sh-poc@chatroom')!;
  const other = w.apis[1]!;
  const allBody = { title: '全体', text: '全体通知', audience: { kind: 'all' }, schedule: { kind: 'now' } };
  const previewOn = async (api: typeof w.a) => {
    const res = await call(api.url, 'POST', '/api/v1/broadcasts/preview', { token: w.organizer.token, body: allBody });
    assert.equal(res.status, 200, res.text);
    return res.body.groups.map((g: any) => g.roomId) as string[];
  };
  assert.ok((await previewOn(other)).includes('sh-poc@chatroom'), 'the other instance has the room in its group directory');

  const removed = await bot(w.a, 'rooms/removed', { account: 'demo', roomId: 'sh-poc@chatroom' });
  assert.equal(removed.status, 200, removed.text);
  let docs = await deliveriesOf(w.a, created.id);
  assert.equal(docs.find((d) => d.roomId === 'sh-poc@chatroom').status, 'skipped');
  assert.equal(docs.find((d) => d.roomId === 'sh-tto@chatroom').status, 'pending', 'other rooms are untouched');
  const group: any = await w.a.deps.models.Group.findById(pocId).lean();
  assert.equal(group.status, 'removed');

  await login(w.a);
  let c = await claim(w.a);
  assert.deepEqual(
    c.units.map((u) => u.roomId),
    ['sh-tto@chatroom'],
  );
  // Planned on the other instance, whose cached directory predates the removal.
  const later = await createBroadcast(other, w.organizer.token, allBody);
  const laterRooms = (await deliveriesOf(w.a, later.id)).map((d) => d.roomId);
  assert.equal(laterRooms.length, w.groups.size - 1);
  assert.ok(!laterRooms.includes('sh-poc@chatroom'), 'a removed room is not targeted, by any instance');

  const rejoined = await bot(w.a, 'rooms/joined', {
    account: 'demo',
    roomId: 'sh-poc@chatroom',
    topic: '上海概念验证中心交流群（新）',
  });
  assert.equal(rejoined.status, 200, rejoined.text);
  assert.equal(rejoined.body.groupId, pocId, 'looked up by room id: the same group');
  assert.match(rejoined.body.helpText, /帮助/);
  let g: any = await w.a.deps.models.Group.findById(pocId).lean();
  assert.equal(g.status, 'active');
  assert.equal(g.topic, '上海概念验证中心交流群（新）');
  assert.deepEqual(g.profile.topics, ['poc'], 'the profile survives removal and rejoin');
  docs = await deliveriesOf(w.a, created.id);
  assert.equal(docs.find((d) => d.roomId === 'sh-poc@chatroom').status, 'skipped', 'what was skipped stays skipped');
  assert.ok((await previewOn(other)).includes('sh-poc@chatroom'), 'targeted again after rejoining, by any instance');

  const renamed = await bot(w.a, 'rooms/topic', { account: 'demo', roomId: 'sh-poc@chatroom', topic: '概念验证交流（改名）' });
  assert.equal(renamed.status, 200, renamed.text);
  g = await w.a.deps.models.Group.findById(pocId).lean();
  assert.equal(g.topic, '概念验证交流（改名）');
  assert.equal(g.roomId, 'sh-poc@chatroom');
  const rep = await report(w.a, w.organizer.token, created.id);
  assert.equal(rep.groups.find((r) => r.groupId === pocId).topic, '概念验证交流（改名）', 'the report shows the current label');

  // Joined reported several times at once (login scan + invite) makes one group.
  const joins = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      bot(i % 2 ? w.apis[1]! : w.a, 'rooms/joined', { account: 'demo', roomId: 'brand-new@chatroom', topic: '新建群' }),
    ),
  );
  for (const j of joins) assert.equal(j.status, 200, j.text);
  assert.equal(new Set(joins.map((j) => j.body.groupId)).size, 1);
  assert.equal(await w.a.deps.models.Group.countDocuments({ roomId: 'brand-new@chatroom' }), 1);
  c = await claim(w.a);
  assert.ok(c.units.every((u) => u.roomId !== 'brand-new@chatroom'));
});

test('dry run: preview returns the groups and the exact text per group, and writes nothing', async () => {
  const t = testContext();
  const w = await world('dlv-preview');
  t.after(() => w.stopAll());
  const { models } = w.a.deps;
  const body = {
    title: '概念验证专项辅导会',
    text: '本周五下午在上海技术交易所举办，欢迎报名。',
    audience: { kind: 'filter', regions: ['310000'], topics: ['poc'] },
    schedule: { kind: 'now' },
  };
  const counts = async () =>
    Promise.all([models.Broadcast.countDocuments(), models.Occurrence.countDocuments(), models.Delivery.countDocuments()]);
  const before = await counts();

  const preview = await call(w.a.url, 'POST', '/api/v1/broadcasts/preview', { token: w.organizer.token, body });
  assert.equal(preview.status, 200, preview.text);
  const rooms = new Set<string>(preview.body.groups.map((g: any) => g.roomId));
  assert.ok(rooms.has('sh-poc@chatroom'));
  assert.ok(rooms.has('national-policy@chatroom'), 'a national group matches every region');
  assert.ok(!rooms.has('bj-zgc@chatroom'));
  assert.equal(preview.body.total, rooms.size);
  for (const g of preview.body.groups) {
    assert.equal(g.text, `【通知】${body.title}\n${body.text}`);
    assert.ok(g.reason.length > 0);
    assert.ok(g.topic.length > 0);
  }
  assert.deepEqual(await counts(), before, 'a dry run writes no broadcast, occurrence or delivery');

  const refused = await call(w.a.url, 'POST', '/api/v1/broadcasts/preview', {
    token: w.organizer.token,
    body: { ...body, text: '' },
  });
  assert.equal(refused.status, 400, refused.text);
  const noRole = await call(w.a.url, 'POST', '/api/v1/broadcasts/preview', { body });
  assert.equal(noRole.status, 401, noRole.text);

  // Sending the same broadcast produces exactly what the preview showed.
  const created = await createBroadcast(w.a, w.organizer.token, body);
  const deliveries = await deliveriesOf(w.a, created.id);
  assert.deepEqual(new Set(deliveries.map((d) => d.roomId)), rooms);
  const textByRoom = new Map(preview.body.groups.map((g: any) => [g.roomId, g.text]));
  for (const d of deliveries) assert.equal(d.text, textByRoom.get(d.roomId), `text for ${d.roomId}`);
});

test('a delivery that comes back to the queue after its room was removed is skipped, not handed out', async () => {
  const t = testContext();
  const w = await world('dlv-removed-requeue');
  t.after(() => w.stopAll());
  await sendNow(w, '移群后回队', ['sh-poc@chatroom']);
  await login(w.a);
  const c = await claim(w.a);
  assert.equal(c.units.length, 1);
  const removed = await bot(w.a, 'rooms/removed', { account: 'demo', roomId: 'sh-poc@chatroom' });
  assert.equal(removed.status, 200, removed.text);
  // The bot shut down before trying: the unit goes back to the queue.
  await result(w.a, { deliveryIds: c.units[0]!.deliveryIds, ok: false, notSent: true });
  assert.equal((await claim(w.a)).units.length, 0, 'nothing is sent to a room the bot was removed from');
});
