// Region data and body-aware region tagging, checked against cases written from how notices are really
// worded (generic title, region in the lead or the sign-off, issuer field, regional groupings), not from
// the tagger's rules.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import {
  NATIONAL,
  REGIONS,
  REGION_GROUPS,
  matchGroups,
  regionAncestors,
  regionGroupMembers,
  regionMatches,
  regionName,
  tagPolicy,
} from '../../shared/src/index.js';

const ids = (facets: { id: string }[]) => facets.map((f) => f.id).sort();
const filler = '围绕产业链部署创新链，完善科技成果转化服务体系，强化企业创新主体地位。'.repeat(8);

describe('every prefecture-level region is known', () => {
  const prefectures = REGIONS.filter((r) => /^\d{4}00$/.test(r.code) && !r.code.endsWith('0000'));

  test('333 prefectures (地级市, 地区, 自治州, 盟), each under its own province', () => {
    assert.equal(prefectures.length, 333);
    for (const p of prefectures) {
      assert.equal(p.parent, `${p.code.slice(0, 2)}0000`, p.code);
      assert.deepEqual(regionAncestors(p.code), [p.parent, NATIONAL]);
    }
    const full = prefectures.map((p) => p.aliases[0] ?? '');
    assert.equal(full.filter((n) => n.endsWith('自治州')).length, 30);
    assert.equal(full.filter((n) => n.endsWith('盟')).length, 3);
    assert.equal(full.filter((n) => n.endsWith('地区')).length, 7);
  });

  test('names are short on cards and full in text', () => {
    assert.equal(regionName('510100'), '成都');
    assert.equal(regionName('320500'), '苏州');
    assert.equal(regionName('422800'), '恩施');
    assert.equal(regionName('152500'), '锡林郭勒');
    assert.ok(regionMatches('510100', '510000'));
    assert.equal(regionMatches('510100', '500000'), false);
  });
});

describe('a region named only in the body counts', () => {
  // Eight notices with titles that name no place; the place is in the lead, the sign-off or the issuer.
  const cases: [string, string, string, { issuer?: string }, string[]][] = [
    [
      'lead names the city',
      '关于组织申报2026年度概念验证中心的通知',
      `各有关单位：\n为贯彻落实成都市促进科技成果转化若干措施，现将申报事项通知如下。\n${filler}`,
      {},
      ['510100'],
    ],
    ['dateline names the city', '科技成果转化新政出台', `本报讯 苏州市科技局近日印发实施细则。\n${filler}`, {}, ['320500']],
    ['issuer field only', '关于开展技术经理人培训的通知', filler, { issuer: '杭州市科学技术局' }, ['330100']],
    ['sign-off only', '关于征集技术需求的通知', `各有关企业：\n${filler}\n\n武汉市科学技术局\n2026年5月8日`, {}, ['420100']],
    ['lead names the province', '关于印发行动方案的通知', `近日，浙江省科技厅印发行动方案。\n${filler}`, {}, ['330000']],
    [
      'autonomous prefecture, short form',
      '关于举办成果对接活动的通知',
      `恩施州科技局定于下月举办对接活动。\n${filler}`,
      {},
      ['422800'],
    ],
    [
      'city in lead, its province cited once',
      '关于加快概念验证中心建设的实施意见',
      `为深入推进成都市科技成果转化，根据《四川省促进科技成果转化条例》，制定本意见。\n${filler}`,
      {},
      ['510100'],
    ],
    ['league (盟)', '关于组织科技特派员下乡的通知', `锡林郭勒盟科技局：\n${filler}`, {}, ['152500']],
  ];
  for (const [name, title, body, ctx, expected] of cases) {
    test(name, () => assert.deepEqual(ids(tagPolicy(title, body, ctx).regions), expected));
  }

  test('a single passing mention deep in the body still does not count', () => {
    const body = `上海市科委近日发布方案。\n${filler}此前成都已有类似做法。\n${filler}`;
    assert.deepEqual(ids(tagPolicy('关于印发方案的通知', body).regions), ['310000']);
  });

  test('a province-wide plan listing cities as examples stays province-wide', () => {
    const body = `广西壮族自治区近日印发方案。支持南宁、柳州、桂林等城市建设示范基地。\n${filler}`;
    assert.deepEqual(ids(tagPolicy('广西推动低空经济发展', body).regions), ['450000']);
  });
});

describe('ambiguous short names need the full name', () => {
  test('中山大学 is not 中山市, 吉林 is the province', () => {
    assert.deepEqual(ids(tagPolicy('中山大学发布成果转化办法', `广东省${filler}`).regions), ['440000']);
    assert.deepEqual(ids(tagPolicy('中山市发布成果转化办法', filler).regions), ['442000']);
    assert.deepEqual(ids(tagPolicy('吉林发布成果转化办法', filler).regions), ['220000']);
    assert.deepEqual(ids(tagPolicy('吉林市发布成果转化办法', filler).regions), ['220200']);
  });
});

describe('regional groupings expand to their members', () => {
  test('each grouping names only known regions', () => {
    for (const g of REGION_GROUPS) for (const m of g.members) assert.notEqual(regionName(m), m, `${g.name} ${m}`);
    assert.deepEqual(regionGroupMembers('nope'), []);
  });

  const cases: [string, string[]][] = [
    ['关于举办2026长三角技术转移大会的通知', ['310000', '320000', '330000', '340000']],
    ['京津冀科技成果转化对接会', ['110000', '120000', '130000']],
  ];
  for (const [title, expected] of cases) {
    test(title, () => assert.deepEqual(ids(tagPolicy(title, filler).regions), expected));
  }

  test('粤港澳大湾区 reaches its nine cities and both SARs; 成渝 reaches 重庆 and 成都', () => {
    const gba = ids(tagPolicy('关于推进科技成果跨境转化的通知', `为推动粤港澳大湾区国际科技创新中心建设。\n${filler}`).regions);
    assert.equal(gba.length, 11);
    for (const code of ['440300', '440100', '442000', '810000', '820000']) assert.ok(gba.includes(code), code);
    const cy = ids(tagPolicy('成渝地区双城经济圈技术转移联盟成立', filler).regions);
    for (const code of ['500000', '510100', '510700']) assert.ok(cy.includes(code), code);
    assert.ok(!cy.includes('510000'), 'not all of 四川');
  });

  test('a 长三角 policy reaches groups of 江苏 and of 苏州, not of 北京', () => {
    const tags = tagPolicy('长三角概念验证中心联盟成立', filler);
    const group = (id: string, region: string) => ({ id, regions: [region], topics: ['poc'], audiences: [], keywords: [] });
    const item = { regions: tags.regions.map((r) => r.id), topics: ['poc'], audiences: [], text: '' };
    const matched = matchGroups(item, [group('js', '320000'), group('sz', '320500'), group('bj', '110000')]);
    assert.deepEqual(
      matched.map((m) => m.groupId),
      ['js', 'sz'],
    );
    assert.match(matched[0]?.reason ?? '', /江苏/);
  });
});
