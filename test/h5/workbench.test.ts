/**
 * The organizer's workbench in the H5 build (Chromium at 390×844) against a real api: paste a news page, pick one
 * of the items it is split into, see the proposed facets with their trigger words highlighted, correct them by
 * name, be warned of a duplicate, see the audience (and the zero-groups warning with the nearest groups) before
 * publishing; the same for a 支持计划. Screenshots are kept in docs/screenshots/workbench-*.png.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, makePasswordOrganizer, startTestApi, uniqueDbName } from '../support/api.js';
import {
  button,
  expectText,
  field,
  h5BuildDir,
  h5Url,
  keepForDocs,
  launchBrowser,
  pickDateTime,
  shot,
  visible,
  withPage,
} from '../support/browser.js';
import type { RunningApi } from '../../api/src/server.js';

let api: RunningApi;
let browser: Browser;
let orgToken: string;
const USERNAME = 'org_li';
const PASSWORD = 'Kz-2026-workbench!';
const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const seedText = (prefix: string) =>
  readFileSync(
    new URL(
      readdirSync(SEEDS).find((n) => n.startsWith(`${prefix}_`))!,
      SEEDS,
    ),
    'utf8',
  );

beforeAll(async () => {
  assert.ok(existsSync(path.join(h5BuildDir, 'index.html')), 'no H5 build: run the tests with `npm test` (it builds first)');
  api = await startTestApi(uniqueDbName('h5workbench'), { env: { H5_DIR: h5BuildDir } });
  orgToken = (await makePasswordOrganizer(api, { username: USERNAME, password: PASSWORD, name: '李组织' })).token;
  for (const [roomId, topic, regions, topics] of [
    ['2001@chatroom', '上海概念验证中心交流群', ['310000'], ['poc']],
    ['2002@chatroom', '江苏技术转移机构群', ['320000'], ['tto', 'poc']],
    ['2003@chatroom', '四川人工智能产业群', ['510000'], ['ai']],
  ] as const) {
    const r = await call(api.url, 'POST', '/api/v1/groups', {
      token: orgToken,
      body: { roomId, topic, profile: { regions, topics, audiences: [], keywords: [] } },
    });
    assert.equal(r.status, 201, r.text);
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

const chip = (page: Page, group: string, name: string) =>
  visible(page.getByRole('group', { name: group, exact: true })).getByRole('checkbox', { name, exact: true });

/**
 * A test screenshot, also kept in docs/screenshots/ for the README by `npm run screenshots`. Taro's H5 page scrolls inside its own
 * container, so the shot shows the viewport: `at` scrolls what the picture is about into view first.
 */
async function docShot(page: Page, name: string, at?: string) {
  if (at) await visible(page.locator(at)).scrollIntoViewIfNeeded();
  keepForDocs(await shot(page, `workbench-${name}`), `workbench-${name}`);
}

async function login(page: Page) {
  await page.goto(h5Url(api.url, '/pages/login/index'));
  await field(page, '用户名').fill(USERNAME);
  await field(page, '密码').fill(PASSWORD);
  await button(page, '登录').click();
  await visible(page.locator('.weui-tabbar__item', { hasText: '我的' })).click();
  await expectText(page, '组织者工具');
}

test('policy: paste a page → pick an item → highlighted facets → correct by name → review → publish; duplicate and 0-group warnings', async () => {
  await withPage(browser, 'workbench-policy', async (page) => {
    await login(page);
    await visible(page.getByRole('link', { name: '政策管理' })).click();
    await button(page, '新建政策').click();
    await field(page, '公告全文').fill(seedText('002'));
    await docShot(page, '01-paste');
    await button(page, '识别').click();
    await expectText(page, '共拆出 6 条，请选择要录入的一条：');
    await expectText(page, '广西推动低空经济高质量发展');
    await docShot(page, '02-split', '.org-row');

    const shanghai = visible(page.locator('.org-row', { hasText: '上海大力促进科技成果转移转化' }));
    await shanghai.getByRole('button', { name: '录入这一条' }).click();
    await field(page, '标题').waitFor();
    assert.equal(await field(page, '标题').inputValue(), '上海大力促进科技成果转移转化');
    // Proposed facets are chosen, by name, and the words behind them are marked in the text.
    assert.equal(await chip(page, '地区', '上海').getAttribute('aria-checked'), 'true');
    assert.equal(await chip(page, '主题', '概念验证').getAttribute('aria-checked'), 'true');
    await expectText(page, /地区建议：上海（/);
    const marks = await page.locator('.org-mark').allInnerTexts();
    assert.ok(marks.includes('上海'), marks.join());
    assert.ok(
      marks.some((m) => m.startsWith('概念验证')),
      marks.join(),
    );
    await docShot(page, '03-tagged', '.org-subcard');

    // The organizer corrects: adds 江苏 through 添加城市 (苏州), drops 开放创新, adds 文号 and issuer.
    await field(page, '添加城市').fill('苏州');
    await chip(page, '城市搜索结果', '苏州（江苏）').click();
    if ((await chip(page, '主题', '开放创新').getAttribute('aria-checked')) === 'true')
      await chip(page, '主题', '开放创新').click();
    await field(page, '文号').fill('沪府办发〔2024〕20号');
    await field(page, '发文机关').fill('上海市人民政府办公厅');
    await docShot(page, '04-corrected');
    await button(page, '预览并发布').click();
    await expectText(page, '发布后将推送到 2 个群：');
    await expectText(page, '上海概念验证中心交流群');
    await expectText(page, '江苏技术转移机构群');
    assert.equal(await visible(page.getByText('四川人工智能产业群')).count(), 0);
    await docShot(page, '05-review', '.org-review');
    await button(page, '确认发布').click();
    await expectText(page, '政策管理');
    await expectText(page, '上海大力促进科技成果转移转化');

    const list = await call(api.url, 'GET', '/api/v1/policies', { token: orgToken });
    const saved = list.body.items.find((p: { title: string }) => p.title === '上海大力促进科技成果转移转化');
    assert.ok(saved, list.text.slice(0, 300));
    assert.equal(saved.status, 'published');
    assert.ok(saved.publishedAt, 'publishing set 发布日期');
    assert.deepEqual([...saved.regions].sort(), ['310000', '320500']);
    assert.equal(saved.docNo, '沪府办发〔2024〕20号');
    await docShot(page, '06-list');

    // The same 文号 again, typed by hand: flagged before it is saved twice.
    await button(page, '新建政策').click();
    await button(page, '跳过，直接填写').click();
    await field(page, '标题').fill('上海市促进科技成果转移转化行动方案 解读');
    await field(page, '文号').fill('沪府办发[2024]20 号');
    await button(page, '保存草稿').click();
    await expectText(page, /可能重复：已有 1 条相同内容/);
    await expectText(page, /文号相同/);
    await docShot(page, '07-duplicate', '.org-warning');
    assert.equal((await call(api.url, 'GET', '/api/v1/policies?status=draft', { token: orgToken })).body.total, 0);
    await button(page, '返回修改').click();

    // A 成都 notice whose title names no place: the body's sign-off finds 成都; no group follows it.
    await field(page, '标题').fill('关于征集低空经济应用场景的通知');
    await field(page, '文号').fill('');
    await field(page, '发文机关').fill('成都市经济和信息化局');
    await field(page, '正文').fill('各有关单位：\n为推动低空经济发展，现征集无人机应用场景。\n请于月底前报送。');
    await button(page, '重新识别').click();
    await expectText(page, /地区建议：成都（成都市）/);
    assert.equal(await chip(page, '地区', '成都').getAttribute('aria-checked'), 'true');
    await button(page, '预览并发布').click();
    await expectText(page, /没有任何群会收到这条内容（0 个群）/);
    await expectText(page, '最接近的群：');
    await docShot(page, '08-zero-groups', '.org-review');
    await button(page, '仍然发布').click();
    await expectText(page, '关于征集低空经济应用场景的通知');
  });
});

test('支持计划: the same screens (paste, tag, correct, review, publish)', async () => {
  await withPage(browser, 'workbench-program', async (page) => {
    await login(page);
    await visible(page.getByRole('link', { name: '支持计划管理' })).click();
    await button(page, '新建支持计划').click();
    await field(page, '公告全文').fill(
      '长三角概念验证中心建设计划\n本报讯 长三角三省一市近日联合发布概念验证中心建设计划，支持高校院所和企业建设概念验证中心。',
    );
    await button(page, '识别').click();
    await field(page, '计划名称').waitFor();
    for (const name of ['上海', '江苏', '浙江', '安徽']) {
      assert.equal(await chip(page, '地区', name).getAttribute('aria-checked'), 'true', name);
    }
    assert.equal(await chip(page, '地区组合', '长三角').getAttribute('aria-checked'), 'true');
    await field(page, '计划代号').fill('YRD-POC');
    await pickDateTime(page, '申报截止', '2026-12-31 17:00');
    await docShot(page, '09-program-tagged');
    await button(page, '预览并发布').click();
    await expectText(page, '发布后将推送到 2 个群：');
    await docShot(page, '10-program-review', '.org-review');
    await button(page, '确认发布').click();
    await expectText(page, '支持计划管理');
    await expectText(page, '长三角概念验证中心建设计划（YRD-POC）');
    const list = await call(api.url, 'GET', '/api/v1/programs', { token: orgToken });
    const saved = list.body.items.find((p: { code: string }) => p.code === 'YRD-POC');
    assert.equal(saved.status, 'published');
    assert.equal(saved.applicationClosesAt, '2026-12-31T09:00:00.000Z', 'read as Shanghai time');
  });
});
