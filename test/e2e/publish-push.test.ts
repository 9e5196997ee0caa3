/**
 * Publish → push, end to end: the real api on the test database, the real bot on the mock puppet
 * in the 12 sample rooms. Publishing a policy reaches exactly its audience, once per room, with
 * that room's reason; chat commands typed in a room are answered there.
 */
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { replies } from '@techbridge/shared';
import { testContext } from '../support/context.js';
import { seed } from '../../api/src/commands/seed.js';
import { seedGroups } from '../../api/src/commands/seed/groups.js';
import { call, makeUser, startTestApi, uniqueDbName } from '../support/api.js';
import { createMockWorld } from '../bot/support/mockWorld.js';
import { delay, waitFor } from '../bot/support/wait.js';
import {
  cleanupStack,
  eventually,
  logIn,
  readReport,
  roomIdsByGroup,
  startE2eBot,
  stopBot,
  waitForLoginSync,
} from './support/e2e.js';

const TITLE = '上海市概念验证中心建设专项支持办法（试行）';
const REFUSAL = replies.refused('订阅');
const ROOM_IDS = seedGroups.map((g) => g.roomId);

test('a published Shanghai 概念验证 policy reaches exactly its audience, once per room, with the reason; commands are answered', async () => {
  const t = testContext();
  const cleanup = cleanupStack(t);
  const api = await startTestApi(uniqueDbName('e2epush'));
  cleanup(() => api.stop());
  await seed(api.deps.models);
  const organizer = await makeUser(api, ['organizer']);

  const world = createMockWorld(seedGroups.map((g) => ({ id: g.roomId, topic: g.topic })));
  const bot = await startE2eBot(world.bot, api.url);
  cleanup(() => stopBot(bot, api));
  await logIn(api, world);
  await waitForLoginSync(api, ROOM_IDS);
  assert.equal(world.sent.length, 0, 'a login posts nothing (no help text spam at restart)');

  // The organizer drafts the policy and previews who will get it.
  const created = await call(api.url, 'POST', '/api/v1/policies', {
    token: organizer.token,
    body: {
      title: TITLE,
      regions: ['310000'],
      topics: ['poc'],
      audiences: ['enterprise'],
      summary: '对经认定的概念验证中心给予建设和运营补贴，支持企业开展概念验证。',
      publishedAt: new Date().toISOString(),
    },
  });
  assert.equal(created.status, 201, created.text);
  const policyId: string = created.body.id;
  const preview = await call(api.url, 'GET', `/api/v1/policies/${policyId}/audience`, { token: organizer.token });
  assert.equal(preview.status, 200, preview.text);
  const reasons = new Map<string, string>(preview.body.groups.map((g: any) => [g.roomId, g.reason]));
  assert.ok(reasons.has('sh-poc@chatroom'), 'the Shanghai POC group is in the audience');
  assert.ok(!reasons.has('bj-zgc@chatroom'), 'a Beijing group is not');
  assert.ok(reasons.size >= 2 && reasons.size < ROOM_IDS.length, `a real subset: ${[...reasons.keys()].join(', ')}`);

  const published = await call(api.url, 'POST', `/api/v1/policies/${policyId}/publish`, { token: organizer.token });
  assert.equal(published.status, 200, published.text);
  const broadcast: any = await api.deps.models.Broadcast.findOne({ sourceKey: `policy:${policyId}` }).lean();
  assert.ok(broadcast, 'publishing created the push broadcast');
  const broadcastId = String(broadcast._id);

  await eventually(
    async () => (await readReport(api, organizer.token, broadcastId)).totals.sent === reasons.size,
    'every audience room reported sent',
  );
  await waitFor(() => world.sent.length >= reasons.size, 'the messages in the rooms');
  await delay(300); // anything extra (a second copy, a stray room) would land meanwhile

  const planned: any[] = await api.deps.models.Delivery.find({ broadcast: broadcast._id }).lean();
  for (const roomId of ROOM_IDS) {
    const got = world.received(roomId);
    const reason = reasons.get(roomId);
    if (reason === undefined) {
      assert.deepEqual(got, [], `${roomId} is not in the audience and receives nothing`);
      continue;
    }
    assert.equal(got.length, 1, `${roomId} receives exactly one message: ${JSON.stringify(got)}`);
    const [text] = got as [string];
    assert.ok(text.includes(TITLE), `${roomId}: the title`);
    assert.ok(text.split('\n').includes(`推荐理由：${reason}`), `${roomId}: its own reason line 推荐理由：${reason}\n${text}`);
    assert.equal(text, planned.find((d) => d.roomId === roomId)?.text, `${roomId}: the text the api planned for it`);
  }

  const report = await readReport(api, organizer.token, broadcastId);
  const roomOf = await roomIdsByGroup(api);
  assert.deepEqual(report.totals, { pending: 0, sending: 0, sent: reasons.size, failed: 0, skipped: 0 });
  assert.deepEqual(new Set(report.groups.map((g) => roomOf.get(g.groupId))), new Set(reasons.keys()));
  assert.ok(
    report.groups.every((g) => g.status === 'sent' && g.lastError === null),
    JSON.stringify(report.groups),
  );

  // Chat commands, in a room outside the audience: a member asks for the latest policies ...
  const room = 'sh-ic@chatroom';
  assert.ok(!reasons.has(room));
  const [owner, member, other] = world.people(room) as [any, any, any];
  world.say(room, member, '最新政策');
  await waitFor(() => world.received(room).length === 1, 'the reply to 最新政策');
  const latest = world.received(room)[0]!;
  assert.match(latest, /^【最新政策】/);
  assert.ok(latest.includes(TITLE), `the new policy is listed first among the Shanghai ones:\n${latest}`);

  // ... a member who does not own the room may not change its subscription ...
  world.say(room, other, '订阅 概念验证');
  await waitFor(() => world.received(room).length === 2, 'the reply to 订阅 概念验证');
  assert.equal(world.received(room)[1], REFUSAL);
  const unchanged: any = await api.deps.models.Group.findOne({ roomId: room }).lean();
  assert.deepEqual(unchanged.profile.topics, ['ic'], 'the refused command changed nothing');

  // ... the owner may.
  world.say(room, owner, '订阅 概念验证');
  await waitFor(() => world.received(room).length === 3, 'the reply to the owner');
  assert.match(world.received(room)[2]!, /^已更新本群订阅/);
  const changed: any = await api.deps.models.Group.findOne({ roomId: room }).lean();
  assert.deepEqual([...changed.profile.topics].sort(), ['ic', 'poc']);

  await delay(200);
  const elsewhere = ROOM_IDS.filter((id) => id !== room).reduce((n, id) => n + world.received(id).length, 0);
  assert.equal(elsewhere, reasons.size, 'command replies went only to the room that asked');
});
