/**
 * Accounts: WeChat login against a local fake jscode2session, dev login gating, organizer
 * password login with its rate limit, and session tokens that cannot be forged or stretched.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import type { RunningApi } from '../../../api/src/server.js';
import { call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName, type Reply } from '../../support/api.js';

const JWT_SECRET = 'test-secret-test-secret-test-secret-0123';
const APPID = 'wx0123456789abcdef';
const APPSECRET = 'fake-wechat-app-secret-9f8e7d6c';

// ---------------------------------------------------------------------------------------------
// A fake WeChat: GET /sns/jscode2session. Each code works once, as on the real service.

interface FakeWechat {
  base: string;
  /** Registers a one-time login code for an openid; returns the session_key it will hand out. */
  code(code: string, openid: string): string;
  requests: URLSearchParams[];
  close(): Promise<void>;
}

async function startFakeWechat(): Promise<FakeWechat> {
  const codes = new Map<string, { openid: string; session_key: string }>();
  const used = new Set<string>();
  const requests: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end();
      return;
    }
    const q = url.searchParams;
    requests.push(q);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const code = q.get('js_code') ?? '';
    if (q.get('appid') !== APPID || q.get('secret') !== APPSECRET) return json({ errcode: 40013, errmsg: 'invalid appid' });
    if (q.get('grant_type') !== 'authorization_code') return json({ errcode: 40002, errmsg: 'invalid grant_type' });
    if (code === 'code-html-500') {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (code === 'code-busy') return json({ errcode: -1, errmsg: 'system error' });
    if (used.has(code)) return json({ errcode: 40163, errmsg: 'code been used, rid: 64f0c0de-0bad-c0de' });
    const session = codes.get(code);
    if (!session) return json({ errcode: 40029, errmsg: 'invalid code' });
    used.add(code);
    return json(session);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    code(code, openid) {
      const session_key = `SK${randomBytes(12).toString('base64url')}`;
      codes.set(code, { openid, session_key });
      return session_key;
    },
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

// ---------------------------------------------------------------------------------------------

let wx: FakeWechat;
let api: RunningApi;
let dbName: string;
const started: RunningApi[] = [];

const wechatEnv = () => ({ WECHAT_API_BASE: wx.base, WECHAT_APPID: APPID, WECHAT_SECRET: APPSECRET });

beforeAll(async () => {
  wx = await startFakeWechat();
  dbName = uniqueDbName('auth');
  api = await startTestApi(dbName, { env: wechatEnv() });
  started.push(api);
});
afterAll(async () => {
  for (const a of started) await a.stop();
  await wx?.close();
});

async function startAnother(env: Record<string, string>, ownDb = false): Promise<RunningApi> {
  const a = await startTestApi(ownDb ? uniqueDbName('auth2') : dbName, { env: { ...wechatEnv(), ...env } });
  started.push(a);
  return a;
}

const wechatLogin = (base: string, code: string) => call(base, 'POST', '/api/v1/auth/wechat', { body: { code } });

// --- WeChat ----------------------------------------------------------------------------------

test('WeChat login returns a session, upserts by openid, and never gives out session_key', async () => {
  const openid = `o${randomBytes(10).toString('hex')}`;
  const key1 = wx.code('code-first', openid);
  const key2 = wx.code('code-second', openid);
  const replies: Reply[] = [];

  const first = await wechatLogin(api.url, 'code-first');
  replies.push(first);
  assert.equal(first.status, 200, first.text);
  assert.equal(typeof first.body.token, 'string');
  assert.ok(Date.parse(first.body.expiresAt) > Date.now());
  assert.deepEqual(first.body.user.roles, []);
  assert.match(first.body.user.id, /^[0-9a-f]{24}$/);

  // WeChat was asked with the app's credentials and the code.
  const asked = wx.requests.find((q) => q.get('js_code') === 'code-first');
  assert.ok(asked, 'the fake WeChat received the code');
  assert.equal(asked.get('appid'), APPID);
  assert.equal(asked.get('secret'), APPSECRET);
  assert.equal(asked.get('grant_type'), 'authorization_code');

  const second = await wechatLogin(api.url, 'code-second');
  replies.push(second);
  assert.equal(second.status, 200, second.text);
  assert.equal(second.body.user.id, first.body.user.id, 'the same openid is the same user');
  assert.equal(await api.deps.models.User.countDocuments({ openid }), 1);

  // The session key is kept server-side (the latest one) …
  const stored = await api.deps.models.User.findOne({ openid }).select('+sessionKey').lean();
  assert.equal(stored?.sessionKey, key2);

  // … and appears in no reply the user can reach.
  const token = second.body.token as string;
  replies.push(await call(api.url, 'GET', '/api/v1/me', { token }));
  replies.push(
    await call(api.url, 'PATCH', '/api/v1/me', { token, body: { name: '陈博士', org: '中科院上海药物所', kind: 'researcher' } }),
  );
  replies.push(await call(api.url, 'POST', '/api/v1/auth/refresh', { token }));
  const org = await makeUser(api, ['organizer']);
  const event = await publishedEvent(api, org.token);
  replies.push(await signUp(api, event.id, token));
  replies.push(await call(api.url, 'GET', '/api/v1/me/registrations', { token }));
  for (const r of replies) {
    assert.ok(r.status < 300, r.text);
    for (const secret of [key1, key2, 'session_key', 'sessionKey', APPSECRET]) {
      assert.ok(!r.text.includes(secret), `"${secret}" leaked in ${r.text.slice(0, 200)}`);
    }
  }
  assert.equal(replies[2]!.body.id, first.body.user.id);
});

test('a WeChat code that was already used, or is unknown, is a 401 and creates nobody', async () => {
  const openid = `o${randomBytes(10).toString('hex')}`;
  wx.code('code-once', openid);
  assert.equal((await wechatLogin(api.url, 'code-once')).status, 200);
  const users = await api.deps.models.User.countDocuments({});

  const reused = await wechatLogin(api.url, 'code-once');
  assert.equal(reused.status, 401, reused.text);
  assert.equal(reused.body.error.code, 'unauthorized');
  assert.equal(reused.body.token, undefined);

  const unknown = await wechatLogin(api.url, 'code-never-issued');
  assert.equal(unknown.status, 401, unknown.text);
  assert.equal(await api.deps.models.User.countDocuments({}), users);
});

test('WeChat failing is a 502, not a 500: unreachable, HTML error page, or errcode -1', async () => {
  const down = await startAnother({ WECHAT_API_BASE: `http://127.0.0.1:${await closedPort()}` });
  const users = await api.deps.models.User.countDocuments({});
  const cases: Array<[string, RunningApi, string]> = [
    ['unreachable', down, 'any-code'],
    ['HTML 500', api, 'code-html-500'],
    ['errcode -1', api, 'code-busy'],
  ];
  for (const [label, target, code] of cases) {
    const r = await wechatLogin(target.url, code);
    assert.equal(r.status, 502, `${label}: ${r.text}`);
    assert.equal(r.body.error.code, 'upstream_failed', label);
    assert.equal(typeof r.body.error.message, 'string');
  }
  assert.equal(await api.deps.models.User.countDocuments({}), users);
});

test('WeChat login with an empty or oversized code is a 400 and never reaches WeChat', async () => {
  const asked = wx.requests.length;
  for (const code of ['', '   ', 'x'.repeat(500)]) {
    const r = await wechatLogin(api.url, code);
    assert.equal(r.status, 400, r.text);
    assert.match(JSON.stringify(r.body.error), /code/);
  }
  assert.equal(wx.requests.length, asked);
});

// --- dev login -------------------------------------------------------------------------------

test('dev login works with DEV_LOGIN=1 outside production, and is a 404 otherwise', async () => {
  const ok = await call(api.url, 'POST', '/api/v1/auth/dev', { body: { openid: 'dev-tester-01', name: '开发者' } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(typeof ok.body.token, 'string');
  const me = await call(api.url, 'GET', '/api/v1/me', { token: ok.body.token });
  assert.equal(me.body.name, '开发者');

  const prod = await startAnother({ NODE_ENV: 'production', DEV_LOGIN: '1' });
  const off = await startAnother({ DEV_LOGIN: '0' });
  const users = await api.deps.models.User.countDocuments({});
  for (const [label, target] of [
    ['NODE_ENV=production', prod],
    ['DEV_LOGIN=0', off],
  ] as const) {
    const r = await call(target.url, 'POST', '/api/v1/auth/dev', { body: { openid: 'dev-tester-02' } });
    assert.equal(r.status, 404, `${label}: ${r.text}`);
    assert.equal(r.body.error.code, 'not_found');
    assert.equal(r.body.token, undefined);
  }
  assert.equal(await api.deps.models.User.countDocuments({}), users);
});

// --- password login --------------------------------------------------------------------------

async function createOrganizer(target: RunningApi, username: string, password: string) {
  const user = await target.deps.models.User.create({
    openid: `pw-${username}`,
    username,
    passwordHash: await bcrypt.hash(password, 6),
    roles: ['organizer'],
    name: '科转通主办方',
  });
  return String(user._id);
}

const login = (base: string, username: string, password: string, headers: Record<string, string> = {}) =>
  call(base, 'POST', '/api/v1/auth/login', { body: { username, password }, headers });

test('password login: the right password gives an organizer session; a wrong one says the same as an unknown user', async () => {
  const id = await createOrganizer(api, 'shanghai-tto', 'Tech-Transfer-2026!');

  const ok = await login(api.url, 'shanghai-tto', 'Tech-Transfer-2026!');
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.user.id, id);
  assert.ok(!ok.text.includes('passwordHash') && !ok.text.includes('$2'), 'no hash in the reply');
  const me = await call(api.url, 'GET', '/api/v1/me', { token: ok.body.token });
  assert.equal(me.status, 200);
  assert.deepEqual(me.body.roles, ['organizer']);
  const asOrganizer = await call(api.url, 'GET', '/api/v1/groups', { token: ok.body.token });
  assert.equal(asOrganizer.status, 200, asOrganizer.text);

  const wrong = await login(api.url, 'shanghai-tto', 'tech-transfer-2026!');
  const unknown = await login(api.url, 'no-such-organizer', 'Tech-Transfer-2026!');
  assert.equal(wrong.status, 401, wrong.text);
  assert.equal(unknown.status, 401, unknown.text);
  assert.deepEqual(wrong.body, unknown.body, 'a wrong password and an unknown username are indistinguishable');
  assert.equal(wrong.body.token, undefined);
});

test('login rate limit: the 6th attempt within a minute is a 429, even with the right password', async () => {
  const limited = await startAnother({ RATE_LIMIT_LOGIN_PER_MIN: '5' }, true);
  await createOrganizer(limited, 'beijing-tto', 'Use-First-Pay-Later');
  for (let i = 1; i <= 5; i++) {
    const r = await login(limited.url, 'beijing-tto', `guess-${i}`);
    assert.equal(r.status, 401, `attempt ${i}: ${r.text}`);
  }
  const sixth = await login(limited.url, 'beijing-tto', 'Use-First-Pay-Later');
  assert.equal(sixth.status, 429, sixth.text);
  assert.equal(sixth.body.error.code, 'rate_limited');
  assert.equal(sixth.body.token, undefined);
});

test('login rate limit cannot be dodged by sending a different X-Forwarded-For each time', async () => {
  const limited = await startAnother({ RATE_LIMIT_LOGIN_PER_MIN: '5' }, true);
  await createOrganizer(limited, 'guangdong-tto', 'Greater-Bay-Area-1');
  const statuses: number[] = [];
  for (let i = 1; i <= 6; i++) {
    const r = await login(limited.url, 'guangdong-tto', `guess-${i}`, { 'x-forwarded-for': `203.0.113.${i}` });
    statuses.push(r.status);
  }
  assert.deepEqual(
    statuses,
    [401, 401, 401, 401, 401, 429],
    'a client-chosen X-Forwarded-For must not give it a fresh login budget',
  );
});

// --- session tokens --------------------------------------------------------------------------

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const decode = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

test('tampered, unsigned, expired, mis-issued and re-signed tokens are all 401', async () => {
  assert.equal(api.deps.env.JWT_SECRET, JWT_SECRET);
  const user = await makeUser(api);
  const admin = await makeUser(api, ['admin']);
  // Positive controls: the genuine tokens work.
  assert.equal((await call(api.url, 'GET', '/api/v1/me', { token: user.token })).status, 200);
  assert.equal((await call(api.url, 'GET', '/api/v1/audit', { token: admin.token })).status, 200);

  const [h, p, sig] = user.token.split('.') as [string, string, string];
  const mid = Math.floor(sig.length / 2);
  const flipped = `${h}.${p}.${sig.slice(0, mid)}${sig[mid] === 'A' ? 'B' : 'A'}${sig.slice(mid + 1)}`;
  const payload = decode(user.token);

  const cases: Record<string, string> = {
    'tampered signature': flipped,
    'signature removed': `${h}.${p}.`,
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...payload, roles: ['admin'] })}.`,
    'roles edited, original signature': `${h}.${b64({ ...payload, roles: ['admin', 'organizer'] })}.${sig}`,
    'roles edited, re-signed with a wrong secret': jwt.sign(
      { ...payload, roles: ['admin'] },
      'not-the-secret-not-the-secret-0000',
      {
        algorithm: 'HS256',
      },
    ),
    'right secret, wrong issuer': jwt.sign({ roles: ['admin'] }, JWT_SECRET, {
      algorithm: 'HS256',
      subject: admin.id,
      issuer: 'someone-else',
      expiresIn: 600,
    }),
    'right secret, no issuer': jwt.sign({ roles: ['admin'] }, JWT_SECRET, {
      algorithm: 'HS256',
      subject: admin.id,
      expiresIn: 600,
    }),
    'right secret, HS512': jwt.sign({ roles: ['admin'] }, JWT_SECRET, {
      algorithm: 'HS512',
      subject: admin.id,
      issuer: 'techbridge-api',
      expiresIn: 600,
    }),
    'right secret, roles not a list': jwt.sign({ roles: 'admin' }, JWT_SECRET, {
      algorithm: 'HS256',
      subject: admin.id,
      issuer: 'techbridge-api',
      expiresIn: 600,
    }),
    garbage: 'not.a.jwt',
  };
  for (const [label, token] of Object.entries(cases)) {
    for (const path of ['/api/v1/me', '/api/v1/audit']) {
      const r = await call(api.url, 'GET', path, { token });
      assert.equal(r.status, 401, `${label} on ${path}: ${r.status} ${r.text}`);
      assert.equal(r.body.error.code, 'unauthorized', label);
    }
  }

  const basic = await call(api.url, 'GET', '/api/v1/me', { headers: { authorization: `Basic ${user.token}` } });
  assert.equal(basic.status, 401);
});

test('an expired token is a 401 that says the login expired', async () => {
  const user = await makeUser(api);
  const now = Math.floor(Date.now() / 1000);
  const expired = jwt.sign({ roles: [], sub: user.id, iss: 'techbridge-api', iat: now - 7200, exp: now - 60 }, JWT_SECRET, {
    algorithm: 'HS256',
  });
  const r = await call(api.url, 'GET', '/api/v1/me', { token: expired });
  assert.equal(r.status, 401, r.text);
  assert.equal(r.body.error.code, 'unauthorized');
  assert.match(r.body.error.message, /过期/);
  // The same claims a minute into the future are accepted, so the expiry is what was refused.
  const fresh = jwt.sign({ roles: [], sub: user.id, iss: 'techbridge-api', iat: now, exp: now + 60 }, JWT_SECRET, {
    algorithm: 'HS256',
  });
  assert.equal((await call(api.url, 'GET', '/api/v1/me', { token: fresh })).status, 200);
});
