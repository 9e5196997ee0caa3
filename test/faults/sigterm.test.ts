/**
 * Fault drill: SIGTERM to a running api process under load (what every deploy and scale-down does).
 * In-flight requests finish with real answers, the scheduler lease is handed back at once (so another
 * instance leads without waiting for it to expire), and the process exits 0.
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { freePort, repoRoot } from '../../scripts/db.js';
import { makeUser, publishedEvent, startTestApi, testEnv, uniqueDbName } from '../support/api.js';

/**
 * One sign-up on its own connection (no keep-alive pool). `sent` resolves once the whole request is on the
 * wire: a request still queued in a client pool is not "in flight" and may rightly meet a closed server.
 */
function signUpOnOwnConnection(port: number, eventId: string, token: string) {
  let markSent!: () => void;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const body = JSON.stringify({ name: '张三', org: '上海交通大学', phone: '13812345678' });
  const answer = new Promise<number | string>((resolve) => {
    const req = http.request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: `/api/v1/events/${eventId}/registrations`,
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (e) => resolve(`error: ${e.message}`));
    req.end(body, markSent);
  });
  return { sent, answer };
}

test('SIGTERM under load: in-flight sign-ups complete, the lease is released, exit code 0', async () => {
  const dbName = uniqueDbName('sigterm');
  // Set up data with an in-process instance, then run the api under test as its own process.
  const setup = await startTestApi(dbName, { env: { SCHEDULER_TICK_MS: '0' } });
  const org = await makeUser(setup, ['organizer']);
  const event = await publishedEvent(setup, org.token, { registration: { capacity: 30 } });
  const users = await Promise.all(Array.from({ length: 40 }, () => makeUser(setup)));
  await setup.stop();

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
      SCHEDULER_TICK_MS: '1000',
      SCHEDULER_LEASE_MS: '600000', // long: only an explicit release lets another instance lead soon
      H5_DIR: '',
      SHUTDOWN_ACCEPT_GRACE_MS: '1000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const api = { url: `http://127.0.0.1:${port}` };

  // Wait until it serves and has taken the scheduler lease.
  const { default: mongoose } = await import('mongoose');
  const conn = await mongoose.createConnection(env.MONGODB_URI).asPromise();
  try {
    const leases = conn.collection('leases');
    for (let i = 0; i < 200; i++) {
      const up = await fetch(`${api.url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up && (await leases.countDocuments({})) === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(await leases.countDocuments({}), 1, 'the instance leads the scheduler before the drill');

    // 40 sign-ups on the wire; the signal lands while the server is working through them.
    const requests = users.map((u) => signUpOnOwnConnection(port, event.id, u.token));
    let answered = 0;
    for (const r of requests) void r.answer.then(() => answered++);
    await Promise.all(requests.map((r) => r.sent));
    const answeredBeforeSignal = answered;
    child.kill('SIGTERM');
    const statuses = await Promise.all(requests.map((r) => r.answer));
    assert.ok(answeredBeforeSignal < 30, `the drill needs work in flight at the signal (${answeredBeforeSignal} of 40 done)`);
    // unref: a timer left running would keep jest's process alive after the test.
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000).unref())]);

    assert.deepEqual(
      statuses.filter((s) => s !== 201),
      [],
      'every request sent before SIGTERM gets its answer',
    );
    assert.equal(code, 0, 'clean exit');
    assert.equal(await leases.countDocuments({}), 0, 'scheduler lease handed back on the way out');
    const stored = await conn.collection('registrations').countDocuments({ event: new mongoose.Types.ObjectId(event.id) });
    assert.equal(stored, 40);
    await assert.rejects(fetch(`${api.url}/healthz`), 'no longer accepting connections');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await conn.close();
  }
});
