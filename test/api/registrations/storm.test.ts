/**
 * Invariants 1 and 2 under a storm: many sign-ups at once through two api instances sharing
 * one database. Confirmed never exceeds capacity, each confirmed registration holds exactly one
 * seat on the event's ledger, and a user who taps "报名" twenty times gets one registration.
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import type { RunningApi } from '../../../api/src/server.js';
import { signToken } from '../../../api/src/auth/tokens.js';
import { call, makeUser, publishedEvent, signUp, twoInstances, type Reply } from '../../support/api.js';
import { seatLedgerOf } from '../../support/seats.js';

let a: RunningApi;
let b: RunningApi;
let organizer: { id: string; token: string };

twoInstances('storm', (pair) => ({ a, b, organizer } = pair));

/** Creates n users with one insertMany and signs a token for each. */
async function manyUsers(n: number, label: string) {
  const docs = Array.from({ length: n }, (_, i) => ({
    _id: new Types.ObjectId(),
    openid: `storm-${label}-${i}-${new Types.ObjectId().toHexString()}`,
    name: `报名者${i}`,
    roles: [],
  }));
  await a.deps.models.User.insertMany(docs);
  return docs.map((d) => ({ id: String(d._id), token: signToken(a.deps.env, String(d._id), []).token }));
}

/** Runs tasks with at most `limit` in flight, results in input order. */
async function pool<T, R>(items: T[], limit: number, run: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.ceil((to - from) / step) }, (_, i) => from + i * step);

const tally = (replies: Reply[]) => {
  const byStatus: Record<string, number> = {};
  for (const r of replies) {
    const key = r.status === 201 ? r.body.status : `http_${r.status}`;
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  return byStatus;
};

test('sign-up storm: 500 users at once through two instances fill exactly 50 seats, the rest wait', async () => {
  const capacity = 50;
  const event = await publishedEvent(a, organizer.token, {
    registration: { capacity, waitlistEnabled: true, offerWindowMinutes: 0 },
  });
  const users = await manyUsers(500, 'storm');

  const replies = await Promise.all(users.map((u, i) => signUp(i % 2 === 0 ? a : b, event.id, u.token)));

  const errors = replies.filter((r) => r.status !== 201);
  assert.deepEqual(
    errors.slice(0, 5).map((r) => `${r.status} ${r.text}`),
    [],
    `${errors.length} sign-ups failed`,
  );
  assert.deepEqual(tally(replies), { confirmed: 50, waitlisted: 450 });
  const confirmedIds = new Set(replies.filter((r) => r.body.status === 'confirmed').map((r) => r.body.id as string));

  // The database agrees with what the users were told.
  const { Registration } = a.deps.models;
  const regs: any[] = await Registration.find({ event: event.id }).lean();
  assert.equal(regs.length, 500);
  const byStatus = (s: string) => regs.filter((r) => r.status === s);
  assert.equal(byStatus('confirmed').length, 50);
  assert.equal(byStatus('waitlisted').length, 450);
  assert.deepEqual(new Set(byStatus('confirmed').map((r) => String(r._id))), confirmedIds);
  assert.equal(new Set(regs.map((r) => String(r.user))).size, 500, 'one registration per user');

  // The seat ledger holds exactly the confirmed registrations, each once.
  const ledger = await seatLedgerOf(a, event.id);
  assert.equal(ledger.held, capacity);
  assert.equal(ledger.holders.length, capacity);
  assert.deepEqual(new Set(ledger.holders), confirmedIds);

  for (const api of [a, b]) {
    const detail = await call(api.url, 'GET', `/api/v1/events/${event.id}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.availability.seatsLeft, 0);
    assert.equal(detail.body.availability.state, 'waitlist');
  }

  // Waitlisted users see their own place in the order the registrations were created: a spread
  // sample (head, tail, every 30th) keeps the 450 lookups from dominating the test's time.
  const waiting = byStatus('waitlisted').sort(
    (x, y) => x.createdAt.getTime() - y.createdAt.getTime() || String(x._id).localeCompare(String(y._id)),
  );
  const sample = [...new Set([0, 1, 2, 3, 4, ...range(5, 445, 30), 445, 446, 447, 448, 449])];
  const tokenOf = new Map(users.map((u) => [u.id, u.token]));
  const positions = await pool(sample, 10, async (i) => {
    const r = waiting[i]!;
    const mine = await call(i % 2 === 0 ? a.url : b.url, 'GET', '/api/v1/me/registrations', {
      token: tokenOf.get(String(r.user)),
    });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.items.length, 1);
    assert.equal(mine.body.items[0].id, String(r._id));
    return mine.body.items[0].waitlistPosition as number;
  });
  assert.deepEqual(
    positions,
    sample.map((i) => i + 1),
  );
});

test('one user tapping sign-up 20 times at once gets one registration, and 19 answers naming it', async () => {
  const event = await publishedEvent(a, organizer.token, { registration: { capacity: 5 } });
  const user = await makeUser(a);

  const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => signUp(i % 2 === 0 ? a : b, event.id, user.token)));

  const created = replies.filter((r) => r.status === 201);
  const refused = replies.filter((r) => r.status === 409);
  assert.equal(created.length, 1, `statuses: ${replies.map((r) => r.status).join(',')}`);
  assert.equal(refused.length, 19, `statuses: ${replies.map((r) => r.status).join(',')}`);
  const id = created[0]!.body.id as string;
  assert.equal(created[0]!.body.status, 'confirmed');
  for (const r of refused) {
    assert.equal(r.body.error.code, 'conflict');
    assert.equal(r.body.error.details?.registrationId, id, r.text);
  }

  assert.equal(await a.deps.models.Registration.countDocuments({ event: event.id, user: user.id }), 1);
  const ledger = await seatLedgerOf(a, event.id);
  assert.deepEqual(ledger.holders, [id], 'one seat, held by that registration');
  assert.equal(ledger.held, 1);
});

test('waitlisted users see their place 1, 2, 3... in sign-up order, and move up when someone leaves', async () => {
  const event = await publishedEvent(a, organizer.token, { registration: { capacity: 2, offerWindowMinutes: 0 } });
  const users = await manyUsers(8, 'line');
  const replies = await Promise.all(users.map((u, i) => signUp(i % 2 === 0 ? a : b, event.id, u.token)));
  assert.deepEqual(tally(replies), { confirmed: 2, waitlisted: 6 });

  const place = async () => {
    const rows = await Promise.all(
      users.map(async (u) => (await call(a.url, 'GET', '/api/v1/me/registrations', { token: u.token })).body.items[0]),
    );
    return rows
      .filter((r) => r.status === 'waitlisted')
      .sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id))
      .map((r) => ({ id: r.id as string, pos: r.waitlistPosition as number }));
  };
  const line = await place();
  assert.deepEqual(
    line.map((r) => r.pos),
    [1, 2, 3, 4, 5, 6],
  );

  // The second in line leaves: those behind move up one, the first keeps place 1.
  const leaving = line[1]!;
  const owner = users[replies.findIndex((r) => r.body.id === leaving.id)]!;
  const cancelled = await call(b.url, 'POST', `/api/v1/events/${event.id}/registrations/${leaving.id}/cancel`, {
    token: owner.token,
  });
  assert.equal(cancelled.status, 200, cancelled.text);
  const after = await place();
  assert.deepEqual(
    after.map((r) => r.id),
    line.filter((r) => r.id !== leaving.id).map((r) => r.id),
  );
  assert.deepEqual(
    after.map((r) => r.pos),
    [1, 2, 3, 4, 5],
  );
});
