/**
 * The waitlist lifecycle: offers, acceptance, expiry, crash repair, approval, the registration
 * window and check-in. Time moves with a test clock (no sleeping); at the start of each test the
 * clock is frozen at the real time so tests do not depend on each other.
 */
import { afterAll, beforeAll, beforeEach, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import type { RunningApi } from '../../../api/src/server.js';
import { waitlistPromoter } from '../../../api/src/commands/waitlistPromoter.js';
import { registrationSweeper } from '../../../api/src/commands/registrationSweeper.js';
import { OFFER_EXPIRY_GRACE_MS } from '../../../api/src/commands/offerExpirer.js';
import { activeKeyFor, newTicketCode } from '../../../api/src/models/registrationKeys.js';
import { call, makeUser, publishedEvent, signUp, startTestApi, testClock, uniqueDbName } from '../../support/api.js';
import { seatLedgerOf } from '../../support/seats.js';

const MIN = 60_000;
const clock = testClock();
let a: RunningApi;
let b: RunningApi;
let organizer: { id: string; token: string };

beforeAll(async () => {
  const db = uniqueDbName('waitlist');
  a = await startTestApi(db, { clock });
  b = await startTestApi(db, { clock });
  organizer = await makeUser(a, ['organizer']);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
});
beforeEach(() => clock.set(new Date()));

type User = { id: string; token: string };
const users = (n: number) => Promise.all(Array.from({ length: n }, () => makeUser(a)));

/** Signs up one after another (so creation order = waitlist order); asserts each is a 201. */
async function signUpInOrder(eventId: string, list: User[], extra: Record<string, unknown> = {}) {
  const out: any[] = [];
  for (const u of list) {
    const r = await signUp(a, eventId, u.token, extra);
    assert.equal(r.status, 201, r.text);
    out.push(r.body);
  }
  return out;
}

/** The user's registration for the event, as they see it. */
async function mine(eventId: string, user: User, api: RunningApi = a) {
  const r = await call(api.url, 'GET', '/api/v1/me/registrations', { token: user.token });
  assert.equal(r.status, 200, r.text);
  const items = r.body.items.filter((x: any) => x.eventId === eventId);
  return items[0] as any;
}

const cancel = (eventId: string, regId: string, user: User, api: RunningApi = a) =>
  call(api.url, 'POST', `/api/v1/events/${eventId}/registrations/${regId}/cancel`, { token: user.token });
const accept = (eventId: string, regId: string, user: User, api: RunningApi = a) =>
  call(api.url, 'POST', `/api/v1/events/${eventId}/registrations/${regId}/accept`, { token: user.token });
const seats = async (eventId: string) => (await seatLedgerOf(a, eventId)).holders.length;
const holdsSeat = async (eventId: string, regId: string) => (await seatLedgerOf(a, eventId)).holders.includes(regId);
const reg = (id: string): Promise<any> => a.deps.models.Registration.findById(id).lean();

/** Counts seat holders continuously while `work` runs; returns the most ever seen. */
async function maxSeatsDuring(eventId: string, work: () => Promise<void>): Promise<number> {
  let max = await seats(eventId);
  let done = false;
  const watcher = (async () => {
    while (!done) max = Math.max(max, await seats(eventId));
  })();
  try {
    await work();
  } finally {
    done = true;
    await watcher;
  }
  return Math.max(max, await seats(eventId));
}

/** Seats and registrations agree: every holder is confirmed/offered/checked in, and vice versa. */
async function assertSeatsConsistent(eventId: string, capacity: number) {
  const ledger = await seatLedgerOf(a, eventId);
  const holders = ledger.holders;
  const regs: any[] = await a.deps.models.Registration.find({ event: eventId }).lean();
  const byId = new Map(regs.map((r) => [String(r._id), r]));
  assert.ok(holders.length <= capacity, `${holders.length} seat holders for capacity ${capacity}`);
  assert.equal(ledger.held, holders.length, 'the ledger count matches its holders');
  assert.equal(new Set(holders).size, holders.length, 'a registration holds two seats');
  for (const id of holders) {
    const holder = byId.get(id);
    assert.ok(holder, `a seat is held by a missing registration ${id}`);
    assert.ok(
      ['confirmed', 'offered', 'checked_in'].includes(holder.status),
      `a seat is held by a ${holder.status} registration`,
    );
  }
  const holding = regs.filter((r) => ['confirmed', 'offered', 'checked_in'].includes(r.status));
  assert.equal(holding.length, holders.length, 'confirmed + offered must equal seat holders');
  return { holders, regs };
}

test('cancel → the first in line gets an offer → accepts → confirmed; never more seats than capacity', async () => {
  const event = await publishedEvent(a, organizer.token, { registration: { capacity: 2, offerWindowMinutes: 30 } });
  const [u1, u2, u3, u4] = (await users(4)) as [User, User, User, User];
  let r1: any, r3: any, r4: any;
  const peak = await maxSeatsDuring(event.id, async () => {
    [r1, , r3, r4] = await signUpInOrder(event.id, [u1, u2, u3, u4]);
    assert.deepEqual(
      [r1.status, (await mine(event.id, u2)).status, r3.status, r4.status],
      ['confirmed', 'confirmed', 'waitlisted', 'waitlisted'],
    );
    assert.equal(r3.waitlistPosition, 1);
    assert.equal(r4.waitlistPosition, 2);

    const cancelled = await cancel(event.id, r1.id, u1);
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.status, 'cancelled');

    const offered = await mine(event.id, u3);
    assert.equal(offered.status, 'offered');
    const expected = clock.now().getTime() + 30 * MIN;
    assert.ok(Math.abs(Date.parse(offered.offerExpiresAt) - expected) < 2000, `offer expires at ${offered.offerExpiresAt}`);
    assert.equal(await seats(event.id), 2, 'the offered seat is held for them');
    assert.equal((await mine(event.id, u4)).status, 'waitlisted');
    assert.equal((await mine(event.id, u4)).waitlistPosition, 1);

    clock.advance(29 * MIN);
    const accepted = await accept(event.id, r3.id, u3, b);
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(accepted.body.status, 'confirmed');
    assert.equal(accepted.body.offerExpiresAt, null);
    assert.equal((await mine(event.id, u4)).status, 'waitlisted');
    await registrationSweeper(a.deps);
    assert.equal((await mine(event.id, u3)).status, 'confirmed', 'an accepted offer does not expire later');
  });
  assert.ok(peak <= 2, `saw ${peak} seat holders for capacity 2`);
  await assertSeatsConsistent(event.id, 2);

  // The one who cancelled may sign up again: a new registration, behind the one already waiting.
  const again = await signUp(a, event.id, u1.token);
  assert.equal(again.status, 201, again.text);
  assert.notEqual(again.body.id, r1.id);
  assert.equal(again.body.status, 'waitlisted');
  assert.equal(again.body.waitlistPosition, 2);
  assert.equal((await reg(r1.id)).status, 'cancelled', 'the old registration stays cancelled');
});

test('an offer not taken in time expires (after the grace) and passes to the next in line', async () => {
  const event = await publishedEvent(a, organizer.token, { registration: { capacity: 1, offerWindowMinutes: 30 } });
  const [u1, u2, u3] = (await users(3)) as [User, User, User];
  const [r1, r2, r3] = await signUpInOrder(event.id, [u1, u2, u3]);
  assert.equal((await cancel(event.id, r1.id, u1)).status, 200);
  assert.equal((await reg(r2.id)).status, 'offered');

  // Past the deadline but inside the grace: the sweeper leaves it, yet accepting is refused.
  clock.advance(30 * MIN + 1000);
  await registrationSweeper(a.deps);
  assert.equal((await reg(r2.id)).status, 'offered');
  const late = await accept(event.id, r2.id, u2);
  assert.equal(late.status, 409, late.text);
  assert.equal(late.body.error.code, 'offer_expired');

  clock.advance(OFFER_EXPIRY_GRACE_MS);
  await registrationSweeper(b.deps);
  const expired = await reg(r2.id);
  assert.equal(expired.status, 'cancelled');
  assert.equal(expired.cancelReason, 'offer_expired');
  assert.equal(expired.activeKey, `ended:${r2.id}`, 'the user may sign up again');
  const next = await mine(event.id, u3);
  assert.equal(next.status, 'offered');
  assert.ok(Math.abs(Date.parse(next.offerExpiresAt) - (clock.now().getTime() + 30 * MIN)) < 2000);
  assert.equal(await seats(event.id), 1);
  assert.deepEqual((await seatLedgerOf(a, event.id)).holders, [r3.id], 'the seat moved to the next in line');

  const tooLate = await accept(event.id, r2.id, u2, b);
  assert.equal(tooLate.status, 409, tooLate.text);
  assert.equal(tooLate.body.error.code, 'offer_expired');
  assert.equal((await reg(r2.id)).status, 'cancelled');
  await assertSeatsConsistent(event.id, 1);
});

test('with no claim window, a cancellation confirms the next in line at once', async () => {
  const event = await publishedEvent(a, organizer.token, { registration: { capacity: 1, offerWindowMinutes: 0 } });
  const [u1, u2, u3] = (await users(3)) as [User, User, User];
  const [r1, r2] = await signUpInOrder(event.id, [u1, u2, u3]);
  const cancelled = await cancel(event.id, r1.id, u1, b);
  assert.equal(cancelled.status, 200, cancelled.text);
  const now = await mine(event.id, u2);
  assert.equal(now.status, 'confirmed');
  assert.equal(now.offerExpiresAt, null);
  assert.equal(now.waitlistPosition, null);
  assert.equal((await mine(event.id, u3)).waitlistPosition, 1);
  assert.equal(await seats(event.id), 1);
  const { holders } = await assertSeatsConsistent(event.id, 1);
  assert.deepEqual(holders, [r2.id]);
});

test('10 cancellations racing 10 promoters and sweeps on two instances keep seats and registrations in step', async () => {
  const capacity = 10;
  const event = await publishedEvent(a, organizer.token, { registration: { capacity, offerWindowMinutes: 30 } });
  const people = await users(30);
  const replies = await Promise.all(people.map((u, i) => signUp(i % 2 ? a : b, event.id, u.token)));
  assert.ok(replies.every((r) => r.status === 201));
  const confirmed = replies.map((r, i) => ({ r: r.body, u: people[i]! })).filter((x) => x.r.status === 'confirmed');
  assert.equal(confirmed.length, capacity);
  const line = (await a.deps.models.Registration.find({ event: event.id, status: 'waitlisted' })
    .sort({ createdAt: 1, _id: 1 })
    .lean()) as any[];
  assert.equal(line.length, 20);
  const ownerOf = new Map(replies.map((r, i) => [r.body.id as string, people[i]!]));

  // 7 seat holders and the 3 people at the front of the line cancel while promoters run.
  const leaving = [...confirmed.slice(0, 7).map((x) => x.r.id as string), ...line.slice(0, 3).map((r) => String(r._id))];
  const work: Promise<unknown>[] = [];
  leaving.forEach((id, i) => {
    work.push(
      cancel(event.id, id, ownerOf.get(id)!, i % 2 ? a : b).then((r) => {
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.status, 'cancelled');
      }),
    );
    const deps = (i % 2 ? b : a).deps;
    work.push(i % 2 ? registrationSweeper(deps) : waitlistPromoter(deps, event.id));
  });
  const peak = await maxSeatsDuring(event.id, async () => {
    await Promise.all(work);
  });
  assert.ok(peak <= capacity, `saw ${peak} seat holders`);

  const { holders, regs } = await assertSeatsConsistent(event.id, capacity);
  assert.equal(holders.length, capacity, 'every freed seat went to someone waiting');
  const byId = new Map(regs.map((r) => [String(r._id), r]));
  for (const id of leaving) assert.equal(byId.get(id).status, 'cancelled', `registration ${id} lost its cancellation`);
  const seatHolders = new Set(holders);
  for (const r of regs.filter((x) => x.status === 'cancelled')) assert.ok(!seatHolders.has(String(r._id)));
  // The seven seats went to the seven oldest of those still waiting, as offers.
  const stillWaiting = line.slice(3).map((r) => String(r._id));
  assert.deepEqual(
    stillWaiting.map((id) => byId.get(id).status),
    [...Array(7).fill('offered'), ...Array(10).fill('waitlisted')],
  );
});

test('a crash between claiming a seat and marking the registration is repaired by the sweep', async () => {
  const capacity = 3;
  const event = await publishedEvent(a, organizer.token, { registration: { capacity, offerWindowMinutes: 30 } });
  const [u1, u2, crashed, u4, u5] = (await users(5)) as [User, User, User, User, User];
  const [r1] = await signUpInOrder(event.id, [u1, u2]);
  const { Registration, SeatLedger } = a.deps.models;

  // Sign-up of `crashed`: step 1 (registration inserted as waitlisted) and step 2 (seat claimed)
  // happened, then the process died before step 3 (marking it confirmed).
  const crashedId = new Types.ObjectId();
  await Registration.create({
    _id: crashedId,
    event: event.id,
    user: crashed.id,
    role: 'attendee',
    contact: { name: '王五', org: '复旦大学', phone: '13900001111' },
    status: 'waitlisted',
    activeKey: activeKeyFor(event.id, crashed.id),
    ticketCode: newTicketCode(),
  });
  const claimed = await SeatLedger.updateOne(
    { _id: event.id, held: { $lt: capacity } },
    { $push: { holders: { reg: crashedId, at: new Date() } }, $inc: { held: 1 } },
  );
  assert.equal(claimed.matchedCount, 1);

  const [r4, r5] = await signUpInOrder(event.id, [u4, u5]);
  assert.equal(r4.status, 'waitlisted', 'the crashed claim still holds its seat');
  assert.equal(r5.status, 'waitlisted');

  // Cancellation of u1: the status changed, then the process died before freeing the seat.
  await Registration.updateOne(
    { _id: r1.id },
    { $set: { status: 'cancelled', cancelReason: 'user', activeKey: `ended:${r1.id}` } },
  );
  assert.equal(await seats(event.id), 3);

  // A sweep right away must not touch work that may still be in flight. (Seat holders carry real
  // timestamps, so the clock restarts from the real time here.)
  clock.set(new Date());
  await registrationSweeper(a.deps);
  assert.equal((await reg(String(crashedId))).status, 'waitlisted');
  assert.ok(await holdsSeat(event.id, r1.id));

  clock.advance(61_000);
  await registrationSweeper(b.deps);
  const repaired = await reg(String(crashedId));
  assert.equal(repaired.status, 'confirmed', 'the registration that won the seat keeps it');
  assert.ok(await holdsSeat(event.id, String(crashedId)));
  assert.ok(!(await holdsSeat(event.id, r1.id)), 'the cancelled registration no longer holds a seat');
  assert.equal((await reg(r4.id)).status, 'offered', 'the freed seat is offered to the next in line');
  assert.equal((await reg(r5.id)).status, 'waitlisted');
  assert.equal(await seats(event.id), capacity);
  await assertSeatsConsistent(event.id, capacity);

  // A second sweep changes nothing.
  await registrationSweeper(a.deps);
  assert.equal((await reg(r4.id)).status, 'offered');
  assert.equal((await reg(r5.id)).status, 'waitlisted');
  assert.equal(await seats(event.id), capacity);
});

test('presenters wait for approval; organizers approve (seat or waitlist) or reject (seat freed)', async () => {
  const event = await publishedEvent(a, organizer.token, {
    registration: { capacity: 2, approvalRequired: true, offerWindowMinutes: 0 },
  });
  const [p1, attendee, p2, p3] = (await users(4)) as [User, User, User, User];
  const presenter = { role: 'presenter' };
  const approve = (regId: string, token: string) =>
    call(a.url, 'POST', `/api/v1/events/${event.id}/registrations/${regId}/approve`, { token });
  const reject = (regId: string, token: string) =>
    call(b.url, 'POST', `/api/v1/events/${event.id}/registrations/${regId}/reject`, { token });

  const [q1] = await signUpInOrder(event.id, [p1], presenter);
  assert.equal(q1.status, 'pending_approval');
  assert.equal(await seats(event.id), 0, 'a pending presenter holds no seat');
  const [att] = await signUpInOrder(event.id, [attendee]);
  assert.equal(att.status, 'confirmed', 'attendees need no approval');

  const ok1 = await approve(q1.id, organizer.token);
  assert.equal(ok1.status, 200, ok1.text);
  assert.equal(ok1.body.status, 'confirmed');
  assert.equal(ok1.body.phone, '138****5678', 'organizer views mask the phone');
  assert.equal(await seats(event.id), 2);
  assert.ok(await a.deps.models.AuditLog.exists({ action: 'registration.approve', targetId: q1.id, actor: organizer.id }));

  const [q2, q3] = await signUpInOrder(event.id, [p2, p3], presenter);
  const ok2 = await approve(q2.id, organizer.token);
  assert.equal(ok2.status, 200, ok2.text);
  assert.equal(ok2.body.status, 'waitlisted', 'approved into a full event: waitlist');
  assert.equal(await seats(event.id), 2);

  for (const who of [p3, attendee]) {
    const denied = await approve(q3.id, who.token);
    assert.equal(denied.status, 403, denied.text);
  }
  assert.equal((await reg(q3.id)).status, 'pending_approval');
  const deniedReject = await reject(q1.id, attendee.token);
  assert.equal(deniedReject.status, 403);
  assert.equal((await reg(q1.id)).status, 'confirmed');

  const rejected = await reject(q1.id, organizer.token);
  assert.equal(rejected.status, 200, rejected.text);
  assert.equal(rejected.body.status, 'rejected');
  assert.ok(!(await holdsSeat(event.id, q1.id)), 'the seat is freed');
  assert.equal((await mine(event.id, p2)).status, 'confirmed', 'the freed seat goes to the approved presenter waiting');
  assert.ok(await a.deps.models.AuditLog.exists({ action: 'registration.reject', targetId: q1.id, actor: organizer.id }));

  const rejectPending = await reject(q3.id, organizer.token);
  assert.equal(rejectPending.body.status, 'rejected');
  const approveRejected = await approve(q3.id, organizer.token);
  assert.equal(approveRejected.status, 409, 'a rejected presenter cannot be approved');
  await assertSeatsConsistent(event.id, 2);
});

test('the registration window and a full event without waitlist refuse sign-ups and write nothing', async () => {
  const start = clock.now().getTime();
  const windowed = await publishedEvent(a, organizer.token, {
    registration: {
      capacity: 5,
      opensAt: new Date(start + 24 * 60 * MIN).toISOString(),
      closesAt: new Date(start + 48 * 60 * MIN).toISOString(),
    },
  });
  const [u1, u2, u3] = (await users(3)) as [User, User, User];

  const early = await signUp(a, windowed.id, u1.token);
  assert.equal(early.status, 409, early.text);
  assert.equal(early.body.error.code, 'registration_not_open');

  clock.advance(24 * 60 * MIN + MIN);
  const open = await signUp(b, windowed.id, u1.token);
  assert.equal(open.status, 201, open.text);

  clock.advance(24 * 60 * MIN);
  const late = await signUp(a, windowed.id, u2.token);
  assert.equal(late.status, 409, late.text);
  assert.equal(late.body.error.code, 'registration_closed');
  assert.equal(await a.deps.models.Registration.countDocuments({ event: windowed.id }), 1);

  clock.set(new Date());
  const noWaitlist = await publishedEvent(a, organizer.token, { registration: { capacity: 1, waitlistEnabled: false } });
  const first = await signUp(a, noWaitlist.id, u1.token);
  assert.equal(first.body.status, 'confirmed');
  const full = await signUp(b, noWaitlist.id, u2.token);
  assert.equal(full.status, 409, full.text);
  assert.equal(full.body.error.code, 'event_full');
  assert.equal(await a.deps.models.Registration.countDocuments({ event: noWaitlist.id, user: u2.id }), 0);
  assert.equal(await seats(noWaitlist.id), 1);
  const detail = await call(a.url, 'GET', `/api/v1/events/${noWaitlist.id}`);
  assert.equal(detail.body.availability.state, 'full');

  // When the seat is freed, the refused user can sign up after all.
  assert.equal((await cancel(noWaitlist.id, first.body.id, u1)).status, 200);
  const retry = await signUp(a, noWaitlist.id, u3.token);
  assert.equal(retry.status, 201, retry.text);
  assert.equal(retry.body.status, 'confirmed');
});

test('check-in by ticket code is idempotent and only for confirmed tickets', async () => {
  const event = await publishedEvent(a, organizer.token, { registration: { capacity: 1 } });
  const [u1, u2] = (await users(2)) as [User, User];
  const [r1, r2] = await signUpInOrder(event.id, [u1, u2]);
  assert.equal(r2.status, 'waitlisted');
  const checkIn = (ticketCode: string, token = organizer.token, api: RunningApi = a) =>
    call(api.url, 'POST', `/api/v1/events/${event.id}/checkin`, { token, body: { ticketCode } });

  const denied = await checkIn(r1.ticketCode, u2.token);
  assert.equal(denied.status, 403);
  assert.equal((await reg(r1.id)).status, 'confirmed');

  const first = await checkIn(r1.ticketCode);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.alreadyCheckedIn, false);
  assert.equal(first.body.registration.status, 'checked_in');
  assert.equal(first.body.registration.id, r1.id);
  const second = await checkIn(r1.ticketCode, organizer.token, b);
  assert.equal(second.status, 200, second.text);
  assert.equal(second.body.alreadyCheckedIn, true);
  assert.equal(second.body.registration.checkedInAt, first.body.registration.checkedInAt);

  const waiting = await checkIn(r2.ticketCode);
  assert.equal(waiting.status, 409, waiting.text);
  assert.equal((await reg(r2.id)).status, 'waitlisted');
  const unknown = await checkIn(r1.ticketCode === 'ZZZZ2222' ? 'YYYY2222' : 'ZZZZ2222');
  assert.equal(unknown.status, 404, unknown.text);

  // A checked-in attendee keeps the seat: nobody is promoted over them.
  await registrationSweeper(a.deps);
  assert.equal((await reg(r2.id)).status, 'waitlisted');
  const cancelAfter = await cancel(event.id, r1.id, u1);
  assert.equal(cancelAfter.status, 409, 'a checked-in ticket cannot be cancelled');
  await assertSeatsConsistent(event.id, 1);
  assert.equal(await a.deps.models.AuditLog.countDocuments({ action: 'registration.checkin', targetId: r1.id }), 1);
});
