import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { AUDIENCES, TOPICS, buildGroupIndex, matchGroups, matchGroupsNaive } from '../../shared/src/index.js';
import type { GroupProfile, MatchItem } from '../../shared/src/index.js';

const group = (id: string, p: Partial<GroupProfile> = {}): GroupProfile => ({
  id,
  regions: ['310000'],
  topics: ['poc'],
  audiences: [],
  keywords: [],
  ...p,
});
const item = (p: Partial<MatchItem> = {}): MatchItem => ({
  regions: ['310000'],
  topics: ['poc'],
  audiences: [],
  text: '',
  ...p,
});
/** Runs both matchers, checks they agree, and returns the ids matched. */
function matched(it: MatchItem, groups: GroupProfile[]): string[] {
  const viaIndex = matchGroups(it, buildGroupIndex(groups));
  assert.deepEqual(viaIndex, matchGroupsNaive(it, groups));
  assert.deepEqual(matchGroups(it, groups), viaIndex, 'a plain group list works too');
  return viaIndex.map((m) => m.groupId);
}

describe('matchGroups semantics', () => {
  test('reason line for a typical match', () => {
    const groups = [group('g1', { audiences: ['enterprise', 'investor'] })];
    const result = matchGroups(item({ audiences: ['enterprise'] }), buildGroupIndex(groups));
    assert.deepEqual(result, [{ groupId: 'g1', reason: '上海 · 概念验证 · 企业' }]);
  });

  test('000000 on either side matches every region', () => {
    const groups = [group('sh'), group('gx', { regions: ['450000'] }), group('sjs', { regions: ['110107'] })];
    assert.deepEqual(matched(item({ regions: ['000000'] }), groups), ['sh', 'gx', 'sjs']);
    assert.deepEqual(matchGroups(item({ regions: ['000000'] }), groups)[1]?.reason, '全国 · 概念验证');
    const national = [group('all', { regions: ['000000'] }), group('bj', { regions: ['110000'] })];
    assert.deepEqual(matched(item({ regions: ['450000'] }), national), ['all']);
  });

  test('a city rolls up to its province both ways; siblings and other provinces do not match', () => {
    const groups = [
      group('bj', { regions: ['110000'] }),
      group('sjs', { regions: ['110107'] }),
      group('hd', { regions: ['110108'] }),
      group('sh', { regions: ['310000'] }),
    ];
    assert.deepEqual(matched(item({ regions: ['110107'] }), groups), ['bj', 'sjs']);
    assert.deepEqual(matched(item({ regions: ['110000'] }), groups), ['bj', 'sjs', 'hd']);
    assert.equal(matchGroups(item({ regions: ['110107'] }), groups)[0]?.reason, '石景山区 · 概念验证');
  });

  test('no match when regions differ, or when either side has no region', () => {
    assert.deepEqual(matched(item({ regions: ['450000'] }), [group('sh')]), []);
    assert.deepEqual(matched(item({ regions: [] }), [group('sh')]), []);
    assert.deepEqual(matched(item(), [group('none', { regions: [] })]), []);
  });

  test('a keyword in the text matches without a topic, case-insensitively; blank keywords never match', () => {
    const groups = [
      group('kw', { regions: ['420000'], topics: ['ic'], keywords: ['RedCap', '  '] }),
      group('blank', { regions: ['420000'], topics: ['ic'], keywords: ['', '   '] }),
    ];
    const it = item({ regions: ['420000'], topics: ['ai'], text: '湖北推进5G redcap 技术升级' });
    assert.deepEqual(matchGroups(it, groups), [{ groupId: 'kw', reason: '湖北 · 关键词「RedCap」' }]);
    assert.deepEqual(matched(it, groups), ['kw']);
    assert.deepEqual(matched({ ...it, text: '湖北推进5G技术升级' }, groups), [], 'no topic and no keyword: no match');
  });

  test('audiences count only when both sides name some', () => {
    const groups = [group('ent', { audiences: ['enterprise'] }), group('any')];
    assert.deepEqual(matched(item({ audiences: [] }), groups), ['ent', 'any']);
    assert.deepEqual(matched(item({ audiences: ['researcher'] }), groups), ['any']);
    assert.deepEqual(matched(item({ audiences: ['enterprise', 'researcher'] }), groups), ['ent', 'any']);
    assert.equal(matchGroups(item({ audiences: [] }), groups)[0]?.reason, '上海 · 概念验证', 'no audience segment');
  });

  test('several matched topics, regions and audiences are listed with 、', () => {
    const g = group('g', { regions: ['410000', '320000'], topics: ['poc', 'tto'], audiences: ['enterprise', 'institution'] });
    const it = item({ regions: ['410000', '320500'], topics: ['tto', 'poc', 'ai'], audiences: ['institution', 'enterprise'] });
    assert.deepEqual(matchGroups(it, [g]), [{ groupId: 'g', reason: '河南、苏州 · 技术转移机构、概念验证 · 高校院所、企业' }]);
  });
});

// Small deterministic PRNG so a failure can be replayed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('matchGroups with the index equals the naive scan', () => {
  test('2,000 random groups × 50 random items', () => {
    const rand = rng(20261203);
    const pick = <T>(xs: readonly T[], max: number): T[] =>
      Array.from({ length: Math.floor(rand() * (max + 1)) }, () => xs[Math.floor(rand() * xs.length)] as T);
    const regions = ['000000', '310000', '310115', '110000', '110107', '110108', '450000', '320000', '320500', '999999'];
    const topics = [...TOPICS.map((t) => t.id as string), 'unknown-topic'];
    const audiences = AUDIENCES.map((a) => a.id as string);
    const keywords = ['RedCap', '无人机', 'poc', '芯片', '大模型', '临港', ' 张江 ', '', '路演'];
    const words = ['redcap', '无人机', 'POC', '芯片', '张江', '新政', '发布', '上海', '机器人'];

    const groups = Array.from({ length: 2000 }, (_, i) => ({
      id: `g${i}`,
      regions: pick(regions, 2),
      topics: pick(topics, 2),
      audiences: pick(audiences, 2),
      keywords: pick(keywords, 2),
    }));
    const index = buildGroupIndex(groups);
    let total = 0;
    let keywordOnly = 0;
    for (let n = 0; n < 50; n += 1) {
      const it = {
        regions: pick(regions, 2),
        topics: pick(topics, 3),
        audiences: pick(audiences, 2),
        text: pick(words, 4).join(''),
      };
      const expected = matchGroupsNaive(it, groups);
      assert.deepEqual(matchGroups(it, index), expected, `item ${n}: ${JSON.stringify(it)}`);
      total += expected.length;
      keywordOnly += expected.filter((m) => m.reason.includes('关键词')).length;
    }
    // Guard against a vacuous comparison: the generator must produce plenty of both kinds of match.
    assert.ok(total > 1000, `total matches ${total}`);
    assert.ok(keywordOnly > 50, `keyword-only matches ${keywordOnly}`);
    assert.ok(total < (2000 * 50) / 4, 'most pairs do not match');
  });
});
