/**
 * Subscribe messages to people, against the real database and a local fake WeChat: consent is a
 * ledger of credits, a message goes out only against one, each reason at most once, and WeChat's
 * refusals and outages end in a record, never in a lost, doubled or 500'd request.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { formatShanghai } from '@techbridge/shared';
import type { RunningApi } from '../../../api/src/server.js';
import { parseEnv } from '../../../api/src/env.js';
import { sendDueNotifications } from '../../../api/src/notify/sender.js';
import { recordNotices } from '../../../api/src/notify/outbox.js';
import { call, makeUser, publishedEvent, signUp, startTestApi, testEnv, uniqueDbName } from '../../support/api.js';
import { TEMPLATE_IDS, notifyEnv, startFakeWechat, type FakeWechat } from '../../support/fakeWechat.js';

let wechat: FakeWechat;
let api: RunningApi;
let organizer: { id: string; token: string };
const dbName = uniqueDbName('notify');

beforeAll(async () => {
  wechat = await startFakeWechat();
  api = await startTestApi(dbName, { env: notifyEnv(wechat.url) });
  organizer = await makeUser(api, ['organizer']);
});
afterAll(async () => {
  await api.stop();
  await wechat.close();
});

const openidOf = async (userId: string) => (await api.deps.models.User.findById(userId).lean())!.openid!;
const consent = (token: string, templateIds: string[], source = 'weapp') =>
  call(api.url, 'POST', '/api/v1/me/notify/consent', { token, body: { templateIds, source } });
const notesOf = (userId: string) => api.deps.models.Notification.find({ user: userId }).sort({ createdAt: 1 }).lean();
const drain = () => sendDueNotifications(api.deps);

describe('consent', () => {
  test('an unknown template is refused naming the field; accepted ones add one credit each', async () => {
    const user = await makeUser(api);
    const bad = await consent(user.token, [TEMPLATE_IDS.waitlist_offer, 'tpl-unknown']);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('templateIds.1');
    expect(bad.body.error.message).toContain('不是本小程序的订阅消息模板');
    expect(await api.deps.models.Consent.countDocuments({ user: user.id })).toBe(0); // nothing half-written

    // Twenty accepts at once (the first creates the ledger row): twenty credits, none lost to the race.
    await Promise.all(Array.from({ length: 20 }, () => consent(user.token, [TEMPLATE_IDS.waitlist_offer])));
    const settings = await call(api.url, 'GET', '/api/v1/me/notify', { token: user.token });
    expect(settings.status).toBe(200);
    const offer = settings.body.templates.find((t: { kind: string }) => t.kind === 'waitlist_offer');
    expect(offer).toMatchObject({ templateId: TEMPLATE_IDS.waitlist_offer, title: '候补名额通知', credits: 20 });
  });

  test('a browser (H5) consent counts only in development', async () => {
    const prod = await startTestApi(dbName, { env: { ...notifyEnv(wechat.url), DEV_LOGIN: '0' } });
    try {
      const user = await makeUser(prod);
      const refused = await call(prod.url, 'POST', '/api/v1/me/notify/consent', {
        token: user.token,
        body: { templateIds: [TEMPLATE_IDS.event_reminder], source: 'h5' },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('请在微信小程序中订阅');
      const dev = await consent(user.token, [TEMPLATE_IDS.event_reminder], 'h5');
      expect(dev.status).toBe(200); // the test api runs with development login on
    } finally {
      await prod.stop();
    }
  });

  test('a template mapping missing from env stops the api at start, naming the variable', () => {
    const env = notifyEnv('http://127.0.0.1:1');
    delete (env as Record<string, string | undefined>).WECHAT_TEMPLATE_WAITLIST_OFFER;
    expect(() => testEnv(dbName, env)).toThrow(/WECHAT_TEMPLATE_WAITLIST_OFFER: missing/);
    expect(() =>
      parseEnv({ ...process.env, ...notifyEnv('http://x'), WECHAT_TEMPLATE_EVENT_CANCELLED: 'tpl|thing1:title' }),
    ).toThrow(/WECHAT_TEMPLATE_EVENT_CANCELLED: must map reason/);
  });
});

describe('messages', () => {
  test('a waitlist offer: exactly one message to the person, with the claim deadline', async () => {
    const event = await publishedEvent(api, organizer.token, {
      title: '长三角概念验证中心对接会（候补通知测试用的很长标题）',
      registration: { capacity: 1, offerWindowMinutes: 30 },
    });
    const first = await makeUser(api);
    const second = await makeUser(api);
    const reg1 = await signUp(api, event.id, first.token);
    expect(reg1.body.status).toBe('confirmed');
    // The waitlisted person accepts offer messages when joining the waitlist (the mini-program asks then).
    expect((await consent(second.token, [TEMPLATE_IDS.waitlist_offer])).status).toBe(200);
    const reg2 = await signUp(api, event.id, second.token);
    expect(reg2.body.status).toBe('waitlisted');
    const cancel = await call(api.url, 'POST', `/api/v1/events/${event.id}/registrations/${reg1.body.id}/cancel`, {
      token: first.token,
    });
    expect(cancel.status).toBe(200);
    const offered = await api.deps.models.Registration.findById(reg2.body.id).lean();
    expect(offered!.status).toBe('offered');

    const before = wechat.sent.length;
    // Three passes, two of them at once: the claim lets one sender have it.
    await Promise.all([drain(), drain()]);
    await drain();
    const toSecond = wechat.sent.slice(before).filter((m) => m.template_id === TEMPLATE_IDS.waitlist_offer);
    expect(toSecond).toHaveLength(1);
    const message = toSecond[0]!;
    expect(message.touser).toBe(await openidOf(second.id));
    expect(message.data.time2!.value).toBe(formatShanghai(offered!.offerExpiresAt!));
    expect([...message.data.thing1!.value].length).toBeLessThanOrEqual(20); // WeChat's `thing` rule
    expect(message.page).toBe('pages/me/registrations');
    expect(message.lang).toBe('zh_CN');

    // Recorded once per reason; the sign-up results without consent are recorded as such, not sent.
    const notes = await notesOf(second.id);
    expect(notes.map((n) => [n.kind, n.status])).toEqual([
      ['registration_result', 'no_credit'],
      ['waitlist_offer', 'sent'],
    ]);
    const firstNotes = await notesOf(first.id);
    expect(firstNotes.map((n) => [n.kind, n.status])).toEqual([['registration_result', 'no_credit']]);
    expect(await api.deps.models.Consent.findById(`${second.id}:waitlist_offer`).lean()).toMatchObject({ credits: 0 });

    // The same reason arising again (a promoter re-run, another instance) records nothing new.
    const again = await recordNotices(api.deps, [
      {
        key: `offer:${reg2.body.id}`,
        userId: second.id,
        kind: 'waitlist_offer',
        page: 'x',
        values: { title: 'x', deadline: new Date() },
      },
    ]);
    expect(again).toBe(0);

    // The organizer sees who was told.
    const summary = await call(api.url, 'GET', `/api/v1/events/${event.id}/notifications`, { token: organizer.token });
    expect(summary.status).toBe(200);
    expect(summary.body.told).toBe(1);
    const offerRow = summary.body.kinds.find((k: { kind: string }) => k.kind === 'waitlist_offer');
    expect(offerRow.counts.sent).toBe(1);
    const forbidden = await call(api.url, 'GET', `/api/v1/events/${event.id}/notifications`, { token: first.token });
    expect(forbidden.status).toBe(403);
  });

  test('no credit: no message, a "no credit" record', async () => {
    const event = await publishedEvent(api, organizer.token);
    const user = await makeUser(api);
    expect((await signUp(api, event.id, user.token)).status).toBe(201);
    const before = wechat.sent.length;
    await drain();
    expect(wechat.sent.length).toBe(before);
    const notes = await notesOf(user.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'registration_result', status: 'no_credit' });
  });

  test('43101 (refused by the user) is recorded, and the ledger agrees', async () => {
    const event = await publishedEvent(api, organizer.token);
    const user = await makeUser(api);
    await consent(user.token, [TEMPLATE_IDS.registration_result]);
    await consent(user.token, [TEMPLATE_IDS.registration_result]);
    expect((await signUp(api, event.id, user.token)).status).toBe(201);
    wechat.script.push(43101);
    await drain();
    const [note] = await notesOf(user.id);
    expect(note).toMatchObject({ status: 'refused' });
    expect(note!.lastError).toContain('43101');
    expect(await api.deps.models.Consent.findById(`${user.id}:registration_result`).lean()).toMatchObject({ credits: 0 });
    await drain();
    expect((await notesOf(user.id))[0]!.status).toBe('refused'); // not retried
  });

  test('WeChat down: the sign-up still succeeds; retries, then a failed record and the credit back', async () => {
    const event = await publishedEvent(api, organizer.token);
    const user = await makeUser(api);
    await consent(user.token, [TEMPLATE_IDS.registration_result]);
    wechat.down = 'hangup';
    try {
      const reg = await signUp(api, event.id, user.token);
      expect(reg.status).toBe(201);
      await drain(); // attempt 1
      expect((await notesOf(user.id))[0]).toMatchObject({ status: 'pending', attempts: 1 });
      wechat.down = 'http500';
      await drain(); // attempts 2 and 3 (retry delay is 0 in tests)
      await drain();
      const [note] = await notesOf(user.id);
      expect(note).toMatchObject({ status: 'failed', attempts: 3, lastError: '微信接口不可用' });
    } finally {
      wechat.down = null;
    }
    expect(await api.deps.models.Consent.findById(`${user.id}:registration_result`).lean()).toMatchObject({ credits: 1 });
    const metrics = await api.deps.metrics.registry.getSingleMetricAsString('techbridge_notifications_total');
    expect(metrics).toMatch(/techbridge_notifications_total\{kind="registration_result",outcome="failed"\} [1-9]/);
    expect(metrics).toMatch(/techbridge_notifications_total\{kind="waitlist_offer",outcome="sent"\} 1/);
  });

  test('token: 20 concurrent sends fetch it once; an invalidated token is refreshed once and the send retried', async () => {
    const fresh = await startTestApi(dbName, { env: notifyEnv(wechat.url) });
    try {
      const users = await Promise.all(Array.from({ length: 20 }, () => makeUser(fresh)));
      for (const u of users)
        await call(fresh.url, 'POST', '/api/v1/me/notify/consent', {
          token: u.token,
          body: { templateIds: [TEMPLATE_IDS.new_content] },
        });
      await recordNotices(
        fresh.deps,
        users.map((u) => ({
          key: `token-test:${u.id}`,
          userId: u.id,
          kind: 'new_content' as const,
          page: 'pages/index/index',
          values: { title: '新政策', type: '新政策', note: '测试' },
        })),
      );
      const fetchesBefore = wechat.tokenFetches;
      const sentBefore = wechat.sent.length;
      wechat.tokenDelayMs = 100; // every sender finds the fetch still in flight
      await sendDueNotifications(fresh.deps);
      wechat.tokenDelayMs = 0;
      expect(wechat.tokenFetches - fetchesBefore).toBe(1);
      expect(wechat.sent.length - sentBefore).toBe(20);

      // Another process fetched a token: ours is now invalid (40001). One refresh, the message still goes once.
      wechat.invalidateToken();
      const u = users[0]!;
      await call(fresh.url, 'POST', '/api/v1/me/notify/consent', {
        token: u.token,
        body: { templateIds: [TEMPLATE_IDS.new_content] },
      });
      await recordNotices(fresh.deps, [
        { key: `token-test-2:${u.id}`, userId: u.id, kind: 'new_content', page: 'p', values: { title: 't' } },
      ]);
      await Promise.all([sendDueNotifications(fresh.deps), sendDueNotifications(fresh.deps)]);
      expect(wechat.tokenFetches - fetchesBefore).toBe(2);
      expect(wechat.sent.length - sentBefore).toBe(21);
      assert.equal((await fresh.deps.models.Notification.findById(`token-test-2:${u.id}`).lean())!.status, 'sent');
    } finally {
      await fresh.stop();
    }
  });

  test('new items matching 我的订阅: one message a day at most, only to people they match', async () => {
    const fan = await makeUser(api);
    const elsewhere = await makeUser(api);
    for (const [u, regions] of [
      [fan, ['310000']],
      [elsewhere, ['110000']],
    ] as const) {
      const patch = await call(api.url, 'PATCH', '/api/v1/me', {
        token: u.token,
        body: { subscription: { regions, topics: ['poc'] } },
      });
      expect(patch.status).toBe(200);
      await consent(u.token, [TEMPLATE_IDS.new_content]);
      await consent(u.token, [TEMPLATE_IDS.new_content]);
    }
    const before = wechat.sent.length;
    await publishedEvent(api, organizer.token, { title: '上海概念验证路演（第一场）' });
    await publishedEvent(api, organizer.token, { title: '上海概念验证路演（第二场）' });
    await drain();
    const content = wechat.sent.slice(before).filter((m) => m.template_id === TEMPLATE_IDS.new_content);
    expect(content.map((m) => m.touser)).toEqual([await openidOf(fan.id)]);
    expect(content[0]!.data.thing1!.value).toBe('上海概念验证路演（第一场）');
    expect(content[0]!.page).toMatch(/^pages\/event\/detail\?id=[0-9a-f]{24}$/);
    expect(await api.deps.models.Consent.findById(`${fan.id}:new_content`).lean()).toMatchObject({ credits: 1 });
  });
});
