/**
 * Invariant 7: bad input gets a 4xx with a clear message naming the field; never a 500, never a
 * partial write. Every case counts every collection before and after.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import bcrypt from 'bcryptjs';
import type { RunningApi } from '../../../api/src/server.js';
import { call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName, type Reply } from '../../support/api.js';

let api: RunningApi;
let org: { id: string; token: string };
let user: { id: string; token: string };
let eventId: string;
let regId: string;
let questionEventId: string;

beforeAll(async () => {
  api = await startTestApi(uniqueDbName('badinput'));
  org = await makeUser(api, ['organizer']);
  user = await makeUser(api);
  const event = await publishedEvent(api, org.token);
  eventId = event.id;
  const reg = await signUp(api, eventId, (await makeUser(api)).token);
  assert.equal(reg.status, 201, reg.text);
  regId = reg.body.id;
  const withQuestion = await publishedEvent(api, org.token, {
    title: '2026 生物医药创新挑战赛',
    kind: 'challenge',
    registration: {
      capacity: 50,
      questions: [
        { id: 'project_name', label: '项目名称', required: true },
        { id: 'stage', label: '所处阶段', type: 'choice', options: ['概念验证', '中试', '产业化'] },
      ],
    },
  });
  questionEventId = withQuestion.id;
  // An organizer account an injected login could match.
  await api.deps.models.User.create({
    openid: 'pw-bad-input-org',
    username: 'org-bad-input',
    passwordHash: await bcrypt.hash('correct horse battery staple', 4),
    roles: ['organizer'],
    name: '主办方账号',
  });
});
afterAll(async () => api?.stop());

/** Document counts of every collection the api has a model for. */
async function snapshot(): Promise<Record<string, number>> {
  type Counter = { countDocuments: (filter: object) => Promise<number> };
  const models = Object.entries(api.deps.models as Record<string, unknown>).flatMap(([name, m]) =>
    typeof (m as Partial<Counter>)?.countDocuments === 'function' ? [[name, m as Counter] as const] : [],
  );
  const counts = await Promise.all(models.map(([, m]) => m.countDocuments({})));
  return Object.fromEntries(models.map(([name], i) => [name, counts[i]!]));
}

/** True when the message, details.field or details.fields[].field names `field`. */
function namesField(r: Reply, field: string): boolean {
  const e = r.body?.error ?? {};
  const fields: string[] = [
    ...(typeof e.details?.field === 'string' ? [e.details.field] : []),
    ...(Array.isArray(e.details?.fields) ? e.details.fields.map((f: { field: string }) => f.field) : []),
  ];
  return (typeof e.message === 'string' && e.message.includes(field)) || fields.some((f) => f.includes(field));
}

interface Expect {
  status: number;
  code?: string;
  /** A field name the message or details must mention. */
  field?: string;
}

/** Runs a request that must be rejected, and checks the status, error shape, field and that nothing was written. */
async function rejected(send: () => Promise<Reply>, want: Expect): Promise<Reply> {
  const before = await snapshot();
  const r = await send();
  assert.equal(r.status, want.status, `want ${want.status}, got ${r.status}: ${r.text.slice(0, 300)}`);
  assert.ok(r.status >= 400 && r.status < 500, 'a 4xx');
  assert.equal(typeof r.body, 'object', `JSON error body: ${r.text.slice(0, 200)}`);
  assert.equal(typeof r.body.error?.code, 'string', r.text);
  assert.equal(typeof r.body.error?.message, 'string', r.text);
  assert.ok(r.body.error.message.length > 0);
  assert.deepEqual(Object.keys(r.body).sort(), ['error']);
  if (want.code) assert.equal(r.body.error.code, want.code, r.text);
  if (r.body.error.code === 'validation_failed') {
    assert.ok(Array.isArray(r.body.error.details?.fields), 'validation errors list their fields');
    for (const f of r.body.error.details.fields) {
      assert.equal(typeof f.field, 'string');
      assert.equal(typeof f.message, 'string');
    }
  }
  if (want.field) assert.ok(namesField(r, want.field), `the error names "${want.field}": ${r.text.slice(0, 300)}`);
  assert.equal(r.body.token, undefined, 'no session token in an error');
  assert.deepEqual(await snapshot(), before, 'nothing was written');
  return r;
}

const validEvent = () => ({
  title: '2026 上海人工智能路演',
  kind: 'roadshow',
  startsAt: new Date(Date.now() + 10 * 86400_000).toISOString(),
  regions: ['310000'],
  topics: ['ai'],
  registration: { capacity: 20 },
});

const asOrg = (method: string, path: string, body?: unknown) => () =>
  call(api.url, method, `/api/v1${path}`, { token: org.token, ...(body !== undefined ? { body } : {}) });

// --- operators -------------------------------------------------------------------------------

test('operator object as a body value is refused', async () => {
  const r = await rejected(asOrg('POST', '/policies', { title: { $ne: null }, regions: ['310000'] }), {
    status: 400,
    field: 'title',
  });
  assert.ok(namesField(r, '$ne'), `the operator itself is named: ${r.text}`);
});

test('operator nested inside a sub-object is refused', async () => {
  const r = await rejected(asOrg('POST', '/events', { ...validEvent(), registration: { capacity: { $gt: 0 } } }), {
    status: 400,
    field: 'capacity',
  });
  assert.ok(namesField(r, 'registration.capacity.$gt'), r.text);
});

test('$where at the top of a body is refused', async () => {
  await rejected(asOrg('POST', '/events', { ...validEvent(), $where: 'sleep(5000) || true' }), { status: 400, field: '$where' });
});

test('operator in a PATCH body is refused and the record is untouched', async () => {
  const before = await api.deps.models.Event.findById(eventId).lean();
  await rejected(asOrg('PATCH', `/events/${eventId}`, { title: '改名', 'registration.capacity': 1, summary: { $set: 'x' } }), {
    status: 400,
    field: 'summary',
  });
  const after = await api.deps.models.Event.findById(eventId).lean();
  assert.equal(after?.title, before?.title);
  assert.equal(after?.registration?.capacity, before?.registration?.capacity);
});

test('operators in the query string are refused (bracket and encoded forms)', async () => {
  await rejected(() => call(api.url, 'GET', '/api/v1/policies?q[$ne]=x'), { status: 400, field: 'q[$ne]' });
  await rejected(() => call(api.url, 'GET', '/api/v1/policies?q%5B%24regex%5D=.*'), { status: 400, field: 'q[$regex]' });
  await rejected(() => call(api.url, 'GET', '/api/v1/events?status[$ne]=draft'), { status: 400, field: 'status[$ne]' });
  await rejected(asOrg('GET', '/events?status[$ne]=draft'), { status: 400, field: 'status' });
  await rejected(asOrg('GET', `/events/${eventId}/registrations?status[$in]=confirmed`), { status: 400, field: 'status' });
});

test('login with operator objects is a 400, not a token', async () => {
  const r = await rejected(
    () => call(api.url, 'POST', '/api/v1/auth/login', { body: { username: { $ne: null }, password: { $ne: null } } }),
    { status: 400, field: 'username.$ne' },
  );
  assert.doesNotMatch(r.text, /eyJ/, 'no JWT anywhere in the reply');
  // Operators hidden one level deeper, or as a plain object where a string belongs.
  await rejected(() => call(api.url, 'POST', '/api/v1/auth/login', { body: { username: { $gt: '' }, password: 'x' } }), {
    status: 400,
    field: 'username',
  });
  await rejected(() => call(api.url, 'POST', '/api/v1/auth/login', { body: { username: { a: 1 }, password: 'x' } }), {
    status: 400,
    field: 'username',
  });
});

test('prototype keys and absurd nesting are 400s, not 500s', async () => {
  // The body parser refuses a __proto__ key outright (secure JSON parsing), before any handler.
  await rejected(
    () =>
      call(api.url, 'POST', '/api/v1/policies', { token: org.token, raw: '{"title":"政策","__proto__":{"roles":["admin"]}}' }),
    { status: 400 },
  );
  await rejected(asOrg('POST', '/policies', { title: '政策', constructor: { prototype: { isAdmin: true } } }), {
    status: 400,
    field: 'constructor',
  });
  let deep: unknown = 'x';
  for (let i = 0; i < 60; i++) deep = { a: deep };
  await rejected(asOrg('POST', '/policies', { title: '政策', summary: deep }), { status: 400 });
  await rejected(asOrg('PATCH', '/me', { name: [[[[[['x']]]]]] }), { status: 400, field: 'name' });
});

// --- ids -------------------------------------------------------------------------------------

test('an id in the path that cannot exist is a 404, like any missing record (issue 12)', async () => {
  for (const bad of ['123', 'zzzzzzzzzzzzzzzzzzzzzzzz', '0123456789abcdef0123456', "5f5f5f5f5f5f5f5f5f5f5f5f'", 'not-an-id']) {
    await rejected(() => call(api.url, 'GET', `/api/v1/events/${encodeURIComponent(bad)}`), { status: 404, code: 'not_found' });
    await rejected(asOrg('PATCH', `/events/${encodeURIComponent(bad)}`, { title: '改名' }), { status: 404, code: 'not_found' });
  }
  await rejected(asOrg('GET', '/policies/123/audience'), { status: 404, code: 'not_found' });
  await rejected(asOrg('POST', `/events/${eventId}/registrations/nope/approve`), { status: 404, code: 'not_found' });
});

// --- types -----------------------------------------------------------------------------------

test('wrong types are 400s naming the field', async () => {
  await rejected(asOrg('POST', '/events', { ...validEvent(), registration: { capacity: 'ten' } }), {
    status: 400,
    code: 'validation_failed',
    field: 'registration.capacity',
  });
  await rejected(asOrg('POST', '/events', { ...validEvent(), startsAt: 'not a date' }), {
    status: 400,
    code: 'validation_failed',
    field: 'startsAt',
  });
  await rejected(asOrg('POST', '/events', { ...validEvent(), regions: '310000' }), {
    status: 400,
    code: 'validation_failed',
    field: 'regions',
  });
  await rejected(asOrg('POST', '/events', { ...validEvent(), kind: 'party' }), { status: 400, field: 'kind' });
  await rejected(asOrg('POST', '/events', { ...validEvent(), endsAt: new Date(Date.now() + 86400_000).toISOString() }), {
    status: 400,
    field: 'endsAt',
  });
  await rejected(asOrg('POST', '/events', [validEvent()]), { status: 400 });
});

test('a PATCH with one good and one bad field changes nothing', async () => {
  const before = await api.deps.models.Event.findById(eventId).lean();
  await rejected(asOrg('PATCH', `/events/${eventId}`, { title: '不应生效的新标题', registration: { capacity: 'ten' } }), {
    status: 400,
    field: 'registration.capacity',
  });
  const after = await api.deps.models.Event.findById(eventId).lean();
  assert.equal(after?.title, before?.title);
  assert.equal(String(after?.updatedAt), String(before?.updatedAt));
});

test('unknown fields are 400s naming the key', async () => {
  await rejected(asOrg('POST', '/events', { ...validEvent(), featured: true }), {
    status: 400,
    code: 'validation_failed',
    field: 'featured',
  });
  await rejected(asOrg('POST', '/events', { ...validEvent(), registration: { capacity: 5, vipSeats: 2 } }), {
    status: 400,
    field: 'vipSeats',
  });
  await rejected(() => signUp(api, eventId, user.token, { status: 'confirmed' }), { status: 400, field: 'status' });
  await rejected(() => signUp(api, eventId, user.token, { ticketCode: 'AAAAAAAA' }), { status: 400, field: 'ticketCode' });
});

// --- body transport --------------------------------------------------------------------------

test('an oversized body is a 413', async () => {
  const limit = api.deps.env.BODY_LIMIT_KB * 1024;
  const big = 'a'.repeat(limit + 1024);
  await rejected(asOrg('POST', '/policies', { title: '超大的政策', body: big }), { status: 413, code: 'payload_too_large' });
  // …while a large body under the limit still goes through (the limit is not set absurdly low).
  const ok = await call(api.url, 'POST', '/api/v1/policies', {
    token: org.token,
    body: { title: '篇幅较长的政策全文', body: 'b'.repeat(90_000) },
  });
  assert.equal(ok.status, 201, ok.text.slice(0, 200));
});

test('malformed JSON is a 400', async () => {
  for (const raw of ['{"title": "政策",', '{title: 1}', '"just a string"', 'null x']) {
    const r = await rejected(() => call(api.url, 'POST', '/api/v1/policies', { token: org.token, raw }), { status: 400 });
    assert.match(r.body.error.message, /JSON/, r.text);
  }
});

test('a body that is not JSON is refused without a write', async () => {
  const r = await rejected(
    () =>
      call(api.url, 'POST', '/api/v1/policies', {
        token: org.token,
        raw: JSON.stringify({ title: '纯文本提交', regions: ['310000'] }),
        headers: { 'content-type': 'text/plain' },
      }),
    { status: 400 },
  );
  assert.ok(namesField(r, 'title'), r.text);
});

// --- registration --------------------------------------------------------------------------

test('a phone number that is not a mainland mobile is a 400 naming phone, and no registration is written', async () => {
  for (const phone of ['12812345678', '1381234567', '138123456789', '+8613812345678', '1381234567a', '', 13812345678]) {
    const signer = await makeUser(api);
    await rejected(() => signUp(api, eventId, signer.token, { phone }), {
      status: 400,
      code: 'validation_failed',
      field: 'phone',
    });
    assert.equal(await api.deps.models.Registration.countDocuments({ user: signer.id }), 0);
  }
});

test('a missing answer to a required question is a 400 naming answers.<id>', async () => {
  const signer = await makeUser(api);
  await rejected(() => signUp(api, questionEventId, signer.token), { status: 400, field: 'answers.project_name' });
  await rejected(() => signUp(api, questionEventId, signer.token, { answers: { project_name: '   ' } }), {
    status: 400,
    field: 'answers.project_name',
  });
  await rejected(() => signUp(api, questionEventId, signer.token, { answers: { project_name: '新型抗体', stage: '量产' } }), {
    status: 400,
    field: 'answers.stage',
  });
  await rejected(() => signUp(api, questionEventId, signer.token, { answers: { project_name: '新型抗体', budget: '100' } }), {
    status: 400,
    field: 'answers.budget',
  });
  assert.equal(await api.deps.models.Registration.countDocuments({ user: signer.id }), 0);
  // The same user with a proper answer gets in: the refusals above left nothing behind.
  const ok = await signUp(api, questionEventId, signer.token, { answers: { project_name: '新型抗体', stage: '中试' } });
  assert.equal(ok.status, 201, ok.text);
});

// --- pagination ----------------------------------------------------------------------------

test('a huge or nonsensical pageSize is a 400', async () => {
  await rejected(() => call(api.url, 'GET', '/api/v1/events?pageSize=100000'), { status: 400, field: 'pageSize' });
  await rejected(() => call(api.url, 'GET', '/api/v1/policies?pageSize=1e9'), { status: 400, field: 'pageSize' });
  await rejected(() => call(api.url, 'GET', '/api/v1/programs?pageSize=-1'), { status: 400, field: 'pageSize' });
  await rejected(() => call(api.url, 'GET', '/api/v1/events?page=abc'), { status: 400, field: 'page' });
  await rejected(asOrg('GET', `/events/${eventId}/registrations?pageSize=100000`), { status: 400, field: 'pageSize' });
  await rejected(asOrg('GET', '/groups?pageSize=5000'), { status: 400, field: 'pageSize' });
  await rejected(() => call(api.url, 'GET', '/api/v1/events?q=a&q=b'), { status: 400, field: 'q' });
});

test('registration ids that exist but belong elsewhere are 404s, not 500s', async () => {
  const other = await publishedEvent(api, org.token, { title: '另一场活动' });
  const r = await call(api.url, 'POST', `/api/v1/events/${other.id}/registrations/${regId}/approve`, { token: org.token });
  assert.equal(r.status, 404, r.text);
});
