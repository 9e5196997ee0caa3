/// <reference lib="dom" />
// The functions passed to page.evaluate / addInitScript run in Chromium: they are typed against the DOM.
/**
 * What makes a pushed link fast on a phone (README "Fast on a phone"), checked on the real H5 build in Chromium:
 * index.html preloads the opened page's chunks and starts its first api requests, and the page takes those answers
 * instead of asking again. If a page's requests change and config/h5Prefetch.ts is not changed with them, the page
 * asks twice: these tests fail then (the bench would only get slower).
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { trackingUrl } from '@techbridge/shared';
import { call, makeUser, publishedEvent, startTestApi, uniqueDbName } from '../support/api.js';
import { expectText, h5BuildDir, h5Url, launchBrowser, withPage } from '../support/browser.js';
import type { RunningApi } from '../../api/src/server.js';

let api: RunningApi;
let browser: Browser;
let eventId: string;

beforeAll(async () => {
  assert.ok(existsSync(path.join(h5BuildDir, 'index.html')), 'no H5 build: run the tests with `npm test` (it builds first)');
  api = await startTestApi(uniqueDbName('h5phone'), { env: { H5_DIR: h5BuildDir } });
  browser = await launchBrowser();
  const org = await makeUser(api, ['organizer']);
  const policy = await call(api.url, 'POST', '/api/v1/policies', {
    token: org.token,
    body: { title: '关于支持概念验证中心建设的若干措施', issuer: '上海市科学技术委员会', regions: ['310000'], topics: ['poc'] },
  });
  assert.equal(policy.status, 201, policy.text);
  assert.equal((await call(api.url, 'POST', `/api/v1/policies/${policy.body.id}/publish`, { token: org.token })).status, 200);
  eventId = (await publishedEvent(api, org.token, { title: '长三角技术转移路演（第3场）' })).id;
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

/** Api paths (query left out) the page requested, in order; and the files index.html preloaded. */
function watch(page: Page) {
  const apiPaths: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith('/api/')) apiPaths.push(url.pathname);
  });
  const preloaded = () =>
    page.evaluate(() => Array.from(document.querySelectorAll('link[rel=preload]')).map((l) => l.getAttribute('href') ?? ''));
  return { apiPaths, preloaded };
}

const repeated = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

test('首页: its chunks are preloaded, and each of its three lists is fetched once, by index.html', async () => {
  await withPage(browser, 'phone-home', async (page) => {
    const { apiPaths, preloaded } = watch(page);
    await page.goto(h5Url(api.url));
    await expectText(page, '关于支持概念验证中心建设的若干措施');
    await expectText(page, '长三角技术转移路演（第3场）');
    const files = await preloaded();
    assert.ok(
      files.some((f) => /^\/h5\/js\/.+\.js$/.test(f)),
      `no page script preloaded: ${files.join(', ')}`,
    );
    assert.ok(
      files.some((f) => /^\/h5\/css\/.+\.css$/.test(f)),
      `no page style preloaded: ${files.join(', ')}`,
    );
    for (const p of ['/api/v1/policies', '/api/v1/events', '/api/v1/programs'])
      assert.ok(apiPaths.includes(p), `${p} never requested`);
    assert.deepEqual(repeated(apiPaths), [], `requested twice: ${apiPaths.join(', ')}`);
  });
});

test('a pushed event link: the event is fetched once, and once more on a reload', async () => {
  await withPage(browser, 'phone-event', async (page) => {
    const { apiPaths, preloaded } = watch(page);
    await page.goto(trackingUrl(`${api.url}/h5`, '/pages/event/detail', { id: eventId, t: 'k3x9q2' }));
    await expectText(page, '长三角技术转移路演（第3场）');
    assert.ok((await preloaded()).length > 0, 'nothing preloaded for the event page');
    assert.deepEqual(
      apiPaths.filter((p) => p.startsWith('/api/v1/events')),
      [`/api/v1/events/${eventId}`],
    );
    // A reload starts over: index.html asks again and the page takes that answer, once.
    await page.reload();
    await expectText(page, '长三角技术转移路演（第3场）');
    assert.equal(apiPaths.filter((p) => p === `/api/v1/events/${eventId}`).length, 2);
  });
});
