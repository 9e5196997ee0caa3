/**
 * Invariant 4 end to end, in real time: a broadcast scheduled two seconds ahead, two api instances
 * on one database (both schedulers running, one holding the lease), the bot talking to the other.
 * The occurrence fires once, at or after its time, and every target room gets exactly one copy.
 */
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { testContext } from '../support/context.js';
import { seed } from '../../api/src/commands/seed.js';
import { seedGroups } from '../../api/src/commands/seed/groups.js';
import { call, makeUser, startTestApi, uniqueDbName } from '../support/api.js';
import { createMockWorld } from '../bot/support/mockWorld.js';
import { delay } from '../bot/support/wait.js';
import { cleanupStack, eventually, logIn, readReport, startE2eBot, stopBot, waitForLoginSync } from './support/e2e.js';

const ROOM_IDS = seedGroups.map((g) => g.roomId);
const LEAD_MS = 2_000;

test('a once-broadcast 2 s ahead, two api instances: fires once, on time, one copy per target room', async () => {
  const t = testContext();
  const cleanup = cleanupStack(t);
  const dbName = uniqueDbName('e2escheduled');
  // Both with the safety tick off (as the harness does): only the lease holder's node-schedule job fires it.
  const a = await startTestApi(dbName);
  cleanup(() => a.stop());
  await seed(a.deps.models);
  const b = await startTestApi(dbName);
  cleanup(() => b.stop());
  assert.ok(a.deps.scheduler!.isLeader, 'the first instance holds the scheduler lease');
  assert.ok(!b.deps.scheduler!.isLeader, 'the second does not');
  const organizer = await makeUser(a, ['organizer']);

  const world = createMockWorld(seedGroups.map((g) => ({ id: g.roomId, topic: g.topic })));
  const bot = await startE2eBot(world.bot, b.url);
  cleanup(() => stopBot(bot, b));
  await logIn(b, world);
  await waitForLoginSync(b, ROOM_IDS);

  // Created through the instance that is not the scheduler; the leader picks it up on sync.
  const at = new Date(Date.now() + LEAD_MS);
  const created = await call(b.url, 'POST', '/api/v1/broadcasts', {
    token: organizer.token,
    body: {
      title: '2026 上海概念验证项目路演报名提醒',
      text: '路演报名将于本周五截止，请有意参加的团队尽快报名。',
      audience: { kind: 'filter', regions: ['310000'], topics: ['poc'] },
      schedule: { kind: 'once', at: at.toISOString() },
    },
  });
  assert.equal(created.status, 201, created.text);
  const id: string = created.body.id;
  assert.deepEqual(created.body.nextFireAt, [at.toISOString()]);
  await Promise.all([a.deps.scheduler!.sync(), b.deps.scheduler!.sync()]);

  const preview = await call(b.url, 'GET', `/api/v1/broadcasts/${id}/preview`, { token: organizer.token });
  assert.equal(preview.status, 200, preview.text);
  const targets = new Map<string, string>(preview.body.groups.map((g: any) => [g.roomId, g.text]));
  assert.ok(targets.has('sh-poc@chatroom') && !targets.has('bj-zgc@chatroom'), [...targets.keys()].join(', '));
  assert.ok(targets.size < ROOM_IDS.length);

  await delay(LEAD_MS / 2);
  assert.equal(world.sent.length, 0, 'nothing before its time');
  assert.equal(await a.deps.models.Occurrence.countDocuments({ broadcast: id }), 0);

  await eventually(
    async () => (await readReport(b, organizer.token, id)).totals.sent === targets.size,
    'every target room reported sent',
    LEAD_MS + 10_000,
  );
  // Both instances tick again, concurrently and repeatedly (a restart, a late safety tick): no second occurrence.
  for (let i = 0; i < 3; i++) await Promise.all([a.deps.scheduler!.tick(), b.deps.scheduler!.tick()]);
  await delay(300);

  const occurrences: any[] = await a.deps.models.Occurrence.find({ broadcast: id }).lean();
  assert.equal(occurrences.length, 1, 'one occurrence in the database');
  assert.equal(new Date(occurrences[0].scheduledAt).getTime(), at.getTime());
  for (const roomId of ROOM_IDS) {
    const got = world.sent.filter((m) => m.roomId === roomId);
    const expected = targets.get(roomId);
    if (expected === undefined) {
      assert.deepEqual(got, [], `${roomId} is not a target`);
      continue;
    }
    assert.equal(got.length, 1, `${roomId}: exactly one copy`);
    assert.equal(got[0]!.text, expected);
    assert.ok(got[0]!.at >= at.getTime(), `${roomId}: ${at.getTime() - got[0]!.at} ms early`);
  }
  const report = await readReport(b, organizer.token, id);
  assert.deepEqual(report.totals, { pending: 0, sending: 0, sent: targets.size, failed: 0, skipped: 0 });
  const firstAt = Math.min(...world.sent.map((m) => m.at));
  t.diagnostic(`${targets.size} target rooms; first copy ${firstAt - at.getTime()} ms after the scheduled time`);
});
