/**
 * An organizer adds a 企业微信 group in the H5 build (Chromium, phone-sized) by pasting its robot's webhook URL:
 * a wrong address is refused under the field, the key is shown only masked, a test message reaches the (local
 * fake) WeCom on request, and after the profile is set a broadcast reaches the robot from the api.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { call, makePasswordOrganizer, startTestApi, uniqueDbName } from '../support/api.js';
import {
  attributeOnceSet,
  button,
  expectText,
  field,
  h5BuildDir,
  h5Url,
  launchBrowser,
  shot,
  signInAs,
  visible,
  withPage,
} from '../support/browser.js';
import { startFakeWecom, type FakeWecom } from '../support/fakeWecom.js';
import { seed } from '../../api/src/commands/seed.js';
import type { RunningApi } from '../../api/src/server.js';

let api: RunningApi;
let browser: Browser;
let fake: FakeWecom;
let orgToken: string;
const USERNAME = 'org_wecom';
const PASSWORD = 'Kz-2026-wecom-robot!';
const KEY = randomUUID();

beforeAll(async () => {
  assert.ok(existsSync(path.join(h5BuildDir, 'index.html')), 'no H5 build: run the tests with `npm test` (it builds first)');
  fake = await startFakeWecom();
  api = await startTestApi(uniqueDbName('h5wecom'), {
    env: { H5_DIR: h5BuildDir, WECOM_API_BASE: fake.base, WECOM_POLL_MS: '0' },
  });
  orgToken = (await makePasswordOrganizer(api, { username: USERNAME, password: PASSWORD, name: '王组织' })).token;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await fake?.close();
});

const chip = (page: Page, group: string, name: string) =>
  visible(page.getByRole('group', { name: group, exact: true })).getByRole('checkbox', { name, exact: true });

test('organizer: 群组管理 → 添加企业微信群 (bad URL refused, key masked) → 发送测试消息 → profile → a broadcast reaches the robot, tagged 企业微信 in its report', async () => {
  const masked = `${KEY.slice(0, 4)}****${KEY.slice(-4)}`;
  await withPage(browser, 'wecom', async (page) => {
    await page.goto(h5Url(api.url, '/pages/login/index'));
    await field(page, '用户名').fill(USERNAME);
    await field(page, '密码').fill(PASSWORD);
    await button(page, '登录').click();
    await visible(page.locator('.weui-tabbar__item', { hasText: '我的' })).click();
    await visible(page.getByRole('link', { name: '群组管理' })).click();
    await expectText(page, '企业微信群粘贴群机器人地址添加');

    await button(page, '添加企业微信群').click();
    await field(page, '群名称').fill('上海技术转移企业微信群');
    await field(page, 'Webhook 地址').fill('https://example.com/cgi-bin/webhook/send?key=abc');
    await button(page, '添加机器人').click();
    await visible(page.getByRole('alert').filter({ hasText: '请粘贴企业微信群机器人的 Webhook 地址' })).waitFor();
    assert.equal(await attributeOnceSet(field(page, 'Webhook 地址'), 'aria-invalid', 'true'), 'true');
    await shot(page, 'wecom-01-bad-url');
    assert.equal(await api.deps.models.Group.countDocuments({}), 0, 'nothing saved');

    await field(page, 'Webhook 地址').fill(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`);
    await button(page, '添加机器人').click();
    await expectText(page, '企业微信群机器人');
    await expectText(page, `Webhook Key：${masked}`);
    await shot(page, 'wecom-02-added');

    await button(page, '发送测试消息').click();
    await visible(page.getByRole('status').filter({ hasText: '测试消息已发送，请在企业微信群里查看' })).waitFor();
    assert.equal(fake.posts.length, 1);
    assert.equal(fake.posts[0]!.key, KEY);
    assert.match(fake.posts[0]!.body.text!.content, /上海技术转移企业微信群/);
    await shot(page, 'wecom-03-test-sent');

    await chip(page, '地区', '上海').click();
    await chip(page, '主题', '概念验证').click();
    await button(page, '保存设置').click();
    await expectText(page, `Key ${masked}`);
    await shot(page, 'wecom-04-list');
    assert.ok(!(await page.content()).includes(KEY), 'the key is never on the page');
  });

  const groups = await call(api.url, 'GET', '/api/v1/groups', { token: orgToken });
  assert.ok(!groups.text.includes(KEY));
  const robot = groups.body.items[0] as { id: string; channel: string; profile: { regions: string[]; topics: string[] } };
  assert.equal(robot.channel, 'wecom');
  assert.deepEqual(robot.profile.regions, ['310000']);
  assert.deepEqual(robot.profile.topics, ['poc']);
  // WeChat rooms the bot is in, matching the same profile: the robot must stand out among them.
  await seed(api.deps.models);
  const b = await call(api.url, 'POST', '/api/v1/broadcasts', {
    token: orgToken,
    body: {
      title: '概念验证项目申报提醒',
      text: '本周五截止。',
      audience: { kind: 'filter', regions: ['310000'], topics: ['poc'] },
      schedule: { kind: 'now' },
    },
  });
  assert.equal(b.status, 201, b.text);
  assert.equal(await api.wecom.runOnce(), 1);
  assert.equal(fake.posts.length, 2);
  assert.equal(fake.posts[1]!.body.msgtype, 'markdown');
  assert.match(fake.posts[1]!.body.markdown!.content, /^\*\*【通知】概念验证项目申报提醒\*\*/);

  // The report and its recipients list tag the robot 企业微信, and only the robot.
  await withPage(browser, 'wecom-report', async (page) => {
    await signInAs(page, api.url, orgToken);
    await page.goto(h5Url(api.url, `/organizer/broadcasts/report?id=${b.body.id}`));
    await expectText(page, '各群发送情况');
    const rows = (name: string) => page.locator('.org-row', { has: page.locator('.card__title', { hasText: name }) });
    const robotRows = rows('上海技术转移企业微信群');
    await visible(robotRows.first().locator('.org-channel-tag', { hasText: '企业微信' })).waitFor();
    assert.equal(
      await robotRows.locator('.org-channel-tag').filter({ visible: true }).count(),
      2,
      'in the report and the recipients',
    );
    const roomRows = rows('上海概念验证中心交流群');
    assert.equal(await roomRows.filter({ visible: true }).count(), 2, 'the WeChat room is listed in both too');
    assert.equal(await roomRows.locator('.org-channel-tag').count(), 0, 'a WeChat room gets no tag');
    // The robot's delivery went out: 已发送 as a green status, and no "尝试 0 次" beside it.
    const sent = visible(robotRows.first().locator('.status-tag', { hasText: '已发送' }));
    await sent.waitFor();
    assert.match((await sent.getAttribute('class')) ?? '', /status-tag--success/);
    assert.equal(await visible(page.getByText(/尝试 0 次/)).count(), 0, '已发送 needs no attempt count');
    await shot(page, 'wecom-05-broadcast-report');
  });
});
