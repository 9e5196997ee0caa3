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

async function say(text: string, opts: { roomId?: string; roomTopic?: string; senderId?: string; senderIsOwner?: boolean } = {}) {
  const res = await bot(w.a, 'commands', {
    account: 'demo',
    roomId: opts.roomId ?? 'cmd-room@chatroom',
    roomTopic: opts.roomTopic ?? '指令测试群',
    senderId: opts.senderId ?? 'wxid_member',
    senderName: '群成员',
    senderIsOwner: opts.senderIsOwner ?? false,
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
  assert.match((await say('模式 摘要 25:00', { roomId: room, senderIsOwner: true }))!, /用法/);
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

test('近期活动 lists upcoming events; 报名 <eventId> returns a link with the id', async () => {
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
  const id = /报名 ([0-9a-f]{24})/.exec(reply!)?.[1];
  assert.ok(id, 'each event names its signup code');

  const signup = await say(`报名 ${id}`, { roomId: 'sh-poc@chatroom' });
  assert.ok(signup!.includes(`id=${id}`), signup!);
  assert.match(signup!, /报名链接：http/);
  assert.match(signup!, /#\/pages\/event\/detail\?/);

  assert.match((await say('报名 0123456789abcdef01234567', { roomId: 'sh-poc@chatroom' }))!, /没有找到/);
  assert.match((await say('近期活动 北京', { roomId: 'sh-poc@chatroom' }))!, /【近期活动】/);
});
