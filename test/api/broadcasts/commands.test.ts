/**
 * Chat commands forwarded by the bot (POST /api/v1/bot/commands with the bot token): help, ordinary
 * chat, subscription changes (owner, named managers only), delivery settings, and the look-ups.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { COMMAND_HELP } from '@techbridge/shared';
import { bot, call, createBroadcast, deliveriesOf, world, type World } from './helpers.js';

let w: World;
beforeAll(async () => {
  w = await world('commands', { instances: 2 });
});
afterAll(() => w?.stopAll());

async function say(
  text: string,
  opts: { roomId?: string; roomTopic?: string; senderId?: string; senderIsOwner?: boolean; mentioned?: boolean } = {},
) {
  const res = await bot(w.a, 'commands', {
    account: 'demo',
    roomId: opts.roomId ?? 'cmd-room@chatroom',
    roomTopic: opts.roomTopic ?? '指令测试群',
    senderId: opts.senderId ?? 'wxid_member',
    senderName: '群成员',
    senderIsOwner: opts.senderIsOwner ?? false,
    ...(opts.mentioned ? { mentioned: true } : {}),
    text,
  });
  assert.equal(res.status, 200, res.text);
  return res.body.reply as string | null;
}

const groupOf = async (roomId: string): Promise<any> => w.a.deps.models.Group.findOne({ roomId }).lean();

test('the bot token is required', async () => {
  const res = await call(w.a.url, 'POST', '/api/v1/bot/commands', {
    body: { account: 'demo', roomId: 'x@chatroom', senderId: 'a', text: '帮助' },
  });
  assert.equal(res.status, 401, res.text);
  const organizer = await call(w.a.url, 'POST', '/api/v1/bot/commands', {
    token: w.organizer.token,
    body: { account: 'demo', roomId: 'x@chatroom', senderId: 'a', text: '帮助' },
  });
  assert.ok(organizer.status === 401 || organizer.status === 403, `an organizer session is not the bot: ${organizer.status}`);
});

test('帮助 returns the help; ordinary chat gets no reply', async () => {
  assert.equal(await say('帮助', { roomId: 'sh-poc@chatroom' }), COMMAND_HELP);
  assert.equal(await say('help', { roomId: 'sh-poc@chatroom' }), COMMAND_HELP);
  assert.equal(await say('大家好，明天下午的路演改到三点', { roomId: 'sh-poc@chatroom' }), null);
  assert.equal(
    await say('订阅号的文章大家看了吗', { roomId: 'sh-poc@chatroom' }),
    null,
    'a command word glued to chat is not a command',
  );
});

test('an @mention that is not a command is answered with what the bot can do; unmentioned chat is not', async () => {
  assert.equal(
    await say('你好，机器人', { roomId: 'sh-poc@chatroom', mentioned: true }),
    '没听懂「你好，机器人」。发送「帮助」查看我能做什么，例如：近期活动、最新政策、订阅设置。',
  );
  assert.equal(await say('你好，机器人', { roomId: 'sh-poc@chatroom' }), null);
});

test('an unknown room is registered on the fly', async () => {
  assert.equal(await groupOf('cmd-room@chatroom'), null);
  const reply = await say('订阅设置');
  assert.match(reply!, /本群订阅设置/);
  const g = await groupOf('cmd-room@chatroom');
  assert.ok(g, 'registered');
  assert.equal(g.status, 'active');
  assert.equal(g.topic, '指令测试群');
  assert.equal(g.botAccount, 'demo');
  assert.deepEqual(g.profile.regions, []);
  await say('帮助');
  assert.equal(await w.a.deps.models.Group.countDocuments({ roomId: 'cmd-room@chatroom' }), 1, 'once');
});

test('subscribing: refused politely for a member; allowed for the owner and for a named manager; 退订 全部 clears', async () => {
  await say('帮助'); // make sure the room exists
  const before = await groupOf('cmd-room@chatroom');

  const refused = await say('订阅 上海 概念验证', { senderId: 'wxid_member' });
  assert.match(refused!, /抱歉/);
  assert.match(refused!, /群主|管理员/);
  assert.deepEqual((await groupOf('cmd-room@chatroom')).profile, before.profile, 'a refused change writes nothing');

  const owner = await say('订阅 上海 概念验证', { senderId: 'wxid_owner', senderIsOwner: true });
  assert.match(owner!, /已更新本群订阅/);
  assert.match(owner!, /地区：.*上海/);
  assert.match(owner!, /主题：.*概念验证/);
  let g = await groupOf('cmd-room@chatroom');
  assert.ok(g.profile.regions.includes('310000'));
  assert.ok(g.profile.topics.includes('poc'));

  // The change counts for planning at once, on any instance: a Shanghai POC filter broadcast now reaches the room.
  const planned = await createBroadcast(w.apis[1]!, w.organizer.token, {
    title: '概念验证通知',
    audience: { kind: 'filter', regions: ['310000'], topics: ['poc'] },
    schedule: { kind: 'now' },
  });
  assert.ok(
    (await deliveriesOf(w.a, planned.id)).some((d) => d.roomId === 'cmd-room@chatroom'),
    'the new subscription is used for planning',
  );

  // A manager named in the api (by contact id) may change it; the name is only a label.
  const patched = await call(w.a.url, 'PATCH', `/api/v1/groups/${String(g._id)}`, {
    token: w.organizer.token,
    body: { managers: [{ contactId: 'wxid_manager', name: '王老师' }] },
  });
  assert.equal(patched.status, 200, patched.text);
  const impostor = await say('订阅 北京', { senderId: 'wxid_someone_else' });
  assert.match(impostor!, /抱歉/);
  const managed = await say('订阅 北京', { senderId: 'wxid_manager' });
  assert.match(managed!, /已更新本群订阅/);
  g = await groupOf('cmd-room@chatroom');
  assert.deepEqual([...g.profile.regions].sort(), ['110000', '310000']);
  assert.ok(g.profile.topics.includes('poc'), 'subscribing adds, it does not replace');

  const memberUnsub = await say('退订 全部', { senderId: 'wxid_member' });
  assert.match(memberUnsub!, /抱歉/);
  assert.equal((await groupOf('cmd-room@chatroom')).profile.regions.length, 2);

  const cleared = await say('退订 全部', { senderId: 'wxid_manager' });
  assert.match(cleared!, /已退订全部内容/);
  g = await groupOf('cmd-room@chatroom');
  assert.deepEqual(
    { regions: g.profile.regions, topics: g.profile.topics, audiences: g.profile.audiences, keywords: g.profile.keywords },
    { regions: [], topics: [], audiences: [], keywords: [] },
  );
});

test('模式 摘要 09:00 and 免打扰 22:00-08:00 update the delivery settings (owner only), each keeping the other', async () => {
  const room = 'cmd-delivery@chatroom';
  assert.match((await say('模式 摘要 09:00', { roomId: room }))!, /抱歉/);
  assert.equal((await groupOf(room)).delivery.mode, 'instant');

  const digest = await say('模式 摘要 09:00', { roomId: room, senderIsOwner: true });
  assert.match(digest!, /每日摘要/);
  assert.match(digest!, /09:00/);
  let g = await groupOf(room);
  assert.equal(g.delivery.mode, 'digest');
  assert.equal(g.delivery.digestAt, '09:00');

  const quiet = await say('免打扰 22:00-08:00', { roomId: room, senderIsOwner: true });
  assert.match(quiet!, /22:00-08:00/);
  g = await groupOf(room);
  assert.deepEqual({ start: g.delivery.quietHours.start, end: g.delivery.quietHours.end }, { start: '22:00', end: '08:00' });
  assert.equal(g.delivery.mode, 'digest', 'setting quiet hours keeps digest mode');

  await say('模式 即时', { roomId: room, senderIsOwner: true });
  g = await groupOf(room);
  assert.equal(g.delivery.mode, 'instant');
  assert.equal(g.delivery.quietHours?.start, '22:00', 'changing the mode keeps quiet hours');

  // As the organizer sees it.
  const shown = await call(w.a.url, 'GET', `/api/v1/groups/${String(g._id)}`, { token: w.organizer.token });
  assert.equal(shown.status, 200, shown.text);
  assert.deepEqual(shown.body.delivery.quietHours, { start: '22:00', end: '08:00' });

  const off = await say('免打扰 关闭', { roomId: room, senderIsOwner: true });
  assert.match(off!, /已关闭免打扰/);
  assert.equal((await groupOf(room)).delivery.quietHours, null);
  const bad = await say('模式 摘要 25:00', { roomId: room, senderIsOwner: true });
  assert.match(bad!, /^「25:00」不是有效时间/, 'the reply names the bad time');
  assert.match(
    (await say('免打扰 25:00-07:00', { roomId: room, senderIsOwner: true }))!,
    /^「25:00」不是有效时间.*免打扰 22:00-08:00/,
  );
  assert.equal((await groupOf(room)).delivery.mode, 'instant', 'a bad time changes nothing');
  // A member is told who may, before any explanation of the time.
  assert.match((await say('免打扰 25:00-07:00', { roomId: room }))!, /^抱歉，「免打扰」.*群主、本群管理员或平台管理员/);
});

test('最新政策 lists published policies only', async () => {
  const reply = await say('最新政策', { roomId: 'sh-poc@chatroom' });
  assert.match(reply!, /^【最新政策】/);
  assert.match(reply!, /上海市促进科技成果转移转化行动方案/);
  assert.match(reply!, /#\/pages\/policy\/detail\?id=[0-9a-f]{24}/);

  const draft = await call(w.a.url, 'POST', '/api/v1/policies', {
    token: w.organizer.token,
    body: { title: '青浦区概念验证草稿办法', regions: ['310000'], topics: ['poc'], summary: '尚未发布。' },
  });
  assert.equal(draft.status, 201, draft.text);
  assert.match((await say('最新政策 青浦区概念验证', { roomId: 'sh-poc@chatroom' }))!, /没有找到/, 'a draft is not listed');
  const pub = await call(w.a.url, 'POST', `/api/v1/policies/${draft.body.id}/publish`, { token: w.organizer.token });
  assert.equal(pub.status, 200, pub.text);
  const found = await say('最新政策 青浦区概念验证', { roomId: 'sh-poc@chatroom' });
  assert.match(found!, /青浦区概念验证草稿办法/);
  assert.ok(found!.includes(`id=${draft.body.id}`));
});

test('近期活动 lists upcoming events with short codes; 报名 <code> in any case returns the tracked link', async () => {
  const events: any[] = await w.a.deps.models.Event.find({ status: 'published', startsAt: { $gt: new Date() } }).lean();
  assert.ok(events.length > 0, 'the seed has upcoming events');
  const reply = await say('近期活动', { roomId: 'sh-poc@chatroom' });
  assert.match(reply!, /^【近期活动】/);
  const shanghai = events.filter((e) => e.regions.includes('310000'));
  assert.ok(
    shanghai.some((e) => reply!.includes(e.title)),
    reply!,
  );
  assert.ok(
    !events.filter((e) => !e.regions.includes('310000') && !e.regions.includes('000000')).some((e) => reply!.includes(e.title)),
    'a Shanghai group sees Shanghai events',
  );
  assert.doesNotMatch(reply!, /[0-9a-f]{24}/, 'no database ids in chat');
  const codes = [...reply!.matchAll(/报名请发送：报名 ([A-Z0-9]{6})/g)].map((m) => m[1]!);
  assert.equal(codes.length, reply!.split('\n').filter((l) => /^\d+\. /.test(l)).length, 'each event names its code');
  const code = codes[0]!;
  const event: any = await w.a.deps.models.Event.findOne({ code }).lean();
  assert.ok(reply!.includes(event.title));

  const signup = await say(`报名 ${code.toLowerCase()}`, { roomId: 'sh-poc@chatroom' });
  const group = await groupOf('sh-poc@chatroom');
  assert.ok(signup!.startsWith(`「${event.title}」`), signup!);
  assert.ok(signup!.includes(`#/pages/event/detail?id=${String(event._id)}&t=chat-${String(group._id)}`), signup!);
  assert.match(signup!, /报名链接：http/);
  assert.doesNotMatch(signup!, /小程序路径|pages\/event\/detail\?id=[^&]*$/m);

  assert.equal(
    await say('报名 ZZZZZZ', { roomId: 'sh-poc@chatroom' }),
    '没有找到编号为 ZZZZZZ 的活动（可能编号有误或活动已结束）。发送「近期活动」查看正在报名的活动。',
  );
  assert.match((await say('报名 65a1b2c3d4e5f60718293a4b', { roomId: 'sh-poc@chatroom' }))!, /不是活动编号/);
  assert.match((await say('近期活动 北京', { roomId: 'sh-poc@chatroom' }))!, /【近期活动】/);
  assert.match((await say('近期活动 火星', { roomId: 'sh-poc@chatroom' }))!, /^没有找到地区「火星」/);
});

test("a national investors' group asking 最新政策 gets what its profile matches, and a keyword with no hit is explained", async () => {
  const national = await say('最新政策', { roomId: 'national-invest@chatroom' });
  assert.match(national!, /^暂无专门面向投资机构的政策，以下是符合本群地区和主题的最新政策：\n1\. /, national!);

  const missed = await say('最新政策 量子隐形传态', { roomId: 'sh-poc@chatroom' });
  assert.match(missed!, /^没有找到与「量子隐形传态」相关的政策（已在标题和摘要中搜索）。\n以下是全国最新政策：\n1\. /);
  const typo = await say('最新政策 概念验正', { roomId: 'sh-poc@chatroom' });
  assert.match(typo!, /你是不是想找：「概念验证」？/);

  // A group subscribed to nothing that exists is told what it is subscribed to, then offered the newest.
  await say('订阅 天津 低空经济', { roomId: 'cmd-empty@chatroom', senderIsOwner: true });
  const none = await say('最新政策', { roomId: 'cmd-empty@chatroom' });
  assert.match(none!, /^暂无符合本群订阅（天津）的政策。\n以下是全国最新政策：\n1\. /);
});

test('a typo in 订阅 is questioned and nothing is written; 订阅 关键词 stores it as a keyword', async () => {
  const room = 'cmd-typo@chatroom';
  const reply = await say('订阅 上海 概念验正', { roomId: room, senderIsOwner: true });
  assert.match(reply!, /^不认识「概念验正」。你是不是想写：概念验证？/);
  assert.deepEqual((await groupOf(room)).profile.regions, []);
  await say('订阅 关键词 概念验正', { roomId: room, senderIsOwner: true });
  assert.deepEqual((await groupOf(room)).profile.keywords, ['概念验正']);
});
