/**
 * Invariant 5, the ownership half: an event belongs to its creator and the co-organizers they add;
 * another organizer can neither change it nor see its registrants, and a refused call writes
 * nothing. Broadcasts follow the same rule; admins may do everything.
 */
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { RunningApi } from '../../../api/src/server.js';
import { can } from '../../../api/src/policies/index.js';
import { call, makeUser, publishedEvent, signUp, startTestApi, uniqueDbName } from '../../support/api.js';

type Who = { id: string; token: string };
let api: RunningApi;
let owner: Who;
let other: Who;
let admin: Who;

beforeAll(async () => {
  api = await startTestApi(uniqueDbName('ownership'));
  owner = await makeUser(api, ['organizer'], '浦东主办方');
  other = await makeUser(api, ['organizer'], '徐汇主办方');
  admin = await makeUser(api, ['admin'], '平台管理员');
});
afterAll(async () => api?.stop());

const v1 = (path: string) => `/api/v1${path}`;

describe('another organizer’s event', () => {
  test('refuses every owner action with 403 in Chinese, and changes and audits nothing', async () => {
    const event = await publishedEvent(api, owner.token, { title: '张江概念验证路演', registration: { capacity: 5 } });
    const attendee = await makeUser(api, [], '报名人');
    const reg = await signUp(api, event.id, attendee.token);
    assert.equal(reg.status, 201, reg.text);
    const before = await api.deps.models.Event.findById(event.id).lean();

    const attempts: [string, string, unknown?][] = [
      ['PATCH', `/events/${event.id}`, { title: '被别人改掉的标题' }],
      ['POST', `/events/${event.id}/archive`],
      ['POST', `/events/${event.id}/publish`],
      ['GET', `/events/${event.id}/registrations`],
      ['GET', `/events/${event.id}/registrations/export.csv`],
      ['GET', `/events/${event.id}/audience`],
      ['POST', `/events/${event.id}/checkin`, { ticketCode: reg.body.ticketCode }],
      ['POST', `/events/${event.id}/registrations/${reg.body.id}/reject`],
      ['POST', `/events/${event.id}/registrations/${reg.body.id}/cancel`],
    ];
    for (const [method, path, body] of attempts) {
      const r = await call(api.url, method, v1(path), { token: other.token, ...(body ? { body } : {}) });
      assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
      assert.match(r.body.error.message, /[\u4e00-\u9fa5]/, `${method} ${path} answers in Chinese`);
      assert.doesNotMatch(r.text, /13812345678/, 'no registrant data leaks in the refusal');
    }
    const after = await api.deps.models.Event.findById(event.id).lean();
    assert.equal(after?.title, before?.title);
    assert.equal(after?.status, 'published');
    const regAfter = await api.deps.models.Registration.findById(reg.body.id).lean();
    assert.equal(regAfter?.status, 'confirmed');
    assert.equal(await api.deps.models.AuditLog.countDocuments({ actor: other.id }), 0);

    // The owner and an admin may.
    const mine = await call(api.url, 'GET', v1(`/events/${event.id}/registrations`), { token: owner.token });
    assert.equal(mine.status, 200, mine.text);
    const byAdmin = await call(api.url, 'PATCH', v1(`/events/${event.id}`), {
      token: admin.token,
      body: { title: '管理员改的标题' },
    });
    assert.equal(byAdmin.status, 200, byAdmin.text);
  });

  test('a draft of another organizer is not theirs to read or list', async () => {
    const draft = await call(api.url, 'POST', v1('/events'), {
      token: owner.token,
      body: {
        title: '未发布的技术经理人培训',
        kind: 'training',
        startsAt: new Date(Date.now() + 9 * 86400_000).toISOString(),
        registration: { capacity: 20 },
      },
    });
    assert.equal(draft.status, 201, draft.text);
    const read = await call(api.url, 'GET', v1(`/events/${draft.body.id}`), { token: other.token });
    assert.equal(read.status, 404, read.text);
    const listed = await call(api.url, 'GET', v1('/events?status=draft&pageSize=100'), { token: other.token });
    assert.equal(listed.status, 200, listed.text);
    assert.ok(!listed.body.items.some((e: { id: string }) => e.id === draft.body.id));
    const ownList = await call(api.url, 'GET', v1('/events?status=draft&pageSize=100'), { token: owner.token });
    assert.ok(ownList.body.items.some((e: { id: string }) => e.id === draft.body.id));
    const adminList = await call(api.url, 'GET', v1('/events?status=draft&pageSize=100'), { token: admin.token });
    assert.ok(adminList.body.items.some((e: { id: string }) => e.id === draft.body.id));
  });
});

describe('co-organizers', () => {
  test('run the event with its creator, but only the creator (or an admin) changes who they are', async () => {
    const event = await publishedEvent(api, owner.token, { title: '长三角技术转移对接会' });
    const third = await makeUser(api, ['organizer'], '第三位主办方');
    const plain = await makeUser(api, [], '普通用户');

    const notOrganizer = await call(api.url, 'PATCH', v1(`/events/${event.id}`), {
      token: owner.token,
      body: { coOrganizers: [plain.id] },
    });
    assert.equal(notOrganizer.status, 400, notOrganizer.text);
    assert.equal(notOrganizer.body.error.details.fields[0].field, 'coOrganizers');

    const added = await call(api.url, 'PATCH', v1(`/events/${event.id}`), {
      token: owner.token,
      body: { coOrganizers: [other.id] },
    });
    assert.equal(added.status, 200, added.text);
    assert.deepEqual(added.body.coOrganizers, [other.id]);
    assert.equal(added.body.ownerId, owner.id);

    const edit = await call(api.url, 'PATCH', v1(`/events/${event.id}`), { token: other.token, body: { venue: '张江科学会堂' } });
    assert.equal(edit.status, 200, edit.text);
    const csv = await call(api.url, 'GET', v1(`/events/${event.id}/registrations/export.csv`), { token: other.token });
    assert.equal(csv.status, 200, csv.text);

    const share = await call(api.url, 'PATCH', v1(`/events/${event.id}`), {
      token: other.token,
      body: { coOrganizers: [other.id, third.id] },
    });
    assert.equal(share.status, 403, share.text);
    const stored = await api.deps.models.Event.findById(event.id).lean();
    assert.deepEqual((stored?.coOrganizers ?? []).map(String), [other.id]);

    const mine = await call(api.url, 'GET', v1('/events?scope=mine&pageSize=100'), { token: other.token });
    assert.ok(
      mine.body.items.some((e: { id: string }) => e.id === event.id),
      'co-organized events are in “mine”',
    );
    const thirdMine = await call(api.url, 'GET', v1('/events?scope=mine&pageSize=100'), { token: third.token });
    assert.ok(!thirdMine.body.items.some((e: { id: string }) => e.id === event.id));

    // Removed again: the rights go with it.
    await call(api.url, 'PATCH', v1(`/events/${event.id}`), { token: owner.token, body: { coOrganizers: [] } });
    const after = await call(api.url, 'PATCH', v1(`/events/${event.id}`), { token: other.token, body: { venue: '另一处' } });
    assert.equal(after.status, 403, after.text);
  });

  test('the picker lists organizer accounts by name, without contact data', async () => {
    const r = await call(api.url, 'GET', v1(`/organizers?q=${encodeURIComponent('徐汇')}`), { token: owner.token });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.body.items.map((u: { id: string }) => u.id),
      [other.id],
    );
    assert.deepEqual(Object.keys(r.body.items[0]).sort(), ['id', 'name', 'username']);
  });
});

describe('broadcasts', () => {
  const body = (title: string) => ({
    title,
    text: '本周五路演，欢迎报名。',
    audience: { kind: 'filter', regions: ['310000'], topics: ['poc'] },
    schedule: { kind: 'once', at: new Date(Date.now() + 86400_000).toISOString() },
  });

  test('belong to their creator: another organizer can neither read, edit nor cancel one, nor see it listed', async () => {
    const mine = await call(api.url, 'POST', v1('/broadcasts'), { token: owner.token, body: body('浦东路演预告') });
    assert.equal(mine.status, 201, mine.text);
    for (const [method, path, b] of [
      ['GET', `/broadcasts/${mine.body.id}`],
      ['PATCH', `/broadcasts/${mine.body.id}`, { title: '改掉' }],
      ['POST', `/broadcasts/${mine.body.id}/cancel`],
      ['GET', `/broadcasts/${mine.body.id}/report`],
      ['GET', `/broadcasts/${mine.body.id}/preview`],
    ] as [string, string, unknown?][]) {
      const r = await call(api.url, method, v1(path), { token: other.token, ...(b ? { body: b } : {}) });
      assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
    }
    const stored = await api.deps.models.Broadcast.findById(mine.body.id).lean();
    assert.equal(stored?.status, 'scheduled');
    assert.equal(stored?.title, '浦东路演预告');

    const theirs = await call(api.url, 'POST', v1('/broadcasts'), { token: other.token, body: body('徐汇政策直播') });
    const ids = async (token: string, q = '') =>
      (await call(api.url, 'GET', v1(`/broadcasts?pageSize=100${q}`), { token })).body.items.map((b: { id: string }) => b.id);
    assert.deepEqual(await ids(other.token), [theirs.body.id]);
    assert.deepEqual(await ids(other.token, '&scope=all'), [theirs.body.id], 'organizers see only theirs even asking for all');
    assert.deepEqual(await ids(admin.token), [], 'admins too see “mine” by default');
    const all = await ids(admin.token, '&scope=all');
    assert.ok(all.includes(mine.body.id) && all.includes(theirs.body.id));
  });
});

test('an id that cannot exist answers 404 like any missing record', async () => {
  for (const [method, path] of [
    ['GET', '/events/not-an-id'],
    ['PATCH', '/events/not-an-id'],
    ['GET', '/events/not-an-id/registrations'],
    ['GET', '/broadcasts/xyz'],
  ]) {
    const r = await call(api.url, method!, v1(path!), { token: owner.token, ...(method === 'PATCH' ? { body: {} } : {}) });
    assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
    assert.equal(r.body.error.code, 'not_found');
  }
  const missing = await call(api.url, 'GET', v1('/events/0123456789abcdef01234567'));
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.message, (await call(api.url, 'GET', v1('/events/not-an-id'))).body.error.message);
});

test('the policies answer the same questions the routes do', () => {
  const p = { id: 'a'.repeat(24), roles: ['organizer' as const] };
  const event = { type: 'event' as const, createdBy: 'b'.repeat(24), coOrganizers: ['a'.repeat(24)], status: 'draft' };
  assert.equal(can(p, 'update', event), true);
  assert.equal(can(p, 'shareOwnership', event), false);
  assert.equal(can({ ...p, roles: [] }, 'update', event), false, 'a co-organizer whose role was removed has no rights');
  assert.equal(can(undefined, 'view', event), false);
  assert.equal(can(undefined, 'view', { ...event, status: 'published' }), true);
  assert.equal(can({ id: 'c'.repeat(24), roles: ['admin'] }, 'export', event), true);
});

test('a co-organizer removed while editing on another instance: no edit started after the removal lands', async () => {
  const second = await startTestApi(api.deps.env.MONGODB_URI.split('/').pop()!);
  try {
    const event = await publishedEvent(api, owner.token, { title: '并发编辑的路演' });
    const added = await call(api.url, 'PATCH', v1(`/events/${event.id}`), {
      token: owner.token,
      body: { coOrganizers: [other.id] },
    });
    assert.equal(added.status, 200, added.text);

    let removedAt = Infinity;
    const edits: { startedAt: number; status: number; title: string }[] = [];
    let n = 0;
    const editor = async () => {
      while (performance.now() < removedAt + 300) {
        const title = `协办方的修改 ${++n}`;
        const startedAt = performance.now();
        const r = await call(second.url, 'PATCH', v1(`/events/${event.id}`), { token: other.token, body: { title } });
        edits.push({ startedAt, status: r.status, title });
      }
    };
    const remover = async () => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      const r = await call(api.url, 'PATCH', v1(`/events/${event.id}`), { token: owner.token, body: { coOrganizers: [] } });
      assert.equal(r.status, 200, r.text);
      removedAt = performance.now();
    };
    await Promise.all([editor(), editor(), editor(), remover()]);

    const late = edits.filter((e) => e.startedAt > removedAt);
    assert.ok(late.length > 0, 'some edits started after the removal');
    assert.deepEqual(
      late.filter((e) => e.status !== 403),
      [],
      'every edit started after the removal answered is refused',
    );
    const stored = await api.deps.models.Event.findById(event.id).lean();
    const accepted = edits.filter((e) => e.status === 200).map((e) => e.title);
    assert.ok(stored?.title === '并发编辑的路演' || accepted.includes(stored!.title), `final title ${stored?.title}`);
    assert.ok(
      !late.some((e) => e.title === stored?.title),
      'the stored title comes from an edit made while still a co-organizer',
    );
  } finally {
    await second.stop();
  }
});
