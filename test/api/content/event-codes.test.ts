/**
 * Short event codes stay unique among events that are not over, under concurrent creation: the
 * storms below force clashes with a tiny pool of codes and check that the unique `_id` of the
 * reservation decides, that a code is reused only once its event is over, and that concurrent
 * assignment for one event ends with one code.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { EVENT_CODE_ALPHABET, normalizeEventCode } from '@techbridge/shared';
import { ensureEventCode, findEventByCode } from '../../../api/src/events/eventCodes.js';
import type { RunningApi } from '../../../api/src/server.js';
import { call, makeUser, startTestApi, uniqueDbName } from '../../support/api.js';

const HOUR = 3_600_000;
let api: RunningApi;
let organizer: { token: string };
beforeAll(async () => {
  api = await startTestApi(uniqueDbName('eventcodes'));
  organizer = await makeUser(api, ['organizer']);
});
afterAll(() => api?.stop());

const models = () => api.deps.models;

async function insertEvent(startsAt: Date, title = '路演') {
  const doc = await models().Event.create({
    title,
    kind: 'roadshow',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    registration: { capacity: 10 },
    status: 'published',
  });
  return doc.toObject();
}

/**
 * Draws from a pool of `size` codes, so concurrent callers clash often. Each drawer walks the pool in
 * its own shuffled order: a caller sees every code within `size` draws, so a storm over a pool barely
 * larger than the number of events still ends within the command's tries (a uniform random draw could
 * miss the last free codes 50 times in a row, about once in a few hundred runs). Tests that must not
 * meet another test's codes pass their own prefix.
 */
const pool = (size: number, prefix = 'ZZZZ') => {
  const letter = (n: number) => EVENT_CODE_ALPHABET[n % EVENT_CODE_ALPHABET.length]!;
  const codes = Array.from({ length: size }, (_, i) => `${prefix}${letter(Math.floor(i / 31))}${letter(i)}`);
  for (let i = codes.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [codes[i], codes[j]] = [codes[j]!, codes[i]!];
  }
  let next = 0;
  return () => codes[next++ % codes.length]!;
};

test('a created event gets a 6-character code without look-alikes, shown on its page', async () => {
  const created = await call(api.url, 'POST', '/api/v1/events', {
    token: organizer.token,
    body: {
      title: '概念验证项目路演',
      kind: 'roadshow',
      startsAt: new Date(Date.now() + 48 * HOUR).toISOString(),
      regions: ['310000'],
      registration: { capacity: 10 },
    },
  });
  assert.equal(created.status, 201, created.text);
  const code = created.body.code as string;
  assert.match(code, new RegExp(`^[${EVENT_CODE_ALPHABET}]{6}$`));
  assert.doesNotMatch(code, /[01IOL]/);
  await call(api.url, 'POST', `/api/v1/events/${created.body.id}/publish`, { token: organizer.token });
  const page = await call(api.url, 'GET', `/api/v1/events/${created.body.id}`);
  assert.equal(page.body.code, code);
  const found = await findEventByCode(models(), code.toLowerCase(), new Date());
  assert.equal(String(found?._id), created.body.id, 'any case finds it');
});

test('storm through HTTP: 30 organizers create events at once, every event gets its own code', async () => {
  const starts = new Date(Date.now() + 72 * HOUR).toISOString();
  const replies = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      call(api.url, 'POST', '/api/v1/events', {
        token: organizer.token,
        body: { title: `并发创建的路演${i}`, kind: 'roadshow', startsAt: starts, registration: { capacity: 5 } },
      }),
    ),
  );
  assert.ok(
    replies.every((r) => r.status === 201),
    replies.map((r) => r.status).join(','),
  );
  const codes = replies.map((r) => r.body.code as string);
  assert.equal(new Set(codes).size, 30);
  for (const r of replies) {
    const held = await models().EventCode.findById(r.body.code).lean();
    assert.equal(String(held?.eventId), r.body.id);
  }
});

test('storm: 40 events created at once over 45 possible codes all get different codes', async () => {
  const start = new Date(Date.now() + 24 * HOUR);
  const events = await Promise.all(Array.from({ length: 40 }, (_, i) => insertEvent(start, `并发活动${i}`)));
  const codes = await Promise.all(events.map((e) => ensureEventCode(models(), e, { now: new Date(), draw: pool(45) })));
  assert.equal(new Set(codes).size, 40, `codes clash: ${codes.join(',')}`);
  for (const [i, e] of events.entries()) {
    const stored = await models().Event.findById(e._id).lean();
    assert.equal(stored?.code, codes[i], 'the event shows the code it holds');
    const held = await models().EventCode.findById(codes[i]).lean();
    assert.equal(String(held?.eventId), String(e._id), 'the reservation points back at the event');
  }
});

test('storm: 12 concurrent assignments for one event end with one code and one reservation', async () => {
  const event = await insertEvent(new Date(Date.now() + 30 * HOUR));
  const draw = pool(200);
  const codes = await Promise.all(Array.from({ length: 12 }, () => ensureEventCode(models(), event, { now: new Date(), draw })));
  assert.equal(new Set(codes).size, 1, `one code: ${codes.join(',')}`);
  assert.equal(await models().EventCode.countDocuments({ eventId: event._id }), 1, 'losing reservations are handed back');
});

test('a code is reused only once its event is over, and then by exactly one of the events racing for it', async () => {
  const now = new Date();
  const past = await insertEvent(new Date(now.getTime() - 10 * HOUR));
  const running = await insertEvent(new Date(now.getTime() - HOUR)); // ends in an hour: not over
  const pastCode = await ensureEventCode(models(), past, { now: new Date(now.getTime() - 11 * HOUR), draw: () => 'XQ2222' });
  const runningCode = await ensureEventCode(models(), running, { now, draw: () => 'XQ3333' });
  assert.deepEqual([pastCode, runningCode], ['XQ2222', 'XQ3333']);

  // Ten new events want the two codes; only the over event's can be taken, and by one event.
  const fresh = await Promise.all(Array.from({ length: 10 }, () => insertEvent(new Date(now.getTime() + 5 * HOUR))));
  let first = true;
  const codes = await Promise.all(
    fresh.map((e) =>
      ensureEventCode(models(), e, {
        now,
        // Each asks for a wanted code first, then falls back to unique ones.
        draw: () => (first ? ((first = false), 'XQ3333') : ['XQ2222', 'XQ3333'][Math.floor(Math.random() * 2)]!),
      }).catch(() => 'none'),
    ),
  );
  assert.equal(codes.filter((c) => c === 'XQ3333').length, 0, 'a running event keeps its code');
  assert.ok(codes.filter((c) => c === 'XQ2222').length <= 1, 'the released code went to one event');
  assert.equal(String((await findEventByCode(models(), 'XQ3333', now))?._id), String(running._id));
  assert.equal(await findEventByCode(models(), 'XQ2222', new Date(now.getTime() + 100 * HOUR)), null, 'over: no event');
});

test('an event whose reservation was taken over gets a new code when it is moved back into the future', async () => {
  const now = new Date();
  const old = await insertEvent(new Date(now.getTime() - 10 * HOUR));
  await ensureEventCode(models(), old, { now: new Date(now.getTime() - 11 * HOUR), draw: () => 'WW4444' });
  const newcomer = await insertEvent(new Date(now.getTime() + 10 * HOUR));
  assert.equal(await ensureEventCode(models(), newcomer, { now, draw: () => 'WW4444' }), 'WW4444');
  const moved = {
    ...(await models().Event.findById(old._id).lean())!,
    startsAt: new Date(now.getTime() + 20 * HOUR),
    endsAt: null,
  };
  const code = await ensureEventCode(models(), moved, { now, draw: pool(30, 'YYYY') });
  assert.notEqual(code, 'WW4444');
  assert.equal((await models().Event.findById(old._id).lean())?.code, code);
  assert.equal(String((await findEventByCode(models(), 'WW4444', now))?._id), String(newcomer._id));
});

test('typed codes are read in any case and refused when malformed', () => {
  assert.equal(normalizeEventCode(' k7mx4p '), 'K7MX4P');
  assert.equal(normalizeEventCode('#K7MX4P'), 'K7MX4P');
  assert.equal(normalizeEventCode('K7MX4'), null);
  assert.equal(normalizeEventCode('K7MX40'), null, '0 is not in the alphabet');
  assert.equal(normalizeEventCode(new Types.ObjectId().toHexString()), null);
});
