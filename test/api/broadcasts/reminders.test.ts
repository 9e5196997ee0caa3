import { test } from '@jest/globals';
import { testContext } from '../../support/context.js';
import assert from 'node:assert/strict';
import { formatShanghai } from '@techbridge/shared';
import { makeUser, signUp } from '../../support/api.js';
import { HOUR, MINUTE, call, claim, login, result, world } from './helpers.js';
import { TEMPLATE_IDS, notifyEnv, startFakeWechat } from '../../support/fakeWechat.js';
import { sendDueNotifications } from '../../../api/src/notify/sender.js';

test('event reminders: 24 h and 2 h before start, once each across two instances, to the groups that got the event, and to registrants', async () => {
  const t = testContext();
  const wechat = await startFakeWechat();
  t.after(() => wechat.close());
  const w = await world('reminders', { instances: 2, env: notifyEnv(wechat.url) });
  t.after(() => w.stopAll());
  const { a, clock, organizer } = w;
  const b = w.apis[1]!;
  // Both instances tick and send at once: the lease, the unique keys and the claims keep each reminder single.
  const tickBoth = () => Promise.all(w.apis.map((api) => api.deps.scheduler!.tick(clock.now())));
  const sendBoth = () => Promise.all(w.apis.map((api) => sendDueNotifications(api.deps)));
  const startsAt = new Date(clock.now().getTime() + 3 * 24 * HOUR);
  const created = await call(a.url, 'POST', '/api/v1/events', {
    token: organizer.token,
    body: {
      title: '概念验证项目路演（提醒测试）',
      kind: 'roadshow',
      startsAt: startsAt.toISOString(),
      regions: ['310000'],
      topics: ['poc'],
      audiences: ['enterprise'],
      registration: { capacity: 10 },
    },
  });
  assert.equal(created.status, 201, created.text);
  const eventId = created.body.id;
  assert.equal((await call(a.url, 'POST', `/api/v1/events/${eventId}/publish`, { token: organizer.token })).status, 200);

  // The bot delivers the event push to every matching room but one, whose send fails for good.
  await login(a);
  const units = (await claim(a)).units;
  assert.ok(units.length >= 2, 'the event reaches at least two sample groups');
  const [failing, ...delivered] = units;
  for (const u of delivered) await result(a, { deliveryIds: u.deliveryIds, ok: true });
  await a.deps.models.Delivery.updateOne({ _id: failing!.deliveryIds[0] }, { $set: { status: 'failed', lastError: 'test' } });

  const user = await makeUser(a);
  assert.equal((await signUp(a, eventId, user.token)).status, 201);
  // Consent for three reminders: two are due, the third credit must stay unspent.
  for (let i = 0; i < 3; i++) {
    const consent = await call(b.url, 'POST', '/api/v1/me/notify/consent', {
      token: user.token,
      body: { templateIds: [TEMPLATE_IDS.event_reminder] },
    });
    assert.equal(consent.status, 200, consent.text);
  }
  const openid = (await a.deps.models.User.findById(user.id).lean())!.openid;
  const remindersSent = () => wechat.sent.filter((m) => m.template_id === TEMPLATE_IDS.event_reminder && m.touser === openid);

  const reminders = () => a.deps.models.Broadcast.find({ kind: 'reminder' }).lean();
  // 25 h before: too early.
  clock.set(new Date(startsAt.getTime() - 25 * HOUR));
  await tickBoth();
  assert.equal((await reminders()).length, 0);

  // Just past 24 h before, ticked three times: one reminder, to exactly the rooms that received the event.
  clock.set(new Date(startsAt.getTime() - 24 * HOUR + MINUTE));
  for (let i = 0; i < 3; i++) await tickBoth();
  await sendBoth();
  await sendBoth();
  const first = await reminders();
  assert.equal(first.length, 1);
  assert.equal(first[0]!.sourceKey, `reminder:${eventId}:24h`);
  const sent = await a.deps.models.Delivery.find({ broadcast: first[0]!._id }).lean();
  assert.deepEqual(new Set(sent.map((d) => d.roomId)), new Set(delivered.map((u) => u.roomId)));
  assert.equal(sent.length, delivered.length, 'one reminder per room');
  assert.match(sent[0]!.text, /【活动提醒】/);
  assert.match(sent[0]!.text, /剩余名额：9/, 'the reminder states the seats left');
  const notes = await a.deps.models.Notification.find({ user: user.id, kind: 'event_reminder' }).lean();
  assert.deepEqual(
    notes.map((n) => n.status),
    ['sent'],
    'the registrant gets one subscribe-message reminder',
  );
  assert.equal(remindersSent().length, 1, 'one WeChat message for the 24 h reminder');
  assert.equal(remindersSent()[0]!.data.time2!.value, formatShanghai(startsAt));

  // 2 h before: the second reminder; the first is not repeated.
  clock.set(new Date(startsAt.getTime() - 2 * HOUR + MINUTE));
  await tickBoth();
  await tickBoth();
  await sendBoth();
  const both = await reminders();
  assert.deepEqual(both.map((b) => b.sourceKey).sort(), [`reminder:${eventId}:24h`, `reminder:${eventId}:2h`]);
  assert.equal(await a.deps.models.Notification.countDocuments({ user: user.id, kind: 'event_reminder' }), 2);
  assert.equal(remindersSent().length, 2, 'the 2 h reminder went out once; the 24 h one was not repeated');
  assert.equal((await a.deps.models.Consent.findById(`${user.id}:event_reminder`).lean())!.credits, 1);
});
