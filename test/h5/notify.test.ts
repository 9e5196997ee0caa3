/**
 * Subscribe-message consent and event cancellation in the H5 build (Chromium), against a real api with
 * subscribe messages on. H5 has no requestSubscribeMessage: the page lists the messages and records consent
 * because the test api runs in development (development login on). WeChat itself is never called here.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { call, makePasswordOrganizer, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName } from '../support/api.js';
import {
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
import { notifyEnv } from '../support/fakeWechat.js';
import type { RunningApi } from '../../api/src/server.js';

let api: RunningApi;
let browser: Browser;
let orgToken: string;
const USERNAME = 'org_notify';
const PASSWORD = 'Kz-2026-notify!';

beforeAll(async () => {
  assert.ok(existsSync(path.join(h5BuildDir, 'index.html')), 'no H5 build: run the tests with `npm test` (it builds first)');
  // Port 9 (discard) on loopback: nothing is sent in these tests (NOTIFY_INTERVAL_MS=0).
  api = await startTestApi(uniqueDbName('h5notify'), { env: { H5_DIR: h5BuildDir, ...notifyEnv('http://127.0.0.1:9') } });
  orgToken = (await makePasswordOrganizer(api, { username: USERNAME, password: PASSWORD, name: '李组织' })).token;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

test('我的订阅: the messages and what each says, consent recorded in development, credits shown', async () => {
  await withPage(browser, 'notify-consent', async (page) => {
    await page.goto(h5Url(api.url, '/pages/login/index'));
    await field(page, '昵称').fill('王研究员');
    await button(page, '体验登录').click();
    await visible(page.locator('.weui-tabbar__item', { hasText: '我的' })).waitFor();
    await page.goto(h5Url(api.url, '/pages/me/subscriptions'));
    await expectText(page, '消息提醒');
    await expectText(page, '候补到名额时告诉您，并写明确认截止时间');
    await expectText(page, '您报名的活动取消时告诉您，并写明原因');
    await shot(page, 'notify-01-panel');
    await button(page, '订阅报名与候补提醒（开发模式）').click();
    await expectText(page, '可接收 1 条');
    await shot(page, 'notify-02-subscribed');
    const user = await api.deps.models.User.findOne({ name: '王研究员' }).lean();
    const credits = await api.deps.models.Consent.find({ user: user!._id }).lean();
    assert.deepEqual(
      Object.fromEntries(credits.map((c) => [c.kind, c.credits])),
      { registration_result: 1, waitlist_offer: 1, event_reminder: 1 },
      'one credit for each of the three templates shown on the button',
    );
  });
});

test('organizer cancels an event: the reason is required, the confirmation says who will be told; 我的报名 says it is off', async () => {
  const event = await publishedEvent(api, orgToken, { title: '科技金融路演（H5 取消测试）' });
  const attendee = await makeUser(api);
  const signed = await signUp(api, event.id, attendee.token);
  assert.equal(signed.status, 201);

  await withPage(browser, 'notify-cancel', async (page) => {
    await page.goto(h5Url(api.url, '/pages/login/index'));
    await field(page, '用户名').fill(USERNAME);
    await field(page, '密码').fill(PASSWORD);
    await button(page, '登录').click();
    await visible(page.locator('.weui-tabbar__item', { hasText: '我的' })).waitFor();
    await page.goto(h5Url(api.url, `/organizer/events/edit?id=${event.id}`));
    await expectText(page, '当前状态：已发布');

    await button(page, '取消活动').click();
    await expectText(page, '请填写取消原因（至少 2 个字）');
    await field(page, '取消原因').fill('主讲嘉宾行程冲突');
    await button(page, '取消活动').click();
    await expectText(page, '通知 1 位报名者和 0 个群');
    await shot(page, 'notify-03-cancel-confirm');
    await visible(page.locator('.taro-modal__foot').getByText('确定', { exact: true })).click();
    await expectText(page, '当前状态：已取消（主讲嘉宾行程冲突）');
    await shot(page, 'notify-04-cancelled');
  });
  const after = await call(api.url, 'GET', `/api/v1/events/${event.id}`, { token: orgToken });
  assert.equal(after.body.status, 'cancelled');
  assert.equal(await api.deps.models.Notification.countDocuments({ event: event.id, kind: 'event_cancelled' }), 1);

  // The attendee's 我的报名 and result page say plainly that it is off, and why: no ticket, nothing to cancel.
  await withPage(browser, 'notify-mine', async (page) => {
    await signInAs(page, api.url, attendee.token);
    await page.goto(h5Url(api.url, '/pages/me/registrations'));
    const card = visible(page.locator('.reg-card', { hasText: '科技金融路演（H5 取消测试）' }));
    await card.getByText('活动已取消', { exact: true }).waitFor();
    await card.getByText('取消原因：主讲嘉宾行程冲突').waitFor();
    assert.equal(await card.getByRole('img', { name: /入场二维码/ }).count(), 0, 'no ticket QR for a cancelled event');
    assert.equal(await card.getByText(/票码/).count(), 0);
    assert.equal(await card.getByRole('button', { name: '取消报名' }).count(), 0, 'nothing left to cancel');
    await shot(page, 'notify-05-my-registrations-cancelled');

    // The event's own page: the alert at the top, and 我的报名 there says 活动已取消, not 报名成功.
    await page.goto(h5Url(api.url, `/pages/event/detail?id=${event.id}`));
    await expectText(page, '活动已取消：主讲嘉宾行程冲突');
    await visible(page.locator('.event-signup__status', { hasText: '活动已取消' })).waitFor();
    await button(page, '查看我的报名').waitFor();
    assert.equal(await page.getByText('报名成功').filter({ visible: true }).count(), 0);

    await page.goto(h5Url(api.url, `/pages/event/result?id=${event.id}&regId=${signed.body.id}`));
    await expectText(page, '取消原因：主讲嘉宾行程冲突');
    await visible(page.locator('.result__title', { hasText: '活动已取消' })).waitFor();
    await button(page, '查看我的报名').waitFor();
    await shot(page, 'notify-06-result-cancelled');
  });
});
