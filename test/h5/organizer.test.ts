/**
 * An organizer in the H5 build (Chromium, phone-sized), against a real api: password login, an event created and
 * published from the form, then a broadcast composed for matching groups, previewed, scheduled and reported on.
 * Each step leaves a screenshot in test/h5/.screenshots/.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, makePasswordOrganizer, startTestApi, uniqueDbName } from '../support/api.js';
import {
  button,
  expectText,
  field,
  h5BuildDir,
  h5Url,
  launchBrowser,
  pickDateTime,
  shot,
  visible,
  withPage,
} from '../support/browser.js';
import { signToken } from '../../api/src/auth/tokens.js';
import type { RunningApi } from '../../api/src/server.js';

let api: RunningApi;
let browser: Browser;
let orgToken: string;
const USERNAME = 'org_zhang';
const PASSWORD = 'Kz-2026-organizer!';

beforeAll(async () => {
  assert.ok(existsSync(path.join(h5BuildDir, 'index.html')), 'no H5 build: run the tests with `npm test` (it builds first)');
  api = await startTestApi(uniqueDbName('h5org'), { env: { H5_DIR: h5BuildDir } });
  orgToken = (await makePasswordOrganizer(api, { username: USERNAME, password: PASSWORD, name: '张组织' })).token;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** A chip of a labelled chip group: radios for single choices (发送范围, 发送方式, 类型), checkboxes for facets. */
function chip(page: Page, group: string, name: string) {
  const single = ['发送范围', '发送方式', '类型', '重复'].includes(group);
  return visible(page.getByRole(single ? 'radiogroup' : 'group', { name: group, exact: true })).getByRole(
    single ? 'radio' : 'checkbox',
    { name, exact: true },
  );
}

/** `YYYY-MM-DD HH:mm` in Shanghai time, `days` from now at `hhmm`. */
function shanghai(days: number, hhmm: string): { text: string; iso: string } {
  const day = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000);
  const date = day.toISOString().slice(0, 10);
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const iso = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h - 8, m)).toISOString();
  return { text: `${date} ${hhmm}`, iso };
}

async function createGroup(roomId: string, topic: string, regions: string[], topics: string[]) {
  const r = await call(api.url, 'POST', '/api/v1/groups', {
    token: orgToken,
    body: { roomId, topic, profile: { regions, topics, audiences: [], keywords: [] } },
  });
  assert.equal(r.status, 201, r.text);
  return r.body as { id: string; topic: string };
}

test('organizer: login → 活动管理 → 新建活动 → 保存并发布 → 群发管理 → 新建群发 → 预览 → 保存群发 → report', async () => {
  await createGroup('1001@chatroom', '上海概念验证中心交流群', ['310000'], ['poc']);
  await createGroup('1002@chatroom', '长三角成果转化对接群', ['310000', '320000'], ['poc', 'tto']);
  await createGroup('1003@chatroom', '广东知识产权运营群', ['440000'], ['ip']);
  const starts = shanghai(12, '14:00');
  const sendAt = shanghai(3, '09:30');
  const title = '上海概念验证项目路演（H5 创建）';

  await withPage(browser, 'organizer', async (page) => {
    await page.goto(h5Url(api.url, '/pages/login/index'));
    await expectText(page, '组织者登录');
    await field(page, '用户名').fill(USERNAME);
    await field(page, '密码').fill(PASSWORD);
    assert.equal(await field(page, '密码').getAttribute('type'), 'password', 'the password is masked');
    await shot(page, 'organizer-01-login');
    await button(page, '登录').click();

    await visible(page.locator('.weui-tabbar__item', { hasText: '我的' })).click();
    await expectText(page, '组织者工具');
    await shot(page, 'organizer-02-me');
    await visible(page.getByRole('link', { name: '活动管理' })).click();
    await button(page, '新建活动').click();
    await field(page, '标题').waitFor();
    await shot(page, 'organizer-03-new-event');

    await field(page, '标题').fill(title);
    const [startDate] = await pickDateTime(page, '开始时间', starts.text);
    await field(page, '名额').fill('30');
    assert.equal(await field(page, '名额').getAttribute('inputmode'), 'numeric', 'capacity opens the number keyboard');
    await chip(page, '地区', '上海').click();
    await chip(page, '主题', '概念验证').click();
    assert.equal(await chip(page, '地区', '上海').getAttribute('aria-checked'), 'true');
    await shot(page, 'organizer-04-event-filled');
    await startDate.scrollIntoViewIfNeeded();
    await shot(page, 'organizer-04a-event-time-pickers');
    await button(page, '保存并发布').click();
    // The publish step first shows who will receive the event, and why.
    await expectText(page, '发布后将推送到 2 个群：');
    await expectText(page, '原因：上海 · 概念验证');
    await shot(page, 'organizer-04b-event-review');
    await button(page, '确认发布').click();
    await expectText(page, title);
    await shot(page, 'organizer-05-events-published');

    const events = await call(api.url, 'GET', '/api/v1/events', { token: orgToken });
    const created = (events.body.items as { id: string; title: string; status: string; startsAt: string }[]).find(
      (e) => e.title === title,
    );
    assert.ok(created, `the event is listed publicly: ${events.text.slice(0, 300)}`);
    assert.equal(created.status, 'published');
    assert.equal(created.startsAt, starts.iso, 'the start time is read as Shanghai time');
    const full = await call(api.url, 'GET', `/api/v1/events/${created.id}`);
    assert.equal(full.body.registration.capacity, 30);
    assert.deepEqual(full.body.regions, ['310000']);
    assert.deepEqual(full.body.topics, ['poc']);

    // Back (the browser's back, as a phone user would swipe) to 我的 → 群发管理.
    await page.goBack();
    await visible(page.getByRole('link', { name: '群发管理' })).click();
    await button(page, '新建群发').click();
    await field(page, '群发标题').waitFor();
    await field(page, '群发标题').fill('路演报名即将截止');
    await field(page, '群发内容').fill('本周五 18:00 截止报名，名额有限，欢迎转发。');
    await chip(page, '发送范围', '按条件筛选').click();
    await chip(page, '地区', '上海').click();
    await chip(page, '主题', '概念验证').click();
    await chip(page, '发送方式', '定时发送').click();
    await pickDateTime(page, '发送时间', sendAt.text);
    await shot(page, 'organizer-06-broadcast-filled');

    await button(page, '预览').click();
    await expectText(page, '将发送到 2 个群');
    await expectText(page, '上海概念验证中心交流群');
    await expectText(page, '长三角成果转化对接群');
    assert.equal(await visible(page.getByText('广东知识产权运营群')).count(), 0, 'the non-matching group is not a recipient');
    await shot(page, 'organizer-07-broadcast-preview');

    await button(page, '保存群发').click();
    await expectText(page, '群发报告');
    await expectText(page, '路演报名即将截止');
    await button(page, '刷新').waitFor();
    await shot(page, 'organizer-08-broadcast-report');

    const list = await call(api.url, 'GET', '/api/v1/broadcasts', { token: orgToken });
    const saved = (
      list.body.items as { id: string; title: string; status: string; schedule: { kind: string; at?: string } }[]
    ).find((b) => b.title === '路演报名即将截止');
    assert.ok(saved, `the broadcast is stored: ${list.text.slice(0, 300)}`);
    assert.equal(saved.schedule.kind, 'once');
    assert.equal(saved.schedule.at, sendAt.iso);
    assert.equal(saved.status, 'scheduled');
    assert.match(page.url(), new RegExp(`#/organizer/broadcasts/report\\?id=${saved.id}`));
    const preview = await call(api.url, 'GET', `/api/v1/broadcasts/${saved.id}/preview`, { token: orgToken });
    assert.deepEqual(preview.body.groups.map((g: { topic: string }) => g.topic).sort(), [
      '上海概念验证中心交流群',
      '长三角成果转化对接群',
    ]);
  });
});

test('organizer login: a wrong password is refused on the page, and a user account cannot open the tools', async () => {
  await withPage(browser, 'organizer-denied', async (page) => {
    await page.goto(h5Url(api.url, '/pages/login/index'));
    await field(page, '用户名').fill(USERNAME);
    await field(page, '密码').fill('wrong-password');
    await button(page, '登录').click();
    await visible(page.getByRole('alert').filter({ hasText: '用户名或密码错误' })).waitFor();
    await shot(page, 'organizer-denied-01-wrong-password');
    assert.match(page.url(), /#\/pages\/login\/index/, 'still on the login page');

    // Signed in as an ordinary (trial) user instead: the organizer pages say so rather than failing.
    await field(page, '昵称').fill('普通用户');
    await button(page, '体验登录').click();
    await visible(page.locator('.weui-tabbar__item', { hasText: '我的' })).waitFor();
    await page.goto(h5Url(api.url, '/organizer/events/index'));
    await expectText(page, '仅组织者可用');
    await expectText(page, '当前账号没有组织者权限');
    assert.equal(await visible(page.getByRole('button', { name: '新建活动' })).count(), 0);
    await shot(page, 'organizer-denied-02-gate');
  });
});

test('organizer lists open on 我的, the event form offers co-organizers by name, and a removed role signs out with a notice', async () => {
  const username = 'org_li';
  const password = 'Kz-2026-second-org!';
  const li = await makePasswordOrganizer(api, { username, password, name: '李协办' });
  const admin = await api.deps.models.User.create({ openid: 'h5-admin', roles: ['admin'], name: '管理员' });
  const adminToken = signToken(api.deps.env, String(admin._id), ['admin']).token;

  await withPage(browser, 'organizer-revoked', async (page) => {
    await page.goto(h5Url(api.url, '/pages/login/index'));
    await field(page, '用户名').fill(username);
    await field(page, '密码').fill(password);
    await button(page, '登录').click();
    await visible(page.locator('.weui-tabbar__item', { hasText: '我的' })).waitFor();

    await page.goto(h5Url(api.url, '/organizer/events/index'));
    await expectText(page, '仅显示我创建或协办的活动');
    await visible(page.getByRole('button', { name: '新建活动' })).click();
    // The other organizer is offered by name (the caller is not).
    await chip(page, '协办方', '张组织').scrollIntoViewIfNeeded();
    assert.equal(await page.getByRole('checkbox', { name: '李协办', exact: true }).count(), 0);
    await shot(page, 'organizer-revoked-01-coorganizers');

    const removed = await call(api.url, 'PATCH', `/api/v1/users/${li.id}`, { token: adminToken, body: { roles: [] } });
    assert.equal(removed.status, 200, removed.text);

    await page.goto(h5Url(api.url, '/organizer/events/index'));
    await visible(page.getByRole('alert').filter({ hasText: '您已退出登录：您的账号权限已变更，请重新登录' })).waitFor();
    assert.match(page.url(), /#\/pages\/login\/index/);
    await shot(page, 'organizer-revoked-02-signed-out');
  });
});

test('a recurring broadcast is chosen (每周 一、三 18:30), read back as a phrase, stored as its cron, never shown as cron', async () => {
  await withPage(browser, 'organizer-recurring', async (page) => {
    await page.goto(h5Url(api.url, '/pages/login/index'));
    await field(page, '用户名').fill(USERNAME);
    await field(page, '密码').fill(PASSWORD);
    await button(page, '登录').click();
    await visible(page.locator('.weui-tabbar__item', { hasText: '我的' })).waitFor();
    await page.goto(h5Url(api.url, '/organizer/broadcasts/edit'));
    await field(page, '群发标题').fill('每周政策速递');
    await field(page, '群发内容').fill('本周新发布的成果转化政策，请查收。');
    await chip(page, '发送方式', '周期发送').click();
    // Defaults: every Monday at 09:00, shown as a phrase.
    await visible(
      page.getByRole('status', { name: '重复规则' }).filter({ hasText: '按「每周一 09:00」发送（上海时间）' }),
    ).waitFor();
    await visible(
      page.getByRole('group', { name: '星期', exact: true }).getByRole('checkbox', { name: '周三', exact: true }),
    ).click();
    const time = field(page, '发送时刻');
    assert.equal(await time.getAttribute('type'), 'time', 'the time is picked, not typed');
    await time.fill('18:30');
    await expectText(page, '按「每周一、三 18:30」发送（上海时间）');
    // Another kind reads as its own phrase; coming back keeps the week days.
    await chip(page, '重复', '每月').click();
    await expectText(page, '按「每月1日 18:30」发送（上海时间）');
    await chip(page, '重复', '每周').click();
    await expectText(page, '按「每周一、三 18:30」发送（上海时间）');
    await shot(page, 'organizer-09-recurring-broadcast');
    assert.equal(await visible(page.getByText(/\d+ \d+ \* \*/)).count(), 0, 'no cron on the form');

    await button(page, '保存群发').click();
    await expectText(page, '群发报告');
    await expectText(page, /发送时间：每周一、三 18:30（上海时间）/);
    assert.equal(await visible(page.getByText(/cron|\* \*/)).count(), 0, 'the report shows the phrase, not the cron');
    await shot(page, 'organizer-10-recurring-report');

    const list = await call(api.url, 'GET', '/api/v1/broadcasts', { token: orgToken });
    const saved = (list.body.items as { title: string; schedule: { kind: string; cron?: string } }[]).find(
      (b) => b.title === '每周政策速递',
    );
    assert.ok(saved, list.text.slice(0, 300));
    assert.deepEqual({ kind: saved.schedule.kind, cron: saved.schedule.cron }, { kind: 'cron', cron: '30 18 * * 1,3' });
  });
});
