import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import {
  AUDIENCES,
  EVENT_KINDS,
  NATIONAL,
  REGIONS,
  TOPICS,
  regionAncestors,
  regionByAbbr,
  regionMatches,
  regionName,
  topicLabel,
} from '../../shared/src/index.js';

describe('taxonomy', () => {
  test('has 全国 plus the 31 mainland provincial-level regions, 台湾, 香港 and 澳门, each under 000000', () => {
    const provinces = REGIONS.filter((r) => r.parent === NATIONAL);
    // 34: 香港 and 澳门 are members of 粤港澳大湾区, so they must be regions a group can follow.
    assert.equal(provinces.length, 34);
    assert.deepEqual(['710000', '810000', '820000'].map(regionName), ['台湾', '香港', '澳门']);
    assert.ok(provinces.every((r) => /^\d{2}0000$/.test(r.code)));
    assert.equal(new Set(REGIONS.map((r) => r.code)).size, REGIONS.length, 'codes are unique');
    assert.equal(regionName('450000'), '广西');
    assert.ok(REGIONS.find((r) => r.code === '450000')?.aliases.includes('广西壮族自治区'));
  });

  test('regionName and regionAncestors follow the parent chain', () => {
    assert.equal(regionName('110107'), '石景山区');
    assert.equal(regionName('999999'), '999999', 'unknown codes are shown as-is');
    assert.deepEqual(regionAncestors('110107'), ['110000', NATIONAL]);
    assert.deepEqual(regionAncestors('999999'), [NATIONAL]);
    assert.deepEqual(regionAncestors(NATIONAL), []);
    assert.equal(regionByAbbr('桂')?.code, '450000');
    assert.equal(regionByAbbr('鄂')?.code, '420000');
  });

  test('regionMatches: equal, national, and roll-up both ways, but not siblings or other provinces', () => {
    assert.ok(regionMatches('310000', '310000'));
    assert.ok(regionMatches(NATIONAL, '450000'));
    assert.ok(regionMatches('999999', NATIONAL), 'national matches even unknown codes');
    assert.ok(regionMatches('110107', '110000'));
    assert.ok(regionMatches('110000', '110107'));
    assert.equal(regionMatches('110107', '110108'), false);
    assert.equal(regionMatches('110107', '310000'), false);
    assert.equal(regionMatches('310000', '110000'), false);
  });

  test('topics, audiences and event kinds have unique kebab ids and Chinese labels', () => {
    for (const list of [TOPICS, AUDIENCES, EVENT_KINDS]) {
      const ids = list.map((t) => t.id as string);
      assert.equal(new Set(ids).size, ids.length);
      assert.ok(
        ids.every((id) => /^[a-z]+(-[a-z]+)*$/.test(id)),
        ids.join(),
      );
      assert.ok(list.every((t) => /[\u4e00-\u9fff]/.test(t.label)));
    }
    assert.equal(topicLabel('poc'), '概念验证');
    assert.ok(TOPICS.find((t) => t.id === 'poc')?.synonyms.includes('POC'));
    assert.deepEqual(
      EVENT_KINDS.map((k) => k.label),
      ['路演', '供需对接会', '创新挑战赛', '培训'],
    );
  });
});
