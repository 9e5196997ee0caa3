/**
 * An organizer moves or cancels a published event: everyone signed up and the groups that received it
 * are told once, the .ics keeps its UID and raises its SEQUENCE, and a cancellation closes sign-up and
 * withdraws waitlist offers. Real database and seeded groups; WeChat is a local fake.
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { testContext } from '../../support/context.js';
import { makeUser, signUp } from '../../support/api.js';
import { TEMPLATE_IDS, notifyEnv, startFakeWechat } from '../../support/fakeWechat.js';
import { sendDueNotifications } from '../../../api/src/notify/sender.js';
import { describeChange } from '../../../api/src/events/eventChanges.js';
import { registrationSweeper } from '../../../api/src/commands/registrationSweeper.js';
import { DAY, call, claim, login, result, world, type World } from '../broadcasts/helpers.js';

async function setUp(label: string, registration: Record<string, unknown> = {}) {
  const t = testContext();
  const wechat = await startFakeWechat();
  t.after(() => wechat.close());
  const w = await world(label, { env: notifyEnv(wechat.url) });
  t.after(() => w.stopAll());
  const { a, organizer } = w;
  const startsAt = new Date(w.clock.now().getTime() + 10 * DAY);
  const created = await call(a.url, 'POST', '/api/v1/events', {
    token: organizer.token,
    body: {
      title: '概念验证项目路演（变更测试）',
      kind: 'roadshow',
      startsAt: startsAt.toISOString(),
      venue: '上海技术交易所',
      regions: ['310000'],
      topics: ['poc'],
      audiences: ['enterprise'],
      registration: { capacity: 10, ...registration },
    },
  });
  assert.equal(created.status, 201, created.text);
  const eventId: string = created.body.id;
  assert.equal((await call(a.url, 'POST', `/api/v1/events/${eventId}/publish`, { token: organizer.token })).status, 200);
  return { w, wechat, eventId, startsAt };
}

const ics = async (w: World, eventId: string) => (await call(w.a.url, 'GET', `/api/v1/events/${eventId}/calendar.ics`)).text;
const field = (text: string, name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(text)?.[1]?.trim();

test('event moved: registrants and groups told once; the .ics keeps its UID and raises SEQUENCE', async () => {
  const { w, wechat, eventId, startsAt } = await setUp('evmoved');
  const { a, organizer } = w;
  await login(a);
  const pushed = (await claim(a)).units;
  assert.ok(pushed.length >= 2, 'the event reached at least two sample groups');
  for (const u of pushed) await result(a, { deliveryIds: u.deliveryIds, ok: true });

  const told = await makeUser(a);
  const silent = await makeUser(a);
  for (const u of [told, silent]) assert.equal((await signUp(a, eventId, u.token)).status, 201);
  const consent = await call(a.url, 'POST', '/api/v1/me/notify/consent', {
    token: told.token,
    body: { templateIds: [TEMPLATE_IDS.event_changed] },
  });
  assert.equal(consent.status, 200, consent.text);
  const before = await ics(w, eventId);
  assert.equal(field(before, 'SEQUENCE'), '0');

  // The organizer screen asks how many will be told before confirming.
  const preview = await call(a.url, 'GET', `/api/v1/events/${eventId}/notice-preview`, { token: organizer.token });
  assert.equal(preview.status, 200, preview.text);
  assert.deepEqual(preview.body, { people: 2, groups: pushed.length });
  const denied = await call(a.url, 'GET', `/api/v1/events/${eventId}/notice-preview`, { token: told.token });
  assert.equal(denied.status, 403);

  // Two organizers move it at once (the same edit): one version, told once.
  const moved = new Date(startsAt.getTime() + DAY).toISOString();
  const edits = await Promise.all(
    [0, 1].map(() =>
      call(a.url, 'PATCH', `/api/v1/events/${eventId}`, {
        token: organizer.token,
        body: { startsAt: moved, venue: '张江科学会堂' },
      }),
    ),
  );
  assert.ok(
    edits.some((e) => e.status === 200),
    edits.map((e) => e.text).join('\n'),
  );
  for (const e of edits) assert.ok([200, 409].includes(e.status), e.text);
  const conflict = edits.find((e) => e.status === 409);
  if (conflict) assert.match(conflict.body.error.message, /刚被修改/);
  assert.equal(edits.find((e) => e.status === 200)!.body.sequence, 1);

  const notes = await a.deps.models.Notification.find({ event: eventId, kind: 'event_changed' }).lean();
  assert.equal(notes.length, 2, 'one message per registrant');
  await sendDueNotifications(a.deps);
  await sendDueNotifications(a.deps);
  const messages = wechat.sent.filter((m) => m.template_id === TEMPLATE_IDS.event_changed);
  assert.equal(messages.length, 1, 'the one with consent got it, once');
  assert.equal(messages[0]!.data.thing3!.value, '张江科学会堂');
  assert.equal(messages[0]!.data.thing4!.value, '活动时间和地点已调整');
  const statuses = (await a.deps.models.Notification.find({ event: eventId, kind: 'event_changed' }).lean()).map((n) => n.status);
  assert.deepEqual(statuses.sort(), ['no_credit', 'sent']);

  // The groups that received the event: one 【活动变更】 each, through the ordinary paced delivery.
  const notices = (await claim(a)).units;
  assert.deepEqual(new Set(notices.map((u) => u.roomId)), new Set(pushed.map((u) => u.roomId)));
  assert.equal(notices.length, pushed.length);
  assert.match(notices[0]!.text, /^【活动变更】概念验证项目路演/);
  assert.match(notices[0]!.text, /时间改为 .*（原 /);
  assert.match(notices[0]!.text, /地点改为 张江科学会堂（原 上海技术交易所）/);
  for (const u of notices) await result(a, { deliveryIds: u.deliveryIds, ok: true });

  const after = await ics(w, eventId);
  assert.equal(field(after, 'UID'), field(before, 'UID'));
  assert.equal(field(after, 'SEQUENCE'), '1');

  // An edit that moves nothing tells nobody and keeps the version.
  const retitled = await call(a.url, 'PATCH', `/api/v1/events/${eventId}`, {
    token: organizer.token,
    body: { summary: '新增路演项目清单', startsAt: moved },
  });
  assert.equal(retitled.status, 200, retitled.text);
  assert.equal(retitled.body.sequence, 1);
  assert.equal(await a.deps.models.Notification.countDocuments({ event: eventId, kind: 'event_changed' }), 2);
  assert.equal((await claim(a)).units.length, 0);
});

test('cancel: reason required, offers and waitlist withdrawn, sign-up closed, everyone told once, .ics cancelled', async () => {
  const { w, wechat, eventId } = await setUp('evcancel', { capacity: 2, offerWindowMinutes: 30 });
  const { a, organizer } = w;
  // The push reaches one group; the others are still queued when the event is cancelled.
  await login(a);
  const [reached] = (await claim(a, { limit: 1 })).units;
  await result(a, { deliveryIds: reached!.deliveryIds, ok: true });
  const queued = await a.deps.models.Delivery.countDocuments({ status: 'pending' });
  assert.ok(queued >= 1);

  const [first, keeper, offered, waiting] = await Promise.all([0, 1, 2, 3].map(() => makeUser(a)));
  const regs: Record<string, string> = {};
  for (const [name, u] of Object.entries({ first, keeper, offered, waiting })) {
    const r = await signUp(a, eventId, u!.token);
    assert.equal(r.status, 201, r.text);
    regs[name] = r.body.id;
  }
  const cancelled = await call(a.url, 'POST', `/api/v1/events/${eventId}/registrations/${regs.first}/cancel`, {
    token: first!.token,
  });
  assert.equal(cancelled.status, 200);
  assert.equal((await a.deps.models.Registration.findById(regs.offered).lean())!.status, 'offered');
  await call(a.url, 'POST', '/api/v1/me/notify/consent', {
    token: offered!.token,
    body: { templateIds: [TEMPLATE_IDS.event_cancelled] },
  });

  // Bad input and the wrong role change nothing.
  const noReason = await call(a.url, 'POST', `/api/v1/events/${eventId}/cancel`, {
    token: organizer.token,
    body: { reason: ' ' },
  });
  assert.equal(noReason.status, 400);
  assert.match(noReason.body.error.message, /reason/);
  assert.match(noReason.body.error.message, /取消原因/);
  const asUser = await call(a.url, 'POST', `/api/v1/events/${eventId}/cancel`, {
    token: keeper!.token,
    body: { reason: '场地原因' },
  });
  assert.equal(asUser.status, 403);
  assert.equal((await a.deps.models.Event.findById(eventId).lean())!.status, 'published');

  const preview = await call(a.url, 'GET', `/api/v1/events/${eventId}/notice-preview`, { token: organizer.token });
  assert.equal(preview.body.people, 3);
  const mine = async () => {
    const r = await call(a.url, 'GET', '/api/v1/me/registrations', { token: keeper!.token });
    assert.equal(r.status, 200, r.text);
    return r.body.items.map((i: { id: string; status: string; event: unknown }) => ({
      id: i.id,
      status: i.status,
      event: i.event,
    }));
  };
  assert.deepEqual(await mine(), [{ id: regs.keeper, status: 'confirmed', event: { status: 'published', cancelReason: null } }]);

  const res = await call(a.url, 'POST', `/api/v1/events/${eventId}/cancel`, {
    token: organizer.token,
    body: { reason: '因台风预警，活动取消' },
  });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.event.status, 'cancelled');
  assert.equal(res.body.event.cancelReason, '因台风预警，活动取消');
  assert.deepEqual({ people: res.body.people, groups: res.body.groups }, { people: 3, groups: 1 });

  // Offers and the waitlist are withdrawn, the offered seat released; the confirmed keep their record.
  const status = async (id: string) => (await a.deps.models.Registration.findById(id).lean())!;
  assert.deepEqual(
    { status: (await status(regs.offered!)).status, reason: (await status(regs.offered!)).cancelReason },
    { status: 'cancelled', reason: 'event_cancelled' },
  );
  assert.equal((await status(regs.waiting!)).status, 'cancelled');
  assert.equal((await status(regs.keeper!)).status, 'confirmed');
  // 我的报名 says so: the keeper's registration is unchanged, but its event is cancelled, and why.
  assert.deepEqual(await mine(), [
    { id: regs.keeper, status: 'confirmed', event: { status: 'cancelled', cancelReason: '因台风预警，活动取消' } },
  ]);
  const ledger = await a.deps.models.SeatLedger.findById(eventId).lean();
  assert.equal(ledger!.held, 1);
  const accept = await call(a.url, 'POST', `/api/v1/events/${eventId}/registrations/${regs.offered}/accept`, {
    token: offered!.token,
  });
  assert.equal(accept.status, 409);

  // Sign-up is closed, with a reason.
  const late = await makeUser(a);
  const signup = await signUp(a, eventId, late.token);
  assert.equal(signup.status, 409);
  assert.match(signup.body.error.message, /活动已取消/);

  // Everyone concerned is told once; the group that had the push gets 【活动取消】, queued pushes are dropped.
  await sendDueNotifications(a.deps);
  const notes = await a.deps.models.Notification.find({ event: eventId, kind: 'event_cancelled' }).lean();
  assert.equal(notes.length, 3);
  const sent = wechat.sent.filter((m) => m.template_id === TEMPLATE_IDS.event_cancelled);
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.data.thing3!.value, '因台风预警，活动取消');
  assert.equal(await a.deps.models.Delivery.countDocuments({ status: 'pending', kind: 'event' }), 0);
  const notice = (await claim(a)).units;
  assert.equal(notice.length, 1);
  assert.equal(notice[0]!.roomId, reached!.roomId);
  assert.match(notice[0]!.text, /^【活动取消】/);
  assert.match(notice[0]!.text, /取消原因：因台风预警，活动取消/);

  // Cancelling again, or the sweep, repeats nothing; it cannot be published again.
  const again = await call(a.url, 'POST', `/api/v1/events/${eventId}/cancel`, {
    token: organizer.token,
    body: { reason: '重复' },
  });
  assert.equal(again.status, 200);
  assert.equal(await a.deps.models.Notification.countDocuments({ event: eventId, kind: 'event_cancelled' }), 3);
  assert.equal(await a.deps.models.Broadcast.countDocuments({ sourceId: eventId, kind: 'event_cancelled' }), 1);
  const republish = await call(a.url, 'POST', `/api/v1/events/${eventId}/publish`, { token: organizer.token });
  assert.equal(republish.status, 409);

  // Its page stays readable (people open it from the message) and says so; organizers list it as cancelled.
  const page = await call(a.url, 'GET', `/api/v1/events/${eventId}`);
  assert.equal(page.status, 200);
  assert.deepEqual(page.body.availability, { state: 'closed', seatsLeft: 0, label: '活动已取消' });
  const listed = await call(a.url, 'GET', '/api/v1/events?status=cancelled', { token: organizer.token });
  assert.deepEqual(
    listed.body.items.map((e: { id: string }) => e.id),
    [eventId],
  );
  const publicList = await call(a.url, 'GET', '/api/v1/events');
  assert.ok(!publicList.body.items.some((e: { id: string }) => e.id === eventId), 'not in the public list');

  const cal = await ics(w, eventId);
  assert.equal(field(cal, 'STATUS'), 'CANCELLED');
  assert.equal(field(cal, 'METHOD'), 'CANCEL');
  assert.equal(field(cal, 'SEQUENCE'), '1');
});

test('a crash between saving a move and telling it: the sweep tells everyone, once', async () => {
  const { w, eventId, startsAt } = await setUp('evcrash');
  const { a } = w;
  await login(a);
  const pushed = (await claim(a)).units;
  for (const u of pushed) await result(a, { deliveryIds: u.deliveryIds, ok: true });
  const user = await makeUser(a);
  assert.equal((await signUp(a, eventId, user.token)).status, 201);

  // What the edit's conditional update writes, and then the process dies before telling anyone.
  const before = (await a.deps.models.Event.findById(eventId).lean())!;
  const after = { ...before, startsAt: new Date(startsAt.getTime() + DAY) };
  await a.deps.models.Event.updateOne(
    { _id: eventId, sequence: 0 },
    {
      $set: { startsAt: after.startsAt, changeNotice: { sequence: 1, ...describeChange(before, after), done: false } },
      $inc: { sequence: 1 },
    },
  );
  assert.equal(await a.deps.models.Notification.countDocuments({ kind: 'event_changed' }), 0);

  w.clock.advance(2 * 60_000); // past the sweep's settling time
  await registrationSweeper(a.deps);
  await registrationSweeper(a.deps);
  const notes = await a.deps.models.Notification.find({ event: eventId, kind: 'event_changed' }).lean();
  assert.deepEqual(
    notes.map((n) => n._id),
    [`changed:${eventId}:1:${user.id}`],
  );
  const notices = (await claim(a)).units;
  assert.equal(notices.length, pushed.length, 'one 【活动变更】 per group that had the event');
  assert.match(notices[0]!.text, /^【活动变更】/);
  assert.equal((await a.deps.models.Event.findById(eventId).lean())!.changeNotice?.done, true);
});
