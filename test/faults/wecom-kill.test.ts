/**
 * Fault drill: SIGKILL of the api process while it is posting a broadcast to 企业微信 group robots. The posts under
 * way at the kill reached WeCom (the fake holds them unanswered); after a restart each is reported as of unknown
 * outcome and never posted again, and every robot not yet reached gets its message: one message per robot.
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { freePort, repoRoot } from '../../scripts/db.js';
import { call, makeUser, startTestApi, testClock, testEnv, uniqueDbName } from '../support/api.js';
import { testContext } from '../support/context.js';
import { startFakeWecom } from '../support/fakeWecom.js';
import { WECOM_PARALLEL, WECOM_UNKNOWN_OUTCOME } from '../../api/src/wecom/sender.js';

const ROBOTS = 10;

test('SIGKILL mid-broadcast to robots: after a restart each robot has exactly one message; the ones in flight are reported', async () => {
  const t = testContext();
  const fake = await startFakeWecom();
  t.after(() => fake.close());
  const dbName = uniqueDbName('wecomkill');
  const setup = await startTestApi(dbName, { env: { WECOM_API_BASE: fake.base } });
  const org = await makeUser(setup, ['organizer']);
  const keys = Array.from({ length: ROBOTS }, () => randomUUID());
  const ids: string[] = [];
  for (const [i, key] of keys.entries()) {
    const res = await call(setup.url, 'POST', '/api/v1/groups/wecom', {
      token: org.token,
      body: { webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`, topic: `断电测试群 ${i + 1}` },
    });
    assert.equal(res.status, 201, res.text);
    ids.push(res.body.id);
  }
  const b = await call(setup.url, 'POST', '/api/v1/broadcasts', {
    token: org.token,
    body: { title: '断电前后的群发', text: '请关注。', audience: { kind: 'groups', groupIds: ids }, schedule: { kind: 'now' } },
  });
  assert.equal(b.status, 201, b.text);
  await setup.stop();

  // The first two posts are answered; after that WeCom takes each post and never answers, so every sender
  // worker ends up mid-post when the kill lands.
  const inFlightAtKill = 2 + WECOM_PARALLEL;
  fake.answer = (_post) => (fake.posts.length <= 2 ? { errcode: 0 } : 'hang');
  const port = await freePort();
  const env = testEnv(dbName);
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', path.join(repoRoot, 'api/src/server.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      MONGODB_URI: env.MONGODB_URI,
      JWT_SECRET: env.JWT_SECRET,
      BOT_TOKEN: env.BOT_TOKEN,
      LOG_LEVEL: 'silent',
      H5_DIR: '',
      WECOM_API_BASE: fake.base,
      WECOM_POLL_MS: '100',
      WECOM_TIMEOUT_MS: '60000',
      SCHEDULER_TICK_MS: '500',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const deadline = Date.now() + 60_000;
  while (fake.posts.length < inFlightAtKill && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(fake.posts.length, inFlightAtKill, 'posts under way before the kill');
  child.kill('SIGKILL');
  await exited;
  fake.answer = () => ({ errcode: 0 });

  // Restarted later (past the dead process's claims), on the same database.
  const clock = testClock();
  clock.set(new Date(Date.now() + 2 * 60_000 + 60_000));
  const restarted = await startTestApi(dbName, { clock, env: { WECOM_API_BASE: fake.base } });
  t.after(() => restarted.stop());
  await restarted.wecom.runOnce();
  await restarted.wecom.runOnce();

  assert.deepEqual(
    keys.map((k) => fake.postsFor(k).length),
    keys.map(() => 1),
    'one message per robot, kill or not',
  );
  const rows = await restarted.deps.models.Delivery.find({}).lean();
  const unknown = rows.filter((d) => d.status === 'failed');
  assert.equal(unknown.length, WECOM_PARALLEL, 'the posts in flight at the kill');
  for (const d of unknown) assert.equal(d.lastError, WECOM_UNKNOWN_OUTCOME);
  assert.equal(rows.filter((d) => d.status === 'sent').length, ROBOTS - WECOM_PARALLEL);
});
