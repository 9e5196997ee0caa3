/**
 * The bot's event handlers on the mock puppet against a fake api (the edge of the bot alone; the
 * end-to-end tests against the real api live with the api). Negative cases ("not forwarded") are
 * closed by a sentinel: a command sent after them, whose arrival proves the earlier message had
 * been processed by then.
 */
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { testContext } from '../support/context.js';
import { parseCommand } from '@techbridge/shared';
import { FakeReply, startFakeApi, type FakeApi, type Route } from './support/fakeApi.js';
import { BOT_NAME, createMockWorld, type MockWorld, type RoomSpec } from './support/mockWorld.js';
import { startTestBot } from './support/testBot.js';
import { delay, waitFor } from './support/wait.js';

const POC = 'poc@chatroom';
const IC = 'ic@chatroom';
const ROOMS: RoomSpec[] = [
  { id: POC, topic: '上海概念验证中心交流群' },
  { id: IC, topic: '张江集成电路产学研群', members: 4 },
  { id: 'new@chatroom', topic: '浙江技术转移合作群', withBot: false },
];

/** The api answers every command; the reply starts with 帮助 on purpose (the bot must not answer itself). */
const echo: Route = (b) => ({ reply: `帮助回复：${b.text}` });

async function setup(
  t: { after: (fn: () => Promise<void>) => void },
  routes: Record<string, Route> = { '/commands': echo },
  config = {},
) {
  const api = await startFakeApi(routes);
  const world = createMockWorld(ROOMS);
  const bot = await startTestBot(world, api, config);
  t.after(async () => {
    await bot.stop();
    await api.stop();
  });
  await world.login();
  await api.waitForCall('/rooms/joined', (b) => b.roomId === IC); // the login sync is done
  return { api, world, bot };
}

let sentinelSeq = 0;
/** A member sends a fresh command; resolves when the api got it (and so everything sent before). */
async function sentinel(world: MockWorld, api: FakeApi, roomId = POC): Promise<string> {
  const text = `近期活动 第${++sentinelSeq}次`;
  world.say(roomId, world.people(roomId)[1]!, text);
  await api.waitForCall('/commands', (b) => b.text === text);
  await delay(30);
  return text;
}

const commandTexts = (api: FakeApi) => api.callsTo('/commands').map((c) => c.body.text);

test('command words: the shared grammar takes a line only when it starts with one (English as a whole word)', () => {
  for (const line of [
    '帮助',
    ' 订阅 上海 概念验证',
    '订阅设置',
    '取消订阅 全部',
    '免打扰 22:00-08:00',
    '最新政策',
    '近期活动 上海',
    '报名 K7MX4P',
    'HELP',
    'sub ai',
    'events',
    '/help',
    '模式 摘要 09:00',
  ]) {
    assert.notEqual(parseCommand(line), null, line);
  }
  for (const line of [
    '大家好',
    '请帮助一下',
    '有人要报名吗',
    'subway 站怎么走',
    'helpful info',
    'eventsourcing',
    '@张三 帮助',
    '',
  ]) {
    assert.equal(parseCommand(line), null, line);
  }
});

test('scan, login and logout are reported as bot states', async () => {
  const t = testContext();
  const { api, world } = await setup(t);
  const [scan, login] = api.callsTo('/status').map((c) => c.body);
  assert.deepEqual(scan, { account: 'test-account', state: 'scan', qrcode: 'https://login.weixin.qq.com/l/test-qrcode' });
  assert.deepEqual(login, { account: 'test-account', state: 'login', userName: BOT_NAME });
  await world.puppet.logout();
  const logout = await api.waitForCall('/status', (b) => b.state === 'logout');
  assert.deepEqual(logout.body, { account: 'test-account', state: 'logout' });
});

test('login reports every room the bot is in (not the others), and posts no help text', async () => {
  const t = testContext();
  const { api, world } = await setup(t);
  await delay(100);
  const joined = api.callsTo('/rooms/joined').map((c) => c.body);
  assert.deepEqual(
    joined.sort((a, b) => a.roomId.localeCompare(b.roomId)),
    [
      { account: 'test-account', roomId: IC, topic: '张江集成电路产学研群' },
      { account: 'test-account', roomId: POC, topic: '上海概念验证中心交流群' },
    ],
  );
  assert.deepEqual(world.sent, []);
});

test('@bot 帮助 is forwarded without the mention and the reply lands in that room only', async () => {
  const t = testContext();
  const { api, world } = await setup(t);
  const member = world.people(IC)[2]!;
  world.say(IC, member, '帮助', true);
  const call = await api.waitForCall('/commands');
  assert.deepEqual(call.body, {
    account: 'test-account',
    roomId: IC,
    roomTopic: '张江集成电路产学研群',
    senderId: member.id,
    senderName: member.payload.name,
    senderIsOwner: false,
    mentioned: true,
    text: '帮助',
  });
  await waitFor(() => world.received(IC).length >= 1, 'the reply');
  assert.deepEqual(world.received(IC), ['帮助回复：帮助']);
  assert.deepEqual(world.received(POC), []);

  // The owner is flagged as such; an @mention alone is enough to be forwarded.
  world.say(POC, world.owner(POC), '你好，机器人', true);
  const fromOwner = await api.waitForCall('/commands', (b) => b.roomId === POC);
  assert.equal(fromOwner.body.senderIsOwner, true);
  assert.equal(fromOwner.body.text, '你好，机器人');
  await waitFor(() => world.received(POC).length >= 1, 'the reply in poc');
  assert.deepEqual(world.received(POC), ['帮助回复：你好，机器人']);
});

test("the bot's own messages are never forwarded, even when they look like commands", async () => {
  const t = testContext();
  const { api, world } = await setup(t);
  world.say(POC, world.people(POC)[1]!, '帮助');
  await waitFor(() => world.received(POC).length >= 1, 'the reply'); // it starts with 帮助
  world.botContact.say('订阅 上海').to(world.room(POC)); // typed by the account itself, e.g. from a phone
  const last = await sentinel(world, api);
  assert.deepEqual(commandTexts(api), ['帮助', last]);
});

test('messages dated before the login are history, not commands', async () => {
  const t = testContext();
  const { api, world } = await setup(t);
  const member = world.people(POC)[1]!;
  world.inject({ id: 'old-1', roomId: POC, talkerId: member.id, text: '最新政策', timestamp: Date.now() - 60_000 });
  // Puppets that date in whole seconds: a message from the second of the login still counts.
  world.inject({ id: 'now-1', roomId: POC, talkerId: member.id, text: '订阅设置', timestamp: Math.floor(Date.now() / 1000) });
  await sentinel(world, api);
  assert.deepEqual(commandTexts(api).slice(0, 1), ['订阅设置']);
  assert.ok(!commandTexts(api).includes('最新政策'));
});

test('a message id is handled once, however often the puppet delivers it', async () => {
  const t = testContext();
  const { api, world } = await setup(t);
  const member = world.people(POC)[2]!;
  world.inject({ id: 'dup-1', roomId: POC, talkerId: member.id, text: '最新政策' });
  await api.waitForCall('/commands', (b) => b.text === '最新政策');
  world.redeliver('dup-1');
  world.redeliver('dup-1');
  await sentinel(world, api);
  assert.equal(commandTexts(api).filter((text) => text === '最新政策').length, 1);
  await waitFor(() => world.received(POC).length >= 2, 'two replies');
  await delay(50);
  assert.deepEqual(
    world.received(POC).filter((text) => text === '帮助回复：最新政策'),
    ['帮助回复：最新政策'],
  );
});

test('ordinary chat is not forwarded and gets no reply', async () => {
  const t = testContext();
  const { api, world } = await setup(t);
  const member = world.people(POC)[1]!;
  for (const text of ['大家好，请问概念验证项目怎么申报？', '请帮助一下', 'subway 站怎么走']) world.say(POC, member, text);
  world.say(POC, member, '@张三 帮助'); // a mention of someone else
  await sentinel(world, api);
  assert.equal(api.callsTo('/commands').length, 1);
  await waitFor(() => world.received(POC).length >= 1, 'the sentinel reply');
  await delay(50);
  assert.equal(world.received(POC).length, 1);
});

test('an invitation is reported and the help text is posted once in the new room', async () => {
  const t = testContext();
  const { api, world } = await setup(t, {
    '/rooms/joined': (b) => ({ groupId: `g-${b.roomId}`, helpText: `欢迎使用科转通（${b.topic}）` }),
  });
  assert.equal(api.callsTo('/rooms/joined').length, 2, 'the login sync');
  world.room('new@chatroom').add(world.botContact).by(world.owner('new@chatroom'));
  const call = await api.waitForCall('/rooms/joined', (b) => b.roomId === 'new@chatroom');
  assert.deepEqual(call.body, { account: 'test-account', roomId: 'new@chatroom', topic: '浙江技术转移合作群' });
  await waitFor(() => world.received('new@chatroom').length >= 1, 'the help text');

  // Someone else joining a room the bot is in is not an invitation of the bot.
  const newcomer = world.mocker.createContact({ id: 'newcomer', name: '新成员' });
  world.room(POC).add(newcomer).by(world.owner(POC));
  await sentinel(world, api);
  await delay(50);
  assert.equal(api.callsTo('/rooms/joined').filter((c) => c.body.roomId === POC).length, 1, 'only the login sync');
  assert.deepEqual(world.received('new@chatroom'), ['欢迎使用科转通（浙江技术转移合作群）']);
  assert.deepEqual(world.received(POC), []);
});

test('a topic change and the removal of the bot are reported; others leaving are not', async () => {
  const t = testContext();
  const { api, world } = await setup(t, {});
  world.room(POC).topic('上海概念验证中心交流群（2026）').by(world.owner(POC));
  const topic = await api.waitForCall('/rooms/topic');
  assert.deepEqual(topic.body, { account: 'test-account', roomId: POC, topic: '上海概念验证中心交流群（2026）' });

  world.room(IC).remove(world.people(IC)[3]!).by(world.owner(IC));
  world.room(IC).remove(world.botContact).by(world.owner(IC));
  const removed = await api.waitForCall('/rooms/removed');
  assert.deepEqual(removed.body, { account: 'test-account', roomId: IC });
  await delay(100);
  assert.equal(api.callsTo('/rooms/removed').length, 1);
});

test('the api down: a command is lost without crashing the bot, and the next one is answered', async () => {
  const t = testContext();
  let refused = 0;
  const { api, world } = await setup(t, {
    // More refusals than one call's attempts (5): the first command fails for good.
    '/commands': (b) => (refused++ < 5 ? new FakeReply(503, { error: 'down' }) : echo(b)),
  });
  world.say(POC, world.people(POC)[1]!, '帮助');
  await waitFor(() => refused >= 5, 'five refused attempts');
  world.say(POC, world.people(POC)[1]!, '订阅设置');
  await waitFor(() => world.received(POC).length >= 1, 'the second reply');
  assert.deepEqual(world.received(POC), ['帮助回复：订阅设置']);
  assert.equal(api.callsTo('/commands').length, 6);
});

test('the api down at login: the heartbeat redoes the login sync until it lands', async () => {
  const t = testContext();
  let refused = 0;
  const { api } = await setup(
    t,
    {
      '/status': (b) =>
        b.state === 'login' && refused++ < 5
          ? new FakeReply(502, { error: 'down' })
          : { ...b, loggedIn: true, qrcode: null, userName: null, lastSeenAt: new Date().toISOString(), alive: true },
    },
    { heartbeatMs: 50 },
  );
  const login = await api.waitForCall('/status', (b) => b.state === 'login');
  assert.equal(login.body.userName, BOT_NAME);
  // The rooms were reported again with it, and heartbeats follow once the sync is complete.
  await waitFor(() => api.callsTo('/rooms/joined').filter((c) => c.at >= login.at).length >= 2, 'rooms synced again');
  await api.waitForCall('/status', (b) => b.state === 'heartbeat');
});
