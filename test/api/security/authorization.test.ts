/**
 * Invariant 5: no organizer or admin action without the role, nor on an event (broadcast, group)
 * the caller does not own, admins aside; every such action lands in the audit log. Ownership is
 * asked of the same policies module the routes use (`can`), through each route's `owns`. The matrix is derived from the route table (allRoutes()), so a new route is
 * covered automatically, and a new non-public route without a sample below fails the test.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import { testContext } from '../../support/context.js';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Role } from '@techbridge/shared';
import { allRoutes } from '../../../api/src/routes/index.js';
import type { AnyRoute } from '../../../api/src/routes/define.js';
import type { RunningApi } from '../../../api/src/server.js';
import { TEMPLATE_IDS, notifyEnv } from '../../support/fakeWechat.js';
import { BOT_TOKEN, call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName, type Reply } from '../../support/api.js';

type Principal = { id: string; token: string };
/** `otherOrganizer` holds the role but owns nothing in the shared fixture (another organizer's event). */
type Caller = 'anonymous' | 'user' | 'organizer' | 'otherOrganizer' | 'admin' | 'bot';

const MATRIX_PASSWORD = 'matrix-password-0123';
let api: RunningApi;
/** Creates the fixture content; its audit entries carry its own id, never a tested caller's. */
let fixtureOrg: Principal;
let plainUser: Principal;
let organizer: Principal;
let otherOrganizer: Principal;
let admin: Principal;

beforeAll(async () => {
  // Subscribe messages on (consent routes answer), against a WeChat nobody calls: nothing is sent in this test.
  api = await startTestApi(uniqueDbName('authz'), { env: notifyEnv('http://127.0.0.1:9') });
  fixtureOrg = await makeUser(api, ['organizer'], '内容准备人');
  plainUser = await makeUser(api, [], '普通用户');
  organizer = await makeUser(api, ['organizer'], '主办方');
  otherOrganizer = await makeUser(api, ['organizer'], '另一位主办方');
  admin = await makeUser(api, ['admin'], '管理员');
  // Every caller has a password, so `POST /me/password` reaches its handler for each.
  const passwordHash = await bcrypt.hash(MATRIX_PASSWORD, 4);
  await api.deps.models.User.updateMany({}, { $set: { passwordHash } });
});
afterAll(async () => api?.stop());

// ---------------------------------------------------------------------------------------------
// Fixtures: one real record of every kind a route can point at.

interface Fixture {
  tag: string;
  /** Published, approval required for presenters, seats held for 60 minutes on offer. */
  event: string;
  /** Published, nobody registered yet: the target of sign-ups. */
  openEvent: string;
  policy: string;
  program: string;
  group: string;
  groupRoomId: string;
  /** A broadcast scheduled for tomorrow to `group`. */
  broadcast: string;
  /** A presenter registration on `event` waiting for approval (someone else's). */
  pendingReg: string;
  /** A confirmed attendee registration on `event` owned by the fixture's owner. */
  ownReg: string;
  ownTicket: string;
  /** A plain account an admin can change. */
  user: string;
}

async function created(r: Reply, what: string): Promise<string> {
  if (r.status !== 201) throw new Error(`fixture ${what}: ${r.status} ${r.text}`);
  return r.body.id as string;
}

let seq = 0;
let robotGroupId: string | undefined;
const uniq = () => `${randomBytes(3).toString('hex')}${++seq}`;

/**
 * Builds a fresh fixture; `owner` owns `ownReg`, so user-level routes reach their handler, and
 * `creator` creates (so owns) the event, broadcast and group, so organizer routes reach theirs.
 */
async function makeFixture(owner: Principal, creator: Principal = fixtureOrg): Promise<Fixture> {
  const tag = uniq();
  const fixtureOrg = creator;
  const event = await publishedEvent(api, fixtureOrg.token, {
    title: `权限矩阵路演 ${tag}`,
    registration: { capacity: 10, approvalRequired: true, offerWindowMinutes: 60 },
  });
  const openEvent = await publishedEvent(api, fixtureOrg.token, { title: `权限矩阵开放活动 ${tag}` });
  const registrant = await makeUser(api, [], `路演方${tag}`);
  const pending = await signUp(api, event.id, registrant.token, { role: 'presenter' });
  assert.equal(pending.status, 201, pending.text);
  assert.equal(pending.body.status, 'pending_approval');
  const own = await signUp(api, event.id, owner.token);
  assert.equal(own.status, 201, own.text);
  assert.equal(own.body.status, 'confirmed');
  const policy = await created(
    await call(api.url, 'POST', '/api/v1/policies', {
      token: fixtureOrg.token,
      body: { title: `关于促进科技成果转化的若干措施 ${tag}`, regions: ['310000'], topics: ['poc'] },
    }),
    'policy',
  );
  const program = await created(
    await call(api.url, 'POST', '/api/v1/programs', { token: fixtureOrg.token, body: { name: `概念验证中心建设计划 ${tag}` } }),
    'program',
  );
  const group = await created(
    await call(api.url, 'POST', '/api/v1/groups', {
      token: fixtureOrg.token,
      body: {
        roomId: `authz${tag}@chatroom`,
        topic: `新疆技术转移交流群 ${tag}`,
        // Nothing the fixtures publish matches this profile, so publishing plans no deliveries to
        // the groups that pile up here (which would make every publish slower than the last).
        profile: { regions: ['650000'], topics: ['low-altitude'] },
      },
    }),
    'group',
  );
  const broadcast = await created(
    await call(api.url, 'POST', '/api/v1/broadcasts', {
      token: fixtureOrg.token,
      body: {
        title: `路演预告 ${tag}`,
        text: '本周五张江科学会堂路演，欢迎报名。',
        audience: { kind: 'groups', groupIds: [group] },
        schedule: { kind: 'once', at: new Date(Date.now() + 86400_000).toISOString() },
      },
    }),
    'broadcast',
  );
  return {
    tag,
    event: event.id,
    openEvent: openEvent.id,
    policy,
    program,
    group,
    groupRoomId: `authz${tag}@chatroom`,
    broadcast,
    pendingReg: pending.body.id,
    ownReg: own.body.id,
    ownTicket: own.body.ticketCode,
    user: (await makeUser(api, [], `可被管理的用户${tag}`)).id,
  };
}

// ---------------------------------------------------------------------------------------------
// Per-route samples, keyed by `${METHOD} ${path}`. Every non-public route needs one.

interface Sample {
  body?: (fx: Fixture) => unknown;
  /** Path params beyond the defaults (`:id` by resource segment, `:regId` = the pending registration). */
  params?: (fx: Fixture) => Record<string, string>;
  query?: string;
  /** Brings the fixture into the state the handler needs. */
  prepare?: (fx: Fixture) => Promise<void>;
  /** The call uses up fixture state (a sign-up, a status change): each allowed caller gets a new one. */
  fresh?: boolean;
  /** The call replaced the caller's session (a password change): keep using the new token. */
  newSession?: boolean;
}

const eventBody = (fx: Fixture) => ({
  title: `2026 长三角技术经理人培训 ${fx.tag}`,
  kind: 'training',
  startsAt: new Date(Date.now() + 14 * 86400_000).toISOString(),
  regions: ['310000'],
  topics: ['tech-manager'],
  registration: { capacity: 30 },
});

const SAMPLES: Record<string, Sample> = {
  'POST /auth/refresh': {},
  'GET /me': {},
  'POST /me/password': {
    body: () => ({ currentPassword: MATRIX_PASSWORD, newPassword: MATRIX_PASSWORD }),
    newSession: true,
  },
  'PATCH /users/:id': { body: () => ({ roles: ['organizer'] }) },
  'GET /organizers': { query: '?q=主办方' },
  'PATCH /me': { body: () => ({ name: '王老师', org: '复旦大学' }) },
  'POST /policies/tag': {
    body: () => ({ title: '上海市促进科技成果转化行动方案', body: '支持高校建设概念验证中心，培育技术经理人。' }),
  },
  'POST /policies/split': { body: () => ({ text: '上海发布概念验证新政\n本报讯 上海市近日发布方案。' }) },
  'POST /policies/duplicates': { body: () => ({ title: '关于支持概念验证的通知', docNo: '沪科〔2026〕1号' }) },
  'POST /programs/duplicates': { body: () => ({ name: '概念验证中心建设计划', code: 'POC' }) },
  'POST /audience/preview': { body: () => ({ regions: ['310000'], topics: ['poc'] }) },
  'POST /policies': { body: (fx) => ({ title: `关于支持概念验证的通知 ${fx.tag}-${uniq()}`, regions: ['310000'] }) },
  'PATCH /policies/:id': { body: () => ({ summary: '修订后的摘要' }) },
  'POST /policies/:id/publish': {},
  'POST /policies/:id/archive': {},
  'POST /programs': { body: (fx) => ({ name: `技术转移加速计划 ${fx.tag}` }) },
  'PATCH /programs/:id': { body: () => ({ summary: '修订后的摘要' }) },
  'POST /programs/:id/publish': {},
  'POST /programs/:id/archive': {},
  'POST /events/:id/registrations': {
    params: (fx) => ({ id: fx.openEvent }),
    fresh: true,
    body: () => ({ name: '李四', org: '同济大学', phone: '13912345678' }),
  },
  'GET /events/:id/registrations': {},
  'POST /events/:id/registrations/:regId/cancel': { params: (fx) => ({ regId: fx.ownReg }), fresh: true },
  'POST /events/:id/registrations/:regId/accept': {
    params: (fx) => ({ regId: fx.ownReg }),
    fresh: true,
    // An offer the owner can take: the seat is still held for them, the window still open.
    prepare: async (fx) => {
      await api.deps.models.Registration.updateOne(
        { _id: fx.ownReg },
        { $set: { status: 'offered', offerExpiresAt: new Date(Date.now() + 3600_000) } },
      );
    },
  },
  'POST /events/:id/registrations/:regId/approve': { fresh: true },
  'POST /events/:id/registrations/:regId/reject': { fresh: true },
  'POST /events/:id/checkin': { body: (fx) => ({ ticketCode: fx.ownTicket }), fresh: true },
  'GET /me/registrations': {},
  'GET /me/notify': {},
  'POST /me/notify/consent': { body: () => ({ templateIds: [TEMPLATE_IDS.event_reminder] }) },
  'GET /events/:id/notifications': {},
  'GET /events/:id/notice-preview': {},
  'POST /events/:id/cancel': { body: () => ({ reason: '场地临时不可用' }), fresh: true },
  'GET /events/:id/registrations/export.csv': {},
  'POST /events': { body: eventBody },
  'PATCH /events/:id': { body: () => ({ title: '改期后的路演' }) },
  'POST /events/:id/publish': {},
  'POST /events/:id/archive': {},
  'GET /groups': { query: '?page=1&pageSize=5' },
  'GET /groups/:id': {},
  'POST /groups': { body: (fx) => ({ roomId: `new${fx.tag}${uniq()}@chatroom`, topic: '北京科技金融群' }) },
  'PATCH /groups/:id': { body: () => ({ topic: '更名后的群' }) },
  'POST /groups/wecom': {
    body: () => ({ webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${randomUUID()}`, topic: '企业微信群' }),
  },
  'POST /groups/:id/wecom-test': {
    // A robot group (WeCom itself is out of reach here: the test message is answered as not sent, with a 200).
    prepare: async () => {
      robotGroupId ??= String(
        (
          await api.deps.models.Group.create({
            roomId: `wecom:authz${uniq()}`,
            topic: '企业微信测试群',
            channel: 'wecom',
            wecom: { key: randomUUID(), keyMasked: '****' },
          })
        )._id,
      );
    },
    params: () => ({ id: robotGroupId! }),
  },
  'GET /policies/:id/audience': {},
  'GET /events/:id/audience': {},
  'GET /programs/:id/audience': {},
  'GET /audit': { query: '?page=1&pageSize=5' },
  'POST /broadcasts/preview': {
    body: (fx) => ({
      title: '预览',
      text: '预览内容',
      audience: { kind: 'groups', groupIds: [fx.group] },
      schedule: { kind: 'now' },
    }),
  },
  'GET /broadcasts': { query: '?page=1&pageSize=5' },
  'GET /broadcasts/:id': {},
  'POST /broadcasts': {
    body: (fx) => ({
      title: `政策解读直播 ${fx.tag}`,
      text: '周三下午两点，技术经理人政策解读。',
      audience: { kind: 'filter', regions: ['310000'], topics: ['poc'] },
      schedule: { kind: 'cron', cron: '0 9 * * 1' },
    }),
  },
  'PATCH /broadcasts/:id': { body: () => ({ title: '改过标题的预告' }) },
  'POST /broadcasts/:id/cancel': { fresh: true },
  'GET /broadcasts/:id/preview': {},
  'GET /broadcasts/:id/report': {},
  'GET /broadcasts/:id/insights': {},
  'GET /broadcasts/:id/insights.csv': {},
  'GET /events/:id/insights': {},
  'GET /events/:id/insights.csv': {},
  'GET /groups/:id/insights': {},
  'GET /groups/:id/insights.csv': {},
  'GET /bot/state': {},
  'POST /bot/status': { body: () => ({ account: 'authz-bot', state: 'heartbeat' }) },
  'POST /bot/rooms/joined': { body: (fx) => ({ account: 'authz-bot', roomId: `joined${fx.tag}@chatroom`, topic: '新加入的群' }) },
  'POST /bot/rooms/topic': { body: (fx) => ({ account: 'authz-bot', roomId: fx.groupRoomId, topic: '群改名了' }) },
  'POST /bot/rooms/removed': { body: (fx) => ({ account: 'authz-bot', roomId: fx.groupRoomId }) },
  'POST /bot/rooms/profile': { body: (fx) => ({ account: 'authz-bot', roomId: fx.groupRoomId }) },
  'POST /bot/deliveries/claim': { body: () => ({ account: 'authz-bot', limit: 1 }) },
  'POST /bot/deliveries/result': { body: () => ({ account: 'authz-bot', deliveryIds: ['no-such-delivery:1'], ok: true }) },
  'POST /bot/commands': {
    body: (fx) => ({
      account: 'authz-bot',
      roomId: fx.groupRoomId,
      senderId: 'wxid_authz',
      senderName: '群友',
      text: '最新政策',
    }),
  },
};

/** Organizer/admin writes that change nothing (previews), so need no audit entry; checked to write nothing. */
const PREVIEW_WRITES = new Set([
  'POST /policies/tag',
  'POST /policies/split',
  'POST /policies/duplicates',
  'POST /programs/duplicates',
  'POST /audience/preview',
  'POST /broadcasts/preview',
]);
/** Reads that must still be audited: who took personal data out of the system. */
const AUDITED_READS: Record<string, string> = { 'GET /events/:id/registrations/export.csv': 'registration.export' };

const keyOf = (r: AnyRoute) => `${r.method.toUpperCase()} ${r.path}`;
const isWrite = (r: AnyRoute) => r.method !== 'get';

const SEGMENT_PARAM: Record<string, keyof Fixture> = {
  events: 'event',
  policies: 'policy',
  programs: 'program',
  groups: 'group',
  broadcasts: 'broadcast',
  users: 'user',
};

function pathFor(route: AnyRoute, fx: Fixture): string {
  const sample = SAMPLES[keyOf(route)] ?? {};
  const overrides = sample.params?.(fx) ?? {};
  const segment = route.path.split('/')[1]!;
  const filled = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    if (overrides[name]) return overrides[name]!;
    if (name === 'id' && SEGMENT_PARAM[segment]) return fx[SEGMENT_PARAM[segment]!];
    if (name === 'regId') return fx.pendingReg;
    throw new Error(`no value for :${name} in ${keyOf(route)}: add params to its sample`);
  });
  return `/api/v1${filled}${sample.query ?? ''}`;
}

function tokenOf(caller: Caller): string | undefined {
  switch (caller) {
    case 'anonymous':
      return undefined;
    case 'bot':
      return BOT_TOKEN;
    case 'user':
      return plainUser.token;
    case 'organizer':
      return organizer.token;
    case 'otherOrganizer':
      return otherOrganizer.token;
    case 'admin':
      return admin.token;
  }
}

const principalOf = (caller: Caller): Principal | undefined =>
  caller === 'user'
    ? plainUser
    : caller === 'organizer'
      ? organizer
      : caller === 'otherOrganizer'
        ? otherOrganizer
        : caller === 'admin'
          ? admin
          : undefined;

/** The status a caller must get, or 'allowed' (the handler's success status). */
function expected(route: AnyRoute, caller: Caller): 401 | 403 | 'allowed' {
  const access = route.access;
  if (caller === 'anonymous') return 401;
  // The shared fixture belongs to someone else: an organizer may not touch it, an admin may.
  if (caller === 'otherOrganizer') return route.owns ? 403 : expected(route, 'organizer');
  if (access === 'bot') return caller === 'bot' ? 'allowed' : 403;
  if (caller === 'bot') return 401; // a service token is nobody's session
  if (access === 'user') return 'allowed';
  if (access === 'organizer') return caller === 'user' ? 403 : 'allowed';
  if (access === 'admin') return caller === 'admin' ? 'allowed' : 403;
  throw new Error(`unknown access ${access as string}`);
}

async function send(route: AnyRoute, fx: Fixture, caller: Caller): Promise<Reply> {
  const sample = SAMPLES[keyOf(route)] ?? {};
  const token = tokenOf(caller);
  const body = sample.body?.(fx);
  return call(api.url, route.method.toUpperCase(), pathFor(route, fx), {
    ...(token ? { token } : {}),
    ...(body !== undefined ? { body } : {}),
  });
}

/** Document counts of every collection the api has a model for. */
async function collectionCounts(): Promise<Record<string, number>> {
  type Counter = { countDocuments: (filter: object) => Promise<number> };
  const models = Object.entries(api.deps.models as Record<string, unknown>).flatMap(([name, m]) =>
    typeof (m as Partial<Counter>)?.countDocuments === 'function' ? [[name, m as Counter] as const] : [],
  );
  const counts = await Promise.all(models.map(([, m]) => m.countDocuments({})));
  return Object.fromEntries(models.map(([name], i) => [name, counts[i]!]));
}

const auditCount = (actor: string, action: string) => api.deps.models.AuditLog.countDocuments({ actor, action });

// ---------------------------------------------------------------------------------------------

test('every non-public route has a sample, and the audit declarations match the rules', () => {
  const routes = allRoutes();
  const missing = routes.filter((r) => r.access !== 'public' && !SAMPLES[keyOf(r)]).map(keyOf);
  assert.deepEqual(missing, [], `add a sample to SAMPLES for: ${missing.join(', ')}`);
  const stale = Object.keys(SAMPLES).filter((k) => !routes.some((r) => keyOf(r) === k));
  assert.deepEqual(stale, [], `samples for routes that no longer exist: ${stale.join(', ')}`);
  for (const r of routes) {
    if (r.access !== 'organizer' && r.access !== 'admin') continue;
    if (isWrite(r) && !PREVIEW_WRITES.has(keyOf(r))) {
      assert.ok(r.audit, `${keyOf(r)} is an ${r.access} write without an audit action`);
    }
  }
  for (const [key, action] of Object.entries(AUDITED_READS)) {
    const r = routes.find((x) => keyOf(x) === key);
    assert.ok(r, `${key} missing from the route table`);
    assert.equal(r.audit, action, `${key} must be audited as ${action}`);
  }
});

test('authorization matrix over the whole route table, with audit entries for every staff write', async () => {
  const t = testContext();
  const routes = allRoutes().filter((r) => r.access !== 'public');
  const callers: Caller[] = ['anonymous', 'user', 'bot', 'organizer', 'otherOrganizer', 'admin'];
  const denyOwner = await makeUser(api, [], '旁观者');
  // Denied calls share one fixture (they must not change it); allowed callers each get their own,
  // and a new one for routes that use fixture state up.
  const fx = await makeFixture(denyOwner);
  const perCaller = new Map<string, Fixture>();
  const fixtureFor = async (me: Principal, fresh: boolean) => {
    const creator = me === plainUser ? fixtureOrg : me;
    if (fresh) return makeFixture(me, creator);
    if (!perCaller.has(me.id)) perCaller.set(me.id, await makeFixture(me, creator));
    return perCaller.get(me.id)!;
  };
  const failures: string[] = [];
  let cells = 0;
  let audited = 0;

  for (const route of routes) {
    const key = keyOf(route);
    const sample = SAMPLES[key]!;

    // Denied callers: the right status and error code, and nothing written.
    await sample.prepare?.(fx);
    const before = await collectionCounts();
    for (const caller of callers) {
      const want = expected(route, caller);
      if (want === 'allowed') continue;
      cells++;
      const r = await send(route, fx, caller);
      if (r.status !== want) failures.push(`${key} as ${caller}: want ${want}, got ${r.status} ${r.text.slice(0, 160)}`);
      else if (r.body?.error?.code !== (want === 401 ? 'unauthorized' : 'forbidden')) {
        failures.push(`${key} as ${caller}: error body ${r.text.slice(0, 160)}`);
      }
    }
    const afterDenied = await collectionCounts();
    if (JSON.stringify(before) !== JSON.stringify(afterDenied)) {
      failures.push(`${key}: a denied call wrote something: ${JSON.stringify(before)} → ${JSON.stringify(afterDenied)}`);
    }

    // Allowed callers, each on a fixture they own: the handler's success status, and an
    // audit entry with the caller as actor for every organizer/admin write.
    for (const caller of callers) {
      if (expected(route, caller) !== 'allowed') continue;
      cells++;
      const me = principalOf(caller);
      const own = me ? await fixtureFor(me, sample.fresh === true) : fx;
      await sample.prepare?.(own);
      const action = route.audit;
      const auditBefore = me && action ? await auditCount(me.id, action) : 0;
      const countsBefore = PREVIEW_WRITES.has(key) ? await collectionCounts() : undefined;
      const r = await send(route, own, caller);
      if (sample.newSession && me && r.status === 200) me.token = r.body.token;
      const want = route.status ?? 200;
      if (r.status === 401 || r.status === 403) {
        failures.push(`${key} as ${caller}: refused with ${r.status} ${r.text.slice(0, 160)}`);
        continue;
      }
      if (r.status !== want) {
        failures.push(`${key} as ${caller}: want ${want}, got ${r.status} ${r.text.slice(0, 200)}`);
        continue;
      }
      if (countsBefore && JSON.stringify(countsBefore) !== JSON.stringify(await collectionCounts())) {
        failures.push(`${key} as ${caller}: a preview wrote something, so it needs an audit entry`);
      }
      const staffRoute = route.access === 'organizer' || route.access === 'admin';
      const mustAudit = staffRoute && ((isWrite(route) && !PREVIEW_WRITES.has(key)) || key in AUDITED_READS);
      if (mustAudit && me) {
        if (!action) {
          failures.push(`${key}: ${caller} write succeeded but the route declares no audit action`);
          continue;
        }
        const entries = await api.deps.models.AuditLog.find({ actor: me.id, action }).sort({ at: -1, _id: -1 }).lean();
        if (entries.length <= auditBefore) {
          failures.push(`${key} as ${caller}: succeeded without an audit entry (${action}) for actor ${me.id}`);
        } else {
          audited++;
          const latest = entries[0]!;
          const roles: Role[] = caller === 'admin' ? ['admin'] : caller === 'user' ? [] : ['organizer'];
          if (JSON.stringify(latest.actorRoles) !== JSON.stringify(roles) || !latest.targetId || !latest.targetType) {
            failures.push(`${key} as ${caller}: incomplete audit entry ${JSON.stringify(latest)}`);
          }
        }
      }
    }
  }

  const message = `authorization matrix: ${routes.length} non-public routes, ${cells} (route, caller) cells, ${audited} audited staff writes checked`;
  t.diagnostic(message);
  assert.ok(routes.some((r) => r.access === 'organizer') && routes.some((r) => r.access === 'admin'), 'route table looks empty');
  assert.deepEqual(failures, []);
});

test('a plain user cannot act on someone else’s registration, nor grant themself a role', async () => {
  const owner = await makeUser(api, [], '报名人');
  const fx = await makeFixture(owner);
  const other = await makeUser(api, [], '他人');

  const cancel = await call(api.url, 'POST', `/api/v1/events/${fx.event}/registrations/${fx.ownReg}/cancel`, {
    token: other.token,
  });
  assert.equal(cancel.status, 403, cancel.text);
  const reg = await api.deps.models.Registration.findById(fx.ownReg).lean();
  assert.equal(reg?.status, 'confirmed');

  const before = await api.deps.models.User.findById(other.id).lean();
  const escalate = await call(api.url, 'PATCH', '/api/v1/me', { token: other.token, body: { name: '黑客', roles: ['admin'] } });
  assert.equal(escalate.status, 400, escalate.text);
  assert.match(JSON.stringify(escalate.body.error), /roles/);
  const after = await api.deps.models.User.findById(other.id).lean();
  assert.deepEqual(after?.roles, []);
  assert.equal(after?.name, before?.name);

  const refreshed = await call(api.url, 'POST', '/api/v1/auth/refresh', { token: other.token });
  assert.equal(refreshed.status, 200, refreshed.text);
  assert.deepEqual(refreshed.body.user.roles, []);
  const audit = await call(api.url, 'GET', '/api/v1/audit', { token: refreshed.body.token });
  assert.equal(audit.status, 403);
});
