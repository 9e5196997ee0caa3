/**
 * Sign-ups read the event from a per-instance snapshot (api/src/commands/eventSnapshots.ts), checked against the
 * events change token. These try to catch it stale: an edit made through the other instance, right after this one
 * cached the event, must be what the very next sign-up sees. Two api instances share one database.
 */
import { expect, test } from '@jest/globals';
import type { RunningApi } from '../../../api/src/server.js';
import { call, makeUser, publishedEvent, signUp, twoInstances } from '../../support/api.js';
import { seatLedgerOf } from '../../support/seats.js';

let a: RunningApi;
let b: RunningApi;
let organizer: { id: string; token: string };

twoInstances('snapshots', (pair) => ({ a, b, organizer } = pair));

test('an event cancelled through the other instance refuses the next sign-up at once', async () => {
  const event = await publishedEvent(a, organizer.token, { registration: { capacity: 10 } });
  const first = await signUp(a, event.id, (await makeUser(a)).token);
  expect(first.status).toBe(201); // instance a now holds the event in its snapshot cache

  const cancel = await call(b.url, 'POST', `/api/v1/events/${event.id}/cancel`, {
    token: organizer.token,
    body: { reason: '场地调整，活动取消' },
  });
  expect(cancel.status).toBe(200);

  const late = await signUp(a, event.id, (await makeUser(a)).token);
  expect(late.status).toBe(409);
  expect(late.body.error.code).toBe('registration_closed');
  expect(late.body.error.message).toBe('活动已取消，报名已关闭');
});

test('capacity raised through the other instance: the next sign-up on this one gets one of the new seats', async () => {
  const event = await publishedEvent(a, organizer.token, { registration: { capacity: 1, offerWindowMinutes: 0 } });
  expect((await signUp(a, event.id, (await makeUser(a)).token)).body.status).toBe('confirmed');
  const second = await signUp(a, event.id, (await makeUser(a)).token);
  expect(second.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

  const patch = await call(b.url, 'PATCH', `/api/v1/events/${event.id}`, {
    token: organizer.token,
    body: { registration: { capacity: 3 } },
  });
  expect(patch.status).toBe(200);

  const third = await signUp(a, event.id, (await makeUser(a)).token);
  expect(third.status).toBe(201);
  expect(third.body.status).toBe('confirmed');
  const ledger = await seatLedgerOf(a, event.id);
  expect(ledger.capacity).toBe(3);
  expect(ledger.held).toBeLessThanOrEqual(3);
});

test('an event whose ledger does not exist yet: the first sign-ups of a storm still fill exactly its seats', async () => {
  const event = await publishedEvent(a, organizer.token, { registration: { capacity: 5 } });
  await a.deps.models.SeatLedger.deleteOne({ _id: event.id }); // as for an event saved before ledgers existed
  const people = await Promise.all(Array.from({ length: 30 }, () => makeUser(a)));
  const replies = await Promise.all(people.map((u, i) => signUp(i % 2 ? a : b, event.id, u.token)));
  expect(replies.map((r) => r.status)).toEqual(people.map(() => 201));
  const statuses = replies.map((r) => r.body.status as string);
  expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(5);
  const positions = replies.filter((r) => r.body.status === 'waitlisted').map((r) => r.body.waitlistPosition as number);
  // Each is the place in line when that reply was made (someone who arrived earlier may still be inserting), so
  // two replies can name the same place; every one is a real place in a line of 25.
  expect(positions).toHaveLength(25);
  for (const p of positions) expect(p >= 1 && p <= 25).toBe(true);
  expect((await seatLedgerOf(a, event.id)).held).toBe(5);
});
