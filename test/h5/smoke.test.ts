/**
 * The H5 build, served by the api under /h5/, in Chromium: the home page shows what the api has published, and a
 * pushed link to an event that no longer exists lands on an explanation instead of a blank page.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { call, makeUser, publishedEvent, startTestApi, uniqueDbName } from '../support/api.js';
import { expectText, h5BuildDir, h5Url, launchBrowser, shot, withPage } from '../support/browser.js';
import type { RunningApi } from '../../api/src/server.js';

let api: RunningApi;
let browser: Browser;

beforeAll(async () => {
  assert.ok(existsSync(path.join(h5BuildDir, 'index.html')), 'no H5 build: run the tests with `npm test` (it builds first)');
  api = await startTestApi(uniqueDbName('h5smoke'), { env: { H5_DIR: h5BuildDir } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

test('home shows the published policy and event, not the drafts', async () => {
  const org = await makeUser(api, ['organizer']);
  const policy = await call(api.url, 'POST', '/api/v1/policies', {
    token: org.token,
    body: {
      title: '上海市促进科技成果转化行动方案（2024-2027年）',
      issuer: '上海市人民政府',
      regions: ['310000'],
      topics: ['poc'],
    },
  });
  assert.equal(policy.status, 201, policy.text);
  assert.equal((await call(api.url, 'POST', `/api/v1/policies/${policy.body.id}/publish`, { token: org.token })).status, 200);
  const draft = await call(api.url, 'POST', '/api/v1/policies', { token: org.token, body: { title: '尚未发布的政策草稿' } });
  assert.equal(draft.status, 201, draft.text);
  await publishedEvent(api, org.token, { title: '长三角概念验证供需对接会' });

  await withPage(browser, 'smoke-home', async (page) => {
    await page.goto(h5Url(api.url));
    await expectText(page, '上海市促进科技成果转化行动方案（2024-2027年）');
    await expectText(page, '长三角概念验证供需对接会');
    assert.equal(await page.getByText('尚未发布的政策草稿').count(), 0);
    await shot(page, 'smoke-home');
  });
});

test('a link to an event that does not exist shows why, with a way on', async () => {
  await withPage(browser, 'smoke-missing-event', async (page) => {
    await page.goto(h5Url(api.url, '/pages/event/detail?id=0123456789abcdef01234567&t=abc123'));
    await expectText(page, '活动不存在或已下线');
    await page.getByRole('button', { name: '查看全部活动' }).waitFor();
    await shot(page, 'smoke-missing-event');
  });
});

test('a link with a malformed id is not a blank page either', async () => {
  await withPage(browser, 'smoke-bad-id', async (page) => {
    await page.goto(h5Url(api.url, '/pages/event/detail?id=not-an-id'));
    const body = page.locator('.taro_page_show');
    await body
      .getByText(/不存在|已下线|加载失败|链接/)
      .first()
      .waitFor();
    await shot(page, 'smoke-bad-id');
  });
});
