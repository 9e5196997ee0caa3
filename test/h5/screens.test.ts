/**
 * The finished mini-program in Chromium at 390×844 (the H5 build against a real api), one test per promise the
 * event pages make, and a screenshot of every screen, kept in docs/screenshots/screen-*.png with an index
 * (docs/screenshots/README.md) written from the same run when `npm run screenshots` runs it:
 * - the event page: a cover the organizer uploaded (through the edit screen, with the browser's file picker) in a
 *   16:9 box reserved before it loads; a bottom bar with the seats and 立即报名 that never hides the page's end;
 *   times that wrap between dates, never inside one;
 * - the result page as a ticket (event, time, place, masked name, QR), and its waitlist and 活动已取消 states;
 * - the sign-up form filled in from the person's last sign-up (the api's record, or this device's when the api
 *   cannot say).
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName } from '../support/api.js';
import {
  button,
  docsScreenshotDir,
  expectText,
  field,
  h5BuildDir,
  h5Url,
  keepForDocs,
  launchBrowser,
  refreshingDocScreenshots,
  shot,
  signInAs,
  visible,
  widthOnceLaidOut,
  withPage,
} from '../support/browser.js';
import type { RunningApi } from '../../api/src/server.js';

const DOCS = docsScreenshotDir;
const PRETTIER = fileURLToPath(new URL('../../node_modules/prettier/bin/prettier.cjs', import.meta.url));
// 2027-03-08 14:00 to 2027-03-09 17:00 Shanghai: two dates in one row, so the row must wrap somewhere.
const STARTS = '2027-03-08T06:00:00.000Z';
const ENDS = '2027-03-09T09:00:00.000Z';

let api: RunningApi;
let browser: Browser;
let org: { id: string; token: string };
/** The screens shot so far, in order: the index is written from this. */
const screens: { file: string; title: string; path: string }[] = [];

beforeAll(async () => {
  assert.ok(existsSync(path.join(h5BuildDir, 'index.html')), 'no H5 build: run the tests with `npm test` (it builds first)');
  // Screens are numbered in the order they are taken: last run's set goes, so none is left over under an old number.
  if (refreshingDocScreenshots) {
    mkdirSync(DOCS, { recursive: true });
    for (const f of readdirSync(DOCS)) if (f.startsWith('screen-')) rmSync(path.join(DOCS, f));
  }
  api = await startTestApi(uniqueDbName('h5screens'), { env: { H5_DIR: h5BuildDir } });
  org = await makeUser(api, ['organizer'], '陈主办');
  browser = await launchBrowser();
});
afterAll(async () => {
  if (refreshingDocScreenshots) writeIndex();
  await browser?.close();
  await api?.stop();
});

/** A screenshot of the screen as it stands, into docs/screenshots/screen-NN-<slug>.png for the index. */
async function screen(page: Page, slug: string, title: string) {
  const name = `screen-${String(screens.length + 1).padStart(2, '0')}-${slug}`;
  keepForDocs(await shot(page, name), name);
  screens.push({ file: `${name}.png`, title, path: new URL(page.url()).hash.replace(/^#/, '').split('?')[0] ?? '' });
}

/** docs/screenshots/README.md: a table of the screens, formatted as `npm run format:check` expects. */
function writeIndex() {
  if (screens.length === 0) return;
  const others = readdirSync(DOCS)
    .filter((f) => f.endsWith('.png') && !f.startsWith('screen-'))
    .sort();
  const lines = [
    '# Screenshots',
    '',
    'Every screen of the mini-program (H5 build, Chromium, 390×844 at 2x), taken by `test/h5/screens.test.ts`;',
    'run `npm run screenshots` to take them again. Generated: do not edit by hand.',
    '',
    '| # | screen | page | image |',
    '| --- | --- | --- | --- |',
    ...screens.map(
      (s, i) =>
        `| ${i + 1} | ${s.title} | \`${s.path}\` | <a href="${s.file}"><img src="${s.file}" width="180" alt="${s.title}"></a> |`,
    ),
    '',
    '## Steps of the other browser tests',
    '',
    'Kept by `test/h5/workbench.test.ts` and copied from `test/h5/.screenshots/` for the README.',
    '',
    '| image |',
    '| --- |',
    ...others.map((f) => `| [${f}](${f}) |`),
    '',
  ];
  const file = path.join(DOCS, 'README.md');
  writeFileSync(file, lines.join('\n'));
  // prettier's API loads itself with a dynamic import, which jest's CommonJS sandbox refuses: run its CLI.
  execFileSync(process.execPath, [PRETTIER, '--write', '--log-level', 'warn', file]);
}

/** A 1600×1000 picture with something in the middle, as a phone photo would be. */
const photo = () =>
  sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 31, g: 94, b: 255 } } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="1600" height="1000"><circle cx="800" cy="500" r="260" fill="#ffb400"/>' +
            '<rect x="0" y="820" width="1600" height="180" fill="#0b3aa8"/></svg>',
        ),
      },
    ])
    .jpeg()
    .toBuffer();

async function published(kind: 'policies' | 'programs', body: Record<string, unknown>): Promise<string> {
  const r = await call(api.url, 'POST', `/api/v1/${kind}`, { token: org.token, body });
  assert.equal(r.status, 201, r.text);
  const p = await call(api.url, 'POST', `/api/v1/${kind}/${r.body.id}/publish`, { token: org.token });
  assert.equal(p.status, 200, p.text);
  return r.body.id as string;
}

/**
 * Waits for the page just opened to show `text` and finish loading: Taro's H5 router keeps the previous page in
 * the DOM, so a text alone can be found on the way out; no visible 加载中 means this page has its data.
 */
async function settled(page: Page, text: string | RegExp) {
  await expectText(page, text);
  await visible(page.getByText('加载中')).waitFor({ state: 'hidden' });
  await page.waitForTimeout(300); // the slide-in transition
}

/** How each `.date-text__date` on the visible page lies: the number of line boxes it takes (1 = unbroken). */
const dateLines = (page: Page) =>
  page
    .locator('.date-text__date')
    .filter({ visible: true })
    .evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', lines: e.getClientRects().length })));

test('event page: the organizer uploads a cover; the page reserves its 16:9 box, keeps dates whole, and a bottom bar leads to sign-up', async () => {
  const event = await publishedEvent(api, org.token, {
    title: '2027 长三角概念验证中心成果路演暨投融资对接会',
    kind: 'roadshow',
    startsAt: STARTS,
    endsAt: ENDS,
    venue: '上海技术交易所路演厅',
    address: '上海市杨浦区国权北路1688弄',
    organizer: '上海市科学技术委员会',
    summary: '十家概念验证中心带来的二十个早期项目现场路演，投资机构与产业方点评对接。',
    description: '议程：\n14:00 开场致辞\n14:20 项目路演（每个项目 8 分钟）\n16:30 投资人点评与自由对接',
    registration: { capacity: 80 },
  });

  // The organizer: the edit screen, a picture chosen with the browser's file picker, uploaded at once.
  await withPage(browser, 'screens-cover', async (page) => {
    await signInAs(page, api.url, org.token);
    await page.goto(h5Url(api.url, `/organizer/events/edit?id=${event.id}`));
    await expectText(page, '封面图片');
    await expectText(page, /将裁剪为 16:9/);
    const chooser = page.waitForEvent('filechooser');
    await button(page, '上传封面').click();
    await (await chooser).setFiles({ name: 'roadshow.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    const preview = visible(page.locator('.event-cover__preview img'));
    await preview.waitFor();
    await button(page, '更换封面').waitFor();
    await visible(page.getByText('封面已更新'))
      .waitFor({ state: 'hidden', timeout: 5000 })
      .catch(() => undefined);
    await visible(page.locator('.event-cover')).scrollIntoViewIfNeeded();
    await screen(page, 'org-event-edit-cover', '编辑活动：封面图片');
  });
  const stored = await call(api.url, 'GET', `/api/v1/events/${event.id}`);
  assert.match(stored.body.coverUrl, /^\/api\/v1\/images\/[0-9a-f]{24}$/, 'the upload set the event cover');

  await withPage(browser, 'screens-event', async (page) => {
    // Hold the picture back: the box must already have its 16:9 height while the picture is on its way.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/v1/images/*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(h5Url(api.url, `/pages/event/detail?id=${event.id}`));
    await expectText(page, '报名中（剩余 80 席）');
    const box = visible(page.locator('.cover-image'));
    const before = await box.boundingBox();
    assert.ok(before, 'no cover box');
    assert.ok(
      Math.abs(before.height - (before.width * 422) / 750) < 1.5,
      `cover box ${before.width}×${before.height} is not 16:9`,
    );
    const title = visible(page.locator('.detail__title'));
    const titleTop = (await title.boundingBox())!.y;
    release();
    const img = visible(page.locator('.cover-image img'));
    await page.waitForFunction(
      () => {
        const i = (globalThis as any).document.querySelector('.cover-image img');
        return Boolean(i && i.complete && i.naturalWidth > 0);
      },
      undefined,
      { timeout: 10_000 },
    );
    assert.match((await img.getAttribute('src')) ?? '', new RegExp(`${stored.body.coverUrl as string}$`));
    assert.equal((await title.boundingBox())!.y, titleTop, 'the page moved when the cover arrived');

    // Dates: the time row wraps (two dates do not fit the line), but only between them.
    const [from, to] = await visible(page.locator('.event-detail__time'))
      .locator('.date-text__date')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    assert.ok(from !== undefined && to !== undefined && to > from, `the two dates should sit on two lines (${from}, ${to})`);
    const dates = await dateLines(page);
    assert.ok(
      dates.some((d) => d.text === '2027年3月8日（周一）14:00'),
      JSON.stringify(dates),
    );
    assert.ok(
      dates.some((d) => d.text === '2027年3月9日（周二）17:00'),
      JSON.stringify(dates),
    );
    for (const d of dates) assert.equal(d.lines, 1, `「${d.text}」 breaks across lines`);

    // The bar sits on the bottom edge with the seats and the button.
    const bar = visible(page.locator('.signup-bar'));
    const barBox = (await bar.boundingBox())!;
    assert.ok(Math.abs(barBox.y + barBox.height - 844) < 1, `bar bottom at ${barBox.y + barBox.height}`);
    await bar.getByText('报名中（剩余 80 席）').waitFor();
    await screen(page, 'event-detail', '活动详情：封面、报名栏');

    // Scrolled to the end, the last section ends above the bar, and the bar is still there.
    const about = visible(page.locator('.event-detail__about'));
    await about.scrollIntoViewIfNeeded();
    await page.evaluate(() => {
      for (const el of (globalThis as any).document.querySelectorAll('*'))
        if (el.scrollHeight > el.clientHeight + 4) el.scrollTop = 1e6;
    });
    const aboutBox = (await about.boundingBox())!;
    const barAfter = (await bar.boundingBox())!;
    assert.ok(
      aboutBox.y + aboutBox.height <= barAfter.y,
      `the bar hides the end of 活动介绍 (${aboutBox.y + aboutBox.height} > ${barAfter.y})`,
    );
    assert.ok(Math.abs(barAfter.y + barAfter.height - 844) < 1, 'the bar scrolled away');
    await screen(page, 'event-detail-end', '活动详情：滚动到底，报名栏不遮挡内容');

    // Signed out, the bar's button goes to login first.
    await visible(bar.getByRole('button', { name: '立即报名' })).click();
    await button(page, '体验登录').waitFor();
    await screen(page, 'login', '登录');
  });
});

test('ticket and form memory: the second sign-up starts filled in; results are tickets, for confirmed, waitlisted and cancelled events', async () => {
  const first = await publishedEvent(api, org.token, {
    title: '高校科技成果供需对接会（第 12 期）',
    kind: 'matchmaking',
    startsAt: STARTS,
    venue: '张江科学会堂',
    registration: { capacity: 30 },
  });
  const second = await publishedEvent(api, org.token, {
    title: '技术经理人实务培训',
    kind: 'training',
    startsAt: '2027-03-15T01:30:00.000Z',
    venue: '上海科技大学',
    registration: { capacity: 1 },
  });
  // Someone else holds the only seat of the second event: this user's sign-up there is waitlisted.
  assert.equal((await signUp(api, second.id, (await makeUser(api)).token)).status, 201);
  const user = await makeUser(api, [], '小王');

  await withPage(browser, 'screens-user', async (page) => {
    await signInAs(page, api.url, user.token);
    await page.goto(h5Url(api.url, `/pages/event/signup?id=${first.id}`));
    await button(page, '提交报名').waitFor();
    // Never signed up: nothing but the login nickname to start from.
    assert.equal(await field(page, '手机号').inputValue(), '');
    await field(page, '姓名').fill('王小明');
    await field(page, '单位').fill('清华大学技术转移研究院');
    await field(page, '手机号').fill('13800138000');
    await button(page, '提交报名').click();
    await expectText(page, '报名成功');

    // The result is a ticket: event, time, place, masked name, QR.
    const ticket = visible(page.locator('.ticket'));
    await ticket.getByText('高校科技成果供需对接会（第 12 期）').waitFor();
    await ticket.getByText('2027年3月8日（周一）14:00').waitFor();
    await ticket.getByText('张江科学会堂').waitFor();
    await ticket.getByText('王*明（参会）').waitFor();
    assert.equal(await ticket.getByText('王小明').count(), 0, 'the full name is not on the ticket');
    const [reg] = (await call(api.url, 'GET', '/api/v1/me/registrations', { token: user.token })).body.items;
    const qr = ticket.getByRole('img', { name: `入场二维码 ${reg.ticketCode}` });
    await qr.waitFor();
    assert.ok((await widthOnceLaidOut(qr, 100)) > 100, 'the QR code is big enough to scan');
    await screen(page, 'result-ticket', '报名结果：电子票');

    // The next form starts from this sign-up (the api's record of it).
    await page.goto(h5Url(api.url, `/pages/event/signup?id=${second.id}`));
    await expectText(page, '技术经理人实务培训');
    await page.waitForFunction(() => {
      const input = (globalThis as any).document.querySelector('input[name="signup-phone"], [name="signup-phone"] input');
      return input?.value === '13800138000';
    });
    assert.equal(await field(page, '姓名').inputValue(), '王小明');
    assert.equal(await field(page, '单位').inputValue(), '清华大学技术转移研究院');
    await screen(page, 'signup-form-remembered', '报名表单：沿用上次填写的信息');
    await button(page, '提交报名').click();
    await expectText(page, '已进入候补');
    const waitTicket = visible(page.locator('.ticket'));
    await waitTicket.getByText('当前候补第 1 位').waitFor();
    assert.equal(await waitTicket.getByRole('img', { name: /入场二维码/ }).count(), 0, 'a waitlisted sign-up has no QR yet');
    await screen(page, 'result-waitlist', '报名结果：候补');

    // The event page of a registered user: the bar leads to the ticket.
    await page.goto(h5Url(api.url, `/pages/event/detail?id=${first.id}`));
    const bar = visible(page.locator('.signup-bar'));
    await bar.getByText('已报名 · 报名成功').waitFor();
    await bar.getByRole('button', { name: '查看票券' }).waitFor();
    await screen(page, 'event-detail-registered', '活动详情：已报名');

    // The organizer calls the first event off: the ticket says so, without a QR; the bar too.
    const off = await call(api.url, 'POST', `/api/v1/events/${first.id}/cancel`, {
      token: org.token,
      body: { reason: '场地检修' },
    });
    assert.equal(off.status, 200, off.text);
    await page.goto(h5Url(api.url, `/pages/event/result?id=${first.id}&regId=${reg.id}`));
    await visible(page.locator('.ticket .result__title', { hasText: '活动已取消' })).waitFor();
    await expectText(page, '取消原因：场地检修');
    assert.equal(
      await visible(page.locator('.ticket'))
        .getByRole('img', { name: /入场二维码/ })
        .count(),
      0,
    );
    await screen(page, 'result-event-cancelled', '报名结果：活动已取消');
    await page.goto(h5Url(api.url, `/pages/event/detail?id=${first.id}`));
    await visible(page.locator('.signup-bar')).getByText('活动已取消').waitFor();
    await screen(page, 'event-detail-cancelled', '活动详情：活动已取消');
  });

  // A device whose api cannot say what was typed last time falls back on its own copy.
  await withPage(browser, 'screens-memory-local', async (page) => {
    await signInAs(page, api.url, user.token);
    await page.evaluate(
      (id) =>
        (globalThis as any).localStorage.setItem(
          `techbridge.signup.${id}`,
          JSON.stringify({ data: { name: '王小明', org: '本机保存的单位', phone: '13911112222' } }),
        ),
      user.id,
    );
    await page.route('**/api/v1/me/signup-defaults', (route) => route.abort());
    const third = await publishedEvent(api, org.token, { title: '知识产权运营沙龙' });
    await page.goto(h5Url(api.url, `/pages/event/signup?id=${third.id}`));
    await expectText(page, '知识产权运营沙龙');
    await page.waitForFunction(() => {
      const input = (globalThis as any).document.querySelector('[name="signup-org"] input, input[name="signup-org"]');
      return input?.value === '本机保存的单位';
    });
    assert.equal(await field(page, '手机号').inputValue(), '13911112222');
  });
});

test('every other screen, user and organizer, at 390×844', async () => {
  const policy = await published('policies', {
    title: '上海市促进科技成果转移转化行动方案（2024—2027年）',
    issuer: '上海市人民政府办公厅',
    docNo: '沪府办发〔2024〕1号',
    regions: ['310000'],
    topics: ['poc', 'tto'],
    summary: '到2027年，建设一批概念验证中心和高水平技术转移机构，培育技术经理人队伍。',
  });
  const program = await published('programs', {
    name: '概念验证中心建设计划',
    code: 'POC',
    issuer: '上海市科学技术委员会',
    regions: ['310000'],
    topics: ['poc'],
    summary: '支持高校院所、新型研发机构建设概念验证中心。',
    eligibility: ['在沪高校、科研院所或新型研发机构', '具备专业化概念验证服务团队'],
    benefits: ['按实际投入给予最高 500 万元支持'],
    // Open for application now, so the list's default 可申报 shows it.
    applicationOpensAt: new Date(Date.now() - 10 * 86400_000).toISOString(),
    applicationClosesAt: new Date(Date.now() + 60 * 86400_000).toISOString(),
  });
  const group = await call(api.url, 'POST', '/api/v1/groups', {
    token: org.token,
    body: { roomId: 'screens01@chatroom', topic: '上海概念验证交流群', profile: { regions: ['310000'], topics: ['poc'] } },
  });
  assert.equal(group.status, 201, group.text);
  const broadcast = await call(api.url, 'POST', '/api/v1/broadcasts', {
    token: org.token,
    body: {
      title: '路演预告',
      text: '本周五张江科学会堂路演，欢迎报名。',
      audience: { kind: 'groups', groupIds: [group.body.id] },
      schedule: { kind: 'once', at: new Date(Date.now() + 86400_000).toISOString() },
    },
  });
  assert.equal(broadcast.status, 201, broadcast.text);
  const event = await publishedEvent(api, org.token, { title: '科技金融路演（第 5 期）', venue: '上海技术交易所' });
  const attendee = await makeUser(api, [], '李工');
  assert.equal((await signUp(api, event.id, attendee.token, { name: '李建国', org: '同济大学' })).status, 201);

  // Signed-in user screens.
  await withPage(browser, 'screens-user-pages', async (page) => {
    await signInAs(page, api.url, attendee.token);
    const visit = async (route: string, waitFor: string | RegExp, slug: string, title: string) => {
      await page.goto(h5Url(api.url, route));
      await settled(page, waitFor);
      await screen(page, slug, title);
    };
    await visit('/pages/index/index', '上海市促进科技成果转移转化行动方案（2024—2027年）', 'home', '首页');
    await visit('/pages/policy/list', /共 1 条/, 'policy-list', '政策列表');
    await visit(`/pages/policy/detail?id=${policy}`, '沪府办发〔2024〕1号', 'policy-detail', '政策详情');
    await visit('/pages/program/list', '概念验证中心建设计划', 'program-list', '支持计划列表');
    await visit(
      `/pages/program/detail?id=${program}`,
      '支持高校院所、新型研发机构建设概念验证中心。',
      'program-detail',
      '支持计划详情',
    );
    await visit('/pages/event/list', '科技金融路演（第 5 期）', 'event-list', '活动列表');
    await visit('/pages/me/index', '我的报名', 'me', '我的');
    await visit('/pages/me/registrations', '科技金融路演（第 5 期）', 'my-registrations', '我的报名');
    await visit('/pages/me/subscriptions', /订阅|地区/, 'subscriptions', '我的订阅');
  });

  // Organizer screens.
  await withPage(browser, 'screens-organizer', async (page) => {
    await signInAs(page, api.url, org.token);
    const visit = async (route: string, waitFor: string | RegExp, slug: string, title: string) => {
      await page.goto(h5Url(api.url, route));
      await settled(page, waitFor);
      await screen(page, slug, title);
    };
    await visit('/pages/me/index', '组织者工具', 'org-me', '我的（组织者）');
    await visit('/organizer/events/index?status=published', '科技金融路演（第 5 期）', 'org-events', '活动管理');
    await visit('/organizer/events/edit', '创建活动', 'org-event-new', '创建活动');
    await visit(`/organizer/events/registrants?id=${event.id}`, '同济大学', 'org-registrants', '报名名单');
    await visit(`/organizer/events/checkin?id=${event.id}`, '活动签到', 'org-checkin', '签到');
    await visit('/organizer/broadcasts/index', '路演预告', 'org-broadcasts', '群发管理');
    await visit('/organizer/broadcasts/edit', '编写群发', 'org-broadcast-new', '新建群发');
    await visit(`/organizer/broadcasts/report?id=${broadcast.body.id}`, '路演预告', 'org-broadcast-report', '群发报告');
    await visit('/organizer/groups/index', '上海概念验证交流群', 'org-groups', '群管理');
    await visit(`/organizer/groups/edit?id=${group.body.id}`, '群组设置', 'org-group-edit', '编辑群');
    await visit('/organizer/policies/index', '上海市促进科技成果转移转化行动方案（2024—2027年）', 'org-policies', '政策管理');
    await visit(`/organizer/policies/edit?id=${policy}`, '编辑政策', 'org-policy-edit', '编辑政策');
    await visit('/organizer/programs/index', '概念验证中心建设计划', 'org-programs', '支持计划管理');
    await visit(`/organizer/programs/edit?id=${program}`, '编辑支持计划', 'org-program-edit', '编辑支持计划');
  });
  assert.ok(screens.length >= 30, `only ${screens.length} screens`);
});
