/**
 * Inputs schemathesis (`npm run fuzz`) found turning into 500s, kept as regressions: each must be a 4xx
 * that says what is wrong.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { call, makeUser, startTestApi, uniqueDbName } from '../../support/api.js';
import { seed } from '../../../api/src/commands/seed.js';
import type { RunningApi } from '../../../api/src/server.js';

let api: RunningApi;
let organizer: { token: string };
beforeAll(async () => {
  api = await startTestApi(uniqueDbName('fuzzreg'));
  await seed(api.deps.models);
  organizer = await makeUser(api, ['organizer']);
});
afterAll(async () => api?.stop());

test('a search text with a NUL or other control character is a 400 naming q, on every list', async () => {
  for (const path of ['/api/v1/policies', '/api/v1/events', '/api/v1/programs', '/api/v1/groups']) {
    const r = await call(api.url, 'GET', `${path}?q=${encodeURIComponent('àr\u0000\u009bAw\u000b')}`, { token: organizer.token });
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.equal(r.body.error.details.fields[0].field, 'q');
  }
  const ok = await call(api.url, 'GET', `/api/v1/policies?q=${encodeURIComponent('概念验证')}`);
  assert.equal(ok.status, 200);
  assert.ok(ok.body.items.length > 0);
});

test("moving a group profile onto another group's room is a 409, and neither profile changes", async () => {
  const groups = await call(api.url, 'GET', '/api/v1/groups?pageSize=2', { token: organizer.token });
  const [a, b] = groups.body.items;
  const r = await call(api.url, 'PATCH', `/api/v1/groups/${a.id}`, { token: organizer.token, body: { roomId: b.roomId } });
  assert.equal(r.status, 409, r.text);
  assert.match(r.body.error.message, /群/);
  const after = await call(api.url, 'GET', `/api/v1/groups/${a.id}`, { token: organizer.token });
  assert.equal(after.body.roomId, a.roomId);
});
