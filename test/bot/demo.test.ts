/**
 * The demo world behind `npm start -w bot`: the same rooms as the api's sample groups, people in
 * them, and every message the bot posts printed with the room's topic.
 */
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { testContext } from '../support/context.js';
import { WechatyBuilder } from 'wechaty';
import { seedGroups, seedManager } from '../../api/src/commands/seed/groups.js';
import { demoGroups, demoManager } from '../../bot/src/demo/groups.js';
import { createDemoWorld } from '../../bot/src/demo/world.js';
import { silentLogger } from '../../bot/src/logger.js';
import { startBot } from '../../bot/src/startBot.js';
import { deliveryStore } from './support/deliveryStore.js';
import { startFakeApi } from './support/fakeApi.js';
import { testApiClient, testConfig } from './support/testBot.js';
import { waitFor } from './support/wait.js';

test('the demo rooms are the api sample groups (same ids, same topics)', () => {
  assert.deepEqual(
    demoGroups.map((g) => ({ roomId: g.roomId, topic: g.topic })),
    seedGroups.map((g) => ({ roomId: g.roomId, topic: g.topic })),
  );
});

test('each demo room has the manager the api sample data names (same contact id)', () => {
  for (const g of demoGroups) assert.equal(demoManager(g.roomId).id, seedManager(g.roomId).contactId);
});

test('the demo world seats the bot with an owner and 3-5 members per room and prints what the bot sends', async () => {
  const t = testContext();
  const lines: string[] = [];
  const world = createDemoWorld({ chatterMs: 0, print: (line) => lines.push(line) });
  for (const group of demoGroups) {
    const payload = world.mocker.roomPayload(group.roomId) as { memberIdList: string[]; ownerId?: string; topic: string };
    assert.equal(payload.topic, group.topic);
    assert.ok(payload.memberIdList.includes(world.botContact.id), `bot in ${group.topic}`);
    const manager = demoManager(group.roomId).id;
    assert.ok(payload.memberIdList.includes(manager), `the api's named manager is in ${group.topic}`);
    const others = payload.memberIdList.filter((id) => ![world.botContact.id, payload.ownerId, manager].includes(id));
    assert.ok(payload.ownerId && payload.memberIdList.includes(payload.ownerId), `owner of ${group.topic}`);
    assert.ok(others.length >= 3 && others.length <= 5, `${others.length} members in ${group.topic}`);
  }

  const store = deliveryStore([{ unitId: 'u1', roomId: 'sh-poc@chatroom', text: '【政策】概念验证计划\n详情：http://h5/1' }]);
  const api = await startFakeApi(store.routes);
  const running = await startBot({
    bot: WechatyBuilder.build({ puppet: world.puppet }),
    api: testApiClient(api),
    config: testConfig(),
    log: silentLogger,
  });
  t.after(async () => {
    world.stop();
    await running.stop();
    await api.stop();
  });
  world.login();
  await waitFor(() => store.sentCount('u1') === 1, 'the unit sent');
  assert.deepEqual(lines, ['[发送] 上海概念验证中心交流群 ← 【政策】概念验证计划\n        详情：http://h5/1']);
});
