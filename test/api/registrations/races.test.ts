/**
 * Races the seat ledger must survive, tried on two api instances sharing one database:
 * an organizer changing capacity in the middle of a storm, an accept racing the expiry of the
 * same offer on an instance whose clock runs ahead, and an organizer approving many presenters
 * at once. After each: never more holders than capacity, and every holder is a registration
 * that shows it (confirmed, offered or checked in), and vice versa.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { RunningApi } from '../../../api/src/server.js';
import { registrationSweeper } from '../../../api/src/commands/registrationSweeper.js';
import { OFFER_EXPIRY_GRACE_MS } from '../../../api/src/commands/offerExpirer.js';
import { call, makeUser, publishedEvent, signUp, startTestApi, testClock, uniqueDbName } from '../../support/api.js';
import { seatLedgerOf } from '../../support/seats.js';

let a: RunningApi;
let b: RunningApi;
const clockA = testClock();
const clockB = testClock();
let organizer: { id: string; token: string };
const MIN = 60_000;

beforeAll(async () => {
  const db = uniqueDbName('races');
  a = await startTestApi(db, { clock: clockA });
  b = await startTestApi(db, { clock: clockB });
  organizer = await makeUser(a, ['organizer']);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

const HOLDING = ['confirmed', 'offered', 'checked_in'];

async function assertLedgerMatches(eventId: string) {
  const ledger = await seatLedgerOf(a, eventId);
  const regs: any[] = await a.deps.models.Registration.find({ event: eventId }).lean();
  const holding = regs.filter((r) => HOLDING.includes(r.status)).map((r) => String(r._id));
  assert.ok(ledger.held <= ledger.capacity, `${ledger.held} seats held for capacity ${ledger.capacity}`);
  assert.equal(ledger.held, ledger.holders.length);
  assert.deepEqual(new Set(ledger.holders), new Set(holding), 'holders are exactly the confirmed and offered');
  return { ledger, regs };
}

test('capacity lowered in the middle of a storm: never more confirmed than the capacity that stands', async () => {
  const event = await publishedEvent(a, organizer.token, { registration: { capacity: 30, offerWindowMinutes: 0 } });
  const people = await Promise.all(Array.from({ length: 120 }, () => makeUser(a)));
  const patch = (capacity: number, api: RunningApi) =>
    call(api.url, 'PATCH', `/api/v1/events/${event.id}`, { token: organizer.token, body: { registration: { capacity } } });

  const storm = Promise.all(people.map((u, i) => signUp(i % 2 ? a : b, event.id, u.token)));
  // Two organizers' edits land while the storm runs: each is either applied whole or refused.
  await new Promise((r) => setTimeout(r, 20));
  const lowered = await Promise.all([patch(12, a), patch(20, b)]);
  const replies = await storm;
  assert.ok(
    replies.every((r) => r.status === 201),
    replies.find((r) => r.status !== 201)?.text,
  );
  for (const r of lowered) {
    assert.ok([200, 409].includes(r.status), r.text);
    if (r.status === 409) assert.match(r.body.error.message, /席位被占用/);
  }

  const { ledger, regs } = await assertLedgerMatches(event.id);
  const shown = await call(a.url, 'GET', `/api/v1/events/${event.id}`);
  assert.equal(ledger.capacity, shown.body.registration.capacity, 'the capacity shown is the one allocation obeys');
  assert.ok(regs.filter((r) => r.status === 'confirmed').length <= ledger.capacity);
});

test('raising the capacity offers the new seats to the people waiting, oldest first', async () => {
  const event = await publishedEvent(a, organizer.token, { registration: { capacity: 2, offerWindowMinutes: 0 } });
  const people = await Promise.all(Array.from({ length: 5 }, () => makeUser(a)));
  const ids: string[] = [];
  for (const u of people) ids.push((await signUp(a, event.id, u.token)).body.id);
  const raised = await call(b.url, 'PATCH', `/api/v1/events/${event.id}`, {
    token: organizer.token,
    body: { registration: { capacity: 4 } },
  });
  assert.equal(raised.status, 200, raised.text);
  const { regs } = await assertLedgerMatches(event.id);
  const status = (id: string) => regs.find((r) => String(r._id) === id).status;
  assert.deepEqual(ids.map(status), ['confirmed', 'confirmed', 'confirmed', 'confirmed', 'waitlisted']);
});

test('an accept racing the expiry of the same offer on an instance whose clock runs ahead: exactly one wins', async () => {
  const outcomes = { accepted: 0, expired: 0 };
  for (let round = 0; round < 6; round++) {
    clockA.set(new Date());
    clockB.set(new Date());
    const event = await publishedEvent(a, organizer.token, { registration: { capacity: 1, offerWindowMinutes: 30 } });
    const [u1, u2, u3] = await Promise.all([makeUser(a), makeUser(a), makeUser(a)]);
    const r1 = (await signUp(a, event.id, u1.token)).body;
    const r2 = (await signUp(a, event.id, u2.token)).body;
    await signUp(a, event.id, u3.token);
    await call(a.url, 'POST', `/api/v1/events/${event.id}/registrations/${r1.id}/cancel`, { token: u1.token });

    // A is one second before the deadline (the accept is on time there); B's clock is past the
    // deadline and its grace, so B's sweep expires the same offer.
    clockA.advance(30 * MIN - 1000);
    clockB.advance(30 * MIN + OFFER_EXPIRY_GRACE_MS + 2000);
    const [acceptReply] = await Promise.all([
      call(a.url, 'POST', `/api/v1/events/${event.id}/registrations/${r2.id}/accept`, { token: u2.token }),
      registrationSweeper(b.deps),
    ]);
    const { regs } = await assertLedgerMatches(event.id);
    const final = regs.find((r) => String(r._id) === r2.id);
    if (acceptReply.status === 200) {
      assert.equal(final.status, 'confirmed', 'the user was told the seat is theirs');
      outcomes.accepted++;
    } else {
      assert.equal(acceptReply.status, 409, acceptReply.text);
      assert.equal(acceptReply.body.error.code, 'offer_expired');
      assert.equal(final.status, 'cancelled');
      outcomes.expired++;
    }
  }
  assert.equal(outcomes.accepted + outcomes.expired, 6);
});

test('an organizer approving 12 presenters at once on two instances confirms exactly the free seats', async () => {
  const event = await publishedEvent(a, organizer.token, {
    registration: { capacity: 4, approvalRequired: true, offerWindowMinutes: 0 },
  });
  const presenters = await Promise.all(Array.from({ length: 12 }, () => makeUser(a)));
  const regIds: string[] = [];
  for (const p of presenters) {
    const r = await signUp(a, event.id, p.token, { role: 'presenter' });
    assert.equal(r.body.status, 'pending_approval', r.text);
    regIds.push(r.body.id);
  }
  const replies = await Promise.all(
    regIds.map((id, i) =>
      call((i % 2 ? a : b).url, 'POST', `/api/v1/events/${event.id}/registrations/${id}/approve`, { token: organizer.token }),
    ),
  );
  assert.ok(
    replies.every((r) => r.status === 200),
    replies.map((r) => r.status).join(','),
  );
  const { ledger, regs } = await assertLedgerMatches(event.id);
  assert.equal(ledger.held, 4);
  assert.equal(regs.filter((r) => r.status === 'confirmed').length, 4);
  assert.equal(regs.filter((r) => r.status === 'waitlisted').length, 8);
});
