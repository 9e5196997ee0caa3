/**
 * The finishing fixes of the H5 build (Chromium, phone-sized), against a real api: one colour per status, another
 * event id in the hash shows that event, a corrected phone clears its error at once, a program's window reads the
 * same on 首页 and 项目, a group the bot was invited into says 待完善画像, /favicon.ico is served, and a check-in
 * hours before the start asks first. Screenshots go to test/h5/.screenshots/.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BOT_TOKEN, call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName } from '../support/api.js';
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
import type { RunningApi } from '../../api/src/server.js';

let api: RunningApi;
let browser: Browser;
let org: { id: string; token: string };

beforeAll(async () => {
  assert.ok(existsSync(path.join(h5BuildDir, 'index.html')), 'no H5 build: run the tests with `npm test` (it builds first)');
  api = await startTestApi(uniqueDbName('h5polish'), { env: { H5_DIR: h5BuildDir } });
  org = await makeUser(api, ['organizer'], '王组织');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** The text colour of an element, as `rgb(r, g, b)`. */
const colour = (page: Page, selector: string) =>
  visible(page.locator(selector)).evaluate((el) => (globalThis as any).getComputedStyle(el).color as string);
// styles/theme.scss: $success, $info.
const GREEN = 'rgb(22, 138, 74)';
const BLUE = 'rgb(29, 111, 216)';

test('status colours: 报名中 green, a registration waiting for review blue (not green)', async () => {
  const event = await publishedEvent(api, org.token, {
    title: '概念验证项目路演（审核）',
    registration: { capacity: 5, approvalRequired: true },
  });
  const user = await makeUser(api, [], '路演方甲');
  const reg = await signUp(api, event.id, user.token, { role: 'presenter' });
  assert.equal(reg.status, 201, reg.text);
  assert.equal(reg.body.status, 'pending_approval');

  await withPage(browser, 'polish-status', async (page) => {
    await signInAs(page, api.url, user.token);
    await page.goto(h5Url(api.url, `/pages/event/detail?id=${event.id}`));
    await expectText(page, '概念验证项目路演（审核）');
    const state = visible(page.locator('.event-detail__state'));
    await state.waitFor();
    assert.match((await state.textContent()) ?? '', /报名中/);
    assert.equal(await colour(page, '.event-detail__state'), GREEN, '报名中 is green');
    const mine = visible(page.locator('.event-signup__status'));
    assert.equal((await mine.textContent())?.trim(), '待审核');
    assert.equal(await colour(page, '.event-signup__status'), BLUE, '待审核 is blue, never success-green');
    await shot(page, 'polish-01-status-colours');
  });
});

test('hash: another event id in the address shows that event, also with the detail page already in the stack', async () => {
  const a = await publishedEvent(api, org.token, { title: '甲：高校成果对接会' });
  const b = await publishedEvent(api, org.token, { title: '乙：知识产权运营沙龙' });
  const user = await makeUser(api, [], '孙九');
  await withPage(browser, 'polish-hash', async (page) => {
    const setHash = (route: string) =>
      page.evaluate((r) => {
        (globalThis as any).location.hash = `#${r}`;
      }, route);
    await signInAs(page, api.url, user.token);
    await page.goto(h5Url(api.url, `/pages/event/detail?id=${a.id}`));
    await expectText(page, '甲：高校成果对接会');
    // On to the sign-up form: the detail page of 甲 stays in Taro's page stack underneath.
    await button(page, '立即报名').click();
    await button(page, '提交报名').waitFor();
    // The address now names 乙: Taro finds "the detail page" in its stack and shows it again, still holding 甲.
    await setHash(`/pages/event/detail?id=${b.id}`);
    await expectText(page, '乙：知识产权运营沙龙');
    assert.equal(await visible(page.getByText('甲：高校成果对接会')).count(), 0, 'the first event is gone');
    await shot(page, 'polish-02-hash-other-event');
    // And once more on the same page instance.
    await setHash(`/pages/event/detail?id=${a.id}`);
    await expectText(page, '甲：高校成果对接会');
    assert.equal(await visible(page.getByText('乙：知识产权运营沙龙')).count(), 0);
  });
});

test('sign-up: a corrected phone clears its error at once, and the phone field opens the phone keypad', async () => {
  const event = await publishedEvent(api, org.token, { title: '技术经理人培训' });
  const user = await makeUser(api, [], '赵七');

  await withPage(browser, 'polish-phone', async (page) => {
    await signInAs(page, api.url, user.token);
    await page.goto(h5Url(api.url, `/pages/event/signup?id=${event.id}`));
    await button(page, '提交报名').waitFor();
    await field(page, '姓名').fill('赵七');
    await field(page, '单位').fill('同济大学');
    await field(page, '手机号').fill('1380013800');
    assert.equal(await field(page, '手机号').getAttribute('inputmode'), 'tel');
    await button(page, '提交报名').click();
    await visible(page.locator('.field-error', { hasText: '请输入有效的中国大陆手机号' })).waitFor();
    assert.equal(await attributeOnceSet(field(page, '手机号'), 'aria-invalid', 'true'), 'true');

    // Still wrong while typing: the message stays.
    await field(page, '手机号').fill('138001380');
    assert.equal(await visible(page.locator('.field-error', { hasText: '请输入有效的中国大陆手机号' })).count(), 1);
    // Corrected: gone at once, before any submit.
    await field(page, '手机号').fill('13800138000');
    await visible(page.locator('.field-error'))
      .waitFor({ state: 'hidden', timeout: 3000 })
      .catch(() => assert.fail('the phone error is still shown after the number was corrected'));
    // Taro's input web component copies props to the native input on its own render, a moment after the message.
    await visible(page.locator('input[aria-label="手机号"][aria-invalid="false"]'))
      .waitFor({ timeout: 3000 })
      .catch(() => assert.fail('the phone field is still marked invalid after the number was corrected'));
    await shot(page, 'polish-03-phone-corrected');
    const regs = await call(api.url, 'GET', `/api/v1/events/${event.id}/registrations`, { token: org.token });
    assert.equal(regs.body.items.length, 0, 'nothing was submitted');
  });
});

test('a program window reads the same on 首页 and 项目 (尚未开始, not 距截止)', async () => {
  const opens = new Date(Date.now() + 5 * 86400_000).toISOString();
  const closes = new Date(Date.now() + 40 * 86400_000).toISOString();
  const created = await call(api.url, 'POST', '/api/v1/programs', {
    token: org.token,
    body: {
      name: '技术转移加速计划（第二批）',
      regions: ['310000'],
      topics: ['tto'],
      applicationOpensAt: opens,
      applicationClosesAt: closes,
    },
  });
  assert.equal(created.status, 201, created.text);
  const published = await call(api.url, 'POST', `/api/v1/programs/${created.body.id}/publish`, { token: org.token });
  assert.equal(published.status, 200, published.text);

  await withPage(browser, 'polish-window', async (page) => {
    await page.goto(h5Url(api.url));
    const home = visible(page.locator('.home-program', { hasText: '技术转移加速计划（第二批）' }));
    await home.waitFor();
    const onHome = (await home.locator('.home-program__window').textContent())?.trim();
    await shot(page, 'polish-04-home-window');
    await page.goto(h5Url(api.url, '/pages/program/list'));
    const card = visible(page.locator('.program-card', { hasText: '技术转移加速计划（第二批）' }));
    await card.waitFor();
    const onList = (await card.locator('.program-card__window').textContent())?.trim();
    assert.equal(onHome, '尚未开始');
    assert.equal(onList, onHome, '首页 and 项目 say the same');
  });
});

test('a group the bot was invited into, without a profile, shows 待完善画像', async () => {
  const joined = await call(api.url, 'POST', '/api/v1/bot/rooms/joined', {
    token: BOT_TOKEN,
    body: { account: 'demo', roomId: '9001@chatroom', topic: '新拉的成果转化群' },
  });
  assert.equal(joined.status, 200, joined.text);
  const profiled = await call(api.url, 'POST', '/api/v1/groups', {
    token: org.token,
    body: {
      roomId: '9002@chatroom',
      topic: '上海概念验证群',
      profile: { regions: ['310000'], topics: ['poc'], audiences: [], keywords: [] },
    },
  });
  assert.equal(profiled.status, 201, profiled.text);
  const admin = await makeUser(api, ['admin'], '管理员');

  await withPage(browser, 'polish-group-profile', async (page) => {
    await signInAs(page, api.url, admin.token);
    await page.goto(h5Url(api.url, '/organizer/groups/index'));
    const invited = visible(page.locator('.org-row', { hasText: '新拉的成果转化群' }));
    await invited.waitFor();
    assert.equal((await invited.locator('.org-group__profile-todo').textContent())?.trim(), '待完善画像');
    const done = visible(page.locator('.org-row', { hasText: '上海概念验证群' }));
    assert.equal(await done.locator('.org-group__profile-todo').count(), 0, 'a group with a profile is not flagged');
    await shot(page, 'polish-05-group-profile-todo');
  });
});

test('/favicon.ico is served at the root and linked by the page', async () => {
  const res = await fetch(`${api.url}/favicon.ico`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/x-icon');
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 4)], [0, 0, 1, 0], 'an ICO file');
  const html = await (await fetch(`${api.url}/h5/`)).text();
  assert.match(html, /<link rel="icon" href="\/favicon\.ico"/);
});

test('check-in hours before the start asks first; 取消 checks nobody in, 确定 does', async () => {
  const event = await publishedEvent(api, org.token, { title: '下周的对接会' });
  const guest = await makeUser(api, [], '钱八');
  const reg = await signUp(api, event.id, guest.token);
  assert.equal(reg.status, 201, reg.text);
  const ticket = String(reg.body.ticketCode);
  const status = async () =>
    (
      (await call(api.url, 'GET', `/api/v1/events/${event.id}/registrations`, { token: org.token })).body.items as {
        status: string;
      }[]
    )[0]?.status;

  await withPage(browser, 'polish-checkin', async (page) => {
    await signInAs(page, api.url, org.token);
    await page.goto(h5Url(api.url, `/organizer/events/checkin?id=${event.id}`));
    await field(page, '票码').fill(ticket);
    await button(page, '签到').click();
    await expectText(page, '活动尚未开始');
    await expectText(page, /活动将于 .* 开始，距现在还有 \d+ 天/);
    await shot(page, 'polish-06-checkin-early-confirm');
    await visible(page.locator('.taro-modal__foot').getByText('取消', { exact: true })).click();
    await visible(page.getByText('活动尚未开始')).waitFor({ state: 'hidden' });
    assert.equal(await status(), 'confirmed', 'cancelled: nobody checked in');
    assert.equal(await visible(page.getByText('签到成功')).count(), 0);

    await button(page, '签到').click();
    await expectText(page, '活动尚未开始');
    await visible(page.locator('.taro-modal__foot').getByText('确定', { exact: true })).click();
    await expectText(page, '签到成功');
    assert.equal(await status(), 'checked_in');
  });
});
