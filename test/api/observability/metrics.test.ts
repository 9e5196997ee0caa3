/**
 * Observability: Prometheus metrics that move with what users do, kept from strangers, and request ids
 * that tie a reply to its log line.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName } from '../../support/api.js';
import { createBroadcast, world, type World } from '../broadcasts/helpers.js';
import { fireAllDue } from '../../../api/src/scheduler/due.js';
import type { RunningApi } from '../../../api/src/server.js';

const lines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, cb) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    cb();
  },
});

let api: RunningApi;
let w: World;
beforeAll(async () => {
  api = await startTestApi(uniqueDbName('metrics'), { logStream, env: { LOG_LEVEL: 'info' } });
  w = await world('metricsfire');
});
afterAll(async () => {
  await api?.stop();
  await w?.stopAll();
});

/** The value of one sample line, e.g. `techbridge_registrations_total{outcome="confirmed"}`; 0 when absent. */
async function sample(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

test('registrations are counted by outcome and requests by route pattern (no ids in labels)', async () => {
  const org = await makeUser(api, ['organizer']);
  const event = await publishedEvent(api, org.token, { registration: { capacity: 1 } });
  assert.equal((await signUp(api, event.id, (await makeUser(api)).token)).body.status, 'confirmed');
  assert.equal((await signUp(api, event.id, (await makeUser(api)).token)).body.status, 'waitlisted');

  const res = await fetch(`${api.url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
  const text = await res.text();
  assert.equal(await sample(api.url, 'techbridge_registrations_total{outcome="confirmed"}'), 1);
  assert.equal(await sample(api.url, 'techbridge_registrations_total{outcome="waitlisted"}'), 1);
  assert.match(
    text,
    /techbridge_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/events\/:id\/registrations",status="201"\} 2/,
  );
  assert.doesNotMatch(text, new RegExp(event.id), 'event ids must not become label values');
  assert.match(text, /process_cpu_user_seconds_total/);
});

test('deliveries by status, queue depth and scheduler fires follow a broadcast', async () => {
  const at = new Date(w.clock.now().getTime() + 60_000);
  await createBroadcast(w.a, w.organizer.token, {
    title: '周报',
    audience: { kind: 'all' },
    schedule: { kind: 'once', at: at.toISOString() },
  });
  assert.equal(await sample(w.a.url, 'techbridge_scheduler_fires_total{result="planned"}'), 0);
  w.clock.advance(61_000);
  await fireAllDue(w.a.deps, w.clock.now());
  await fireAllDue(w.a.deps, w.clock.now()); // a second pass plans nothing new
  assert.equal(await sample(w.a.url, 'techbridge_scheduler_fires_total{result="planned"}'), 1);
  const groups = await w.a.deps.models.Group.countDocuments({ active: { $ne: false } });
  const pending = await sample(w.a.url, 'techbridge_deliveries{status="pending"}');
  assert.ok(pending > 0 && pending <= groups, `pending ${pending}, groups ${groups}`);
  assert.equal(await sample(w.a.url, 'techbridge_delivery_queue_depth'), pending);
});

test('/metrics is refused to strangers: with METRICS_TOKEN only its bearer may read', async () => {
  const guarded = await startTestApi(uniqueDbName('metricstoken'), { env: { METRICS_TOKEN: 'metrics-token-0123456789' } });
  try {
    assert.equal((await fetch(`${guarded.url}/metrics`)).status, 403);
    const wrong = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-9999999999' } });
    assert.equal(wrong.status, 403);
    const right = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    assert.equal(right.status, 200);
  } finally {
    await guarded.stop();
  }
});

test('every reply carries a request id, the same one is in its log line, and a caller-sent id is kept', async () => {
  const r = await call(api.url, 'GET', '/api/v1/policies', { headers: { 'x-request-id': 'trace-abc-123' } });
  assert.equal(r.headers.get('x-request-id'), 'trace-abc-123');
  const generated = await call(api.url, 'GET', '/api/v1/events');
  const id = generated.headers.get('x-request-id');
  assert.match(id ?? '', /^[0-9a-f-]{36}$/);
  await new Promise((resolve) => setTimeout(resolve, 50)); // pino writes asynchronously
  for (const wanted of ['trace-abc-123', id!]) {
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === wanted && l.msg === 'request');
    assert.ok(line, `no request log line with requestId ${wanted}`);
  }
});
