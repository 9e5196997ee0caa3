// The organizer's workbench routes: paste and split, tag, duplicate check, audience preview with the
// nearest groups when none matches, and publish setting 发布日期. Real database, seeded groups.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { call, makeUser, startTestApi, testClock, uniqueDbName, type TestClock } from '../../support/api.js';
import type { RunningApi } from '../../../api/src/server.js';
import { seed } from '../../../api/src/commands/seed.js';

let api: RunningApi;
let clock: TestClock;
let organizer: { token: string };
let user: { token: string };
const NOW = new Date('2026-12-03T06:00:00Z');

beforeAll(async () => {
  clock = testClock();
  clock.set(NOW);
  api = await startTestApi(uniqueDbName('workbench'), { clock });
  await seed(api.deps.models);
  organizer = await makeUser(api, ['organizer']);
  user = await makeUser(api);
});
afterAll(async () => api?.stop());

const post = (path: string, body?: unknown, token = organizer.token) => call(api.url, 'POST', `/api/v1${path}`, { token, body });
const get = (path: string, token = organizer.token) => call(api.url, 'GET', `/api/v1${path}`, { token });
const SEEDS = new URL('../../../../shared/seeds/', import.meta.url);
const seedText = (prefix: string) =>
  readFileSync(
    new URL(
      readdirSync(SEEDS).find((n) => n.startsWith(`${prefix}_`))!,
      SEEDS,
    ),
    'utf8',
  );

describe('paste and tag', () => {
  test('a whole news page is split into its items, each with facets and the words that triggered them', async () => {
    const res = await post('/policies/split', { text: seedText('002') });
    assert.equal(res.status, 200, res.text);
    const titles = res.body.items.map((i: any) => i.title);
    assert.equal(titles.length, 6);
    const gx = res.body.items.find((i: any) => i.title.startsWith('广西'));
    assert.deepEqual(
      gx.tags.regions.map((r: any) => [r.id, r.label]),
      [['450000', '广西']],
    );
    for (const f of [...gx.tags.regions, ...gx.tags.topics])
      for (const h of f.hits) assert.ok(`${gx.title}${gx.body}`.includes(h));
  });

  test('tagging weighs the issuer: a generic title with the city only in 发文机关 finds the city', async () => {
    const res = await post('/policies/tag', {
      title: '关于开展概念验证中心申报的通知',
      body: '各有关单位：请按要求申报。',
      issuer: '成都市科学技术局',
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.body.regions.map((r: any) => r.label),
      ['成都'],
    );
  });

  test('bad input is a 400 naming the field in Chinese, and the routes are for organizers', async () => {
    const empty = await post('/policies/split', { text: '   ' });
    assert.equal(empty.status, 400);
    assert.match(JSON.stringify(empty.body), /请粘贴公告或新闻正文/);
    const longIssuer = await post('/policies/tag', { title: '通知', issuer: '局'.repeat(201) });
    assert.equal(longIssuer.status, 400);
    assert.match(JSON.stringify(longIssuer.body), /发文机关/);
    // Operator injection and wrong types in the preview's facets are refused as such, never reach a query.
    const injected = await post('/audience/preview', { regions: { $ne: null } });
    assert.equal(injected.status, 400);
    const badCode = await post('/audience/preview', { regions: ['成都'] });
    assert.equal(badCode.status, 400);
    assert.match(JSON.stringify(badCode.body), /地区代码应为 6 位数字/);
    const badId = await post('/policies/duplicates', { title: '通知', excludeId: 'not-an-id' });
    assert.equal(badId.status, 400);
    assert.equal((await post('/policies/split', { text: '上海' }, user.token)).status, 403);
    assert.equal((await post('/audience/preview', {}, user.token)).status, 403);
  });
});

describe('duplicates are flagged before saving twice', () => {
  test('same 文号 (bracket and spacing variants) or same normalised title', async () => {
    const created = await post('/policies', {
      title: '成都市概念验证中心建设支持办法',
      docNo: '成科字〔2026〕12号',
      regions: ['510100'],
    });
    assert.equal(created.status, 201, created.text);

    const byDocNo = await post('/policies/duplicates', { title: '完全不同的标题', docNo: '成科字[2026] 12 号' });
    assert.equal(byDocNo.status, 200, byDocNo.text);
    assert.deepEqual(
      byDocNo.body.duplicates.map((d: any) => [d.id, d.reason]),
      [[created.body.id, '文号相同']],
    );
    const byTitle = await post('/policies/duplicates', { title: ' 成都市概念验证中心建设支持办法。 ' });
    assert.deepEqual(
      byTitle.body.duplicates.map((d: any) => d.reason),
      ['标题相同'],
    );
    const self = await post('/policies/duplicates', { title: '成都市概念验证中心建设支持办法', excludeId: created.body.id });
    assert.deepEqual(self.body.duplicates, [], 'a record being edited is not its own duplicate');
    const seeded = await post('/policies/duplicates', { title: '上海市促进科技成果转移转化行动方案(2024-2027年)' });
    assert.equal(seeded.body.duplicates.length, 1, 'seeded policies are found too');

    // Saving it anyway with the same 文号 is refused by the unique key, not stored twice.
    const again = await post('/policies', { title: '另一个标题', docNo: '成科字〔2026〕12号' });
    assert.equal(again.status, 409);
    assert.equal(await api.deps.models.Policy.countDocuments({ docNo: /成科字/ }), 1);
  });

  test('six organizers saving the same 文号 at once: one policy, the others get 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post('/policies', { title: `同一文件的第 ${i} 次录入`, docNo: '川科发〔2026〕7号' })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409]);
    assert.ok(results.filter((r) => r.status === 409).every((r) => r.body.error.message === '相同的政策已存在'));
    assert.equal(await api.deps.models.Policy.countDocuments({ docNo: '川科发〔2026〕7号' }), 1);
  });

  test('programs: same code or same name', async () => {
    const res = await post('/programs/duplicates', { name: '概念验证中心建设计划', code: 'POC' });
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body.duplicates.length >= 1);
    assert.ok(res.body.duplicates.some((d: any) => /计划代号相同|名称相同/.test(d.reason)));
  });
});

describe('audience preview before publishing', () => {
  test('an unsaved item: which groups, each with its reason', async () => {
    const res = await post('/audience/preview', { regions: ['310000'], topics: ['poc'], audiences: ['enterprise'] });
    assert.equal(res.status, 200, res.text);
    const poc = res.body.groups.find((g: any) => g.roomId === 'sh-poc@chatroom');
    assert.equal(poc.reason, '上海 · 概念验证 · 企业');
    assert.deepEqual(res.body.nearest, []);
  });

  test('0 groups comes with the nearest groups and what they lack', async () => {
    // No group follows 生物医药 in 成都; the Shanghai 生物医药 group is the nearest (region is what it lacks).
    const res = await post('/audience/preview', { regions: ['510100'], topics: ['biomed'] });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.total, 0);
    assert.ok(res.body.nearest.length > 0);
    const first = res.body.nearest[0];
    assert.equal(first.topic, '上海生物医药成果转化群', JSON.stringify(res.body.nearest));
    assert.deepEqual(first.matched, ['主题', '对象']);
    assert.equal(first.missing, '地区不符：该群关注 上海');
  });

  test('a 长三角 program reaches the groups of each member province', async () => {
    const created = await post('/programs', {
      name: '长三角开放创新计划',
      regions: ['320000', '330000'],
      topics: ['open-innovation'],
    });
    assert.equal(created.status, 201, created.text);
    const preview = await get(`/programs/${created.body.id}/audience`);
    assert.equal(preview.status, 200, preview.text);
    assert.deepEqual(
      preview.body.groups.map((g: any) => g.roomId),
      ['yrd-ai@chatroom'],
    );
    assert.equal((await get('/programs/0123456789abcdef01234567/audience')).status, 404);
  });

  test('an event with no matching group is warned about too', async () => {
    const created = await post('/events', {
      title: '低空经济路演',
      kind: 'roadshow',
      startsAt: new Date(NOW.getTime() + 7 * 86400_000).toISOString(),
      regions: ['450000'],
      topics: ['low-altitude'],
      registration: { capacity: 10 },
    });
    assert.equal(created.status, 201, created.text);
    const preview = await get(`/events/${created.body.id}/audience`);
    assert.equal(preview.body.total, 0);
    assert.ok(Array.isArray(preview.body.nearest));
  });
});

describe('publish, edit, archive', () => {
  test('publishing sets 发布日期 once; a date the organizer gave is kept', async () => {
    const draft = await post('/policies', {
      title: '关于支持技术经理人培养的通知',
      regions: ['310000'],
      topics: ['tech-manager'],
    });
    assert.equal(draft.body.publishedAt, null);
    const pub = await post(`/policies/${draft.body.id}/publish`);
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.body.publishedAt, NOW.toISOString());
    clock.set(new Date(NOW.getTime() + 86400_000));
    const again = await post(`/policies/${draft.body.id}/publish`);
    assert.equal(again.body.publishedAt, NOW.toISOString(), 'a re-publish keeps the first date');

    const given = await post('/policies', { title: '早已印发的通知', publishedAt: '2025-01-02T02:00:00Z' });
    const kept = await post(`/policies/${given.body.id}/publish`);
    assert.equal(kept.body.publishedAt, '2025-01-02T02:00:00.000Z');
    clock.set(NOW);

    // The public list now shows it first among this week's, not after a 2017 plan.
    const list = await call(api.url, 'GET', '/api/v1/policies?pageSize=3');
    assert.equal(list.body.items[0].title, '关于支持技术经理人培养的通知');
  });

  test('concurrent publishes stamp one date and plan one broadcast', async () => {
    const draft = await post('/policies', { title: '并发发布测试', regions: ['310000'], topics: ['poc'] });
    const results = await Promise.all(Array.from({ length: 6 }, () => post(`/policies/${draft.body.id}/publish`)));
    assert.ok(results.every((r) => r.status === 200));
    assert.equal(new Set(results.map((r) => r.body.publishedAt)).size, 1);
    assert.equal(await api.deps.models.Broadcast.countDocuments({ sourceKey: `policy:${draft.body.id}` }), 1);
  });

  test('edit then archive: the archived policy leaves the public list', async () => {
    const draft = await post('/policies', { title: '待归档的通知', regions: ['310000'] });
    await post(`/policies/${draft.body.id}/publish`);
    const edit = await call(api.url, 'PATCH', `/api/v1/policies/${draft.body.id}`, {
      token: organizer.token,
      body: { summary: '修订后的摘要', docNo: '沪科〔2026〕99号' },
    });
    assert.equal(edit.status, 200, edit.text);
    assert.equal(edit.body.docNo, '沪科〔2026〕99号');
    const dup = await post('/policies/duplicates', { title: '别的标题', docNo: '沪科〔2026〕99号' });
    assert.equal(dup.body.duplicates.length, 1, 'an edit updates the duplicate keys');
    const archived = await post(`/policies/${draft.body.id}/archive`);
    assert.equal(archived.body.status, 'archived');
    assert.equal((await call(api.url, 'GET', `/api/v1/policies/${draft.body.id}`)).status, 404);
  });

  test('a published program is pushed to the groups it matches, once', async () => {
    const created = await post('/programs', { name: '上海概念验证专项', regions: ['310000'], topics: ['poc'] });
    for (let i = 0; i < 2; i++) assert.equal((await post(`/programs/${created.body.id}/publish`)).status, 200);
    const broadcasts = await api.deps.models.Broadcast.find({ sourceKey: `program:${created.body.id}` }).lean();
    assert.equal(broadcasts.length, 1);
    const deliveries: any[] = await api.deps.models.Delivery.find({ broadcast: broadcasts[0]!._id }).lean();
    assert.ok(deliveries.some((d) => d.roomId === 'sh-poc@chatroom'));
    assert.match(deliveries[0].text, /支持计划/);
  });
});
