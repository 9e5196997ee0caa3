import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import {
  DIGEST_MAX_LENGTH,
  PUSH_MAX_LENGTH,
  renderDigest,
  renderPush,
  renderSubscription,
  trackingUrl,
  type PushInput,
} from '../../shared/src/index.js';

const H5 = 'https://kzt.example.cn/h5';

describe('trackingUrl', () => {
  test('builds a hash-router deep link with encoded params', () => {
    assert.equal(
      trackingUrl(H5, '/pages/policy/detail', { id: '65a1b2c3d4e5f60718293a4b', t: 'g7Xk2' }),
      'https://kzt.example.cn/h5/#/pages/policy/detail?id=65a1b2c3d4e5f60718293a4b&t=g7Xk2',
    );
    assert.equal(
      trackingUrl(`${H5}/`, 'pages/event/list', { q: '概念 验证&路演' }),
      `${H5}/#/pages/event/list?q=%E6%A6%82%E5%BF%B5%20%E9%AA%8C%E8%AF%81%26%E8%B7%AF%E6%BC%94`,
    );
    assert.equal(trackingUrl(H5, '/pages/index/index', {}), `${H5}/#/pages/index/index`);
    assert.equal(trackingUrl(H5, '/pages/event/detail?id=1', { t: 'x' }), `${H5}/#/pages/event/detail?id=1&t=x`);
  });
});

describe('renderPush', () => {
  test('a policy push, whole text', () => {
    const text = renderPush({
      kind: 'policy',
      title: '上海市促进科技成果转移转化行动方案（2024—2027年）',
      reason: '上海 · 概念验证 · 企业',
      summary: '到2027年，建设一批概念验证中心，\n培育技术经理人队伍，完善成果转化服务体系。',
      h5Url: `${H5}/#/pages/policy/detail?id=p1&t=abc`,
      mpPath: '/pages/policy/detail?id=p1',
    });
    assert.equal(
      text,
      [
        '【新政策】上海市促进科技成果转移转化行动方案（2024—2027年）',
        '推荐理由：上海 · 概念验证 · 企业',
        '到2027年，建设一批概念验证中心， 培育技术经理人队伍，完善成果转化服务体系。',
        `详情：${H5}/#/pages/policy/detail?id=p1&t=abc`,
      ].join('\n'),
      'the link is last; no raw mini-program page path',
    );
  });

  test('an event push, whole text', () => {
    const text = renderPush({
      kind: 'event',
      title: '概念验证项目专场路演',
      reason: '上海 · 概念验证',
      when: new Date('2026-12-03T06:00:00Z'),
      place: '上海市闵行区东川路 800 号',
      seatsLeft: 12,
      summary: '10 个高校概念验证项目现场路演，投资机构点评。',
      h5Url: `${H5}/#/pages/event/detail?id=e1&t=xyz`,
    });
    assert.equal(
      text,
      [
        '【活动预告】概念验证项目专场路演',
        '推荐理由：上海 · 概念验证',
        '时间：2026年12月3日 14:00',
        '地点：上海市闵行区东川路 800 号',
        '剩余名额：12',
        '10 个高校概念验证项目现场路演，投资机构点评。',
        `详情：${H5}/#/pages/event/detail?id=e1&t=xyz`,
      ].join('\n'),
    );
  });

  test('tags per kind, a full event, and no seats line without a limit', () => {
    const tags: [PushInput['kind'], string][] = [
      ['program', '【支持计划】'],
      ['manual', '【通知】'],
      ['reminder', '【活动提醒】'],
    ];
    for (const [kind, tag] of tags) assert.equal(renderPush({ kind, title: 'T' }), `${tag}T`);
    assert.match(renderPush({ kind: 'event', title: 'T', seatsLeft: 0 }), /\n名额已满，可候补$/);
    assert.equal(renderPush({ kind: 'event', title: 'T', seatsLeft: null }), '【活动预告】T');
  });

  test('the summary is cut to 120 characters with …', () => {
    const text = renderPush({ kind: 'policy', title: 'T', summary: '成'.repeat(300) });
    const summary = text.split('\n')[1] as string;
    assert.equal(summary.length, 120);
    assert.ok(summary.endsWith('…'));
    assert.equal(renderPush({ kind: 'policy', title: 'T', summary: '成'.repeat(120) }).split('\n')[1], '成'.repeat(120));
  });

  test('capped at 1,000 characters, keeping the link whole', () => {
    const url = `${H5}/#/pages/event/detail?id=e1&t=xyz`;
    const text = renderPush({
      kind: 'event',
      title: '路'.repeat(900),
      reason: '理'.repeat(400),
      place: '地'.repeat(400),
      h5Url: url,
    });
    assert.ok(text.length <= PUSH_MAX_LENGTH, `length ${text.length}`);
    assert.ok(text.endsWith(`\n详情：${url}`));
    assert.ok(text.includes('…'));
    const emoji = renderPush({ kind: 'manual', title: '🚀'.repeat(800) });
    assert.ok(emoji.length <= PUSH_MAX_LENGTH);
    assert.ok(!/[\ud800-\udbff]…/.test(emoji), 'no half surrogate pair before the ellipsis');
  });
});

describe('renderDigest', () => {
  const item = (i: number): PushInput => ({
    kind: i % 2 === 0 ? 'policy' : 'event',
    title: `第${i}条标题`,
    reason: '上海 · 概念验证',
    h5Url: `${H5}/#/pages/item?id=${i}`,
  });
  const AT = new Date('2026-12-03T01:00:00Z');

  test('lists every item with its number, reason and link, and states the count', () => {
    const text = renderDigest([item(1), item(2)], AT);
    assert.equal(
      text,
      [
        '【今日摘要】2026年12月3日，共 2 条',
        '1. [活动]第1条标题（上海 · 概念验证）',
        `${H5}/#/pages/item?id=1`,
        '2. [政策]第2条标题（上海 · 概念验证）',
        `${H5}/#/pages/item?id=2`,
      ].join('\n'),
    );
  });

  test('12 items: lists 10 and says 另有 2 条', () => {
    const text = renderDigest(
      Array.from({ length: 12 }, (_, i) => item(i + 1)),
      AT,
    );
    assert.ok(text.startsWith('【今日摘要】2026年12月3日，共 12 条\n'));
    assert.ok(text.includes('\n10. [政策]第10条标题'));
    assert.ok(!text.includes('第11条'));
    assert.ok(text.endsWith('\n另有 2 条，请在小程序查看'));
  });

  test('long items list fewer, but the rest is still counted', () => {
    const long = (i: number): PushInput => ({
      kind: 'policy',
      title: `${i}`.padEnd(200, '长'),
      h5Url: `${H5}/#/p?id=${'x'.repeat(300)}${i}`,
    });
    const text = renderDigest(
      Array.from({ length: 10 }, (_, i) => long(i + 1)),
      AT,
    );
    assert.ok(text.length <= DIGEST_MAX_LENGTH, `length ${text.length}`);
    const listed = text.split('\n').filter((l) => /^\d+\. /.test(l)).length;
    assert.ok(listed < 10 && listed > 0);
    assert.ok(text.endsWith(`另有 ${10 - listed} 条，请在小程序查看`));
  });

  test('an empty digest says so', () => {
    assert.equal(renderDigest([], AT), '【今日摘要】2026年12月3日，共 0 条\n暂无新内容');
  });
});

describe('renderSubscription', () => {
  test('names the facets in Chinese and the delivery settings', () => {
    const text = renderSubscription(
      { regions: ['310000', '110000'], topics: ['poc', 'ai'], audiences: ['enterprise'], keywords: ['合成生物'] },
      { mode: 'digest', digestAt: '08:30', quietHours: { start: '22:00', end: '08:00' } },
    );
    assert.equal(
      text,
      [
        '本群订阅设置',
        '地区：上海、北京',
        '主题：概念验证、人工智能',
        '对象：企业',
        '关键词：合成生物',
        '推送方式：每日摘要（08:30）',
        '免打扰：22:00-08:00（期间消息顺延）',
        '修改：订阅 / 退订 / 模式 / 免打扰，发送「帮助」查看用法',
      ].join('\n'),
    );
  });

  test('says 未设置 for empty facets and warns when nothing can match', () => {
    const empty = renderSubscription(
      { regions: [], topics: [], audiences: [], keywords: [] },
      { mode: 'instant', digestAt: '09:00', quietHours: null },
    );
    for (const line of [
      '地区：未设置',
      '主题：未设置',
      '对象：未设置',
      '关键词：未设置',
      '推送方式：即时推送',
      '免打扰：未设置',
    ]) {
      assert.ok(empty.includes(line), line);
    }
    assert.match(empty, /尚未设置地区/);
    const noTopic = renderSubscription(
      { regions: ['310000'], topics: [], audiences: [], keywords: [] },
      { mode: 'instant', digestAt: '09:00', quietHours: null },
    );
    assert.match(noTopic, /尚未设置主题或关键词/);
  });
});
