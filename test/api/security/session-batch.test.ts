/**
 * Session checks (api/src/auth/sessionState.ts) read users in batches: a burst of sign-ups by
 * different people costs one `find` instead of one round trip each, and every caller still gets
 * its own user's state, revocations included.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { call, makeUser, startTestApi, uniqueDbName } from '../../support/api.js';
import type { RunningApi } from '../../../api/src/server.js';
import { SessionStates } from '../../../api/src/auth/sessionState.js';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi(uniqueDbName('sessionbatch'));
});
afterAll(async () => {
  mongoose.set('debug', false);
  await api?.stop();
});

test('twenty people checked at once: one query, each gets their own roles, unknown ids get null', async () => {
  const people = await Promise.all(Array.from({ length: 20 }, (_, i) => makeUser(api, i % 2 ? ['organizer'] : [])));
  const disabled = people[3]!;
  await api.deps.models.User.updateOne({ _id: disabled.id }, { $set: { disabled: true } });
  const sessions = new SessionStates(30_000);
  const queries: string[] = [];
  mongoose.set('debug', (collection: string, method: string) => queries.push(`${collection}.${method}`));
  const ids = [...people.map((p) => p.id), new mongoose.Types.ObjectId().toString(), 'not-an-id'];
  const states = await Promise.all(ids.map((id) => sessions.get(api.deps.models, id, Date.now())));
  mongoose.set('debug', false);
  assert.deepEqual(queries, ['users.find'], 'one query for everyone');
  people.forEach((p, i) => {
    assert.deepEqual(states[i]!.roles, i % 2 ? ['organizer'] : [], `person ${i}`);
    assert.equal(states[i]!.disabled, p === disabled);
  });
  assert.equal(states[20], null, 'no such user');
  assert.equal(states[21], null, 'malformed id');
});

test('through the api: a burst of requests by different people all pass, a disabled one is refused', async () => {
  const people = await Promise.all(Array.from({ length: 30 }, () => makeUser(api)));
  await api.deps.models.User.updateOne({ _id: people[7]!.id }, { $set: { disabled: true } });
  const replies = await Promise.all(people.map((p) => call(api.url, 'GET', '/api/v1/me', { token: p.token })));
  replies.forEach((r, i) => assert.equal(r.status, i === 7 ? 401 : 200, `person ${i}: ${r.text}`));
});
