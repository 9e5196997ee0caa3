/**
 * The simulated WeChat console in real Chromium, driving the real bot on the mock puppet against the
 * real api and database: a person types into the demo groups as owner or member, watches the bot
 * answer and the group's settings change beside the conversation, sees an organizer's policy land
 * in exactly the matching groups, and gets event codes and sign-up links by chat. Also: a new group
 * with the room-join flow, a rename, removing the bot, a newcomer, and the phone layout.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { WechatyBuilder } from 'wechaty';
import { seed } from '../../api/src/commands/seed.js';
import type { RunningApi } from '../../api/src/server.js';
import { ApiClient } from '../../bot/src/apiClient.js';
import { startConsole, type RunningConsole } from '../../bot/src/console/server.js';
import { demoGroups } from '../../bot/src/demo/groups.js';
import { createDemoWorld, type DemoWorld } from '../../bot/src/demo/world.js';
import { silentLogger } from '../../bot/src/logger.js';
import type { RunningBot } from '../../bot/src/startBot.js';
import { BOT_TOKEN, call, makeUser, startTestApi, uniqueDbName } from '../support/api.js';
import { launchBrowser, newMobilePage, shot } from '../support/browser.js';
import { ACCOUNT, eventually, readReport, startE2eBot, stopBot, waitForLoginSync } from '../e2e/support/e2e.js';

let api: RunningApi;
let world: DemoWorld;
let bot: RunningBot;
let consoleServer: RunningConsole;
let browser: Browser;
let organizer: { token: string };

beforeAll(async () => {
  api = await startTestApi(uniqueDbName('console'));
  await seed(api.deps.models);
  organizer = await makeUser(api, ['organizer']);
  world = createDemoWorld({ chatterMs: 0, print: () => undefined });
  const wechaty = WechatyBuilder.build({ puppet: world.puppet });
  bot = await startE2eBot(wechaty, api.url);
  world.mocker.scan('https://login.weixin.qq.com/l/console-test');
  await eventually(async () => ((await api.deps.models.BotState.findById(ACCOUNT).lean()) as any)?.state === 'scan', 'scan');
  const loggedIn = new Promise<void>((resolve) => wechaty.once('login', () => resolve()));
  world.mocker.login(world.botContact);
  await loggedIn;
  await waitForLoginSync(
    api,
    demoGroups.map((g) => g.roomId),
  );
  const client = new ApiClient({ baseUrl: api.url, token: BOT_TOKEN, backoffMs: 20, maxBackoffMs: 100, timeoutMs: 5_000 });
  consoleServer = await startConsole({ world, api: client, account: ACCOUNT, port: 0, log: silentLogger, nodeEnv: 'test' });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await consoleServer?.stop();
  world?.stop();
  if (bot) await stopBot(bot, api);
  await api?.stop();
});

/** A laptop-sized page on the console that can reach only this machine. */
async function openConsole(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(consoleServer.url);
  await page.getByTestId('room').first().waitFor();
  (page as unknown as { errors: string[] }).errors = errors;
  return page;
}

const openRoom = async (page: Page, topic: string) => {
  await page.getByTestId('room').filter({ hasText: topic }).click();
  await page.getByTestId('chat-title').filter({ hasText: topic }).waitFor();
};
const say = async (page: Page, role: string, text: string) => {
  await page.getByTestId('role').selectOption(role);
  await page.getByTestId('text').fill(text);
  await page.getByTestId('send').click();
};
/** The text of the last bot line in the open room, once one matching `pattern` is there. */
const botReply = async (page: Page, pattern: RegExp) => {
  const line = page.getByTestId('bot-line').filter({ hasText: pattern }).last();
  await line.waitFor();
  return (await line.innerText()).trim();
};
const field = (page: Page, name: string) => page.locator(`#profile dd[data-field="${name}"]`);

test('as owner 订阅 上海 概念验证 changes the profile beside the group; as member the same is refused', async () => {
  const page = await openConsole();
  await openRoom(page, '天津先进制造对接群');
  await assert.doesNotReject(field(page, '地区').filter({ hasText: '天津' }).waitFor());
  assert.equal(await field(page, '主题').innerText(), '先进制造');

  await say(page, 'owner', '订阅 上海 概念验证');
  assert.match(await botReply(page, /已更新本群订阅/), /地区：天津、上海/);
  await field(page, '地区').filter({ hasText: '天津、上海' }).waitFor();
  await field(page, '主题').filter({ hasText: '先进制造、概念验证' }).waitFor();
  const stored: any = await api.deps.models.Group.findOne({ roomId: 'tj-mfg@chatroom' }).lean();
  assert.deepEqual(stored.profile.regions, ['120000', '310000'], 'the api holds what the page shows');

  await openRoom(page, '北京医疗卫生成果转化群');
  await say(page, 'member', '订阅 上海 概念验证');
  assert.match(await botReply(page, /抱歉/), /只有群主、本群管理员或平台管理员可以使用/);
  await page.waitForTimeout(300);
  assert.doesNotMatch(await field(page, '地区').innerText(), /上海/, 'a refused change writes nothing');

  // The group's manager (named in the api) may.
  await say(page, 'manager', '免打扰 22:00-07:00');
  await botReply(page, /已设置免打扰 22:00-07:00/);
  await field(page, '免打扰').filter({ hasText: '22:00-07:00' }).waitFor();
  await say(page, 'manager', '免打扰 25:00-07:00');
  assert.match(await botReply(page, /不是有效时间/), /^.*「25:00」不是有效时间/m);
  await shot(page, 'console-01-subscribe');
  assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
  await page.context().close();
}, 60_000);

test('an organizer publishes a policy: it appears in exactly the matching groups’ conversations', async () => {
  const page = await openConsole();
  const title = '上海市概念验证中心运营绩效评价办法（控制台测试）';
  const created = await call(api.url, 'POST', '/api/v1/policies', {
    token: organizer.token,
    body: {
      title,
      regions: ['310000'],
      topics: ['poc'],
      summary: '按年度评价概念验证中心的服务绩效。',
      publishedAt: new Date().toISOString(),
    },
  });
  assert.equal(created.status, 201, created.text);
  const preview = await call(api.url, 'GET', `/api/v1/policies/${created.body.id}/audience`, { token: organizer.token });
  const audience = new Set<string>(preview.body.groups.map((g: any) => g.roomId));
  assert.ok(audience.has('tj-mfg@chatroom'), 'the Tianjin group subscribed to 上海 概念验证 a moment ago');
  assert.ok(!audience.has('bj-health@chatroom'));
  assert.equal(
    (await call(api.url, 'POST', `/api/v1/policies/${created.body.id}/publish`, { token: organizer.token })).status,
    200,
  );
  const broadcast: any = await api.deps.models.Broadcast.findOne({ sourceKey: `policy:${created.body.id}` }).lean();
  await eventually(
    async () => (await readReport(api, organizer.token, String(broadcast._id))).totals.sent === audience.size,
    'sent',
  );

  for (const room of world.rooms()) {
    await openRoom(page, room.topic);
    const pushed = page.getByTestId('bot-line').filter({ hasText: title });
    if (audience.has(room.roomId)) {
      await pushed.first().waitFor();
      assert.equal(await pushed.count(), 1, `${room.topic}: once`);
      const text = await pushed.innerText();
      assert.match(text, /推荐理由：/, `${room.topic}: the reason`);
      assert.doesNotMatch(text, /小程序：|pages\/policy\/detail\?id=[^&\s]+$/m, 'no raw page path');
    } else {
      assert.equal(await pushed.count(), 0, `${room.topic} is not in the audience`);
    }
  }
  await openRoom(page, '天津先进制造对接群');
  await shot(page, 'console-02-push');
  await page.context().close();
}, 90_000);

test('近期活动 lists events with codes; 报名 <code> answers with the tracked sign-up link', async () => {
  const page = await openConsole();
  await openRoom(page, '上海概念验证中心交流群');
  await say(page, 'member', '近期活动');
  const list = await botReply(page, /【近期活动】/);
  const code = /报名 ([A-Z2-9]{6})/.exec(list)?.[1];
  assert.ok(code, list);
  await say(page, 'newcomer', `报名 ${code.toLowerCase()}`);
  const link = await botReply(page, /报名链接：/);
  const event: any = await api.deps.models.Event.findOne({ code }).lean();
  const group: any = await api.deps.models.Group.findOne({ roomId: 'sh-poc@chatroom' }).lean();
  assert.ok(link.includes(`#/pages/event/detail?id=${String(event._id)}&t=chat-${String(group._id)}`), link);
  await page
    .getByText(/新朋友1（新成员）/)
    .first()
    .waitFor();
  await say(page, 'member', '报名 ZZZZZZ');
  await botReply(page, /没有找到编号为 ZZZZZZ 的活动/);
  await shot(page, 'console-03-signup');
  await page.context().close();
}, 60_000);

test('create a group and invite the bot, rename it, remove the bot; switch the chatter', async () => {
  const page = await openConsole();
  page.once('dialog', (d) => void d.accept('苏州概念验证合作群'));
  await page.getByTestId('new-room').click();
  await page.getByTestId('chat-title').filter({ hasText: '苏州概念验证合作群' }).waitFor();
  assert.match(await botReply(page, /大家好，我是/), /可用指令/);
  await field(page, '状态').filter({ hasText: '接收推送' }).waitFor();

  page.once('dialog', (d) => void d.accept('苏州成果转化合作群'));
  await page.getByTestId('rename').click();
  await page.getByTestId('chat-title').filter({ hasText: '苏州成果转化合作群' }).waitFor();
  const roomId = world.rooms().find((r) => r.topic === '苏州成果转化合作群')!.roomId;
  await eventually(
    async () => ((await api.deps.models.Group.findOne({ roomId }).lean()) as any)?.topic === '苏州成果转化合作群',
    'rename',
  );
  // The panel shows the api's topic, which followed the rename (room-topic → api).
  await field(page, '群名').filter({ hasText: '苏州成果转化合作群' }).waitFor();

  await page.getByTestId('toggle-bot').click();
  await field(page, '状态').filter({ hasText: '机器人已移出' }).waitFor();
  await say(page, 'owner', '帮助');
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('bot-line').filter({ hasText: '可用指令' }).count(), 1, 'a removed bot does not answer');

  await page.getByTestId('chatter').check();
  await eventually(async () => world.chatterOn(), 'chatter on');
  await page.getByTestId('chatter').uncheck();
  await eventually(async () => !world.chatterOn(), 'chatter off');
  await page.context().close();
}, 60_000);

test('on a phone: the group list, then a conversation with the settings below it', async () => {
  const { context, page } = await newMobilePage(browser);
  await page.goto(consoleServer.url);
  await page.getByTestId('room').filter({ hasText: '上海技术经理人之家' }).click();
  await page.getByTestId('chat-title').filter({ hasText: '上海技术经理人之家' }).waitFor();
  assert.equal(await page.getByTestId('rooms').isVisible(), false, 'the list gives way to the conversation');
  await say(page, 'member', '订阅设置');
  await botReply(page, /本群订阅设置/);
  // An @mention of the bot, as WeChat writes it, reaches the same grammar.
  await page.getByTestId('mention').check();
  await say(page, 'member', '近期活动 上海');
  await page
    .getByTestId('lines')
    .getByText(/@科转通小助手 近期活动 上海/)
    .waitFor();
  await botReply(page, /【近期活动】|上海近期没有活动/);
  assert.ok(await page.getByTestId('profile').isVisible());
  await shot(page, 'console-04-phone');
  await context.close();
}, 60_000);

test('the console refuses to start in production', async () => {
  await assert.rejects(
    startConsole({
      world,
      api: new ApiClient({ baseUrl: api.url, token: BOT_TOKEN }),
      account: ACCOUNT,
      port: 0,
      log: silentLogger,
      nodeEnv: 'production',
    }),
    /development only/,
  );
});

test('bad input to the console is refused with a Chinese message naming the problem', async () => {
  const post = (path: string, body: unknown) =>
    fetch(new URL(path, consoleServer.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const noRole = await post('api/rooms/sh-poc%40chatroom/say', { role: 'ceo', text: '帮助' });
  assert.equal(noRole.status, 400);
  assert.match(((await noRole.json()) as { error: string }).error, /身份应为群主、管理员、成员或新成员/);
  const empty = await post('api/rooms/sh-poc%40chatroom/say', { role: 'owner', text: '  ' });
  assert.match(((await empty.json()) as { error: string }).error, /请输入消息/);
  assert.equal((await post('api/rooms/nowhere%40chatroom/say', { role: 'owner', text: '帮助' })).status, 404);
  assert.equal((await post('api/rooms', { topic: '' })).status, 400);
});
