/**
 * One contract: every reply the mini-program reads is exactly what the route's response schema (in
 * `shared`) says, at run time too. The type-check ties presenters and pages to those schemas; this
 * catches what types cannot see: lean documents (`any`) with a null where a string is promised, and
 * fields the api sends that the schema (and so the app's types and the OpenAPI document) does not declare.
 */
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { ZodType } from 'zod';
import type { RunningApi } from '../../api/src/server.js';
import { allRoutes } from '../../api/src/routes/index.js';
import { seed } from '../../api/src/commands/seed.js';
import { BOT_TOKEN, call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName } from '../support/api.js';

let api: RunningApi;
let organizer: { id: string; token: string };
let user: { id: string; token: string };
let eventId: string;
let registration: { id: string; ticketCode: string };
let broadcastId: string;
let groupId: string;

const routes = allRoutes();

/** The response schema of the route that serves `method path` (path with its parameters filled in). */
function responseSchema(method: string, path: string): ZodType {
  const bare = path.split('?')[0]!;
  const route = routes.find((r) => {
    if (r.method !== method.toLowerCase()) return false;
    const pattern = new RegExp(`^/api/v1${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
    return pattern.test(bare);
  });
  assert.ok(route, `a route serves ${method} ${bare}`);
  assert.ok(route.response, `${method} ${route.path} declares its response schema`);
  return route.response;
}

/**
 * Calls the api and checks the body against the route's schema: it parses, and parsing drops nothing
 * (the response schemas have no defaults or transforms, so any difference is an undeclared field).
 */
async function read(method: string, path: string, opts: { token?: string; body?: unknown } = {}) {
  const res = await call(api.url, method, path, opts);
  assert.ok(res.status >= 200 && res.status < 300, `${method} ${path}: ${res.status} ${res.text}`);
  const parsed = responseSchema(method, path).safeParse(res.body);
  assert.ok(parsed.success, `${method} ${path} breaks its schema: ${parsed.error?.message}\n${res.text.slice(0, 500)}`);
  assert.deepEqual(parsed.data, res.body, `${method} ${path} sends fields its schema does not declare`);
  return res.body;
}

beforeAll(async () => {
  api = await startTestApi(uniqueDbName('contract'));
  await seed(api.deps.models);
  organizer = await makeUser(api, ['organizer'], '主办方');
  user = await makeUser(api, [], '李四');
  const event = await publishedEvent(api, organizer.token, {
    registration: { capacity: 1, questions: [{ id: 'project', label: '路演项目', type: 'text', required: false }] },
  });
  eventId = event.id;
  const signed = await signUp(api, eventId, user.token, { answers: { project: '固态电池' } });
  assert.equal(signed.status, 201, signed.text);
  registration = signed.body;
  // A second person lands on the waitlist, so lists hold more than one status.
  const other = await makeUser(api, [], '王五');
  assert.equal((await signUp(api, eventId, other.token, { phone: '13912345678' })).status, 201);
  const groups = await call(api.url, 'GET', '/api/v1/groups?pageSize=1', { token: organizer.token });
  groupId = groups.body.items[0].id;
  const b = await call(api.url, 'POST', '/api/v1/broadcasts', {
    token: organizer.token,
    body: { title: '通知', text: '请各位关注。', audience: { kind: 'groups', groupIds: [groupId] }, schedule: { kind: 'now' } },
  });
  assert.equal(b.status, 201, b.text);
  broadcastId = b.body.id;
  const state = await call(api.url, 'POST', '/api/v1/bot/status', {
    token: BOT_TOKEN,
    body: { account: 'bot-1', state: 'login', userName: '科转通助手' },
  });
  assert.equal(state.status, 200, state.text);
});
afterAll(async () => api?.stop());

describe('user pages', () => {
  test('browse: policies, programs, events, lists and details', async () => {
    for (const segment of ['policies', 'programs', 'events']) {
      const list = await read('GET', `/api/v1/${segment}?pageSize=5`);
      assert.ok(list.items.length > 0, `${segment}: the seed has some`);
      await read('GET', `/api/v1/${segment}/${list.items[0].id}`);
    }
    const event = await read('GET', `/api/v1/events/${eventId}`);
    assert.equal(event.availability.state, 'waitlist', 'one seat, taken: the card offers the waitlist');
  });

  test('me, my registrations, notify settings', async () => {
    await read('GET', '/api/v1/me', { token: user.token });
    await read('PATCH', '/api/v1/me', { token: user.token, body: { subscription: { regions: ['310000'] } } });
    const mine = await read('GET', '/api/v1/me/registrations', { token: user.token });
    assert.equal(mine.items[0].event.status, 'published');
    await read('GET', '/api/v1/me/notify', { token: user.token });
  });
});

describe('organizer pages', () => {
  test('registrants, check-in, cancel preview', async () => {
    const page = await read('GET', `/api/v1/events/${eventId}/registrations?pageSize=50`, { token: organizer.token });
    assert.equal(page.items.length, 2);
    await read('GET', `/api/v1/events/${eventId}/notifications`, { token: organizer.token });
    await read('GET', `/api/v1/events/${eventId}/notice-preview`, { token: organizer.token });
    const checked = await read('POST', `/api/v1/events/${eventId}/checkin`, {
      token: organizer.token,
      body: { ticketCode: registration.ticketCode },
    });
    assert.equal(checked.registration.status, 'checked_in');
  });

  test('content tools: tag, split, duplicates, audience', async () => {
    const text = '上海市关于促进概念验证中心建设的若干措施\n支持高校建设概念验证中心。';
    await read('POST', '/api/v1/policies/tag', { token: organizer.token, body: { title: '上海概念验证', body: text } });
    await read('POST', '/api/v1/policies/split', { token: organizer.token, body: { text } });
    await read('POST', '/api/v1/policies/duplicates', { token: organizer.token, body: { title: '上海概念验证' } });
    await read('GET', `/api/v1/events/${eventId}/audience`, { token: organizer.token });
    await read('POST', '/api/v1/audience/preview', { token: organizer.token, body: { regions: ['310000'], topics: ['poc'] } });
    await read('GET', '/api/v1/organizers', { token: organizer.token });
  });

  test('groups, broadcasts, report, bot state', async () => {
    await read('GET', '/api/v1/groups?pageSize=100', { token: organizer.token });
    await read('GET', `/api/v1/groups/${groupId}`, { token: organizer.token });
    const list = await read('GET', '/api/v1/broadcasts', { token: organizer.token });
    assert.equal(list.items[0].audience.kind, 'groups');
    await read('GET', `/api/v1/broadcasts/${broadcastId}`, { token: organizer.token });
    const report = await read('GET', `/api/v1/broadcasts/${broadcastId}/report`, { token: organizer.token });
    assert.equal(report.totals.pending + report.totals.sending + report.totals.sent, 1, 'one group, one delivery');
    await read('POST', '/api/v1/broadcasts/preview', {
      token: organizer.token,
      body: { title: '预览', text: '内容', audience: { kind: 'all' }, schedule: { kind: 'now' } },
    });
    const bots = await read('GET', '/api/v1/bot/state', { token: organizer.token });
    assert.equal(bots.accounts[0].userName, '科转通助手');
  });

  test('cancelling an event answers with the event, closed', async () => {
    const cancelled = await read('POST', `/api/v1/events/${eventId}/cancel`, {
      token: organizer.token,
      body: { reason: '主讲嘉宾行程冲突' },
    });
    assert.equal(cancelled.event.status, 'cancelled');
    assert.equal(cancelled.event.availability.state, 'closed');
  });
});
