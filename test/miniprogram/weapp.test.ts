/**
 * The real weapp build (miniprogram/dist/weapp) in miniprogram-simulate, against a real api: what a WeChat user sees
 * on the event page and the sign-up form, what gets stored, and where the app sends them next.
 */
import { afterAll, beforeAll, beforeEach, test } from '@jest/globals';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { call, makeUser, publishedEvent, startTestApi, uniqueDbName } from '../support/api.js';
import { loadWeapp, type SimElement, type WeappWorld } from '../support/weapp.js';
import type { RunningApi } from '../../api/src/server.js';

let api: RunningApi;
let org: { id: string; token: string };
let weapp: ReturnType<typeof loadWeapp>;
let world: WeappWorld;
let wechat: http.Server;

// A fake WeChat jscode2session: any code the shim's wx.login handed out is good once, for openid `o-<code>`.
function startFakeWechat(): Promise<string> {
  const used = new Set<string>();
  wechat = http.createServer((req, res) => {
    const code = new URL(req.url ?? '/', 'http://fake').searchParams.get('js_code') ?? '';
    const ok = /^wx-code-\d+$/.test(code) && !used.has(code);
    used.add(code);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { openid: `o-${code}`, session_key: 'k' } : { errcode: 40029, errmsg: 'invalid code' }));
  });
  return new Promise((resolve) =>
    wechat.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(wechat.address() as AddressInfo).port}`)),
  );
}

beforeAll(async () => {
  const wechatBase = await startFakeWechat();
  api = await startTestApi(uniqueDbName('weapp'), {
    env: { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 'fake-wechat-app-secret-0123', WECHAT_API_BASE: wechatBase },
  });
  org = await makeUser(api, ['organizer']);
  weapp = loadWeapp(api.url);
  world = weapp.world;
});
afterAll(async () => {
  await api?.stop();
  await new Promise((resolve) => wechat?.close(resolve));
});

beforeEach(() => {
  weapp.closeAll();
  world.requests.length = 0;
  world.navigations.length = 0;
  world.toasts.length = 0;
  world.storage.clear();
});

/** Signs in the way the login page leaves things: the session in storage. */
async function signIn(openid: string) {
  const session = await call(api.url, 'POST', '/api/v1/auth/dev', { body: { openid } });
  assert.equal(session.status, 200, session.text);
  world.storage.set('techbridge.session', session.body);
  return session.body as { token: string; user: { id: string } };
}

test('event detail: title, seats left and the sign-up button, which opens the form with the tracking code', async () => {
  const event = await publishedEvent(api, org.token, { title: '长三角概念验证路演（第 3 期）', registration: { capacity: 12 } });
  await call(api.url, 'POST', `/api/v1/events/${event.id}/registrations`, {
    token: (await makeUser(api)).token,
    body: { name: '张三', org: '上海交通大学', phone: '13812345678' },
  });

  const page = await weapp.openPage('pages/event/detail', { id: event.id, t: 'wx_grp-7' });
  await page.waitForText('长三角概念验证路演（第 3 期）');
  await page.waitForText('报名中（剩余 11 席）');
  assert.match(page.text(), /共 12 席，剩余 11 席/);
  // Opened with ?t=, the page also records the open (as an anonymous visitor with an id kept in storage);
  // wx_grp-7 is no push's code, so the api refuses it with a 400, which the page ignores.
  for (let i = 0; i < 100 && !world.requests.some((r) => r.path === '/api/v1/opens' && r.status !== undefined); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(
    world.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`).sort(),
    [`GET /api/v1/events/${event.id} 200`, 'POST /api/v1/opens 400'],
    'signed out: the page asks for the event only, and records the open',
  );
  assert.match(String(world.storage.get('techbridge.visitor')), /^[a-z0-9]{32}$/);

  const button = page.findByText('立即报名');
  assert.ok(button, `no 立即报名 button: ${page.text()}`);
  await page.tap(button);
  assert.equal(world.navigations.length, 1, JSON.stringify(world.navigations));
  const nav = world.navigations[0]!;
  assert.equal(nav.api, 'navigateTo');
  const url = new URL(nav.url!, 'https://x');
  assert.equal(url.pathname, '/pages/event/signup');
  assert.equal(url.searchParams.get('id'), event.id);
  assert.equal(url.searchParams.get('t'), 'wx_grp-7');
  page.unload();
});

test('event detail: a full event offers the waitlist; an unknown one says so', async () => {
  const full = await publishedEvent(api, org.token, { title: '满员的对接会', registration: { capacity: 1 } });
  await call(api.url, 'POST', `/api/v1/events/${full.id}/registrations`, {
    token: (await makeUser(api)).token,
    body: { name: '张三', org: '上海交通大学', phone: '13812345678' },
  });
  const page = await weapp.openPage('pages/event/detail', { id: full.id });
  await page.waitForText('满员的对接会');
  await page.waitForText('加入候补');
  page.unload();

  const missing = await weapp.openPage('pages/event/detail', { id: '0123456789abcdef01234567' });
  await missing.waitForText('活动不存在或已下线');
  missing.unload();
});

test('sign-up form: signed out, it sends the user to login and back', async () => {
  const event = await publishedEvent(api, org.token);
  const page = await weapp.openPage('pages/event/signup', { id: event.id });
  const login = world.navigations.find((n) => n.url?.startsWith('/pages/login/index'));
  assert.ok(login, `expected a navigation to login, got ${JSON.stringify(world.navigations)}`);
  const redirect = new URL(login.url!, 'https://x').searchParams.get('redirect') ?? '';
  assert.match(decodeURIComponent(redirect), new RegExp(`^/pages/event/signup\\?id=${event.id}`));
  page.unload();
});

test('login: WeChat one-tap signs in through jscode2session and returns to the sign-up form', async () => {
  const event = await publishedEvent(api, org.token);
  const back = `/pages/event/signup?id=${event.id}&t=abc123`;
  // WeChat hands a page its query undecoded, as the app encoded it.
  const page = await weapp.openPage('pages/login/index', { redirect: encodeURIComponent(back) });
  await page.waitForText('微信一键登录');
  await page.tap(page.findByText('微信一键登录')!);
  const deadline = Date.now() + 5000;
  while (!world.navigations.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const login = world.requests.find((r) => r.path === '/api/v1/auth/wechat');
  assert.equal(login?.status, 200, JSON.stringify(world.requests));
  const session = world.storage.get('techbridge.session') as { token: string; user: { id: string } } | undefined;
  assert.ok(session?.token, 'the session is kept in storage');
  const me = await call(api.url, 'GET', '/api/v1/me', { token: session.token });
  assert.equal(me.status, 200);
  assert.deepEqual(world.navigations.at(-1), { api: 'redirectTo', url: back, delta: undefined });
  page.unload();
});

test('sign-up form: field errors for a bad phone and nothing sent; a good one is stored with its tracking code', async () => {
  const event = await publishedEvent(api, org.token, { title: '科技成果转化政策宣讲会' });
  const me = await signIn('weapp-signup-user');

  const page = await weapp.openPage('pages/event/signup', { id: event.id, t: 'abc123' });
  await page.waitForText('提交报名');
  assert.match(page.text(), /科技成果转化政策宣讲会/);

  await page.input(page.inputByLabel('姓名'), '李四');
  await page.input(page.inputByLabel('单位'), '复旦大学');
  await page.input(page.inputByLabel('手机号'), '1380013800');
  await page.tap(page.findByText('提交报名')!);
  await page.waitForText('请输入有效的中国大陆手机号');
  const errors = Array.from(page.comp.dom.querySelectorAll('[class*="field-error"]') as ArrayLike<SimElement>).map(
    (e) => e.textContent,
  );
  assert.deepEqual(errors, ['请输入有效的中国大陆手机号'], 'one error, under the phone field only');
  assert.equal(world.requests.filter((r) => r.method === 'POST').length, 0, 'nothing sent with a bad phone');

  // People paste numbers with spaces; the form sends the digits.
  await page.input(page.inputByLabel('手机号'), '139 0000 1111');
  await page.tap(page.findByText('提交报名')!);
  const deadline = Date.now() + 5000;
  while (!world.navigations.some((n) => n.api === 'redirectTo') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const post = world.requests.find((r) => r.method === 'POST');
  assert.equal(post?.path, `/api/v1/events/${event.id}/registrations`);
  assert.equal(post?.status, 201);
  assert.equal(page.text().includes('请输入有效的中国大陆手机号'), false, 'the error is gone');

  const regs = await call(api.url, 'GET', `/api/v1/events/${event.id}/registrations`, { token: org.token });
  assert.equal(regs.body.items.length, 1);
  const reg = regs.body.items[0];
  assert.equal(reg.name, '李四');
  assert.equal(reg.org, '复旦大学');
  assert.equal(reg.phone, '139****1111');
  assert.equal(reg.status, 'confirmed');
  assert.equal(reg.source, 'abc123');
  const mine = await call(api.url, 'GET', '/api/v1/me/registrations', { token: me.token });
  assert.equal(mine.body.items[0].id, reg.id);

  const result = world.navigations.find((n) => n.api === 'redirectTo');
  assert.ok(result, `expected the result page, got ${JSON.stringify(world.navigations)}`);
  const url = new URL(result.url!, 'https://x');
  assert.equal(url.pathname, '/pages/event/result');
  assert.equal(url.searchParams.get('regId'), reg.id);
  page.unload();

  // The result page the form sends the user to.
  const done = await weapp.openPage('pages/event/result', { id: event.id, regId: reg.id });
  await done.waitForText('报名成功');
  assert.ok(done.findByText('查看我的票'), done.text());
  done.unload();
});

test('sign-up form: a mangled tracking code does not block the sign-up and is not stored', async () => {
  const event = await publishedEvent(api, org.token);
  await signIn('weapp-bad-source');
  const page = await weapp.openPage('pages/event/signup', { id: event.id, t: 'x y{}' });
  await page.waitForText('提交报名');
  await page.input(page.inputByLabel('姓名'), '王五');
  await page.input(page.inputByLabel('单位'), '上海科技大学');
  await page.input(page.inputByLabel('手机号'), '13700001234');
  await page.tap(page.findByText('提交报名')!);
  const deadline = Date.now() + 5000;
  while (!world.navigations.some((n) => n.api === 'redirectTo') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const regs = await call(api.url, 'GET', `/api/v1/events/${event.id}/registrations`, { token: org.token });
  assert.equal(regs.body.items.length, 1, JSON.stringify(world.requests));
  assert.equal(regs.body.items[0].source, null);
  page.unload();
});
