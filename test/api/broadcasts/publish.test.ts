import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { BOT_TOKEN, call, makeUser, startTestApi, uniqueDbName } from '../../support/api.js';
import type { RunningApi } from '../../../api/src/server.js';
import { seed } from '../../../api/src/commands/seed.js';

let api: RunningApi;
let organizer: { token: string };
beforeAll(async () => {
  api = await startTestApi(uniqueDbName('publish'));
  await seed(api.deps.models);
  organizer = await makeUser(api, ['organizer']);
});
afterAll(async () => api?.stop());

const bot = (path: string, body: unknown) => call(api.url, 'POST', `/api/v1/bot/${path}`, { token: BOT_TOKEN, body });

test('publishing a policy plans one delivery per matching group, with the reason line, once', async () => {
  const created = await call(api.url, 'POST', '/api/v1/policies', {
    token: organizer.token,
    body: {
      title: '上海市概念验证中心建设支持办法',
      regions: ['310000'],
      topics: ['poc'],
      audiences: ['enterprise'],
      summary: '支持企业建设概念验证中心。',
    },
  });
  assert.equal(created.status, 201, created.text);
  const preview = await call(api.url, 'GET', `/api/v1/policies/${created.body.id}/audience`, { token: organizer.token });
  const expected = new Set(preview.body.groups.map((g: any) => g.roomId));
  assert.ok(expected.has('sh-poc@chatroom'));
  assert.ok(!expected.has('bj-zgc@chatroom'), 'a Beijing group must not receive a Shanghai policy');

  for (let i = 0; i < 2; i++) {
    const pub = await call(api.url, 'POST', `/api/v1/policies/${created.body.id}/publish`, { token: organizer.token });
    assert.equal(pub.status, 200, pub.text);
  }
  const deliveries: any[] = await api.deps.models.Delivery.find({}).lean();
  assert.deepEqual(new Set(deliveries.map((d) => d.roomId)), expected);
  assert.equal(deliveries.length, expected.size, 'publishing twice plans once');
  const poc = deliveries.find((d) => d.roomId === 'sh-poc@chatroom');
  assert.match(poc.text, /推荐理由：上海 · 概念验证 · 企业/);
  assert.match(poc.text, /t=[0-9a-f]{10}/);

  // The bot logs in, claims and reports: the report shows them sent.
  assert.equal((await bot('status', { account: 'demo', state: 'login' })).status, 200);
  const claim = await bot('deliveries/claim', { account: 'demo', limit: 50 });
  assert.equal(claim.status, 200, claim.text);
  assert.equal(claim.body.units.length, expected.size);
  // Each unit carries a link card (for puppets that send one): title, why, the same tracked link as the text.
  const pocUnit = claim.body.units.find((u: any) => u.roomId === 'sh-poc@chatroom');
  assert.deepEqual(pocUnit.card, {
    title: '上海市概念验证中心建设支持办法',
    description: '上海 · 概念验证 · 企业',
    url: /详情：(\S+)/.exec(poc.text)![1],
  });
  assert.ok(pocUnit.card.url.endsWith(`t=${poc.trackingCode}`));
  assert.doesNotMatch(poc.text, /小程序：/, 'no raw page path in the text');
  for (const u of claim.body.units) {
    const r = await bot('deliveries/result', { account: 'demo', deliveryIds: u.deliveryIds, ok: true });
    assert.equal(r.status, 200, r.text);
  }
  const again = await bot('deliveries/claim', { account: 'demo', limit: 50 });
  assert.equal(again.body.units.length, 0, 'nothing is handed out twice');
  const broadcast: any = await api.deps.models.Broadcast.findOne({ sourceKey: `policy:${created.body.id}` }).lean();
  const report = await call(api.url, 'GET', `/api/v1/broadcasts/${broadcast._id}/report`, { token: organizer.token });
  assert.equal(report.status, 200, report.text);
  assert.equal(report.body.totals.sent, expected.size);
});
