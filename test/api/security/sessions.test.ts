/**
 * Access follows the role at once (invariant 5, second half): a removed role, a disabled account
 * or a changed password stops every token already issued within SESSION_CHECK_SECONDS, on every
 * api instance; password logins lock the account after repeated failures whatever the address;
 * each login kind has its own rate bucket.
 */
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import bcrypt from 'bcryptjs';
import type { RunningApi } from '../../../api/src/server.js';
import { call, makeUser, startTestApi, testClock, uniqueDbName, type TestClock } from '../../support/api.js';

const db = uniqueDbName('sessions');
let a: RunningApi;
let b: RunningApi;
let clockA: TestClock;
let clockB: TestClock;
let admin: { id: string; token: string };

beforeAll(async () => {
  clockA = testClock();
  clockB = testClock();
  // Two instances on one database: a change made through one must reach the other.
  const env = { SESSION_CHECK_SECONDS: '30', TRUST_PROXY: '1', LOGIN_LOCK_ATTEMPTS: '5', LOGIN_LOCK_MINUTES: '15' };
  a = await startTestApi(db, { clock: clockA, env });
  b = await startTestApi(db, { clock: clockB, env });
  admin = await makeUser(a, ['admin'], '管理员');
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

const me = (api: RunningApi, token: string) => call(api.url, 'GET', '/api/v1/me', { token });
const groupsAs = (api: RunningApi, token: string) => call(api.url, 'GET', '/api/v1/groups', { token });

async function passwordUser(username: string, password: string, roles: ('organizer' | 'admin')[] = ['organizer']) {
  const u = await makeUser(a, roles, username);
  await a.deps.models.User.updateOne({ _id: u.id }, { $set: { username, passwordHash: await bcrypt.hash(password, 4) } });
  return u;
}
const login = (api: RunningApi, username: string, password: string, ip = '203.0.113.7') =>
  call(api.url, 'POST', '/api/v1/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': ip } });

describe('revocation', () => {
  test('a removed role ends the session at once on the instance that removed it, and within the check period on another', async () => {
    const org = await makeUser(a, ['organizer'], '将被撤销的主办方');
    assert.equal((await groupsAs(a, org.token)).status, 200);
    assert.equal((await groupsAs(b, org.token)).status, 200); // b has now cached the user

    const removed = await call(a.url, 'PATCH', `/api/v1/users/${org.id}`, { token: admin.token, body: { roles: [] } });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.body.roles, []);

    const onA = await groupsAs(a, org.token);
    assert.equal(onA.status, 401, onA.text);
    assert.equal(onA.body.error.code, 'session_revoked');
    assert.match(onA.body.error.message, /权限已变更|已被撤销/);

    clockB.advance(30_000);
    const onB = await groupsAs(b, org.token);
    assert.equal(onB.status, 401, `still accepted on the other instance after 30 s: ${onB.text}`);
    assert.equal(onB.body.error.code, 'session_revoked');
    // Not even the plain-user routes: the token is gone, and the audit names the admin.
    assert.equal((await me(b, org.token)).status, 401);
    const entry = await a.deps.models.AuditLog.findOne({ action: 'user.update', targetId: org.id }).lean();
    assert.equal(String(entry?.actor), admin.id);
  });

  test('a disabled account is signed out everywhere and cannot sign in again', async () => {
    const u = await passwordUser('disabled-org', 'correct-horse-01');
    const session = await login(a, 'disabled-org', 'correct-horse-01');
    assert.equal(session.status, 200, session.text);
    assert.equal((await me(b, session.body.token)).status, 200);

    const off = await call(b.url, 'PATCH', `/api/v1/users/${u.id}`, { token: admin.token, body: { disabled: true } });
    assert.equal(off.status, 200, off.text);
    clockA.advance(30_000);
    const gone = await me(a, session.body.token);
    assert.equal(gone.status, 401);
    assert.match(gone.body.error.message, /停用/);
    const again = await login(a, 'disabled-org', 'correct-horse-01');
    assert.equal(again.status, 403, again.text);
    assert.match(again.body.error.message, /停用/);
  });

  test('a password change keeps this device signed in and signs every other token out', async () => {
    await passwordUser('changer', 'old-password-01');
    const phone = (await login(a, 'changer', 'old-password-01')).body.token as string;
    const laptop = (await login(b, 'changer', 'old-password-01')).body.token as string;
    assert.equal((await me(b, laptop)).status, 200);

    const wrong = await call(a.url, 'POST', '/api/v1/me/password', {
      token: phone,
      body: { currentPassword: 'not-it-at-all', newPassword: 'new-password-02' },
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.details.fields[0].field, 'currentPassword');

    const changed = await call(a.url, 'POST', '/api/v1/me/password', {
      token: phone,
      body: { currentPassword: 'old-password-01', newPassword: 'new-password-02' },
    });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((await me(a, changed.body.token)).status, 200);
    assert.equal((await me(a, phone)).status, 401);
    clockB.advance(30_000);
    assert.equal((await me(b, laptop)).status, 401);
    assert.equal((await login(b, 'changer', 'old-password-01')).status, 401);
    assert.equal((await login(b, 'changer', 'new-password-02')).status, 200);
  });

  test('an admin cannot lock themself out', async () => {
    const r = await call(a.url, 'PATCH', `/api/v1/users/${admin.id}`, { token: admin.token, body: { disabled: true } });
    assert.equal(r.status, 400, r.text);
    assert.equal((await me(a, admin.token)).status, 200);
  });
});

describe('lockout', () => {
  test('repeated wrong passwords lock the account from every address, the right one included, for a while', async () => {
    await passwordUser('locked-org', 'right-password-01');
    for (let i = 0; i < 5; i++) {
      const r = await login(a, 'locked-org', `wrong-${i}`, `198.51.100.${i + 1}`);
      assert.equal(r.status, 401, r.text);
    }
    const locked = await login(b, 'locked-org', 'right-password-01', '192.0.2.200');
    assert.equal(locked.status, 429, locked.text);
    assert.equal(locked.body.error.code, 'account_locked', locked.text);
    assert.match(locked.body.error.message, /锁定.*15 分钟/);

    clockA.advance(15 * 60_000 + 1000);
    const open = await login(a, 'locked-org', 'right-password-01');
    assert.equal(open.status, 200, open.text);
  });

  test('twenty wrong guesses at once still lock the account (the count is one document)', async () => {
    await passwordUser('storm-org', 'right-password-02');
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(i % 2 ? a : b, 'storm-org', `guess-${i}`, `203.0.113.${i + 10}`)),
    );
    assert.ok(guesses.every((r) => r.status === 401 || r.status === 429));
    const after = await login(a, 'storm-org', 'right-password-02');
    assert.equal(after.status, 429, after.text);
    const stored = await a.deps.models.User.findOne({ username: 'storm-org' }).lean();
    assert.ok(stored?.lockedUntil && stored.lockedUntil > clockA.now());
  });
});

test('dev, WeChat and password logins each have their own rate bucket', async () => {
  const api = await startTestApi(uniqueDbName('loginbuckets'), { env: { RATE_LIMIT_LOGIN_PER_MIN: '3' } });
  try {
    const hash = await bcrypt.hash('bucket-password-1', 4);
    await api.deps.models.User.create({ username: 'bucket-org', passwordHash: hash, roles: ['organizer'] });
    for (let i = 0; i < 3; i++) {
      const r = await call(api.url, 'POST', '/api/v1/auth/dev', { body: { openid: `bucket-${i}` } });
      assert.equal(r.status, 200, r.text);
    }
    const fourth = await call(api.url, 'POST', '/api/v1/auth/dev', { body: { openid: 'bucket-x' } });
    assert.equal(fourth.status, 429);
    const pw = await call(api.url, 'POST', '/api/v1/auth/login', {
      body: { username: 'bucket-org', password: 'bucket-password-1' },
    });
    assert.equal(pw.status, 200, `password login shares the dev bucket: ${pw.text}`);
  } finally {
    await api.stop();
  }
});
