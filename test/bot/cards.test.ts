/**
 * Pushes as link cards where the puppet can send them, text where it cannot: a card goes out as a
 * card (title, why, tracked link) and nothing else; a puppet that refuses the card gets the text;
 * with cards off (the mock and web protocols' default) only the text is sent.
 */
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { testContext } from '../support/context.js';
import { deliveryStore } from './support/deliveryStore.js';
import { startFakeApi } from './support/fakeApi.js';
import { createMockWorld } from './support/mockWorld.js';
import { startTestBot } from './support/testBot.js';
import { waitFor } from './support/wait.js';
import { configFromEnv } from '../../bot/src/startBot.js';
import { parseEnv } from '../../bot/src/env.js';

const ROOM = 'poc@chatroom';
const card = {
  title: '上海市概念验证中心建设专项支持办法',
  description: '上海 · 概念验证',
  url: 'http://h5/#/pages/policy/detail?id=p1&t=abc',
};
const text = `【新政策】${card.title}\n推荐理由：上海 · 概念验证\n详情：${card.url}`;

async function run(
  t: { after: (fn: () => Promise<void>) => void },
  cards: boolean,
  sendUrl?: (roomId: string, payload: unknown) => Promise<void>,
) {
  const store = deliveryStore([{ unitId: 'u1', roomId: ROOM, text, card }]);
  const api = await startFakeApi(store.routes);
  const world = createMockWorld([{ id: ROOM, topic: '上海概念验证中心交流群' }]);
  const cardsSent: unknown[] = [];
  (world.puppet as unknown as { messageSendUrl: (id: string, p: unknown) => Promise<void> }).messageSendUrl =
    sendUrl ??
    (async (_id, payload) => {
      cardsSent.push(payload);
    });
  const bot = await startTestBot(world, api, { cards });
  t.after(async () => {
    await bot.stop();
    await api.stop();
  });
  await world.login();
  await waitFor(() => store.sentCount('u1') === 1, 'the unit reported sent');
  return { world, cardsSent };
}

test('a puppet that sends cards gets the card and no text', async () => {
  const { world, cardsSent } = await run(testContext(), true);
  assert.deepEqual(cardsSent, [{ ...card, thumbnailUrl: undefined }]);
  assert.deepEqual(world.received(ROOM), []);
});

test('a puppet that refuses the card gets the text instead', async () => {
  const { world } = await run(testContext(), true, async () => {
    throw new Error('messageSendUrl not supported');
  });
  assert.deepEqual(world.received(ROOM), [text]);
});

test('cards off: the text only', async () => {
  const { world, cardsSent } = await run(testContext(), false);
  assert.deepEqual(cardsSent, []);
  assert.deepEqual(world.received(ROOM), [text]);
});

test('SEND_CARDS=auto sends cards on puppet-service only', () => {
  const env = (extra: Record<string, string>) => configFromEnv(parseEnv({ BOT_TOKEN: 'x'.repeat(24), ...extra }));
  assert.equal(env({}).cards, false, 'the mock puppet cannot send cards');
  assert.equal(env({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: 't' }).cards, true);
  assert.equal(env({ SEND_CARDS: '1' }).cards, true);
  assert.equal(
    env({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: 't', SEND_CARDS: '0' }).cards,
    false,
  );
});
