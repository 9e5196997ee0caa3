/**
 * WeChat pushes back end to end: the mock puppet answers 操作过于频繁 to the bot's first three
 * sends. The api records the pause for the account (BotState.pausedUntil) and requeues those
 * deliveries behind it; the bot waits out its own pause; afterwards every room holds exactly one
 * copy of every broadcast, and no room ever got two messages closer than the minimum room gap.
 */
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { testContext } from '../support/context.js';
import { call, makeUser, startTestApi, uniqueDbName } from '../support/api.js';
import { createMockWorld } from '../bot/support/mockWorld.js';
import { delay } from '../bot/support/wait.js';
import { ACCOUNT, cleanupStack, eventually, logIn, readReport, startE2eBot, stopBot, waitForLoginSync } from './support/e2e.js';

const ROOMS = [
  { id: 'rl-poc@chatroom', topic: '上海概念验证中心交流群' },
  { id: 'rl-ic@chatroom', topic: '张江集成电路产学研群' },
  { id: 'rl-ai@chatroom', topic: '长三角人工智能创新群' },
  { id: 'rl-tm@chatroom', topic: '上海技术经理人之家' },
];
const ROOM_IDS = ROOMS.map((r) => r.id);
const API_PAUSE_MS = 300;
const BOT_PAUSE_MS = 200;
const ROOM_GAP_MS = 600;
const REFUSALS = 3;

test('操作过于频繁 three times: the api pauses the account, nothing is lost or doubled, room gaps hold', async () => {
  const t = testContext();
  const cleanup = cleanupStack(t);
  const api = await startTestApi(uniqueDbName('e2eratelimit'), { env: { DELIVERY_RATE_LIMIT_PAUSE_MS: String(API_PAUSE_MS) } });
  cleanup(() => api.stop());
  const organizer = await makeUser(api, ['organizer']);
  const world = createMockWorld(ROOMS);

  // WeChat refuses the first three sends, whichever rooms they are for.
  const attempts: { roomId: string; text: string; at: number; refused: boolean }[] = [];
  const send = world.puppet.messageSendText.bind(world.puppet);
  world.puppet.messageSendText = async (roomId: string, text: string) => {
    const refused = attempts.filter((a) => a.refused).length < REFUSALS;
    attempts.push({ roomId, text, at: Date.now(), refused });
    if (refused) throw new Error('发送失败：操作过于频繁，请稍后再试');
    return send(roomId, text);
  };

  const bot = await startE2eBot(world.bot, api.url, {
    SEND_MIN_ROOM_GAP_MS: String(ROOM_GAP_MS),
    RATE_LIMIT_PAUSE_MS: String(BOT_PAUSE_MS),
    CLAIM_BATCH: '5',
  });
  cleanup(() => stopBot(bot, api));
  await logIn(api, world);
  await waitForLoginSync(api, ROOM_IDS);

  // Three broadcasts to all four rooms: three messages per room, so room gaps can be measured.
  const texts = new Map<string, string>(); // expected text -> broadcast id
  for (let n = 1; n <= 3; n++) {
    const title = `科技成果转化周报第${n}期`;
    const body = `本期共收录 ${n + 4} 条政策与活动。`;
    const res = await call(api.url, 'POST', '/api/v1/broadcasts', {
      token: organizer.token,
      body: { title, text: body, audience: { kind: 'all' }, schedule: { kind: 'now' } },
    });
    assert.equal(res.status, 201, res.text);
    texts.set(`【通知】${title}\n${body}`, res.body.id);
  }

  // The api paused the account's queue.
  const state: any = await eventually(async () => {
    const s: any = await api.deps.models.BotState.findById(ACCOUNT).lean();
    return s?.pausedUntil ? s : null;
  }, 'BotState.pausedUntil');
  const firstRefusal = attempts.find((a) => a.refused)!;
  assert.ok(
    state.pausedUntil.getTime() >= firstRefusal.at + API_PAUSE_MS,
    `paused until ${state.pausedUntil.toISOString()}, refused at ${new Date(firstRefusal.at).toISOString()}`,
  );

  const total = ROOM_IDS.length * texts.size;
  await eventually(
    async () => {
      const reports = await Promise.all([...texts.values()].map((id) => readReport(api, organizer.token, id)));
      return reports.every((r) => r.totals.sent === ROOM_IDS.length);
    },
    'every broadcast reported sent in every room',
    15_000,
  );
  await delay(300); // a second copy would land meanwhile

  assert.equal(attempts.filter((a) => a.refused).length, REFUSALS);
  assert.equal(world.sent.length, total, 'one message per room and broadcast, nothing else');
  for (const roomId of ROOM_IDS) {
    assert.deepEqual([...world.received(roomId)].sort(), [...texts.keys()].sort(), `${roomId}: each broadcast exactly once`);
  }

  // A refused delivery went out again only after the api's pause that its refusal started.
  for (const refusal of attempts.filter((a) => a.refused)) {
    const delivery: any = await api.deps.models.Delivery.findOne({
      broadcast: texts.get(refusal.text),
      roomId: refusal.roomId,
    }).lean();
    const landed = world.sent.find((m) => m.roomId === refusal.roomId && m.text === refusal.text)!;
    assert.equal(delivery.status, 'sent');
    assert.ok(delivery.notBefore.getTime() >= refusal.at + API_PAUSE_MS, 'requeued behind the pause');
    assert.ok(
      landed.at >= delivery.notBefore.getTime(),
      `${refusal.roomId}: resent ${delivery.notBefore.getTime() - landed.at} ms early`,
    );
  }
  // After each refusal the bot itself sent nothing anywhere for its own pause.
  for (const [i, a] of attempts.entries()) {
    if (!a.refused) continue;
    const next = attempts[i + 1];
    assert.ok(next, 'a later attempt');
    assert.ok(next.at - a.at >= BOT_PAUSE_MS, `next attempt ${next.at - a.at} ms after a refusal`);
  }
  // Same room, consecutive messages: never closer than SEND_MIN_ROOM_GAP_MS.
  const gaps: number[] = [];
  for (const roomId of ROOM_IDS) {
    const times = world.sent.filter((m) => m.roomId === roomId).map((m) => m.at);
    for (let i = 1; i < times.length; i++) gaps.push(times[i]! - times[i - 1]!);
  }
  assert.equal(gaps.length, total - ROOM_IDS.length);
  assert.ok(Math.min(...gaps) >= ROOM_GAP_MS, `smallest gap in one room: ${Math.min(...gaps)} ms (${gaps.join(', ')})`);
  t.diagnostic(`room gaps (ms): min ${Math.min(...gaps)}, max ${Math.max(...gaps)}`);
});
