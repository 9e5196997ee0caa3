/**
 * The public read cache (api/src/middlewares/readCache.ts) never serves stale data: two api
 * instances on one database, as behind the load balancer. Every test first warms the cache of the
 * instance it reads from, then writes through the other one, so a cache that ignored the change
 * tokens would fail here.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { request, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { call, makeUser, publishedEvent, signUp, startTestApi, testClock, uniqueDbName } from '../../support/api.js';
import type { RunningApi } from '../../../api/src/server.js';

let a: RunningApi;
let b: RunningApi;
let organizer: { id: string; token: string };
const clock = testClock();

beforeAll(async () => {
  const db = uniqueDbName('readcache');
  a = await startTestApi(db, { clock });
  b = await startTestApi(db, { clock });
  organizer = await makeUser(a, ['organizer']);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

const get = (api: RunningApi, path: string, opts: { token?: string; etag?: string } = {}) =>
  call(api.url, 'GET', path, { token: opts.token, headers: opts.etag ? { 'if-none-match': opts.etag } : {} });
const listed = (reply: { body: { items: { id: string }[] } }, id: string) => reply.body.items.some((i) => i.id === id);
const ALL = '/api/v1/events?pageSize=100';

test('an event published through one instance is listed and readable through the other at once', async () => {
  for (const api of [a, b]) assert.equal((await get(api, ALL)).status, 200); // both caches warm
  const event = await publishedEvent(a, organizer.token, { title: '缓存测试：立即可见' });
  const list = await get(b, ALL);
  assert.ok(listed(list, event.id), 'the new event is in the list read right after publishing');
  const page = await get(b, `/api/v1/events/${event.id}`);
  assert.equal(page.status, 200);
  assert.equal(page.body.title, '缓存测试：立即可见');
});

test('an edited title shows in the very next read, on either instance', async () => {
  const event = await publishedEvent(a, organizer.token, { title: '旧标题' });
  for (const api of [a, b]) {
    assert.equal((await get(api, `/api/v1/events/${event.id}`)).body.title, '旧标题');
    await get(api, ALL);
  }
  const edited = await call(a.url, 'PATCH', `/api/v1/events/${event.id}`, { token: organizer.token, body: { title: '新标题' } });
  assert.equal(edited.status, 200, edited.text);
  for (const api of [b, a]) {
    assert.equal((await get(api, `/api/v1/events/${event.id}`)).body.title, '新标题');
    const item = (await get(api, ALL)).body.items.find((i: { id: string }) => i.id === event.id);
    assert.equal(item.title, '新标题');
  }
});

test('a sign-up changes seats left in the very next read of the page and the list', async () => {
  const event = await publishedEvent(a, organizer.token, { title: '名额测试', registration: { capacity: 5 } });
  const seatsLeft = async (api: RunningApi) => ({
    page: (await get(api, `/api/v1/events/${event.id}`)).body.availability.seatsLeft,
    list: (await get(api, ALL)).body.items.find((i: { id: string }) => i.id === event.id).availability.seatsLeft,
  });
  assert.deepEqual(await seatsLeft(b), { page: 5, list: 5 });
  const user = await makeUser(a);
  assert.equal((await signUp(a, event.id, user.token)).status, 201);
  assert.deepEqual(await seatsLeft(b), { page: 4, list: 4 });
});

test('a matching If-None-Match gets 304 with no body; after a change, 200 and a new ETag', async () => {
  const event = await publishedEvent(a, organizer.token, { title: '条件请求' });
  const path = `/api/v1/events/${event.id}`;
  const first = await get(b, path);
  const etag = first.headers.get('etag')!;
  assert.match(etag, /^"[\w-]+"$/, 'a strong ETag');
  assert.equal(first.headers.get('cache-control'), 'no-cache');
  assert.equal((await get(a, path)).headers.get('etag'), etag, 'both instances agree on the ETag of one body');

  const again = await get(b, path, { etag });
  assert.equal(again.status, 304);
  assert.equal(again.text, '');
  assert.equal(again.headers.get('etag'), etag);

  await call(a.url, 'PATCH', path, { token: organizer.token, body: { summary: '改过了' } });
  const changed = await get(b, path, { etag });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.summary, '改过了');
  assert.notEqual(changed.headers.get('etag'), etag);
});

test('the same query in another parameter order is one entry, another query is another', async () => {
  const x = await get(b, '/api/v1/policies?page=1&pageSize=5');
  const y = await get(b, '/api/v1/policies?pageSize=5&page=1');
  assert.equal(x.headers.get('etag'), y.headers.get('etag'));
  assert.equal((await get(b, '/api/v1/policies?pageSize=5&page=1', { etag: x.headers.get('etag')! })).status, 304);
  const policy = await call(a.url, 'POST', '/api/v1/policies', {
    token: organizer.token,
    body: { title: '缓存测试政策', regions: ['310000'], topics: ['poc'] },
  });
  assert.equal(policy.status, 201, policy.text);
  await call(a.url, 'POST', `/api/v1/policies/${policy.body.id}/publish`, { token: organizer.token });
  assert.ok(listed(await get(b, '/api/v1/policies?pageSize=5&page=1'), policy.body.id));
});

test('staff replies (drafts, status filter) are never cached or served to anyone else', async () => {
  const created = await call(a.url, 'POST', '/api/v1/events', {
    token: organizer.token,
    body: {
      title: '草稿活动',
      kind: 'training',
      startsAt: new Date(Date.now() + 86400_000).toISOString(),
      registration: { capacity: 10 },
    },
  });
  assert.equal(created.status, 201, created.text);
  const path = `/api/v1/events/${created.body.id}`;
  const staff = await get(b, path, { token: organizer.token });
  assert.equal(staff.status, 200);
  assert.equal(staff.headers.get('etag'), null);
  assert.match(staff.headers.get('cache-control') ?? '', /no-store/);
  const user = await makeUser(b);
  assert.equal((await get(b, path)).status, 404, 'anonymous');
  assert.equal((await get(b, path, { token: user.token })).status, 404, 'signed-in user without a role');

  const drafts = '/api/v1/events?status=draft&pageSize=100';
  assert.ok(listed(await get(b, drafts, { token: organizer.token }), created.body.id));
  assert.ok(!listed(await get(b, drafts), created.body.id));
  assert.ok(!listed(await get(b, drafts, { token: user.token }), created.body.id));
});

test('a cached page turns to "open" when sign-up opens, with no write in between', async () => {
  const opensAt = new Date(clock.now().getTime() + 3600_000);
  const event = await publishedEvent(a, organizer.token, { title: '定时开放', registration: { opensAt: opensAt.toISOString() } });
  const path = `/api/v1/events/${event.id}`;
  assert.equal((await get(b, path)).body.availability.state, 'not_open');
  clock.advance(2 * 3600_000);
  assert.equal((await get(b, path)).body.availability.state, 'open');
});

test('a client accepting gzip gets the same list compressed, with its own ETag that also revalidates', async () => {
  await publishedEvent(a, organizer.token, { title: '压缩测试' });
  // node:http, not fetch: fetch would negotiate and decompress on its own and hide the headers.
  const raw = (headers: Record<string, string>) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      request(`${b.url}${ALL}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
  const plain = await raw({});
  const zipped = await raw({ 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.match(String(zipped.headers.vary), /Accept-Encoding/i);
  assert.ok(zipped.body.length < plain.body.length / 2, `${zipped.body.length} B gzipped vs ${plain.body.length} B`);
  assert.deepEqual(JSON.parse(gunzipSync(zipped.body).toString()), JSON.parse(plain.body.toString()));
  assert.notEqual(zipped.headers.etag, plain.headers.etag, 'two representations, two ETags');
  for (const etag of [zipped.headers.etag!, plain.headers.etag!]) {
    assert.equal((await raw({ 'accept-encoding': 'gzip', 'if-none-match': etag })).status, 304);
  }
});
