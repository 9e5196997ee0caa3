/**
 * Insights (issue 13): what an event's pushes achieved, per group and channel, what a broadcast achieved,
 * what a group received and did in 90 days. Real flows throughout: the event is published (its push is
 * planned), the bot claims and reports the WeChat deliveries, the api posts the WeCom one to a fake
 * robot, people open links through POST /opens and sign up with the link's code, the organizer checks
 * one in. Only the clock and WeCom's HTTP are fake.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startFakeWecom, type FakeWecom } from '../support/fakeWecom.js';
import { call, makeUser, publishedEvent, signUp } from '../support/api.js';
import { deliverForDays, world, type World } from './broadcasts/helpers.js';

let w: World;
let fake: FakeWecom;
let eventId: string;
let broadcastId: string;
/** Tracking codes by group id, and the groups that matter. */
const codeOf = new Map<string, string>();
let g1: string; // 上海概念验证群 (WeChat): most opens and sign-ups
let g2: string; // another WeChat room: one open, its delivery failed
let robot: string; // the 企业微信 robot
const visitor = () => randomUUID().replace(/-/g, '');

const open = (t: string, token?: string, extra: Record<string, unknown> = {}) =>
  call(w.a.url, 'POST', '/api/v1/opens', {
    ...(token ? { token } : {}),
    body: { t, page: { kind: 'event', id: eventId }, ...(token ? {} : { visitor: visitor() }), ...extra },
  });

beforeAll(async () => {
  fake = await startFakeWecom();
  w = await world('insights', { env: { WECOM_API_BASE: fake.base, DELIVERY_MAX_ATTEMPTS: '1' } });
  const added = await call(w.a.url, 'POST', '/api/v1/groups/wecom', {
    token: w.organizer.token,
    body: {
      webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${randomUUID()}`,
      topic: '上海概念验证企业微信群',
      profile: { regions: ['310000'], topics: ['poc'], audiences: [], keywords: [] },
    },
  });
  assert.equal(added.status, 201, added.text);
  robot = added.body.id;
  const event = await publishedEvent(w.a, w.organizer.token, { registration: { capacity: 3 } });
  eventId = event.id;
  const deliveries: any[] = await w.a.deps.models.Delivery.find({}).lean();
  broadcastId = String(deliveries[0].broadcast);
  for (const d of deliveries) codeOf.set(String(d.group), d.trackingCode);
  g1 = w.groups.get('sh-poc@chatroom')!;
  assert.ok(codeOf.has(g1) && codeOf.has(robot), 'the 概念验证 room and the robot were pushed the event');
  g2 = [...codeOf.keys()].find(
    (g) => g !== g1 && g !== robot && deliveries.some((d) => String(d.group) === g && d.channel === 'wechat'),
  )!;

  // The bot sends what is due (digest groups and quiet hours move some to later days); g2's send fails.
  await deliverForDays(w, 3, g2);
  const states: any[] = await w.a.deps.models.Delivery.find({}, { status: 1, group: 1 }).lean();
  assert.ok(
    states.every((d) => d.status === (String(d.group) === g2 ? 'failed' : 'sent')),
    JSON.stringify(states),
  );
  assert.equal(fake.posts.length, 1, 'the robot got its message');
});
afterAll(async () => {
  await w?.stopAll();
  await fake?.close();
});

const users: Record<string, { id: string; token: string }> = {};

test('opens are recorded once per person and link; sign-ups through links land in the funnel per group and channel', async () => {
  for (const name of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']) users[name] = await makeUser(w.a);
  const c1 = codeOf.get(g1)!;
  // g1's link: three signed-in people, one anonymous visitor, and u1 again (not counted twice).
  for (const u of ['u1', 'u2', 'u3']) assert.deepEqual((await open(c1, users[u]!.token)).body, { recorded: true });
  assert.equal((await open(c1)).status, 200);
  assert.deepEqual((await open(c1, users.u1!.token)).body, { recorded: false });
  // One anonymous visitor, the same one twice: one record.
  const v = visitor();
  assert.deepEqual((await open(codeOf.get(g2)!, undefined, { visitor: v })).body, { recorded: true });
  assert.deepEqual((await open(codeOf.get(g2)!, undefined, { visitor: v })).body, { recorded: false });
  assert.deepEqual((await open(codeOf.get(robot)!, users.u4!.token)).body, { recorded: true });
  // The bot's 报名 link in g1's chat carries chat-<group>.
  assert.deepEqual((await open(`chat-${g1}`, users.u5!.token)).body, { recorded: true });

  // Capacity 3: u1, u2 (g1) and u4 (robot) are confirmed; the rest wait.
  const reg = async (u: string, source?: string) => {
    const r = await signUp(w.a, eventId, users[u]!.token, source ? { source } : {});
    assert.equal(r.status, 201, r.text);
    return r.body as { ticketCode: string; status: string };
  };
  const r1 = await reg('u1', c1);
  await reg('u2', c1);
  await reg('u4', codeOf.get(robot)!);
  assert.equal((await reg('u3', c1)).status, 'waitlisted');
  await reg('u5', `chat-${g1}`);
  await reg('u6');
  // A made-up chat code names no group: counted among all sign-ups, not as tracked.
  await reg('u7', 'chat-0123456789abcdef01234567');
  const checkin = await call(w.a.url, 'POST', `/api/v1/events/${eventId}/checkin`, {
    token: w.organizer.token,
    body: { ticketCode: r1.ticketCode },
  });
  assert.equal(checkin.status, 200, checkin.text);

  const res = await call(w.a.url, 'GET', `/api/v1/events/${eventId}/insights`, { token: w.organizer.token });
  assert.equal(res.status, 200, res.text);
  const x = res.body;
  const pushed = codeOf.size - 1; // every matching group but g2, whose send failed
  assert.deepEqual(x.totals, { pushed, opened: 7, signedUp: 5, confirmed: 3, checkedIn: 1 });
  assert.deepEqual(x.allRegistrations, { signedUp: 7, confirmed: 3, checkedIn: 1 });
  const row = (g: string) => x.byGroup.find((r: any) => r.groupId === g);
  assert.deepEqual(row(g1), {
    groupId: g1,
    topic: (await w.a.deps.models.Group.findById(g1).lean())!.topic,
    channel: 'wechat',
    pushed: 1,
    opened: 5,
    signedUp: 4,
    confirmed: 2,
    checkedIn: 1,
  });
  assert.equal(x.byGroup[0].groupId, g1, 'the group with most sign-ups first');
  assert.deepEqual(
    { ...row(g2), topic: undefined, groupId: undefined },
    {
      topic: undefined,
      groupId: undefined,
      channel: 'wechat',
      pushed: 0,
      opened: 1,
      signedUp: 0,
      confirmed: 0,
      checkedIn: 0,
    },
  );
  assert.deepEqual(row(robot), {
    groupId: robot,
    topic: '上海概念验证企业微信群',
    channel: 'wecom',
    pushed: 1,
    opened: 1,
    signedUp: 1,
    confirmed: 1,
    checkedIn: 0,
  });
  assert.equal(x.byGroup.length, codeOf.size, 'one row per group pushed');
  assert.deepEqual(x.byChannel, [
    { channel: 'wechat', pushed: pushed - 1, opened: 6, signedUp: 4, confirmed: 2, checkedIn: 1 },
    { channel: 'wecom', pushed: 1, opened: 1, signedUp: 1, confirmed: 1, checkedIn: 0 },
  ]);
  assert.equal(x.signupsOverTime.length, 1);
  assert.deepEqual(x.signupsOverTime[0], { date: x.signupsOverTime[0].date, signedUp: 7, tracked: 5 });
});

test('sign-ups over time are Shanghai days, gaps filled with zeros', async () => {
  const regs: any[] = await w.a.deps.models.Registration.find({ event: eventId }).sort({ _id: 1 }).lean();
  // 15:30 UTC is 23:30 in Shanghai on the 1st; 16:30 UTC is 00:30 on the 2nd (the clock is the only thing faked).
  await w.a.deps.models.Registration.collection.updateOne(
    { _id: regs[0]._id },
    { $set: { createdAt: new Date('2026-12-01T15:30:00Z') } },
  );
  await w.a.deps.models.Registration.collection.updateOne(
    { _id: regs[1]._id },
    { $set: { createdAt: new Date('2026-12-01T16:30:00Z') } },
  );
  await w.a.deps.models.Registration.collection.updateOne(
    { _id: regs[2]._id },
    { $set: { createdAt: new Date('2026-12-03T16:30:00Z') } },
  );
  const restMovedTo = new Date('2026-12-04T02:00:00Z');
  await w.a.deps.models.Registration.collection.updateMany(
    { _id: { $in: regs.slice(3).map((r) => r._id) } },
    { $set: { createdAt: restMovedTo } },
  );
  const x = (await call(w.a.url, 'GET', `/api/v1/events/${eventId}/insights`, { token: w.organizer.token })).body;
  assert.deepEqual(x.signupsOverTime, [
    { date: '2026-12-01', signedUp: 1, tracked: 1 },
    { date: '2026-12-02', signedUp: 1, tracked: 1 },
    { date: '2026-12-03', signedUp: 0, tracked: 0 },
    { date: '2026-12-04', signedUp: 5, tracked: 3 },
  ]);
});

test('a broadcast: delivered, failed, opened and the sign-ups it led to, per group and channel', async () => {
  const res = await call(w.a.url, 'GET', `/api/v1/broadcasts/${broadcastId}/insights`, { token: w.organizer.token });
  assert.equal(res.status, 200, res.text);
  const x = res.body;
  assert.deepEqual(x.source, { type: 'event', id: eventId });
  // The chat link is not this broadcast's: g1 has 4 opens and 3 sign-ups through it here.
  assert.deepEqual(x.totals, {
    planned: codeOf.size,
    delivered: codeOf.size - 1,
    failed: 1,
    waiting: 0,
    skipped: 0,
    opened: 6,
    signedUp: 4,
    confirmed: 3,
    checkedIn: 1,
  });
  const g1Row = x.byGroup.find((r: any) => r.groupId === g1);
  assert.deepEqual([g1Row.delivered, g1Row.opened, g1Row.signedUp, g1Row.confirmed, g1Row.checkedIn], [1, 4, 3, 2, 1]);
  const g2Row = x.byGroup.find((r: any) => r.groupId === g2);
  assert.deepEqual([g2Row.planned, g2Row.delivered, g2Row.failed, g2Row.opened], [1, 0, 1, 1]);
  assert.deepEqual(
    x.byChannel.map((c: any) => [c.channel, c.planned, c.delivered, c.opened, c.signedUp]),
    [
      ['wechat', codeOf.size - 1, codeOf.size - 2, 5, 3],
      ['wecom', 1, 1, 1, 1],
    ],
  );
});

test('a group: what it received in 90 days and how it responded, including the chat link', async () => {
  const res = await call(w.a.url, 'GET', `/api/v1/groups/${g1}/insights`, { token: w.organizer.token });
  assert.equal(res.status, 200, res.text);
  const x = res.body;
  assert.equal(x.days, 90);
  assert.equal(x.overTime.length, 90);
  assert.deepEqual(
    x.broadcasts.map((b: any) => [b.broadcastId, b.planned, b.delivered, b.opened, b.signedUp, b.confirmed, b.checkedIn]),
    [
      [broadcastId, 1, 1, 4, 3, 2, 1],
      ['chat', 0, 0, 1, 1, 0, 0],
    ],
  );
  assert.equal(x.broadcasts[1].title, '群内报名链接');
  assert.deepEqual([x.totals.delivered, x.totals.opened, x.totals.signedUp], [1, 5, 4]);
  const sum = (k: string) => x.overTime.reduce((s: number, d: any) => s + d[k], 0);
  // Sign-ups were moved to early December above; only those inside the window count by day.
  assert.equal(sum('delivered'), 1);
  assert.equal(sum('opened'), 5);
});

test('CSV: the same figures, Shanghai time, BOM for Excel', async () => {
  const res = await call(w.a.url, 'GET', `/api/v1/events/${eventId}/insights.csv`, { token: w.organizer.token });
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers.get('content-type')!, /^text\/csv/);
  const raw = await fetch(`${w.a.url}/api/v1/events/${eventId}/insights.csv`, {
    headers: { authorization: `Bearer ${w.organizer.token}` },
  });
  assert.deepEqual([...new Uint8Array(await raw.arrayBuffer()).subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
  const lines = res.text.split('\n');
  const x = (await call(w.a.url, 'GET', `/api/v1/events/${eventId}/insights`, { token: w.organizer.token })).body;
  const t = x.totals;
  assert.ok(lines.includes(`合计（经推送链接）,,${t.pushed},${t.opened},${t.signedUp},${t.confirmed},${t.checkedIn}`), res.text);
  assert.ok(lines.includes('按渠道,企业微信群（群机器人）,1,1,1,1,0'), res.text);
  assert.ok(lines.includes('上海概念验证企业微信群,企业微信群（群机器人）,1,1,1,1,0'), res.text);
  assert.ok(lines.includes('2026-12-04,5,3'), res.text);
  assert.match(res.text, /生成时间（北京时间）,\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  for (const path of [`/broadcasts/${broadcastId}/insights.csv`, `/groups/${g1}/insights.csv`]) {
    const r = await call(w.a.url, 'GET', `/api/v1${path}`, { token: w.organizer.token });
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /已送达/);
  }
  const g = await call(w.a.url, 'GET', `/api/v1/groups/${g1}/insights.csv`, { token: w.organizer.token });
  assert.ok(
    g.text.split('\n').some((l) => l.startsWith('群内报名链接,,0,0,0,0,0,1,1,0,0')),
    g.text,
  );
});
