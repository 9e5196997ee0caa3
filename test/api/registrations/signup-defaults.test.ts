/**
 * The sign-up form remembers: `GET /me/signup-defaults` gives the caller the name, organisation and
 * phone of their own latest sign-up (nobody else's), so their next form starts filled in.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { RunningApi } from '../../../api/src/server.js';
import { call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName } from '../../support/api.js';

let api: RunningApi;
let organizer: { token: string };
beforeAll(async () => {
  api = await startTestApi(uniqueDbName('signupdefaults'));
  organizer = await makeUser(api, ['organizer'], '主办方');
});
afterAll(() => api?.stop());

const defaults = (token?: string) => call(api.url, 'GET', '/api/v1/me/signup-defaults', token ? { token } : {});

test('nothing before a first sign-up, then the contact of the latest one, only for its owner', async () => {
  const alice = await makeUser(api, [], '王老师');
  const bob = await makeUser(api, [], '李工');
  const first = await publishedEvent(api, organizer.token, { title: '第一场路演' });
  const second = await publishedEvent(api, organizer.token, { title: '第二场路演' });

  const empty = await defaults(alice.token);
  assert.equal(empty.status, 200, empty.text);
  assert.deepEqual(empty.body, { name: null, org: null, phone: null });

  assert.equal((await signUp(api, first.id, alice.token, { name: '王芳', org: '复旦大学', phone: '13800138000' })).status, 201);
  assert.deepEqual((await defaults(alice.token)).body, { name: '王芳', org: '复旦大学', phone: '13800138000' });

  // A later sign-up with a new organisation wins, even after it is cancelled.
  const later = await signUp(api, second.id, alice.token, { name: '王芳', org: '上海科技大学', phone: '13900139000' });
  assert.equal(later.status, 201, later.text);
  await call(api.url, 'POST', `/api/v1/events/${second.id}/registrations/${later.body.id}/cancel`, { token: alice.token });
  const now = await defaults(alice.token);
  assert.deepEqual(now.body, { name: '王芳', org: '上海科技大学', phone: '13900139000' });
  assert.match(now.headers.get('cache-control') ?? '', /no-store/);

  // Bob has signed up for nothing: he sees nothing of Alice's.
  assert.deepEqual((await defaults(bob.token)).body, { name: null, org: null, phone: null });
  assert.equal((await defaults()).status, 401);
});
