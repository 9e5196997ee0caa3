/**
 * Subscribe-message consent in the real weapp build (miniprogram-simulate): the sign-up form asks WeChat for
 * the three sign-up templates straight from the tap and posts the accepted ids before signing up; 我的订阅 asks
 * for the rest. A refusal records nothing and never blocks the sign-up.
 */
import { afterAll, beforeAll, beforeEach, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { call, makeUser, publishedEvent, startTestApi, uniqueDbName } from '../support/api.js';
import { loadWeapp, type WeappWorld } from '../support/weapp.js';
import { TEMPLATE_IDS, notifyEnv } from '../support/fakeWechat.js';
import type { RunningApi } from '../../api/src/server.js';

let api: RunningApi;
let org: { id: string; token: string };
let weapp: ReturnType<typeof loadWeapp>;
let world: WeappWorld;

beforeAll(async () => {
  // Nothing is sent in these tests (NOTIFY_INTERVAL_MS=0), so WeChat's address is never called.
  api = await startTestApi(uniqueDbName('weappnotify'), { env: notifyEnv('http://127.0.0.1:9') });
  org = await makeUser(api, ['organizer']);
  weapp = loadWeapp(api.url);
  world = weapp.world;
});
afterAll(async () => api?.stop());
beforeEach(() => {
  weapp.closeAll();
  world.requests.length = 0;
  world.navigations.length = 0;
  world.subscribeRequests.length = 0;
  world.subscribeAnswer = 'accept';
  world.storage.clear();
});

async function signIn(openid: string) {
  const session = await call(api.url, 'POST', '/api/v1/auth/dev', { body: { openid } });
  assert.equal(session.status, 200, session.text);
  world.storage.set('techbridge.session', session.body);
  return session.body as { token: string; user: { id: string } };
}

const credits = async (userId: string) =>
  Object.fromEntries((await api.deps.models.Consent.find({ user: userId }).lean()).map((c) => [c.kind, c.credits]));

async function waitFor(check: () => boolean, what: string) {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function submitSignup(eventId: string) {
  const page = await weapp.openPage('pages/event/signup', { id: eventId });
  await page.waitForText('接收微信消息提醒');
  assert.match(page.text(), /候补名额通知：候补到名额时告诉您/, 'the form says what the messages are');
  await page.input(page.inputByLabel('姓名'), '赵六');
  await page.input(page.inputByLabel('单位'), '浙江大学');
  await page.input(page.inputByLabel('手机号'), '13700001111');
  await page.tap(page.findByText('提交报名')!);
  await waitFor(() => world.navigations.some((n) => n.api === 'redirectTo'), 'the result page');
  return page;
}

test('sign-up: WeChat is asked for the three sign-up templates, the accepted ones become credits, then the sign-up', async () => {
  const event = await publishedEvent(api, org.token);
  const me = await signIn('weapp-notify-accept');
  const page = await submitSignup(event.id);
  assert.deepEqual(world.subscribeRequests, [
    [TEMPLATE_IDS.registration_result, TEMPLATE_IDS.waitlist_offer, TEMPLATE_IDS.event_reminder],
  ]);
  const posts = world.requests.filter((r) => r.method === 'POST').map((r) => `${r.path} ${r.status}`);
  assert.deepEqual(posts, ['/api/v1/me/notify/consent 200', `/api/v1/events/${event.id}/registrations 201`]);
  assert.deepEqual(await credits(me.user.id), { registration_result: 1, waitlist_offer: 1, event_reminder: 1 });
  // The sign-up result itself spends the result credit once it is sent; it was recorded for the sender.
  assert.equal(await api.deps.models.Notification.countDocuments({ user: me.user.id, kind: 'registration_result' }), 1);
  page.unload();
});

test('sign-up: refused in WeChat, nothing is recorded and the sign-up still goes through', async () => {
  const event = await publishedEvent(api, org.token);
  const me = await signIn('weapp-notify-reject');
  world.subscribeAnswer = 'reject';
  const page = await submitSignup(event.id);
  assert.equal(world.subscribeRequests.length, 1);
  const posts = world.requests.filter((r) => r.method === 'POST').map((r) => r.path);
  assert.deepEqual(posts, [`/api/v1/events/${event.id}/registrations`]);
  assert.deepEqual(await credits(me.user.id), {});
  page.unload();
});

test('我的订阅: the other three templates are asked for and shown with their credits', async () => {
  const me = await signIn('weapp-notify-page');
  const page = await weapp.openPage('pages/me/subscriptions');
  await page.waitForText('活动变更通知');
  assert.match(page.text(), /您报名的活动改了时间或地点时告诉您/);
  await page.tap(page.findByText('订阅活动变更与新内容提醒')!);
  await waitFor(() => world.requests.some((r) => r.path === '/api/v1/me/notify/consent' && r.status === 200), 'the consent');
  assert.deepEqual(world.subscribeRequests, [
    [TEMPLATE_IDS.event_changed, TEMPLATE_IDS.event_cancelled, TEMPLATE_IDS.new_content],
  ]);
  assert.deepEqual(await credits(me.user.id), { event_changed: 1, event_cancelled: 1, new_content: 1 });
  await page.waitForText('可接收 1 条');
  page.unload();
});
