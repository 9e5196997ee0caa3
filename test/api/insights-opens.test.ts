/**
 * POST /opens under pressure and abuse, and who may read insights: a storm of the same open is one
 * record; bad input is a 400 naming the field; another organizer gets 403 on every view and its CSV.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { call, makeUser, publishedEvent, startTestApi, uniqueDbName } from '../support/api.js';
import type { RunningApi } from '../../api/src/server.js';
import { seed } from '../../api/src/commands/seed.js';

let api: RunningApi;
let organizer: { id: string; token: string };
let eventId: string;
let code: string;
let broadcastId: string;
let ownGroup: string;
const visitor = () => randomUUID().replace(/-/g, '');

beforeAll(async () => {
  api = await startTestApi(uniqueDbName('insights-opens'), { env: { RATE_LIMIT_OPEN_PER_MIN: '200' } });
  await seed(api.deps.models);
  organizer = await makeUser(api, ['organizer']);
  const created = await call(api.url, 'POST', '/api/v1/groups', {
    token: organizer.token,
    body: {
      roomId: `insights${randomUUID().slice(0, 8)}@chatroom`,
      topic: '自建的上海概念验证群',
      profile: { regions: ['310000'], topics: ['poc'] },
    },
  });
  assert.equal(created.status, 201, created.text);
  ownGroup = created.body.id;
  eventId = (await publishedEvent(api, organizer.token)).id;
  const delivery: any = await api.deps.models.Delivery.findOne({ group: ownGroup }).lean();
  code = delivery.trackingCode;
  broadcastId = String(delivery.broadcast);
});
afterAll(async () => api?.stop());

const open = (body: unknown, token?: string) => call(api.url, 'POST', '/api/v1/opens', { ...(token ? { token } : {}), body });

test('20 identical opens at once are one record, and the tally counts it once', async () => {
  const v = visitor();
  const user = await makeUser(api);
  const storm = await Promise.all([
    ...Array.from({ length: 20 }, () => open({ t: code, page: { kind: 'event', id: eventId }, visitor: v })),
    ...Array.from({ length: 20 }, () => open({ t: code, page: { kind: 'event', id: eventId } }, user.token)),
  ]);
  assert.ok(
    storm.every((r) => r.status === 200),
    storm.map((r) => r.text).join('\n'),
  );
  assert.equal(storm.slice(0, 20).filter((r) => r.body.recorded).length, 1, 'one anonymous record');
  assert.equal(storm.slice(20).filter((r) => r.body.recorded).length, 1, 'one signed-in record');
  const opens: any[] = await api.deps.models.Open.find({ code }).lean();
  assert.deepEqual(opens.map((o) => o._id).sort(), [`${code}:u:${user.id}`, `${code}:v:${v}`].sort());
  // Nothing personal beyond the user id: no address, no user agent.
  assert.deepEqual(Object.keys(opens[0]).sort(), [
    '_id',
    'at',
    'broadcast',
    'channel',
    'code',
    'group',
    'item',
    'itemType',
    'user',
  ]);
  const tally: any = await api.deps.models.OpenTally.findById(code).lean();
  assert.equal(tally.opens, 2);
  assert.equal(String(tally.group), ownGroup);
  const x = (await call(api.url, 'GET', `/api/v1/events/${eventId}/insights`, { token: organizer.token })).body;
  assert.equal(x.byGroup.find((g: any) => g.groupId === ownGroup).opened, 2);
});

test('bad input is a 400 naming the field, in Chinese; nothing is written', async () => {
  const before = await api.deps.models.Open.countDocuments();
  const page = { kind: 'event', id: eventId };
  const cases: [unknown, string][] = [
    [{ t: code, page }, 'visitor'],
    [{ t: 'bad code!', page, visitor: visitor() }, 't'],
    [{ t: { $gt: '' }, page, visitor: visitor() }, 't'],
    [{ t: code, page: { kind: 'event', id: { $ne: null } }, visitor: visitor() }, 'page.id'],
    [{ t: code, page: { kind: 'video', id: eventId }, visitor: visitor() }, 'page.kind'],
    [{ t: code, page, visitor: 'short' }, 'visitor'],
    [{ t: code, page, visitor: visitor(), extra: 1 }, ''],
    [{ t: 'feedfacecafe', page, visitor: visitor() }, 't'],
    [{ t: code, page: { kind: 'policy', id: eventId }, visitor: visitor() }, 'page'],
    [{ t: code, page: { kind: 'event', id: '0123456789abcdef01234567' }, visitor: visitor() }, 'page'],
  ];
  for (const [body, field] of cases) {
    const res = await open(body);
    assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status} ${res.text}`);
    assert.match(res.body.error.message, /[\u4e00-\u9fa5]/, res.text);
    if (field) {
      // Field errors list `fields`; a refused operator key names its path (`body.t.$gt`).
      const d = res.body.error.details ?? {};
      const fields: string[] = (d.fields ?? []).map((f: any) => f.field);
      assert.ok(
        fields.includes(field) || String(d.field ?? '').startsWith(`body.${field}.$`),
        `${JSON.stringify(body)} should name ${field}: ${res.text}`,
      );
    }
  }
  assert.equal(await api.deps.models.Open.countDocuments(), before);
});

test('opens are rate-limited per client like other public writes', async () => {
  const limited = await startTestApi(uniqueDbName('insights-limit'), { env: { RATE_LIMIT_OPEN_PER_MIN: '3' } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await call(limited.url, 'POST', '/api/v1/opens', {
        body: { t: 'nosuchcode', page: { kind: 'event', id: eventId }, visitor: visitor() },
      });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses, [400, 400, 400, 429, 429]);
  } finally {
    await limited.stop();
  }
});

test('insights are for the owners: another organizer 403, a plain user 403, nobody 401, an admin 200', async () => {
  const other = await makeUser(api, ['organizer']);
  const user = await makeUser(api);
  const admin = await makeUser(api, ['admin']);
  for (const path of [`/events/${eventId}`, `/broadcasts/${broadcastId}`, `/groups/${ownGroup}`]) {
    for (const suffix of ['/insights', '/insights.csv']) {
      const url = `/api/v1${path}${suffix}`;
      assert.equal((await call(api.url, 'GET', url, { token: other.token })).status, 403, `other organizer on ${url}`);
      assert.equal((await call(api.url, 'GET', url, { token: user.token })).status, 403, `user on ${url}`);
      assert.equal((await call(api.url, 'GET', url)).status, 401, `anonymous on ${url}`);
      assert.equal((await call(api.url, 'GET', url, { token: admin.token })).status, 200, `admin on ${url}`);
      assert.equal((await call(api.url, 'GET', url, { token: organizer.token })).status, 200, `owner on ${url}`);
    }
  }
  const missing = await call(api.url, 'GET', '/api/v1/events/0123456789abcdef01234567/insights', { token: organizer.token });
  assert.equal(missing.status, 404);
  assert.equal((await call(api.url, 'GET', '/api/v1/events/not-an-id/insights', { token: organizer.token })).status, 404);
});
