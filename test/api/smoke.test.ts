import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName } from '../support/api.js';
import type { RunningApi } from '../../api/src/server.js';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi(uniqueDbName('smoke'));
});
afterAll(async () => api?.stop());

test('healthz pings the database', async () => {
  const r = await call(api.url, 'GET', '/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.body.db, 'up');
});

test('an organizer publishes an event and a user signs up and gets a ticket', async () => {
  const org = await makeUser(api, ['organizer']);
  const user = await makeUser(api);
  const event = await publishedEvent(api, org.token);
  const reg = await signUp(api, event.id, user.token);
  assert.equal(reg.status, 201, reg.text);
  assert.equal(reg.body.status, 'confirmed');
  assert.match(reg.body.ticketCode, /^[A-Z2-9]{8}$/);
  const detail = await call(api.url, 'GET', `/api/v1/events/${event.id}`);
  assert.equal(detail.body.availability.seatsLeft, 9);
});
