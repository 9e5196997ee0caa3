/**
 * The pacing policy on its own: a fake clock and a scripted random source, no timers.
 */
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { shanghaiDateParts } from '@techbridge/shared';
import { Pacer, emptyHistory, pacingDelay, recordSend, shanghaiDayStart, type PacingPolicy } from '../../bot/src/sender/pacer.js';

const POLICY: PacingPolicy = {
  minRoomGapMs: 60_000,
  pauseMinMs: 3_000,
  pauseMaxMs: 5_000,
  perMinuteCap: 12,
  replyReservePerMinute: 0,
  dailyBudget: 500,
  rateLimitPauseMs: 600_000,
};

/** A pacer on a hand-moved clock; `randoms` are returned in turn (then 0). */
function pacerAt(start: string | number, policy: Partial<PacingPolicy> = {}, randoms: number[] = []) {
  const clock = { now: typeof start === 'number' ? start : Date.parse(start) };
  const draws: number[] = [];
  const pacer = new Pacer(
    { ...POLICY, ...policy },
    () => clock.now,
    () => {
      const r = randoms.shift() ?? 0;
      draws.push(r);
      return r;
    },
  );
  return { pacer, clock, draws };
}

test('the same room waits the minimum gap after its last send; other rooms do not', () => {
  const { pacer, clock } = pacerAt('2026-03-10T02:00:00Z');
  assert.deepEqual(pacer.delay('a@chatroom'), { waitMs: 0, reason: null });
  pacer.recordSend('a@chatroom');

  clock.now += 10_000;
  assert.deepEqual(pacer.delay('a@chatroom'), { waitMs: 50_000, reason: 'room-gap' });
  assert.deepEqual(pacer.delay('b@chatroom'), { waitMs: 0, reason: null });

  clock.now += 49_999;
  assert.equal(pacer.delay('a@chatroom').waitMs, 1);
  clock.now += 1;
  assert.equal(pacer.delay('a@chatroom').waitMs, 0);
});

test('a pause drawn between 3 and 5 s separates consecutive sends, drawn once per send', () => {
  const { pacer, clock, draws } = pacerAt('2026-03-10T02:00:00Z', {}, [0, 0.5, 0.999]);
  const expected = [3_000, 4_000, 4_998];
  for (const [i, pause] of expected.entries()) {
    pacer.recordSend(`room${i}@chatroom`);
    // Asked repeatedly, the answer does not jitter: the pause was drawn when the send was recorded.
    assert.deepEqual(pacer.delay('other@chatroom'), { waitMs: pause, reason: 'pause' });
    assert.deepEqual(pacer.delay('other@chatroom'), { waitMs: pause, reason: 'pause' });
    clock.now += pause - 1;
    assert.equal(pacer.delay('other@chatroom').waitMs, 1);
    clock.now += 1;
    assert.equal(pacer.delay('other@chatroom').waitMs, 0);
  }
  assert.equal(draws.length, 3);

  // Whatever the random source says, the pause stays within the bounds.
  for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.9999]) {
    const h = recordSend(emptyHistory(), 'x@chatroom', 0, POLICY, () => r);
    const { waitMs } = pacingDelay(h, 'y@chatroom', 0, POLICY);
    assert.ok(waitMs >= 3_000 && waitMs <= 5_000, `pause ${waitMs} for random ${r}`);
  }
});

test('a reply skips the room gap but not the pause between sends', () => {
  const { pacer, clock } = pacerAt('2026-03-10T02:00:00Z', {}, [0.5]);
  pacer.recordSend('a@chatroom');
  clock.now += 1_000;
  assert.deepEqual(pacer.delay('a@chatroom', { interactive: true }), { waitMs: 3_000, reason: 'pause' });
  assert.deepEqual(pacer.delay('a@chatroom'), { waitMs: 59_000, reason: 'room-gap' });
});

test('no more than the per-minute cap in any rolling minute', () => {
  const { pacer, clock } = pacerAt('2026-03-10T02:00:00Z', { pauseMinMs: 1_000, pauseMaxMs: 1_000 });
  const t0 = clock.now;
  for (let i = 0; i < 12; i++) {
    assert.equal(pacer.delay(`r${i}@chatroom`).waitMs, 0, `send ${i} should be allowed`);
    pacer.recordSend(`r${i}@chatroom`);
    clock.now += 1_000;
  }
  // 12 sends at t0 .. t0+11 s: the 13th waits until the first leaves the window at t0+60 s.
  assert.equal(clock.now, t0 + 12_000);
  assert.deepEqual(pacer.delay('r12@chatroom'), { waitMs: 48_000, reason: 'minute-cap' });
  clock.now = t0 + 60_000;
  assert.equal(pacer.delay('r12@chatroom').waitMs, 0);
  pacer.recordSend('r12@chatroom');
  // The window slides: at t0+60.5 s it holds t0+1 s .. t0+11 s and t0+60 s, twelve again.
  clock.now = t0 + 60_500;
  assert.deepEqual(pacer.delay('r13@chatroom'), { waitMs: 500, reason: 'minute-cap' });
  clock.now = t0 + 61_000;
  assert.equal(pacer.delay('r13@chatroom').waitMs, 0);
});

test('broadcasts leave the reserved slots of each minute to replies', () => {
  const { pacer, clock } = pacerAt('2026-03-10T02:00:00Z', { pauseMinMs: 1_000, pauseMaxMs: 1_000, replyReservePerMinute: 2 });
  const t0 = clock.now;
  for (let i = 0; i < 10; i++) {
    assert.equal(pacer.delay(`r${i}@chatroom`).waitMs, 0);
    pacer.recordSend(`r${i}@chatroom`);
    clock.now += 1_000;
  }
  // Ten broadcasts in the minute: the queue waits, a reply still goes, twice.
  assert.deepEqual(pacer.delay('r10@chatroom'), { waitMs: 50_000, reason: 'minute-cap' });
  assert.deepEqual(pacer.globalDelay(), { waitMs: 50_000, reason: 'minute-cap' });
  for (let i = 0; i < 2; i++) {
    assert.equal(pacer.delay('r0@chatroom', { interactive: true }).waitMs, 0);
    pacer.recordSend('r0@chatroom');
    clock.now += 1_000;
  }
  assert.deepEqual(pacer.delay('r0@chatroom', { interactive: true }), { waitMs: t0 + 60_000 - clock.now, reason: 'minute-cap' });
});

test('the daily budget is counted per Shanghai day and resets at Shanghai midnight, not UTC midnight', () => {
  // 23:58 in Shanghai is 15:58 UTC.
  const { pacer, clock } = pacerAt('2026-03-10T15:58:00Z', { dailyBudget: 3 });
  for (let i = 0; i < 3; i++) {
    assert.equal(pacer.delay(`r${i}@chatroom`).waitMs, 0);
    pacer.recordSend(`r${i}@chatroom`);
    clock.now += 10_000;
  }
  assert.equal(pacer.remainingToday(), 0);
  clock.now = Date.parse('2026-03-10T15:59:00Z');
  assert.deepEqual(pacer.delay('r9@chatroom'), { waitMs: 60_000, reason: 'daily-budget' });
  clock.now = Date.parse('2026-03-10T16:00:00Z'); // 00:00 on 11 March in Shanghai
  assert.equal(pacer.delay('r9@chatroom').waitMs, 0);
  assert.equal(pacer.remainingToday(), 3);

  // Sends just before UTC midnight (07:50 in Shanghai) still count after it: same Shanghai day.
  const early = pacerAt('2026-03-10T23:50:00Z', { dailyBudget: 2 });
  early.pacer.recordSend('a@chatroom');
  early.clock.now += 5_000;
  early.pacer.recordSend('b@chatroom');
  early.clock.now = Date.parse('2026-03-11T00:10:00Z');
  assert.deepEqual(early.pacer.delay('c@chatroom'), {
    waitMs: Date.parse('2026-03-11T16:00:00Z') - early.clock.now,
    reason: 'daily-budget',
  });
});

test('shanghaiDayStart agrees with the Intl-based Shanghai calendar', () => {
  for (const iso of ['2026-03-10T15:59:59.999Z', '2026-03-10T16:00:00Z', '2026-12-31T23:30:00Z', '2027-01-01T00:00:00Z']) {
    const t = Date.parse(iso);
    const start = shanghaiDayStart(t);
    assert.ok(start <= t && t < start + 86_400_000, iso);
    const parts = shanghaiDateParts(start);
    assert.deepEqual([parts.hour, parts.minute, parts.second], [0, 0, 0], iso);
    assert.equal(shanghaiDateParts(t).day, parts.day, iso);
  }
});

test('after 操作过于频繁 every room waits the rate-limit pause, replies included', () => {
  const { pacer, clock } = pacerAt('2026-03-10T02:00:00Z');
  pacer.recordSend('a@chatroom');
  clock.now += 10_000;
  pacer.recordRateLimit();
  for (const room of ['a@chatroom', 'b@chatroom']) {
    assert.deepEqual(pacer.delay(room), { waitMs: 600_000, reason: 'rate-limited' });
    assert.deepEqual(pacer.delay(room, { interactive: true }), { waitMs: 600_000, reason: 'rate-limited' });
  }
  assert.deepEqual(pacer.globalDelay(), { waitMs: 600_000, reason: 'rate-limited' });

  // A second error during the pause extends it; an earlier end is never taken.
  clock.now += 100_000;
  pacer.recordRateLimit();
  assert.equal(pacer.delay('b@chatroom').waitMs, 600_000);
  clock.now += 600_000;
  assert.deepEqual(pacer.delay('b@chatroom'), { waitMs: 0, reason: null });
  assert.equal(pacer.pausedUntil, clock.now);
});

test('the history stays bounded over days of sending', () => {
  let history = emptyHistory();
  let now = Date.parse('2026-03-10T00:00:00Z');
  for (let i = 0; i < 5_000; i++) {
    history = recordSend(history, `r${i % 40}@chatroom`, now, POLICY, () => 0.5);
    now += 120_000; // 720 a day
  }
  // Only what a rule can still look at is kept: today's sends (Shanghai) and the last room gap.
  const last = now - 120_000;
  assert.ok(history.sends.length <= 721, `kept ${history.sends.length}`);
  assert.ok(history.sends.every((s) => s.at >= Math.min(shanghaiDayStart(last), last - 60_000)));
  assert.equal(history.sends.at(-1)?.at, last);
});
