import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { regionMatches, splitNewsPage, tagPolicy } from '../../shared/src/index.js';
import type { PolicyTags } from '../../shared/src/index.js';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
function seed(prefix: string): string {
  const name = readdirSync(SEEDS).find((n) => n.startsWith(`${prefix}_`) && n.endsWith('.txt'));
  assert.ok(name, `seed ${prefix} exists`);
  return readFileSync(new URL(name, SEEDS), 'utf8');
}

const ids = (facets: { id: string }[]) => facets.map((f) => f.id);
const hitsOf = (facets: { id: string; hits: string[] }[], id: string) => facets.find((f) => f.id === id)?.hits ?? [];
/** No proposed region overlaps `code` (this also rules out 000000, which overlaps everything). */
const none = (tags: PolicyTags, code: string) => tags.regions.every((r) => !regionMatches(r.id, code));
/** Every hit is a word that really occurs in the tagged text. */
function assertHitsFromText(tags: PolicyTags, text: string) {
  for (const f of [...tags.regions, ...tags.topics, ...tags.audiences]) {
    assert.ok(f.hits.length > 0, `${f.id} has hits`);
    assert.equal(new Set(f.hits).size, f.hits.length, `${f.id} hits are deduplicated`);
    for (const h of f.hits) assert.ok(text.includes(h), `${f.id} hit ${h} occurs in the text`);
  }
}

describe('tagPolicy on the seed documents', () => {
  const cases = [
    ['000', '上海发布促进科技成果转化三年行动方案 助科技成果转化条条大路通市场', '310000', '110000'],
    ['001', '上海市促进科技成果转移转化行动方案(2017-2020)', '310000', '110000'],
    ['003', '对市十六届人大一次会议 第 0399 号代表建议的答复', '310000', '110000'],
    ['004', '北京多措并举推动科技成果转化', '110000', '310000'],
  ] as const;
  for (const [prefix, title, region, notRegion] of cases) {
    test(`${prefix} is tagged ${region} and not ${notRegion}`, () => {
      const body = seed(prefix);
      const tags = tagPolicy(title, body);
      assert.deepEqual(ids(tags.regions), [region]);
      assert.ok(none(tags, notRegion));
      assertHitsFromText(tags, title + body);
    });
  }

  test('000 mentions 北京 (footer address) and 全国, yet neither is proposed', () => {
    const body = seed('000');
    assert.match(body, /北京市海淀区/);
    assert.match(body, /全国/);
    assert.ok(hitsOf(tagPolicy('', body).regions, '310000').includes('上海'));
  });

  test('000 gets 赋权改革, 概念验证 and 医疗卫生 with the words that triggered them', () => {
    const tags = tagPolicy('上海发布促进科技成果转化三年行动方案', seed('000'));
    for (const id of ['ownership-reform', 'poc', 'healthcare']) assert.ok(ids(tags.topics).includes(id), id);
    assert.ok(hitsOf(tags.topics, 'ownership-reform').includes('完全赋权'));
    assert.ok(hitsOf(tags.topics, 'poc').includes('概念验证中心'));
    assert.ok(hitsOf(tags.topics, 'healthcare').includes('医疗卫生'));
    assert.equal(tags.topics.find((t) => t.id === 'poc')?.label, '概念验证');
    assert.ok(ids(tags.audiences).includes('institution'));
  });
});

describe('tagPolicy region rule', () => {
  const filler = '推动科技成果转化，完善服务体系。'.repeat(20);
  const lead = '近日，上海市发布新一轮行动方案，上海将加快建设技术转移体系。';

  test('one passing mention of another region deep in the body is not enough', () => {
    const tags = tagPolicy('上海发布科技成果转化新政', `${lead}${filler}与北京相比，成交额增长更快。`);
    assert.deepEqual(ids(tags.regions), ['310000']);
  });

  test('a few mentions against a dominant region are not enough either', () => {
    const body = `${lead}${filler}上海、上海、上海、上海、上海、上海的经验与北京、北京、北京不同。`;
    const tags = tagPolicy('上海发布科技成果转化新政', body);
    assert.deepEqual(ids(tags.regions), ['310000']);
    assert.deepEqual(
      ids(tagPolicy('科技成果转化新政', `${filler}北京、北京、北京`).regions),
      ['110000'],
      'alone, 3 mentions do count',
    );
  });

  test('a region named in the title always counts', () => {
    const tags = tagPolicy('沪京两地：北京与上海共推成果转化', `${lead}${filler}与北京相比，成交额增长更快。`);
    assert.deepEqual(ids(tags.regions).sort(), ['110000', '310000']);
  });

  test('全国 only when no province qualifies', () => {
    assert.deepEqual(ids(tagPolicy('全国技术转移工作要点', `${filler}全国各地`).regions), ['000000']);
    assert.deepEqual(ids(tagPolicy('上海技术合同成交额', `上海成交额连续多年位居全国第一，全国领先。`).regions), ['310000']);
    // Here 全国 outscores 上海 and would otherwise win; provincial texts boast like this all the time.
    assert.deepEqual(ids(tagPolicy('上海成交额位居全国第一', '全国领先，全国前列。').regions), ['310000']);
  });

  test('a district outscoring its province replaces it', () => {
    const tags = tagPolicy('北京石景山发布机器人产业政策', '本报讯 北京市石景山区近日发布方案。石景山区将设立基金。');
    assert.deepEqual(ids(tags.regions), ['110107']);
    assert.deepEqual(hitsOf(tags.regions, '110107'), ['北京石景山', '北京市石景山区', '石景山区']);
  });
});

describe('tagPolicy dictionary', () => {
  test('ASCII synonyms must stand alone and are case-insensitive', () => {
    assert.deepEqual(ids(tagPolicy('MAIL 系统升级', 'EMAIL').topics), []);
    const tags = tagPolicy('上海 poc 项目征集', '');
    assert.deepEqual(ids(tags.topics), ['poc']);
    assert.deepEqual(hitsOf(tags.topics, 'poc'), ['poc']);
  });

  test('stop phrases keep 作价投资 from meaning investors', () => {
    assert.deepEqual(ids(tagPolicy('作价投资', '作价投资、作价投资').audiences), []);
    assert.deepEqual(ids(tagPolicy('投资机构', '').audiences), ['investor']);
  });

  test('a topic needs more than one passing mention deep in the body', () => {
    const deep = `${'推动成果转化。'.repeat(40)}专利`;
    assert.deepEqual(ids(tagPolicy('上海方案', deep).topics), []);
    assert.deepEqual(ids(tagPolicy('上海专利方案', deep).topics), ['ip']);
  });
});

describe('splitNewsPage on seed 002', () => {
  const items = splitNewsPage(seed('002'));
  const item = (prefix: string) => {
    const found = items.find((i) => i.title.startsWith(prefix));
    assert.ok(found, `item ${prefix} exists`);
    return { ...found, tags: tagPolicy(found.title, found.body) };
  };

  test('finds the six stories, each once, under its own headline', () => {
    assert.deepEqual(
      items.map((i) => i.title),
      [
        '上海大力促进科技成果转移转化',
        '广西推动低空经济高质量发展',
        '北京石景山全力打造人形机器人产业集群',
        '第26届软博会将在天津举办',
        '2024豫苏产业链合作交流对接活动举行',
        '湖北开展5G轻量化贯通行动',
      ],
    );
    assert.equal(items.filter((i) => i.body.includes('RedCap')).length, 1, 'the repeated Hubei block is kept once');
  });

  test('the Shanghai plan is 上海 with 概念验证, 技术转移机构 and 开放创新, and holds no Guangxi text', () => {
    const sh = item('上海大力促进');
    assert.match(sh.body, /POC计划/);
    assert.match(sh.body, /技术转移加速计划/);
    assert.doesNotMatch(sh.body, /无人机|广西|RedCap/);
    assert.deepEqual(ids(sh.tags.regions), ['310000']);
    for (const id of ['poc', 'tto', 'open-innovation']) assert.ok(ids(sh.tags.topics).includes(id), id);
    assert.ok(hitsOf(sh.tags.topics, 'open-innovation').includes('GOI'));
  });

  test('the Guangxi story gets its misplaced headline back and is 广西, not 上海', () => {
    const gx = item('广西推动');
    assert.match(gx.body, /无人机/);
    assert.doesNotMatch(gx.body, /湖北|概念验证/);
    assert.deepEqual(ids(gx.tags.regions), ['450000']);
    assert.ok(ids(gx.tags.topics).includes('low-altitude'));
  });

  const regional = [
    ['北京石景山', '110000'],
    ['第26届软博会', '120000'],
    ['湖北开展', '420000'],
  ] as const;
  for (const [prefix, code] of regional) {
    test(`${prefix} is tagged within ${code} and not 上海`, () => {
      const { tags } = item(prefix);
      assert.ok(tags.regions.length > 0);
      assert.ok(
        tags.regions.every((r) => r.id !== '000000' && regionMatches(r.id, code)),
        JSON.stringify(tags.regions),
      );
      assert.ok(none(tags, '310000'));
    });
  }

  test('the 豫苏 story is 河南 and 江苏, not 上海', () => {
    const { tags } = item('2024豫苏');
    const real = tags.regions.filter((r) => r.id !== '000000');
    assert.equal(real.length, tags.regions.length);
    assert.ok(real.some((r) => regionMatches(r.id, '410000')));
    assert.ok(real.some((r) => regionMatches(r.id, '320000')));
    assert.ok(none(tags, '310000'));
  });
});

describe('splitNewsPage on a plain-text page', () => {
  test('headline lines before datelines start items; sign-offs close them', () => {
    const page = [
      '浙江发布概念验证中心建设方案',
      '本报讯 近日，浙江省科技厅发布方案。',
      '方案提出建设一批概念验证中心。',
      '（浙文）',
      '广东举办技术经理人培训',
      '据南方日报报道，广东省近日举办培训。',
    ].join('\n');
    const items = splitNewsPage(page);
    assert.deepEqual(
      items.map((i) => i.title),
      ['浙江发布概念验证中心建设方案', '广东举办技术经理人培训'],
    );
    assert.equal(items[0]?.body, '本报讯 近日，浙江省科技厅发布方案。\n\n方案提出建设一批概念验证中心。');
    assert.deepEqual(ids(tagPolicy(items[1]?.title ?? '', items[1]?.body ?? '').regions), ['440000']);
  });

  test('an item without headline takes its first sentence as title', () => {
    const items = splitNewsPage('（沪文）\n江苏省发布新政。内容如下。');
    assert.deepEqual(items, [{ title: '江苏省发布新政', body: '江苏省发布新政。内容如下。' }]);
  });
});
