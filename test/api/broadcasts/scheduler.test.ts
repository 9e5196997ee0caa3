/**
 * Invariant 4: a scheduled occurrence fires once, with several api instances, and survives restarts.
 * Two instances share one database and one controlled clock; ticks are driven by hand.
 */
import { test } from '@jest/globals';
import { testContext } from '../../support/context.js';
import assert from 'node:assert/strict';
import { fireAllDue } from '../../../api/src/scheduler/due.js';
import {
  DAY,
  HOUR,
  MINUTE,
  WEEK,
  assertOncePerOccurrenceAndGroup,
  call,
  createBroadcast,
  deliveriesOf,
  nextShanghai,
  occurrencesOf,
  report,
  shanghaiWall,
  tickAll,
  world,
} from './helpers.js';

const SH_POC_FILTER = { kind: 'filter', regions: ['310000'], topics: ['poc'] } as const;

test('a once-broadcast fires exactly once when two instances tick concurrently, leases expiring in between', async () => {
  const t = testContext();
  const start = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE);
  const w = await world('sched-two', { at: start, instances: 2 });
  t.after(() => w.stopAll());
  const [a, b] = w.apis as [typeof w.a, typeof w.a];
  const at = new Date(start.getTime() + 2 * HOUR);
  const created = await createBroadcast(a, w.organizer.token, {
    title: '概念验证中心申报提醒',
    audience: SH_POC_FILTER,
    schedule: { kind: 'once', at: at.toISOString() },
  });
  assert.deepEqual(created.nextFireAt, [at.toISOString()]);

  const preview = await call(a.url, 'GET', `/api/v1/broadcasts/${created.id}/preview`, { token: w.organizer.token });
  assert.equal(preview.status, 200, preview.text);
  const expected = new Set<string>(preview.body.groups.map((g: any) => g.roomId));
  assert.ok(expected.has('sh-poc@chatroom') && expected.has('national-policy@chatroom'), [...expected].join());
  assert.ok(!expected.has('bj-zgc@chatroom'), 'a Beijing group is not in a Shanghai filter');

  // Before `at`: nothing, however often anyone ticks.
  w.clock.set(new Date(at.getTime() - 1000));
  await tickAll([a, b], w.clock.now(), 2, 2);
  assert.equal((await occurrencesOf(a, created.id)).length, 0, 'nothing fires early');

  // After `at`: both instances tick concurrently, several times each; the clock also moves past the
  // scheduler lease each round so the two contend for leadership (all within the grace window).
  w.clock.set(new Date(at.getTime() + 5000));
  for (let round = 0; round < 5; round++) {
    await tickAll([a, b], w.clock.now(), 1, 3);
    w.clock.advance(a.deps.env.SCHEDULER_LEASE_MS + 1000);
  }
  const occurrences = await occurrencesOf(a, created.id);
  assert.equal(occurrences.length, 1, 'exactly one occurrence');
  assert.equal(occurrences[0].status, 'planned');
  assert.equal(new Date(occurrences[0].scheduledAt).toISOString(), at.toISOString());
  const deliveries = await deliveriesOf(a, created.id);
  assert.equal(deliveries.length, expected.size, 'one delivery per target group');
  assertOncePerOccurrenceAndGroup(deliveries);
  assert.deepEqual(new Set(deliveries.map((d) => d.roomId)), expected);

  const rep = await report(b, w.organizer.token, created.id);
  assert.equal(rep.totals.pending, expected.size);
  assert.equal(rep.occurrences.length, 1);
  assert.equal(rep.occurrences[0].groups, expected.size);
  const after = await call(b.url, 'GET', `/api/v1/broadcasts/${created.id}`, { token: w.organizer.token });
  assert.equal(after.body.status, 'completed');
  assert.deepEqual(after.body.nextFireAt, []);
});

test('planning is idempotent even without the lease: both instances firing at once still plan each group once', async () => {
  const t = testContext();
  const start = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE);
  const w = await world('sched-nolease', { at: start, instances: 2 });
  t.after(() => w.stopAll());
  const [a, b] = w.apis as [typeof w.a, typeof w.a];
  const at = new Date(start.getTime() + HOUR);
  const created = await createBroadcast(a, w.organizer.token, {
    title: '全体通知',
    audience: { kind: 'all' },
    schedule: { kind: 'once', at: at.toISOString() },
  });
  w.clock.set(new Date(at.getTime() + 1000));
  // Bypass the lease: this is what two leaders overlapping (or a doubled node-schedule timer) would do.
  for (let i = 0; i < 3; i++) {
    await Promise.all([
      fireAllDue(a.deps, w.clock.now()),
      fireAllDue(b.deps, w.clock.now()),
      fireAllDue(a.deps, w.clock.now()),
      fireAllDue(b.deps, w.clock.now()),
    ]);
  }
  assert.equal((await occurrencesOf(a, created.id)).length, 1);
  const deliveries = await deliveriesOf(a, created.id);
  assert.equal(deliveries.length, w.groups.size, 'all 12 sample groups, once each');
  assertOncePerOccurrenceAndGroup(deliveries);
});

test('a restart before `at` (within the grace window) fires once; a further restart fires nothing more', async () => {
  const t = testContext();
  const start = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE);
  const w = await world('sched-restart', { at: start });
  t.after(() => w.stopAll());
  const groupIds = ['sh-poc@chatroom', 'sh-tto@chatroom', 'bj-zgc@chatroom'].map((r) => w.groups.get(r)!);
  const at = new Date(start.getTime() + HOUR);
  const created = await createBroadcast(w.a, w.organizer.token, {
    title: '定时通知',
    audience: { kind: 'groups', groupIds },
    schedule: { kind: 'once', at: at.toISOString() },
  });
  assert.ok(w.a.deps.scheduler!.isLeader, 'the only instance leads');

  w.clock.set(new Date(at.getTime() - MINUTE));
  await w.a.deps.scheduler!.tick(w.clock.now());
  await w.a.stop(); // releases the lease
  w.apis.splice(w.apis.indexOf(w.a), 1);

  // Down across `at`; back 10 minutes late (grace is 30).
  w.clock.set(new Date(at.getTime() + 10 * MINUTE));
  const b = await w.start(); // start() ticks
  assert.ok(b.deps.scheduler!.isLeader, 'the fresh instance takes the released lease at once');
  let occ = await occurrencesOf(b, created.id);
  assert.equal(occ.length, 1);
  assert.equal(occ[0].status, 'planned');
  assert.equal((await deliveriesOf(b, created.id)).length, 3);

  await b.stop();
  w.apis.splice(w.apis.indexOf(b), 1);
  w.clock.advance(5 * MINUTE);
  const c = await w.start();
  await c.deps.scheduler!.tick(w.clock.now());
  occ = await occurrencesOf(c, created.id);
  assert.equal(occ.length, 1, 'a second restart fires nothing more');
  const deliveries = await deliveriesOf(c, created.id);
  assert.equal(deliveries.length, 3);
  assertOncePerOccurrenceAndGroup(deliveries);
});

test('a crashed leader (lease not released): the next instance waits for the lease, then fires once', async () => {
  const t = testContext();
  const start = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE);
  const w = await world('sched-crash', { at: start });
  t.after(() => w.stopAll());
  const groupIds = ['sh-poc@chatroom', 'bj-zgc@chatroom'].map((r) => w.groups.get(r)!);
  const at = new Date(start.getTime() + HOUR);
  const created = await createBroadcast(w.a, w.organizer.token, {
    title: '崩溃恢复',
    audience: { kind: 'groups', groupIds },
    schedule: { kind: 'once', at: at.toISOString() },
  });

  w.clock.set(new Date(at.getTime() - 5000));
  await w.a.deps.scheduler!.tick(w.clock.now()); // lease renewed until at - 5 s + LEASE
  // Simulate a crash: the process goes away without handing the lease back.
  (w.a.deps.scheduler as unknown as { leader: boolean }).leader = false;
  await w.a.stop();
  w.apis.splice(w.apis.indexOf(w.a), 1);

  w.clock.set(new Date(at.getTime() + 1000));
  const b = await w.start();
  assert.equal(b.deps.scheduler!.isLeader, false, 'the dead leader still holds an unexpired lease');
  assert.equal((await occurrencesOf(b, created.id)).length, 0);

  w.clock.advance(w.a.deps.env.SCHEDULER_LEASE_MS);
  await b.deps.scheduler!.tick(w.clock.now());
  assert.ok(b.deps.scheduler!.isLeader, 'the lease expired and was taken over');
  assert.equal((await occurrencesOf(b, created.id)).length, 1);
  assert.equal((await deliveriesOf(b, created.id)).length, 2);
});

test('an api crash between the occurrence and its deliveries: a restarted instance completes the plan, once', async () => {
  const t = testContext();
  const start = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE);
  const w = await world('sched-midplan', { at: start });
  t.after(() => w.stopAll());
  const at = new Date(start.getTime() + HOUR);
  const created = await createBroadcast(w.a, w.organizer.token, {
    title: '半途而废',
    audience: { kind: 'all' },
    schedule: { kind: 'once', at: at.toISOString() },
  });

  w.clock.set(new Date(at.getTime() + 1000));
  const Delivery = w.a.deps.models.Delivery as any;
  const insertMany = Delivery.insertMany;
  Delivery.insertMany = async () => {
    throw new Error('simulated crash while writing deliveries');
  };
  await assert.rejects(w.a.deps.scheduler!.tick(w.clock.now()), /simulated crash/);
  Delivery.insertMany = insertMany;
  let occ = await occurrencesOf(w.a, created.id);
  assert.equal(occ.length, 1);
  assert.equal(occ[0].status, 'planning', 'the occurrence row was written, its deliveries were not');
  await w.a.stop();
  w.apis.splice(w.apis.indexOf(w.a), 1);

  w.clock.advance(2 * MINUTE);
  const b = await w.start();
  await b.deps.scheduler!.tick(w.clock.now());
  occ = await occurrencesOf(b, created.id);
  assert.equal(occ.length, 1);
  assert.equal(occ[0].status, 'planned');
  const deliveries = await deliveriesOf(b, created.id);
  assert.equal(deliveries.length, w.groups.size, 'nothing lost');
  assertOncePerOccurrenceAndGroup(deliveries);
});

test('restarting beyond the grace window records the occurrence as missed, with no deliveries', async () => {
  const t = testContext();
  const start = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE);
  const env = { SCHEDULER_GRACE_MINUTES: '5' };
  const w = await world('sched-missed', { at: start, env });
  t.after(() => w.stopAll());
  const at = new Date(start.getTime() + HOUR);
  const created = await createBroadcast(w.a, w.organizer.token, {
    title: '过期通知',
    audience: { kind: 'all' },
    schedule: { kind: 'once', at: at.toISOString() },
  });
  w.clock.set(new Date(at.getTime() - MINUTE));
  await w.a.deps.scheduler!.tick(w.clock.now());
  await w.a.stop();
  w.apis.splice(w.apis.indexOf(w.a), 1);

  w.clock.set(new Date(at.getTime() + 6 * MINUTE)); // grace is 5 minutes
  const b = await w.start();
  assert.ok(b.deps.scheduler!.isLeader);
  const occ = await occurrencesOf(b, created.id);
  assert.equal(occ.length, 1);
  assert.equal(occ[0].status, 'missed');
  assert.equal((await deliveriesOf(b, created.id)).length, 0, 'a missed occurrence sends nothing');
  const rep = await report(b, w.organizer.token, created.id);
  assert.equal(rep.occurrences[0].status, 'missed');
  assert.equal(
    Object.values(rep.totals).reduce((s, n) => s + n, 0),
    0,
  );
  const got = await call(b.url, 'GET', `/api/v1/broadcasts/${created.id}`, { token: w.organizer.token });
  assert.equal(got.body.status, 'completed');

  await b.deps.scheduler!.tick(w.clock.now());
  w.clock.advance(HOUR);
  const c = await w.start();
  await c.deps.scheduler!.tick(w.clock.now());
  assert.equal((await occurrencesOf(c, created.id)).length, 1);
  assert.equal((await deliveriesOf(c, created.id)).length, 0);
});

test('cron 每周一 09:00: Mondays 09:00 Shanghai, fires once per week across instances', async () => {
  const t = testContext();
  const realNow = new Date();
  // The first Monday 09:00 Shanghai after now (createdAt is the real time, so stay after it).
  const monday = nextShanghai(new Date(realNow.getTime() + MINUTE), '09:00', 1);
  const w = await world('sched-cron', { at: new Date(monday.getTime() - DAY), instances: 2 });
  t.after(() => w.stopAll());
  const [a, b] = w.apis as [typeof w.a, typeof w.a];
  const created = await createBroadcast(a, w.organizer.token, {
    title: '每周政策速递',
    audience: SH_POC_FILTER,
    schedule: { kind: 'cron', cron: '每周一 09:00' },
  });
  assert.equal(created.schedule.cron, '0 9 * * 1');
  assert.equal(created.schedule.description, '每周一 09:00');
  assert.equal(created.nextFireAt.length, 3);
  for (const iso of created.nextFireAt) {
    assert.match(iso, /T01:00:00\.000Z$/, `${iso} is 09:00 Shanghai`);
    assert.equal(new Date(iso).getUTCDay(), 1, `${iso} is a Monday`);
    assert.deepEqual(shanghaiWall(iso), { weekday: 1, hour: 9, minute: 0 });
  }
  assert.equal(created.nextFireAt[0], monday.toISOString());
  assert.equal(new Date(created.nextFireAt[1]!).getTime() - new Date(created.nextFireAt[0]!).getTime(), WEEK);

  const preview = await call(a.url, 'GET', `/api/v1/broadcasts/${created.id}/preview`, { token: w.organizer.token });
  const targets = preview.body.total as number;
  assert.ok(targets >= 2);

  await tickAll([a, b], w.clock.now(), 2); // Sunday: nothing
  assert.equal((await occurrencesOf(a, created.id)).length, 0);

  w.clock.set(new Date(monday.getTime() + 30_000)); // Monday 09:00:30
  await a.deps.scheduler!.tick(w.clock.now());
  let occ = await occurrencesOf(a, created.id);
  assert.equal(occ.length, 1);
  assert.equal(new Date(occ[0].scheduledAt).toISOString(), monday.toISOString());
  assert.match(new Date(occ[0].scheduledAt).toISOString(), /T01:00:00\.000Z$/);

  await a.deps.scheduler!.tick(w.clock.now());
  await b.deps.scheduler!.tick(w.clock.now());
  await tickAll([a, b], w.clock.now(), 2, 2);
  assert.equal((await occurrencesOf(a, created.id)).length, 1, 'still one after more ticks on both instances');

  w.clock.advance(WEEK);
  await tickAll([a, b], w.clock.now(), 2, 2);
  occ = await occurrencesOf(a, created.id);
  assert.equal(occ.length, 2, 'a week later, a second occurrence');
  assert.equal(new Date(occ[1].scheduledAt).toISOString(), new Date(monday.getTime() + WEEK).toISOString());
  assert.ok(occ.every((o) => o.status === 'planned'));
  const deliveries = await deliveriesOf(a, created.id);
  assert.equal(deliveries.length, 2 * targets);
  assertOncePerOccurrenceAndGroup(deliveries);
  const got = await call(a.url, 'GET', `/api/v1/broadcasts/${created.id}`, { token: w.organizer.token });
  assert.equal(got.body.status, 'scheduled', 'a recurring broadcast stays scheduled');
  assert.equal(got.body.nextFireAt[0], new Date(monday.getTime() + 2 * WEEK).toISOString());
});

test('lease: exactly one leader among two instances; stopping it hands over on the next tick', async () => {
  const t = testContext();
  const w = await world('sched-lease', { instances: 2 });
  t.after(() => w.stopAll());
  const [a, b] = w.apis as [typeof w.a, typeof w.a];
  for (let i = 0; i < 3; i++) {
    await tickAll([a, b], w.clock.now(), 1, 2);
    assert.equal([a, b].filter((x) => x.deps.scheduler!.isLeader).length, 1, 'exactly one leader');
  }
  assert.ok(a.deps.scheduler!.isLeader, 'the first instance keeps the lease it took at start');

  await a.stop();
  w.apis.splice(w.apis.indexOf(a), 1);
  assert.equal(b.deps.scheduler!.isLeader, false);
  await b.deps.scheduler!.tick(w.clock.now()); // no need to wait for expiry: the lease was released
  assert.ok(b.deps.scheduler!.isLeader);
  const lease: any = await b.deps.models.Lease.findById('scheduler').lean();
  assert.equal(lease.owner, b.deps.scheduler!.owner);
});

test('lease: a leader whose lease expired and was taken over while it renewed does not also think it leads', async () => {
  const t = testContext();
  const w = await world('sched-lease-race', { instances: 2 });
  t.after(() => w.stopAll());
  const [a, b] = w.apis as [typeof w.a, typeof w.a];
  await tickAll([a, b], w.clock.now());
  assert.ok(a.deps.scheduler!.isLeader);

  // A stalls past its lease. When it finally renews, B's tick gets in between A reading the lease
  // (still A's, expired) and A writing the renewal: B deletes the expired lease and takes it.
  w.clock.advance(a.deps.env.SCHEDULER_LEASE_MS + 1000);
  const Lease = a.deps.models.Lease as any;
  const updateOne = Lease.updateOne;
  Lease.updateOne = async function (this: unknown, ...args: unknown[]) {
    Lease.updateOne = updateOne;
    await b.deps.scheduler!.tick(w.clock.now());
    return updateOne.apply(this, args);
  };
  try {
    await a.deps.scheduler!.tick(w.clock.now());
  } finally {
    Lease.updateOne = updateOne;
  }
  const lease: any = await a.deps.models.Lease.findById('scheduler').lean();
  assert.equal(lease.owner, b.deps.scheduler!.owner, 'B took the expired lease');
  assert.ok(b.deps.scheduler!.isLeader);
  assert.equal(a.deps.scheduler!.isLeader, false, 'A must not believe it still holds a lease B holds');
});

test('edit and cancel before firing; editing after a once-broadcast fired is 409', async () => {
  const t = testContext();
  const start = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE);
  const w = await world('sched-edit', { at: start });
  t.after(() => w.stopAll());
  const api = w.a;
  const token = w.organizer.token;
  const at1 = new Date(start.getTime() + HOUR);
  const at2 = new Date(start.getTime() + 3 * HOUR);
  const created = await createBroadcast(api, token, {
    title: '改期通知',
    audience: { kind: 'all' },
    schedule: { kind: 'once', at: at1.toISOString() },
  });

  const patched = await call(api.url, 'PATCH', `/api/v1/broadcasts/${created.id}`, {
    token,
    body: { schedule: { kind: 'once', at: at2.toISOString() } },
  });
  assert.equal(patched.status, 200, patched.text);
  assert.deepEqual(patched.body.nextFireAt, [at2.toISOString()]);
  assert.equal(patched.body.title, '改期通知', 'a partial edit keeps the other fields');

  w.clock.set(new Date(at1.getTime() + MINUTE)); // the old time passes
  await api.deps.scheduler!.tick(w.clock.now());
  assert.equal((await occurrencesOf(api, created.id)).length, 0, 'the old time no longer fires');

  w.clock.set(new Date(at2.getTime() + MINUTE));
  await api.deps.scheduler!.tick(w.clock.now());
  const occ = await occurrencesOf(api, created.id);
  assert.equal(occ.length, 1);
  assert.equal(new Date(occ[0].scheduledAt).toISOString(), at2.toISOString());

  const late = await call(api.url, 'PATCH', `/api/v1/broadcasts/${created.id}`, { token, body: { title: '改标题' } });
  assert.equal(late.status, 409, late.text);
  const unchanged: any = await api.deps.models.Broadcast.findById(created.id).lean();
  assert.equal(unchanged.title, '改期通知', 'a refused edit writes nothing');

  // Cancel before firing: nothing fires when the time passes.
  const at3 = new Date(w.clock.now().getTime() + HOUR);
  const other = await createBroadcast(api, token, {
    title: '取消的通知',
    audience: { kind: 'all' },
    schedule: { kind: 'once', at: at3.toISOString() },
  });
  const cancelled = await call(api.url, 'POST', `/api/v1/broadcasts/${other.id}/cancel`, { token });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.body.status, 'cancelled');
  assert.deepEqual(cancelled.body.nextFireAt, []);
  w.clock.set(new Date(at3.getTime() + MINUTE));
  await api.deps.scheduler!.tick(w.clock.now());
  assert.equal((await occurrencesOf(api, other.id)).length, 0, 'a cancelled broadcast never fires');
  assert.equal((await deliveriesOf(api, other.id)).length, 0);
  const editCancelled = await call(api.url, 'PATCH', `/api/v1/broadcasts/${other.id}`, { token, body: { title: 'x' } });
  assert.equal(editCancelled.status, 409, editCancelled.text);
});

test('cancelling while an occurrence is being planned leaves nothing pending to send', async () => {
  const t = testContext();
  const start = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE);
  const w = await world('sched-cancelrace', { at: start });
  t.after(() => w.stopAll());
  const at = new Date(start.getTime() + HOUR);
  const created = await createBroadcast(w.a, w.organizer.token, {
    title: '取消竞态',
    audience: { kind: 'all' },
    schedule: { kind: 'once', at: at.toISOString() },
  });
  w.clock.set(new Date(at.getTime() + 1000));
  // The organizer's cancel lands after the scheduler read the broadcast, before its deliveries are written.
  const Delivery = w.a.deps.models.Delivery as any;
  const insertMany = Delivery.insertMany;
  Delivery.insertMany = async function (this: unknown, ...args: unknown[]) {
    Delivery.insertMany = insertMany;
    const cancelled = await call(w.a.url, 'POST', `/api/v1/broadcasts/${created.id}/cancel`, { token: w.organizer.token });
    assert.equal(cancelled.status, 200, cancelled.text);
    return insertMany.apply(this, args);
  };
  try {
    await w.a.deps.scheduler!.tick(w.clock.now());
  } finally {
    Delivery.insertMany = insertMany;
  }
  const rep = await report(w.a, w.organizer.token, created.id);
  assert.equal(rep.totals.pending, 0, 'a cancelled broadcast must not leave deliveries to send');
});
