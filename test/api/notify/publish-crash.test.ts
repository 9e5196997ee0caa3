/**
 * A crash between publishing an item and recording its subscribers' messages: the broadcast exists (so a
 * re-publish plans nothing), yet the people whose 我的订阅 match must still hear of it, each once. The sweep
 * (scheduler lease holder) finishes it. Real database; WeChat is a local fake; the clock is controlled.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { RunningApi } from '../../../api/src/server.js';
import { registrationSweeper } from '../../../api/src/commands/registrationSweeper.js';
import { sendDueNotifications } from '../../../api/src/notify/sender.js';
import { call, makeUser, publishedEvent, startTestApi, testClock, uniqueDbName } from '../../support/api.js';
import { TEMPLATE_IDS, notifyEnv, startFakeWechat, type FakeWechat } from '../../support/fakeWechat.js';
import { nextShanghai } from '../broadcasts/helpers.js';

let wechat: FakeWechat;
let api: RunningApi;
let organizer: { id: string; token: string };
const clock = testClock();

beforeAll(async () => {
  wechat = await startFakeWechat();
  api = await startTestApi(uniqueDbName('pubcrash'), { env: notifyEnv(wechat.url), clock });
  organizer = await makeUser(api, ['organizer']);
});
afterAll(async () => {
  await api.stop();
  await wechat.close();
});

/** A person following `regions` and 概念验证 on 我的订阅, holding `credits` new-content credits. */
async function follower(regions: string[], credits = 1) {
  const u = await makeUser(api);
  const patch = await call(api.url, 'PATCH', '/api/v1/me', {
    token: u.token,
    body: { subscription: { regions, topics: ['poc'] } },
  });
  assert.equal(patch.status, 200, patch.text);
  for (let i = 0; i < credits; i++) {
    const r = await call(api.url, 'POST', '/api/v1/me/notify/consent', {
      token: u.token,
      body: { templateIds: [TEMPLATE_IDS.new_content] },
    });
    assert.equal(r.status, 200, r.text);
  }
  return u;
}

/** Lets `allowed` new notification records be written (a duplicate refused does not count), then fails every further insert as a dying api would. */
function crashAfterInserts(allowed: number) {
  const collection = api.deps.models.Notification.collection;
  const real = collection.insertOne.bind(collection);
  let written = 0;
  return jest.spyOn(collection, 'insertOne').mockImplementation((async (...args: Parameters<typeof real>) => {
    if (written >= allowed) throw new Error('api stopped mid-recording');
    const result = await real(...args);
    written++;
    return result;
  }) as typeof real);
}

const contentNotes = () => api.deps.models.Notification.find({ kind: 'new_content' }).lean();
const publishBroadcast = (eventId: string) => api.deps.models.Broadcast.findOne({ sourceKey: `event:${eventId}` }).lean();

test('a crash after the first subscriber is recorded (and again during the repair): the sweep records the rest, each once, under the publish day', async () => {
  // 23:59:30 in Shanghai: the repair runs after midnight, yet the reason keeps the day of publishing.
  clock.set(new Date(nextShanghai(new Date(), '23:59').getTime() + 30_000));
  const publishDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(clock.now());
  const fans = [await follower(['310000']), await follower(['310000'], 2), await follower(['000000'])];
  const elsewhere = await follower(['110000']);
  const noCredit = await follower(['310000'], 0);

  const crash = crashAfterInserts(1);
  let event: { id: string };
  try {
    event = await publishedEvent(api, organizer.token, { title: '上海概念验证路演（崩溃修复测试）' });
  } finally {
    crash.mockRestore();
  }
  // The publish itself succeeded; one person was recorded before the crash, the others were not.
  expect(await contentNotes()).toHaveLength(1);

  // A publish still in flight (under a minute old) is not the sweep's: it would race the request.
  await registrationSweeper(api.deps);
  expect(await contentNotes()).toHaveLength(1);

  clock.advance(2 * 60_000);
  // The repair itself is cut short after one more record: the next sweeps pick up where it stopped.
  const again = crashAfterInserts(1);
  try {
    await registrationSweeper(api.deps);
  } finally {
    again.mockRestore();
  }
  expect(await contentNotes()).toHaveLength(2);
  expect((await publishBroadcast(event.id))?.subscribersTold).toBe(false);
  await Promise.all([registrationSweeper(api.deps), registrationSweeper(api.deps)]);
  await registrationSweeper(api.deps);

  const notes = await contentNotes();
  expect(notes.map((n) => n._id).sort()).toEqual(fans.map((f) => `content:${f.id}:${publishDay}`).sort());
  for (const n of notes) expect(n.page).toBe(`pages/event/detail?id=${event.id}`);
  expect(notes.some((n) => [elsewhere.id, noCredit.id].includes(String(n.user)))).toBe(false);
  expect((await publishBroadcast(event.id))?.subscribersTold).toBe(true);

  // And out they go, one message per person.
  const before = wechat.sent.length;
  await sendDueNotifications(api.deps);
  await sendDueNotifications(api.deps);
  const sent = wechat.sent.slice(before).filter((m) => m.template_id === TEMPLATE_IDS.new_content);
  const openids = await Promise.all(fans.map(async (f) => (await api.deps.models.User.findById(f.id).lean())!.openid));
  expect(sent.map((m) => m.touser).sort()).toEqual([...openids].sort());
});

test('an item cancelled before the repair is not announced; the broadcast is marked done all the same', async () => {
  clock.set(new Date());
  await follower(['310000']);
  const before = (await contentNotes()).length;
  const crash = crashAfterInserts(0);
  let event: { id: string };
  try {
    event = await publishedEvent(api, organizer.token, { title: '上海概念验证路演（发布后取消）' });
  } finally {
    crash.mockRestore();
  }
  const cancel = await call(api.url, 'POST', `/api/v1/events/${event.id}/cancel`, {
    token: organizer.token,
    body: { reason: '场地调整，活动取消' },
  });
  assert.equal(cancel.status, 200, cancel.text);

  clock.advance(2 * 60_000);
  await registrationSweeper(api.deps);
  expect(await contentNotes()).toHaveLength(before);
  expect((await publishBroadcast(event.id))?.subscribersTold).toBe(true);
});
