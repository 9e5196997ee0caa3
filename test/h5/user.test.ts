/**
 * A user in the H5 build (Chromium, phone-sized), against a real api: from the home page to a ticket and back out
 * again, and a pushed link opened cold. Each step leaves a screenshot in test/h5/.screenshots/.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, makeUser, publishedEvent, startTestApi, uniqueDbName } from '../support/api.js';
import {
  attributeOnceSet,
  button,
  expectText,
  field,
  h5BuildDir,
  h5Url,
  launchBrowser,
  shot,
  visible,
  widthOnceLaidOut,
  withPage,
} from '../support/browser.js';
import type { RunningApi } from '../../api/src/server.js';

let api: RunningApi;
let browser: Browser;
let org: { id: string; token: string };

beforeAll(async () => {
  assert.ok(existsSync(path.join(h5BuildDir, 'index.html')), 'no H5 build: run the tests with `npm test` (it builds first)');
  api = await startTestApi(uniqueDbName('h5user'), { env: { H5_DIR: h5BuildDir } });
  org = await makeUser(api, ['organizer']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** The registrations of an event as its organizer sees them. */
async function registrations(eventId: string) {
  const r = await call(api.url, 'GET', `/api/v1/events/${eventId}/registrations`, { token: org.token });
  assert.equal(r.status, 200, r.text);
  return r.body.items as { id: string; status: string; name: string; org: string; ticketCode: string; source: string | null }[];
}

async function seatsLeft(eventId: string): Promise<number> {
  const r = await call(api.url, 'GET', `/api/v1/events/${eventId}`);
  return r.body.availability.seatsLeft;
}

/** The login page's trial login, then back to where the user was going. */
async function trialLogin(page: Page, nickname: string, step: string) {
  await button(page, '体验登录').waitFor();
  await field(page, '昵称').fill(nickname);
  await shot(page, `${step}-login`);
  await button(page, '体验登录').click();
}

/** Fills the sign-up form (姓名 may be prefilled from the login nickname). */
async function fillSignup(page: Page, values: { name: string; org: string; phone: string }) {
  await field(page, '姓名').fill(values.name);
  await field(page, '单位').fill(values.org);
  await field(page, '手机号').fill(values.phone);
}

test('user: home → events → detail → sign up (a bad phone first) → ticket → cancel frees the seat', async () => {
  const policy = await call(api.url, 'POST', '/api/v1/policies', {
    token: org.token,
    body: { title: '北京市“先使用后付费”试点工作方案', issuer: '北京市科学技术委员会', regions: ['110000'], topics: ['poc'] },
  });
  assert.equal(policy.status, 201, policy.text);
  await call(api.url, 'POST', `/api/v1/policies/${policy.body.id}/publish`, { token: org.token });
  const event = await publishedEvent(api, org.token, { title: '高校科技成果供需对接会', registration: { capacity: 5 } });

  await withPage(browser, 'user', async (page) => {
    await page.goto(h5Url(api.url));
    await expectText(page, '北京市“先使用后付费”试点工作方案');
    await expectText(page, '高校科技成果供需对接会');
    await shot(page, 'user-01-home');

    // The 活动 tab: the list of upcoming events.
    await visible(page.locator('.weui-tabbar__item', { hasText: '活动' })).click();
    await expectText(page, /共 1 场活动/);
    await shot(page, 'user-02-event-list');

    await (await expectText(page, '高校科技成果供需对接会')).click();
    await expectText(page, '报名中（剩余 5 席）');
    assert.match(page.url(), new RegExp(`#/pages/event/detail\\?id=${event.id}`));
    // The short code people type in the group is on the page.
    assert.match(String(event.code), /^[2-9A-HJKMNP-Z]{6}$/);
    await expectText(page, `${String(event.code)}（群内发送「报名 ${String(event.code)}」获取报名链接）`);
    await shot(page, 'user-03-event-detail');

    // Signed out: 立即报名 leads to login, and login leads back to the form.
    await button(page, '立即报名').click();
    await trialLogin(page, '王小明', 'user-04');
    await button(page, '提交报名').waitFor();
    assert.match(page.url(), /#\/pages\/event\/signup\?/);
    await shot(page, 'user-05-signup-form');

    await fillSignup(page, { name: '王小明', org: '清华大学技术转移研究院', phone: '1380013800' });
    await button(page, '提交报名').click();
    const phoneRow = visible(page.locator('.form-field', { has: page.getByLabel('手机号', { exact: true }) }));
    await phoneRow.locator('.field-error', { hasText: '请输入有效的中国大陆手机号' }).waitFor();
    assert.equal(await page.locator('.field-error').filter({ visible: true }).count(), 1, 'only the phone is flagged');
    assert.equal(await attributeOnceSet(field(page, '手机号'), 'aria-invalid', 'true'), 'true');
    await shot(page, 'user-06-signup-bad-phone');
    assert.deepEqual(await registrations(event.id), [], 'nothing was written');

    await field(page, '手机号').fill('13800138000');
    await button(page, '提交报名').click();
    await expectText(page, '报名成功');
    await shot(page, 'user-07-result');
    const [reg] = await registrations(event.id);
    assert.ok(reg, 'the registration is stored');
    assert.equal(reg.status, 'confirmed');
    assert.equal(reg.name, '王小明');
    assert.equal(reg.org, '清华大学技术转移研究院');
    assert.equal(reg.source, null, 'no tracking code without a pushed link');
    assert.equal(await seatsLeft(event.id), 4);

    await button(page, '查看我的票').click();
    await expectText(page, `票码 ${reg.ticketCode}`);
    const qr = visible(page.getByRole('img', { name: `入场二维码 ${reg.ticketCode}` }));
    await qr.waitFor();
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml/);
    assert.ok((await widthOnceLaidOut(qr, 100)) > 100, 'the QR code is big enough to scan');
    await shot(page, 'user-08-ticket');

    await button(page, '取消报名').click();
    await expectText(page, '确认取消');
    await shot(page, 'user-09-cancel-confirm');
    await button(page, '确定').click();
    await expectText(page, '已取消');
    await visible(page.getByText(`票码 ${reg.ticketCode}`))
      .waitFor({ state: 'hidden', timeout: 5000 })
      .catch(() => assert.fail('the ticket is still shown after cancelling'));
    await shot(page, 'user-10-cancelled');
    const [after] = await registrations(event.id);
    assert.equal(after?.status, 'cancelled');
    assert.equal(await seatsLeft(event.id), 5, 'the seat is free again');
  });
});

test('deep link: a pushed link opened cold renders the event, and the sign-up keeps its tracking code', async () => {
  const event = await publishedEvent(api, org.token, { title: '概念验证中心开放日', registration: { capacity: 3 } });

  await withPage(browser, 'deeplink', async (page) => {
    await page.goto(h5Url(api.url, `/pages/event/detail?id=${event.id}&t=abc123`));
    await expectText(page, '概念验证中心开放日');
    await expectText(page, '报名中（剩余 3 席）');
    await shot(page, 'deeplink-01-detail');

    await button(page, '立即报名').click();
    await trialLogin(page, '李四', 'deeplink-02');
    await button(page, '提交报名').waitFor();
    assert.match(page.url(), /[?&]t=abc123/, 'the tracking code survives the login round trip');
    await fillSignup(page, { name: '李四', org: '上海科技大学', phone: '139 0000 1111' });
    await shot(page, 'deeplink-03-signup');
    await button(page, '提交报名').click();
    await expectText(page, '报名成功');
    await shot(page, 'deeplink-04-result');

    const [reg] = await registrations(event.id);
    assert.equal(reg?.status, 'confirmed');
    assert.equal(reg?.source, 'abc123', 'the registration records which pushed link it came from');
  });
});

test('deep link: a hard reload of the sign-up form keeps the event and the tracking code', async () => {
  const event = await publishedEvent(api, org.token, { title: '成果转化路演（重载）' });
  const user = await makeUser(api);

  await withPage(browser, 'reload', async (page) => {
    // Signed in already (the session the login page stores), landing straight on the form.
    const me = await call(api.url, 'GET', '/api/v1/me', { token: user.token });
    const session = { token: user.token, expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString(), user: me.body };
    await page.goto(h5Url(api.url));
    // Taro's H5 storage keeps each value as {"data": …} in localStorage.
    await page.evaluate(
      (s) => (globalThis as any).localStorage.setItem('techbridge.session', JSON.stringify({ data: s })),
      session,
    );
    await page.goto(h5Url(api.url, `/pages/event/signup?id=${event.id}&t=wx-grp_9`));
    await page.reload();
    await button(page, '提交报名').waitFor();
    await expectText(page, '成果转化路演（重载）');
    await fillSignup(page, { name: '赵六', org: '中科院上海分院', phone: '13700001234' });
    await button(page, '提交报名').click();
    await expectText(page, '报名成功');
    const [reg] = await registrations(event.id);
    assert.equal(reg?.source, 'wx-grp_9');
  });
});
