/**
 * WeCom group robots as a second group channel, against a local fake WeCom webhook: an organizer adds a robot by
 * its URL (bad URLs refused, the key never shown again), broadcasts reach the right robots from the api (never
 * through the bot), at most 20 a minute per robot, 45009 and network failures retried, and each delivery posted
 * once with two api instances and across a crash mid-broadcast.
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { testContext } from '../../support/context.js';
import { startFakeWecom } from '../../support/fakeWecom.js';
import { makeUser, publishedEvent, startTestApi, uniqueDbName } from '../../support/api.js';
import { parseEnv } from '../../../api/src/env.js';
import { WECOM_UNKNOWN_OUTCOME } from '../../../api/src/wecom/sender.js';
import { WECOM_NO_ANSWER } from '../../../api/src/wecom/client.js';
import { MINUTE, call, claim, createBroadcast, deliveriesOf, login, report, world, type World } from './helpers.js';

const robotUrl = (key: string) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`;

/** A world whose api posts to a fresh fake WeCom reading the world's clock. */
async function wecomWorld(label: string, opts: { instances?: number; env?: Record<string, string> } = {}) {
  const t = testContext();
  const holder: { w?: World } = {};
  const fake = await startFakeWecom(() => holder.w?.clock.now() ?? new Date());
  t.after(() => fake.close());
  const w = await world(label, { ...opts, env: { WECOM_API_BASE: fake.base, WECOM_POLL_MS: '0', ...opts.env } });
  holder.w = w;
  t.after(() => w.stopAll());
  return { w, fake };
}

async function addRobot(w: World, key: string, topic: string, regions = ['310000'], topics = ['poc']) {
  const res = await call(w.a.url, 'POST', '/api/v1/groups/wecom', {
    token: w.organizer.token,
    body: { webhookUrl: robotUrl(key), topic, profile: { regions, topics, audiences: [], keywords: [] } },
  });
  assert.equal(res.status, 201, res.text);
  return res.body as { id: string; roomId: string; channel: string; wecomKeyMasked: string };
}

/** A manual broadcast now to the listed groups; returns its id. */
const sendNow = async (w: World, title: string, groupIds: string[]) =>
  (await createBroadcast(w.a, w.organizer.token, { title, audience: { kind: 'groups', groupIds }, schedule: { kind: 'now' } }))
    .id;

test('adding a robot: bad URLs refused naming the field, the key never returned or logged, a test message on request', async () => {
  const logs: string[] = [];
  const logStream = new Writable({ write: (chunk, _enc, cb) => (logs.push(String(chunk)), cb()) });
  const t = testContext();
  const fake = await startFakeWecom();
  t.after(() => fake.close());
  const api = await startTestApi(uniqueDbName('wecom-add'), {
    env: { WECOM_API_BASE: fake.base, WECOM_POLL_MS: '0', LOG_LEVEL: 'debug' },
    logStream,
  });
  t.after(() => api.stop());
  const org = await makeUser(api, ['organizer']);
  const key = randomUUID();
  const add = (webhookUrl: unknown, token = org.token) =>
    call(api.url, 'POST', '/api/v1/groups/wecom', { token, body: { webhookUrl, topic: '上海技术转移企业微信群' } });

  for (const bad of [
    `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`,
    `https://evil.example.com/cgi-bin/webhook/send?key=${key}`,
    'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=',
    'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
    '不是网址',
    42,
  ]) {
    const res = await add(bad);
    assert.equal(res.status, 400, `${String(bad)} → ${res.text}`);
    assert.equal(res.body.error.details.fields[0].field, 'webhookUrl');
    if (typeof bad === 'string') assert.match(res.body.error.message, /webhookUrl 请粘贴企业微信群机器人的 Webhook 地址/);
  }
  const user = await makeUser(api, []);
  assert.equal((await add(robotUrl(key), user.token)).status, 403, 'organizers only');
  assert.equal(await api.deps.models.Group.countDocuments({}), 0, 'nothing half-written');

  const created = await add(`  ${robotUrl(key)}  `);
  assert.equal(created.status, 201, created.text);
  assert.equal(created.body.channel, 'wecom');
  assert.equal(created.body.wecomKeyMasked, `${key.slice(0, 4)}****${key.slice(-4)}`);
  assert.match(created.body.roomId, /^wecom:[0-9a-f]{64}$/);
  const again = await add(robotUrl(key.toUpperCase()));
  assert.equal(again.status, 409, 'the same robot (its key, any case) is one group');
  assert.match(again.body.error.message, /已添加过/);

  const id = created.body.id as string;
  const list = await call(api.url, 'GET', '/api/v1/groups', { token: org.token });
  const one = await call(api.url, 'GET', `/api/v1/groups/${id}`, { token: org.token });
  const patched = await call(api.url, 'PATCH', `/api/v1/groups/${id}`, {
    token: org.token,
    body: { profile: { regions: ['310000'], topics: ['tto'], audiences: [], keywords: [] } },
  });
  assert.equal(patched.status, 200, patched.text);
  const moved = await call(api.url, 'PATCH', `/api/v1/groups/${id}`, { token: org.token, body: { roomId: '123@chatroom' } });
  assert.equal(moved.status, 400, 'a robot cannot become a room');

  const tried = await call(api.url, 'POST', `/api/v1/groups/${id}/wecom-test`, { token: org.token });
  assert.equal(tried.status, 200, tried.text);
  assert.deepEqual(tried.body, { ok: true, message: '测试消息已发送，请在企业微信群里查看' });
  assert.equal(fake.posts.length, 1);
  assert.equal(fake.posts[0]!.key, key, 'posted with the stored key');
  assert.equal(fake.posts[0]!.body.msgtype, 'text');
  assert.match(fake.posts[0]!.body.text!.content, /上海技术转移企业微信群/);

  fake.answer = () => ({ errcode: 93000, errmsg: `invalid webhook url, key ${key}` });
  const refused = await call(api.url, 'POST', `/api/v1/groups/${id}/wecom-test`, { token: org.token });
  assert.equal(refused.status, 200, 'a WeCom refusal is an answer, not a 500');
  assert.equal(refused.body.ok, false);
  assert.match(refused.body.message, /errcode 93000/);
  await fake.close();
  const down = await call(api.url, 'POST', `/api/v1/groups/${id}/wecom-test`, { token: org.token });
  assert.equal(down.status, 200);
  assert.match(down.body.message, /无法连接企业微信/);
  const room = await call(api.url, 'POST', '/api/v1/groups', {
    token: org.token,
    body: { roomId: '9@chatroom', topic: '微信群' },
  });
  const notRobot = await call(api.url, 'POST', `/api/v1/groups/${room.body.id}/wecom-test`, { token: org.token });
  assert.equal(notRobot.status, 400);

  const audits = await api.deps.models.AuditLog.find({ targetId: id }).lean();
  assert.deepEqual(audits.map((a) => a.action).sort(), [
    'group.create',
    'group.update',
    'group.wecom_test',
    'group.wecom_test',
    'group.wecom_test',
  ]);
  for (const [what, text] of [
    ['POST response', created.text],
    ['list', list.text],
    ['detail', one.text],
    ['PATCH response', patched.text],
    ['refused test', refused.text],
    ['logs', logs.join('')],
    ['audit log', JSON.stringify(audits)],
  ] as const) {
    assert.ok(!text.toLowerCase().includes(key), `the key leaked into the ${what}`);
  }
  assert.ok(logs.length > 0, 'logs were captured');
});

test('a broadcast reaches the matching robots once each, in markdown with the reason and the link; WeChat rooms still go to the bot', async () => {
  const { w, fake } = await wecomWorld('wecom-match');
  const shKey = randomUUID();
  const gdKey = randomUUID();
  await addRobot(w, shKey, '上海概念验证企业微信群', ['310000'], ['poc']);
  await addRobot(w, gdKey, '广东知识产权企业微信群', ['440000'], ['ip']);
  const event = await publishedEvent(w.a, w.organizer.token);
  const deliveries = (await w.a.deps.models.Delivery.find({}).lean()).filter((d) => String(d.broadcast) !== '');
  const robotDeliveries = deliveries.filter((d) => d.channel === 'wecom');
  assert.equal(robotDeliveries.length, 1, 'only the Shanghai 概念验证 robot matches');
  assert.ok(
    deliveries.some((d) => d.channel === 'wechat'),
    'matching WeChat rooms are planned as before',
  );

  // A delivery written without `channel` (by code that knows nothing of robots) still goes by its robot identity.
  const robotRow = robotDeliveries[0]!;
  await w.a.deps.models.Delivery.collection.insertOne({
    ...robotRow,
    _id: `${robotRow._id}:legacy` as never,
    channel: undefined,
    text: '【通知】没有写明渠道的投递',
  });
  await login(w.a);
  const units = (await claim(w.a)).units;
  assert.ok(units.length > 0);
  assert.ok(
    units.every((u) => !u.roomId.startsWith('wecom:')),
    'the bot is never handed a robot delivery',
  );

  assert.equal(await w.a.wecom.runOnce(), 2);
  assert.equal(await w.a.wecom.runOnce(), 0, 'nothing twice');
  assert.equal(fake.posts.length, 2);
  assert.match(fake.posts.map((p) => p.body.markdown!.content).join('\n'), /没有写明渠道的投递/);
  const post = fake.posts.find((p) => p.body.markdown!.content.includes('活动预告'))!;
  assert.equal(post.key, shKey);
  assert.equal(post.body.msgtype, 'markdown');
  const md = post.body.markdown!.content;
  assert.match(md, /^\*\*【活动预告】2026 上海概念验证项目路演\*\*/);
  assert.match(md, /> 推荐理由：<font color="info">上海 · 概念验证<\/font>/);
  assert.match(md, new RegExp(`\\[查看详情\\]\\(http://localhost:3000/h5/#/pages/event/detail\\?id=${event.id}&t=[0-9a-f]+\\)`));
  const row = await w.a.deps.models.Delivery.findById(robotDeliveries[0]!._id).lean();
  assert.equal(row!.status, 'sent');
  const rep = await report(w.a, w.organizer.token, String(robotDeliveries[0]!.broadcast));
  const robotLine = rep.groups.find((g) => g.topic === '上海概念验证企业微信群');
  assert.equal(robotLine.status, 'sent', 'the robot is in the broadcast report like a room');
});

test('pace: 25 messages for one robot go out 20 in the first minute, the other 5 the next; none dropped', async () => {
  const { w, fake } = await wecomWorld('wecom-pace');
  const key = randomUUID();
  const robot = await addRobot(w, key, '限速测试群');
  const ids: string[] = [];
  for (let i = 1; i <= 25; i++) ids.push(await sendNow(w, `第 ${i} 条通知`, [robot.id]));
  const t0 = w.clock.now().getTime();
  assert.equal(await w.a.wecom.runOnce(), 20);
  const waiting = await w.a.deps.models.Delivery.find({ group: robot.id, status: 'pending' }).lean();
  assert.equal(waiting.length, 5);
  for (const d of waiting) {
    // The whole backlog moves to when the first slot frees, out of other robots' way.
    assert.equal(new Date(d.notBefore).getTime(), t0 + MINUTE, 'waits for the first slot, all of it');
  }
  assert.equal(await w.a.wecom.runOnce(), 0, 'the 21st waits for the minute');
  w.clock.advance(30_000);
  assert.equal(await w.a.wecom.runOnce(), 0, 'still inside the minute');
  w.clock.advance(31_000);
  assert.equal(await w.a.wecom.runOnce(), 5);
  const times = fake.postsFor(key).map((p) => p.at.getTime());
  assert.equal(times.length, 25);
  for (const t0 of times) {
    const inWindow = times.filter((t) => t >= t0 && t < t0 + MINUTE).length;
    assert.ok(inWindow <= 20, `${inWindow} posts within a minute`);
  }
  const titles = fake.postsFor(key).map((p) => /第 (\d+) 条/.exec(p.body.markdown!.content)![1]);
  assert.equal(new Set(titles).size, 25, 'each message once');
  for (const id of ids) assert.equal((await deliveriesOf(w.a, id))[0].status, 'sent');
});

test('45009 pauses the robot and the message goes out once after the pause; network failures retry, then fail visibly', async () => {
  const { w, fake } = await wecomWorld('wecom-45009', {
    env: { WECOM_RATE_LIMIT_PAUSE_MS: '60000', DELIVERY_MAX_ATTEMPTS: '3', DELIVERY_RETRY_BASE_MS: '10000' },
  });
  const key = randomUUID();
  const robot = await addRobot(w, key, '限流测试群');
  const b1 = await sendNow(w, '限流后补发的通知', [robot.id]);
  fake.answer = (_post, nth) => (nth === 0 ? { errcode: 45009, errmsg: 'api freq out of limit' } : { errcode: 0 });
  assert.equal(await w.a.wecom.runOnce(), 0);
  let [d] = await deliveriesOf(w.a, b1);
  assert.equal(d.status, 'pending', 'not dropped');
  assert.equal(d.attempts, 0, 'a rate limit is not a failed attempt');
  assert.match(d.lastError, /45009/);
  assert.equal(new Date(d.notBefore).getTime(), w.clock.now().getTime() + 60_000);
  w.clock.advance(59_000);
  assert.equal(await w.a.wecom.runOnce(), 0, 'the robot is paused');
  assert.equal(fake.posts.length, 1);
  w.clock.advance(1_000);
  assert.equal(await w.a.wecom.runOnce(), 1);
  [d] = await deliveriesOf(w.a, b1);
  assert.equal(d.status, 'sent');
  assert.equal(fake.posts.length, 2, 'refused once, delivered once');

  // WeCom down: HTTP 502, then no route at all.
  const b2 = await sendNow(w, '故障期间的通知', [robot.id]);
  fake.answer = () => ({ http: 502 });
  w.clock.advance(MINUTE);
  assert.equal(await w.a.wecom.runOnce(), 0);
  [d] = await deliveriesOf(w.a, b2);
  assert.equal(d.status, 'pending');
  assert.equal(d.attempts, 1);
  assert.match(d.lastError, /HTTP 502/);
  w.clock.advance(10_000);
  await fake.close();
  assert.equal(await w.a.wecom.runOnce(), 0);
  [d] = await deliveriesOf(w.a, b2);
  assert.equal(d.attempts, 2);
  assert.match(d.lastError, /无法连接企业微信/);
  w.clock.advance(20_000);
  assert.equal(await w.a.wecom.runOnce(), 0);
  [d] = await deliveriesOf(w.a, b2);
  assert.equal(d.status, 'failed', 'after DELIVERY_MAX_ATTEMPTS');
  const rep = await report(w.a, w.organizer.token, b2);
  assert.equal(rep.totals.failed, 1);
  assert.match(rep.groups[0].lastError, /无法连接企业微信/);
});

test('two api instances sending at once post each delivery once', async () => {
  const { w, fake } = await wecomWorld('wecom-two', { instances: 2 });
  const keys = Array.from({ length: 6 }, () => randomUUID());
  const robots = [];
  for (const [i, key] of keys.entries()) robots.push(await addRobot(w, key, `并发测试群 ${i + 1}`));
  for (let i = 1; i <= 3; i++)
    await sendNow(
      w,
      `并发通知 ${i}`,
      robots.map((r) => r.id),
    );
  const sent = await Promise.all([w.apis[0]!.wecom.runOnce(), w.apis[1]!.wecom.runOnce(), w.apis[0]!.wecom.runOnce()]);
  assert.equal(sent[0]! + sent[1]!, 18, `sent ${sent.join('+')}`);
  assert.equal(fake.posts.length, 18);
  const seen = new Set(fake.posts.map((p) => `${p.key}|${p.body.markdown!.content.split('\n')[0]}`));
  assert.equal(seen.size, 18, 'no robot got any message twice');
});

test('stopped mid-broadcast with a post unanswered: after restart every robot has its message exactly once; the unanswered one is reported, not resent', async () => {
  const { w, fake } = await wecomWorld('wecom-crash', { env: { WECOM_TIMEOUT_MS: '500' } });
  const keys = Array.from({ length: 6 }, () => randomUUID());
  const robots = [];
  for (const [i, key] of keys.entries()) robots.push(await addRobot(w, key, `崩溃测试群 ${i + 1}`));
  const b = await sendNow(
    w,
    '崩溃前后的群发',
    robots.map((r) => r.id),
  );
  // The 3rd post reaches WeCom and is never answered; the api is told to stop meanwhile (SIGTERM).
  let received = 0;
  fake.answer = () => (++received === 3 ? 'hang' : { errcode: 0 });
  const round = w.a.wecom.runOnce().catch(() => -1);
  while (received < 3) await new Promise((r) => setTimeout(r, 10));
  await w.a.stop();
  await round;
  fake.answer = () => ({ errcode: 0 });

  w.clock.advance(2 * MINUTE);
  const b2 = await w.start();
  await b2.wecom.runOnce();
  await b2.wecom.runOnce();
  const perKey = keys.map((k) => fake.postsFor(k).length);
  assert.deepEqual(perKey, [1, 1, 1, 1, 1, 1], 'one message per robot, crash or not');
  const rows = await deliveriesOf(b2, b);
  // The unanswered post may have reached its group: reported as of unknown outcome, never posted again.
  const unknown = rows.filter((d) => d.status === 'failed');
  assert.equal(unknown.length, 1, 'the unanswered post');
  assert.equal(unknown[0].lastError, WECOM_NO_ANSWER);
  assert.equal(rows.filter((d) => d.status === 'sent').length, 5, 'everything else went out, before or after the restart');
});

test('an api that died holding a claim: the lease lapses, the delivery is reported as unknown and never posted again', async () => {
  const { w, fake } = await wecomWorld('wecom-dead');
  const key = randomUUID();
  const robot = await addRobot(w, key, '宕机测试群');
  const b = await sendNow(w, '宕机前认领的通知', [robot.id]);
  // What a killed process leaves behind: its claim, mid-post (the row as the sender's claim writes it).
  const [row] = await deliveriesOf(w.a, b);
  await w.a.deps.models.Delivery.updateOne(
    { _id: row._id },
    { $set: { status: 'sending', claims: 1, leaseUntil: new Date(w.clock.now().getTime() + 70_000) } },
  );
  assert.equal(await w.a.wecom.runOnce(), 0, 'another instance does not touch a live claim');
  w.clock.advance(71_000);
  assert.equal(await w.a.wecom.runOnce(), 0);
  const [after] = await deliveriesOf(w.a, b);
  assert.equal(after.status, 'failed');
  assert.equal(after.lastError, WECOM_UNKNOWN_OUTCOME);
  assert.equal(fake.posts.length, 0, 'not posted again');
});

test('a bad WECOM_API_BASE stops the api at start, naming the variable', () => {
  assert.throws(
    () => parseEnv({ MONGODB_URI: 'mongodb://x/y', JWT_SECRET: 'x'.repeat(32), WECOM_API_BASE: 'not a url' }),
    /WECOM_API_BASE/,
  );
});

test('a digest-mode robot gets one 【今日摘要】 at its digest time, counted in metrics', async () => {
  const { w, fake } = await wecomWorld('wecom-digest');
  const key = randomUUID();
  const robot = await addRobot(w, key, '摘要测试群');
  const patched = await call(w.a.url, 'PATCH', `/api/v1/groups/${robot.id}`, {
    token: w.organizer.token,
    body: { delivery: { mode: 'digest', digestAt: '09:00', quietHours: null } },
  });
  assert.equal(patched.status, 200, patched.text);
  const b1 = await sendNow(w, '赋权改革试点申报通知', [robot.id]);
  const b2 = await sendNow(w, '技术转移机构培育计划启动', [robot.id]);
  const [d1] = await deliveriesOf(w.a, b1);
  assert.equal(await w.a.wecom.runOnce(), 0, 'a digest group waits for its time');
  w.clock.set(new Date(d1.notBefore));
  assert.equal(await w.a.wecom.runOnce(), 1, 'one message for both');
  assert.equal(fake.posts.length, 1);
  const md = fake.posts[0]!.body.markdown!.content;
  assert.match(md, /^\*\*【今日摘要】.*共 2 条\*\*/);
  assert.match(md, /赋权改革试点申报通知/);
  assert.match(md, /技术转移机构培育计划启动/);
  for (const id of [b1, b2]) assert.equal((await deliveriesOf(w.a, id))[0].status, 'sent');
  const metrics = await w.a.deps.metrics.registry.getSingleMetricAsString('techbridge_wecom_posts_total');
  assert.match(metrics, /techbridge_wecom_posts_total\{outcome="sent"\} 1/);
});

test('on its own the sender polls only on the scheduler lease holder', async () => {
  const { w, fake } = await wecomWorld('wecom-lease', { instances: 2, env: { WECOM_POLL_MS: '50' } });
  assert.ok(w.apis[0]!.deps.scheduler!.isLeader && !w.apis[1]!.deps.scheduler!.isLeader);
  const key = randomUUID();
  const robot = await addRobot(w, key, '租约测试群');
  await sendNow(w, '由持有租约的实例发送', [robot.id]);
  const deadline = Date.now() + 5000;
  while (fake.posts.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 200)); // time for a wrongful second post to show up
  assert.equal(fake.posts.length, 1);
  const count = async (i: number) =>
    (await w.apis[i]!.deps.metrics.registry.getSingleMetricAsString('techbridge_wecom_posts_total')).includes(
      'outcome="sent"} 1',
    );
  assert.equal(await count(0), true, 'the leader posted');
  assert.equal(await count(1), false, 'the other instance did not');
});

test("the organizer's preview and report say which recipients are 企业微信 robots", async () => {
  const { w } = await wecomWorld('wecom-channel');
  const robot = await addRobot(w, randomUUID(), '上海企业微信机器人群');
  const roomId = w.groups.get('sh-poc@chatroom')!;
  const input = { title: '渠道标注测试', text: '本周对接会安排', audience: { kind: 'groups', groupIds: [robot.id, roomId] } };
  const channels = (groups: { groupId: string; channel: string }[]) =>
    Object.fromEntries(groups.map((g) => [g.groupId, g.channel]));

  const dry = await call(w.a.url, 'POST', '/api/v1/broadcasts/preview', {
    token: w.organizer.token,
    body: { ...input, schedule: { kind: 'now' } },
  });
  assert.equal(dry.status, 200, dry.text);
  assert.deepEqual(channels(dry.body.groups), { [robot.id]: 'wecom', [roomId]: 'wechat' });

  // Publishing an item shows its recipients first: the same tag there.
  const probe = await call(w.a.url, 'POST', '/api/v1/audience/preview', {
    token: w.organizer.token,
    body: { regions: ['310000'], topics: ['poc'] },
  });
  assert.equal(probe.status, 200, probe.text);
  assert.equal(channels(probe.body.groups)[robot.id], 'wecom');
  assert.equal(channels(probe.body.groups)[roomId], 'wechat');

  const id = await sendNow(w, input.title, input.audience.groupIds);
  const saved = await call(w.a.url, 'GET', `/api/v1/broadcasts/${id}/preview`, { token: w.organizer.token });
  assert.deepEqual(channels(saved.body.groups), { [robot.id]: 'wecom', [roomId]: 'wechat' });
  assert.equal(await w.a.wecom.runOnce(), 1);
  const rep = await report(w.a, w.organizer.token, id);
  assert.deepEqual(channels(rep.groups), { [robot.id]: 'wecom', [roomId]: 'wechat' });
  assert.equal(rep.groups.find((g: { groupId: string }) => g.groupId === robot.id).status, 'sent');
});
