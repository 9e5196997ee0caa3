import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { matchGroups, nearestGroups, type GroupProfile } from '../../shared/src/index.js';

const group = (
  id: string,
  regions: string[],
  topics: string[],
  audiences: string[] = [],
  keywords: string[] = [],
): GroupProfile => ({
  id,
  regions,
  topics,
  audiences,
  keywords,
});

describe('nearestGroups: what almost matched and what it lacks', () => {
  const groups = [
    group('sh-bio', ['310000'], ['biomed']),
    group('cd-ai', ['510100'], ['ai']),
    group('cd-bio-investor', ['510000'], ['biomed'], ['investor']),
    group('bj-ip', ['110000'], ['ip']),
    group('blank', [], []),
  ];
  const item = { regions: ['510100'], topics: ['biomed'], audiences: ['enterprise'], text: '成都生物医药成果转化' };

  test('none of them match, and the ones meeting two conditions come first', () => {
    assert.deepEqual(matchGroups(item, groups), []);
    const near = nearestGroups(item, groups);
    assert.deepEqual(
      near.map((n) => n.groupId),
      ['cd-bio-investor', 'sh-bio', 'cd-ai'],
      'bj-ip and blank share neither region nor topic: not near',
    );
    assert.deepEqual(near[0], { groupId: 'cd-bio-investor', matched: ['地区', '主题'], missing: '对象不符：该群面向 投资机构' });
    assert.equal(near[1]?.missing, '地区不符：该群关注 上海');
    assert.equal(near[2]?.missing, '主题不符：该群关注 人工智能');
  });

  test('a group keyword counts as the topic condition, as in matching', () => {
    const near = nearestGroups(item, [group('kw', ['310000'], [], [], ['生物医药'])]);
    assert.deepEqual(near[0]?.matched, ['主题', '对象']);
  });

  test('groups that match are not "near"; the limit holds', () => {
    const matching = group('ok', ['510000'], ['biomed']);
    assert.deepEqual(nearestGroups(item, [matching]), []);
    const many = Array.from({ length: 20 }, (_, i) => group(`g${i}`, ['310000'], ['biomed']));
    assert.equal(nearestGroups(item, many, 5).length, 5);
  });
});
