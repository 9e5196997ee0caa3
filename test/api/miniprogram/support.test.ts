/**
 * What the mini-program needs from the api beyond the core: personal subscriptions on /me, the tracking
 * code of a pushed link kept on the registration, and the H5 build served under /h5/.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName } from '../../support/api.js';
import type { RunningApi } from '../../../api/src/server.js';

// A stand-in H5 build: the api serves whatever folder H5_DIR names, so a two-file folder is enough here.
const h5Dir = mkdtempSync(path.join(tmpdir(), 'h5-'));
writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>科转通</title>');
mkdirSync(path.join(h5Dir, 'js'));
writeFileSync(path.join(h5Dir, 'js', 'app.0123abcd.js'), 'console.log(1)');

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi(uniqueDbName('mpsupport'), { env: { H5_DIR: h5Dir } });
});
afterAll(async () => api?.stop());

test('personal subscription: partial updates keep the other fields, duplicates collapse', async () => {
  const user = await makeUser(api);
  const me = await call(api.url, 'GET', '/api/v1/me', { token: user.token });
  assert.deepEqual(me.body.subscription, { regions: [], topics: [], notifyConsent: false });

  let r = await call(api.url, 'PATCH', '/api/v1/me', {
    token: user.token,
    body: { subscription: { regions: ['310000', '310000', '110000'], topics: ['poc'] } },
  });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.subscription, { regions: ['310000', '110000'], topics: ['poc'], notifyConsent: false });

  r = await call(api.url, 'PATCH', '/api/v1/me', { token: user.token, body: { subscription: { notifyConsent: true } } });
  assert.deepEqual(r.body.subscription, { regions: ['310000', '110000'], topics: ['poc'], notifyConsent: true });
});

test('personal subscription: unknown regions, topics and fields are 400s naming the field, nothing written', async () => {
  const user = await makeUser(api);
  const bad = [
    [{ subscription: { regions: ['999999'] } }, 'subscription.regions'],
    [{ subscription: { topics: ['no-such-topic'] } }, 'subscription.topics'],
    [{ subscription: { regions: 'x' } }, 'subscription.regions'],
    [{ subscription: { extra: 1 } }, 'subscription'],
  ] as const;
  for (const [body, field] of bad) {
    const r = await call(api.url, 'PATCH', '/api/v1/me', { token: user.token, body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.ok(
      r.body.error.details.fields.some((f: { field: string }) => f.field.startsWith(field)),
      `${JSON.stringify(body)} → ${r.text}`,
    );
  }
  const me = await call(api.url, 'GET', '/api/v1/me', { token: user.token });
  assert.deepEqual(me.body.subscription.regions, []);
});

test('a sign-up keeps the tracking code of the pushed link; organizers see it; a malformed one is rejected', async () => {
  const org = await makeUser(api, ['organizer']);
  const event = await publishedEvent(api, org.token);
  const user = await makeUser(api);
  const bad = await signUp(api, event.id, user.token, { source: 'x y{}' });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /source/);

  const ok = await signUp(api, event.id, user.token, { source: 'Ab3_x-9' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.source, 'Ab3_x-9');
  const list = await call(api.url, 'GET', `/api/v1/events/${event.id}/registrations`, { token: org.token });
  assert.equal(list.body.items[0].source, 'Ab3_x-9');
  const plain = await signUp(api, event.id, (await makeUser(api)).token);
  assert.equal(plain.body.source, null);
});

test('the H5 build is served under /h5/ with its own CSP; hashed assets are immutable, index.html is not cached', async () => {
  const root = await fetch(`${api.url}/`, { redirect: 'manual' });
  assert.equal(root.status, 302);
  assert.equal(root.headers.get('location'), '/h5/');

  const index = await fetch(`${api.url}/h5/`);
  assert.equal(index.status, 200);
  assert.match(await index.text(), /科转通/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self' 'unsafe-inline'/);

  const asset = await fetch(`${api.url}/h5/js/app.0123abcd.js`);
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('cache-control') ?? '', /immutable/);

  // Path traversal out of the build folder is refused (koa-send answers 403 for such paths).
  const escape = await fetch(`${api.url}/h5/..%2f..%2fpackage.json`);
  assert.ok([403, 404].includes(escape.status), String(escape.status));
  assert.doesNotMatch(await escape.text(), /"name"/);
  // The api itself keeps its strict policy.
  const health = await fetch(`${api.url}/healthz`);
  assert.match(health.headers.get('content-security-policy') ?? '', /script-src 'self';/);
});
