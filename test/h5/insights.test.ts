/**
 * The insights screens in the H5 build (Chromium at 390×844) against a real api with real data: an event is
 * published (its push is planned for every matching group), the bot sends what is due and reports one failure,
 * the api posts to a 企业微信 robot (a local fake), people open the pushed links and sign up with their codes over
 * three days, one is checked in, and a forwarded link is opened in the browser (the detail page records it). Then 活动数据, 推送效果 and 群数据 must show in their tables exactly what the api
 * returns, draw their charts (pixels in the canvas, in the chart's colour), export the same CSV the api serves,
 * and show a guide instead of empty charts where nothing was pushed yet. Screenshots: docs/screenshots/insights-*.png.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, makeUser, publishedEvent, signUp } from '../support/api.js';
import {
  button,
  expectText,
  h5BuildDir,
  h5Url,
  keepForDocs,
  launchBrowser,
  shot,
  signInAs,
  visible,
  withPage,
} from '../support/browser.js';
import { startFakeWecom, type FakeWecom } from '../support/fakeWecom.js';
import { createBroadcast, DAY, deliverForDays, world, type World } from '../api/broadcasts/helpers.js';

let w: World;
let fake: FakeWecom;
let browser: Browser;
let eventId: string;
let broadcastId: string;
/** The 概念验证 room with most opens and sign-ups; a room whose send fails; one that was never pushed. */
let g1: string;
let g2: string;
let quietGroup: string;
const codeOf = new Map<string, string>();

beforeAll(async () => {
  assert.ok(existsSync(path.join(h5BuildDir, 'index.html')), 'no H5 build: run the tests with `npm test` (it builds first)');
  fake = await startFakeWecom();
  w = await world('h5insights', {
    env: { WECOM_API_BASE: fake.base, DELIVERY_MAX_ATTEMPTS: '1', H5_DIR: h5BuildDir },
  });
  const robot = await call(w.a.url, 'POST', '/api/v1/groups/wecom', {
    token: w.organizer.token,
    body: {
      webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${randomUUID()}`,
      topic: '上海概念验证企业微信群',
      profile: { regions: ['310000'], topics: ['poc'], audiences: [], keywords: [] },
    },
  });
  assert.equal(robot.status, 201, robot.text);
  eventId = (await publishedEvent(w.a, w.organizer.token, { registration: { capacity: 3 } })).id;
  const deliveries: any[] = await w.a.deps.models.Delivery.find({}).lean();
  broadcastId = String(deliveries[0].broadcast);
  for (const d of deliveries) codeOf.set(String(d.group), d.trackingCode);
  g1 = w.groups.get('sh-poc@chatroom')!;
  g2 = [...codeOf.keys()].find((g) => g !== g1 && deliveries.some((d) => String(d.group) === g && d.channel === 'wechat'))!;
  quietGroup = [...w.groups.values()].find((g) => !codeOf.has(g))!;
  assert.ok(g1 && g2 && quietGroup && codeOf.has(robot.body.id));

  // The bot sends what is due over three days (digest groups and quiet hours wait); g2's send fails.
  await deliverForDays(w, 3, g2);

  // People open the links and sign up with their codes: three through g1's push, one through the robot's, one
  // through the bot's 报名 link in g1's chat, one with no code at all.
  const open = (t: string, token: string) =>
    call(w.a.url, 'POST', '/api/v1/opens', { token, body: { t, page: { kind: 'event', id: eventId } } });
  const plan: (string | undefined)[] = [
    codeOf.get(g1),
    codeOf.get(g1),
    codeOf.get(robot.body.id),
    codeOf.get(g1),
    `chat-${g1}`,
    undefined,
  ];
  let ticket = '';
  for (const [i, code] of plan.entries()) {
    const user = await makeUser(w.a);
    if (code) assert.equal((await open(code, user.token)).status, 200);
    const reg = await signUp(w.a, eventId, user.token, code ? { source: code } : {});
    assert.equal(reg.status, 201, reg.text);
    if (i === 0) ticket = reg.body.ticketCode;
  }
  // Registration times come from mongoose's own clock, not the api's test clock: spread the sign-ups over three
  // days the way the api test does, so the trend has a shape (2 two days ago, 2 yesterday, 2 today).
  const regs: any[] = await w.a.deps.models.Registration.find({ event: eventId }).sort({ _id: 1 }).lean();
  for (const [i, r] of regs.entries()) {
    const daysAgo = 2 - Math.floor(i / 2);
    if (daysAgo > 0) {
      await w.a.deps.models.Registration.collection.updateOne(
        { _id: r._id },
        { $set: { createdAt: new Date(r.createdAt.getTime() - daysAgo * DAY) } },
      );
    }
  }
  browser = await launchBrowser();
  // g2's push failed, but its link was forwarded: someone opens it in the browser, not signed in, and the detail
  // page records the open itself (as an anonymous visitor).
  await withPage(browser, 'insights-forwarded-open', async (page) => {
    await page.goto(h5Url(w.a.url, `/pages/event/detail?id=${eventId}&t=${codeOf.get(g2)}`));
    await expectText(page, '2026 上海概念验证项目路演');
    for (let i = 0; i < 50 && (await w.a.deps.models.Open.countDocuments({ code: codeOf.get(g2) })) === 0; i++) {
      await page.waitForTimeout(100);
    }
  });
  assert.equal(await w.a.deps.models.Open.countDocuments({ code: codeOf.get(g2) }), 1, 'the page recorded the open');
  const checkin = await call(w.a.url, 'POST', `/api/v1/events/${eventId}/checkin`, {
    token: w.organizer.token,
    body: { ticketCode: ticket },
  });
  assert.equal(checkin.status, 200, checkin.text);
});
afterAll(async () => {
  await browser?.close();
  await w?.stopAll();
  await fake?.close();
});

const get = async (p: string) => {
  const res = await call(w.a.url, 'GET', `/api/v1${p}`, { token: w.organizer.token });
  assert.equal(res.status, 200, res.text);
  return res.body;
};
const CHANNEL: Record<string, string> = { wechat: '微信群', wecom: '企业微信群' };
const pct = (n: number, of: number) => (of > 0 ? `${Math.round((n * 100) / of)}%` : '—');
const dayText = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The body rows of the visible table named `caption`, as the cells' texts. */
async function tableRows(page: Page, caption: string): Promise<string[][]> {
  const table = visible(page.getByRole('table', { name: caption, exact: true }));
  await table.waitFor();
  return table.evaluate((el) =>
    Array.from(el.querySelectorAll('[role=row]'))
      .slice(1)
      .map((row) => Array.from(row.querySelectorAll('[role=cell]')).map((c) => (c.textContent ?? '').trim())),
  );
}

/**
 * Waits until the chart of section `caption` has painted: how many of its canvas pixels are not transparent, and
 * how many are in colour (bars and lines; axes, grid and labels are grey), so a frame without data does not pass.
 */
async function chartPixels(page: Page, caption: string): Promise<{ painted: number; colored: number; total: number }> {
  const canvas = visible(page.getByRole('img', { name: `${caption}图表`, exact: true })).locator('canvas');
  await canvas.waitFor();
  let last = { painted: 0, colored: 0, total: 0 };
  for (let i = 0; i < 50; i++) {
    last = await canvas.evaluate((c: any) => {
      const data: Uint8ClampedArray = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      let colored = 0;
      for (let p = 0; p < data.length; p += 4) {
        if (data[p + 3]! === 0) continue;
        painted++;
        const [r, g, b] = [data[p]!, data[p + 1]!, data[p + 2]!];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 80) colored++;
      }
      return { painted, colored, total: data.length / 4 };
    });
    if (last.colored > 0) break;
    await page.waitForTimeout(100);
  }
  assert.ok(last.painted > last.total * 0.01 && last.colored > 200, `${caption}: the chart is drawn ${JSON.stringify(last)}`);
  return last;
}

/** A screenshot, kept in docs/screenshots/insights-<name>.png by `npm run screenshots`, scrolled to `at` first (the page scrolls inside Taro's container). */
async function docShot(page: Page, name: string, at?: string) {
  if (at)
    await visible(page.getByRole('heading', { name: at, exact: true })).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  keepForDocs(await shot(page, `insights-${name}`), `insights-${name}`);
}

test('活动数据: funnel, sign-ups over time, per channel and per group as the api counts them; CSV as the api serves it', async () => {
  const x = await get(`/events/${eventId}/insights`);
  // What the seeding above must have produced, so the screen is checked against figures that mean something.
  assert.equal(x.totals.signedUp, 5);
  assert.equal(x.allRegistrations.signedUp, 6);
  assert.equal(x.totals.checkedIn, 1);
  assert.equal(x.signupsOverTime.filter((d: any) => d.signedUp > 0).length, 3);

  await withPage(browser, 'insights-event', async (page) => {
    await signInAs(page, w.a.url, w.organizer.token);
    await page.goto(h5Url(w.a.url, `/organizer/events/registrants?id=${eventId}`));
    await button(page, '导出 CSV').waitFor();
    await shot(page, 'insights-00-registrants-entry');
    await button(page, '活动数据').click();
    await expectText(page, x.title);
    await expectText(page, `全部报名 6 人，其中经推送链接 5 人（83%）`);

    const steps = ['pushed', 'opened', 'signedUp', 'confirmed', 'checkedIn'] as const;
    assert.deepEqual(
      await tableRows(page, '推送转化漏斗'),
      ['推送到群', '打开链接', '报名', '确认参加', '签到'].map((label, i) => [
        label,
        String(x.totals[steps[i]!]),
        i < 2 ? '—' : pct(x.totals[steps[i]!], x.totals[steps[i - 1]!]),
      ]),
    );
    await chartPixels(page, '推送转化漏斗');
    await docShot(page, 'event-funnel');

    assert.deepEqual(
      await tableRows(page, '报名趋势'),
      x.signupsOverTime
        .filter((d: any) => d.signedUp > 0)
        .map((d: any) => [dayText(d.date), String(d.signedUp), String(d.tracked)]),
    );
    await chartPixels(page, '报名趋势');
    await docShot(page, 'event-trend', '报名趋势');

    const fig = (r: any) => [r.pushed, r.opened, r.signedUp, r.confirmed, r.checkedIn].map(String);
    assert.deepEqual(
      await tableRows(page, '各渠道'),
      x.byChannel.map((c: any) => [CHANNEL[c.channel], ...fig(c)]),
    );
    await chartPixels(page, '各渠道');
    assert.deepEqual(
      await tableRows(page, '各群'),
      x.byGroup.map((g: any) => [g.topic, ...fig(g)]),
    );
    await chartPixels(page, '各群');
    await docShot(page, 'event-groups', '各群');

    // 导出 CSV downloads exactly what the api's CSV route serves (the organizer's token rides in the header).
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, '导出 CSV').click()]);
    const saved = readFileSync((await download.path())!);
    const served = await fetch(`${w.a.url}/api/v1/events/${eventId}/insights.csv`, {
      headers: { authorization: `Bearer ${w.organizer.token}` },
    });
    // generatedAt is minute-precise in the CSV: the same minute unless the test straddles one.
    const strip = (s: string) => s.replace(/生成时间（北京时间）,.*/, '');
    // Bytes, not fetch's text(): that would drop the BOM Excel needs, which the saved file must keep.
    assert.equal(strip(saved.toString('utf8')), strip(Buffer.from(await served.arrayBuffer()).toString('utf8')));
    assert.deepEqual([...saved.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the saved file keeps the BOM');
    assert.match(saved.toString('utf8'), /推送/);
    await expectText(page, '已开始下载');
  });
});

test('推送效果: delivered, failed, opened and sign-ups of the push, per channel and group', async () => {
  const x = await get(`/broadcasts/${broadcastId}/insights`);
  assert.equal(x.totals.failed, 1);
  assert.ok(x.totals.delivered > 1 && x.totals.opened > 0);
  await withPage(browser, 'insights-broadcast', async (page) => {
    await signInAs(page, w.a.url, w.organizer.token);
    await page.goto(h5Url(w.a.url, `/organizer/broadcasts/report?id=${broadcastId}`));
    await button(page, '推送效果').click();
    await expectText(page, x.title);
    const keys = ['planned', 'delivered', 'failed', 'waiting', 'opened', 'signedUp', 'confirmed', 'checkedIn'];
    const rows = await tableRows(page, '推送结果');
    assert.deepEqual(
      rows.map((r) => r.slice(0, 2)),
      ['计划发送', '送达', '发送失败', '待发送', '打开链接', '报名', '确认参加', '签到'].map((l, i) => [
        l,
        String(x.totals[keys[i]!]),
      ]),
    );
    assert.deepEqual(
      rows.map((r) => r[2]),
      [
        '—',
        '—',
        '—',
        '—',
        '—',
        pct(x.totals.signedUp, x.totals.opened),
        pct(x.totals.confirmed, x.totals.signedUp),
        pct(x.totals.checkedIn, x.totals.confirmed),
      ],
      'rates only between steps that count people',
    );
    await chartPixels(page, '推送结果');
    await docShot(page, 'broadcast-totals');

    const fig = (r: any) => [r.delivered, r.failed, r.opened, r.signedUp, r.checkedIn].map(String);
    assert.deepEqual(
      await tableRows(page, '各渠道'),
      x.byChannel.map((c: any) => [CHANNEL[c.channel], ...fig(c)]),
    );
    assert.deepEqual(
      await tableRows(page, '各群'),
      x.byGroup.map((g: any) => [g.topic, ...fig(g)]),
    );
    const failedRow = (await tableRows(page, '各群')).find((r) => r[2] === '1');
    assert.ok(failedRow, 'the group whose send failed shows 1 失败');
    await chartPixels(page, '各渠道');
    await chartPixels(page, '各群');
    await docShot(page, 'broadcast-groups', '各群');
  });
});

test('群数据: what a group received in 90 days and how it responded, the chat link included', async () => {
  const x = await get(`/groups/${g1}/insights`);
  assert.ok(x.totals.opened >= 4 && x.broadcasts.some((b: any) => b.broadcastId === 'chat'));
  await withPage(browser, 'insights-group', async (page) => {
    await signInAs(page, w.a.url, w.organizer.token);
    await page.goto(h5Url(w.a.url, '/organizer/groups/index'));
    const row = visible(page.locator('.org-row', { hasText: x.topic }));
    await row.getByRole('button', { name: '群数据' }).click();
    await expectText(page, `${x.topic} · 微信群`);
    const keys = ['planned', 'delivered', 'failed', 'waiting', 'opened', 'signedUp', 'confirmed', 'checkedIn'];
    assert.deepEqual(
      (await tableRows(page, '近 90 天推送与响应')).map((r) => r[1]),
      keys.map((k) => String(x.totals[k])),
    );
    await chartPixels(page, '近 90 天推送与响应');
    await docShot(page, 'group-totals');
    assert.deepEqual(
      await tableRows(page, '每日趋势'),
      x.overTime
        .filter((d: any) => d.delivered + d.opened + d.signedUp > 0)
        .map((d: any) => [dayText(d.date), String(d.delivered), String(d.opened), String(d.signedUp)]),
    );
    await chartPixels(page, '每日趋势');
    const received = await tableRows(page, '收到的群发');
    assert.deepEqual(
      received.map((r) => r.slice(1)),
      x.broadcasts.map((b: any) => [b.delivered, b.failed, b.opened, b.signedUp, b.checkedIn].map(String)),
    );
    assert.ok(received[0]![0]!.startsWith(x.broadcasts[0].title), received[0]![0]);
    assert.ok(
      received.some((r) => r[0] === '群内报名链接'),
      JSON.stringify(received),
    );
    await docShot(page, 'group-trend', '每日趋势');
  });
});

test('nothing pushed yet: the screens say what to do instead of drawing empty charts', async () => {
  const later = await createBroadcast(w.a, w.organizer.token, {
    title: '下周路演预告',
    audience: { kind: 'groups', groupIds: [quietGroup] },
    schedule: { kind: 'once', at: new Date(w.clock.now().getTime() + 5 * DAY).toISOString() },
  });
  assert.equal((await get(`/broadcasts/${later.id}/insights`)).totals.planned, 0);
  assert.equal((await get(`/groups/${quietGroup}/insights`)).totals.planned, 0);
  await withPage(browser, 'insights-empty', async (page) => {
    await signInAs(page, w.a.url, w.organizer.token);
    await page.goto(h5Url(w.a.url, `/organizer/insights/broadcast?id=${later.id}`));
    await expectText(page, '这条群发还没有发出');
    assert.equal(await visible(page.locator('.insights-chart')).count(), 0, 'no empty chart');
    await docShot(page, 'empty-broadcast');
    await page.goto(h5Url(w.a.url, `/organizer/insights/group?id=${quietGroup}`));
    await expectText(page, '近 90 天没有向这个群推送');
    await button(page, '新建群发').waitFor();
    assert.equal(await visible(page.locator('.insights-chart')).count(), 0, 'no empty chart');
    await docShot(page, 'empty-group');
  });
});
