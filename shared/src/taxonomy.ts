/**
 * The fixed facet dictionary: regions (administrative codes), topics, audiences and event kinds.
 * Tagging reads the synonyms, matching reads the codes and labels; nothing here does I/O.
 */
import { PREFECTURES } from './prefectures.js';

/** An administrative region. `parent` builds the roll-up chain (district → province → 000000). */
export interface Region {
  code: string;
  /** Short name shown on cards, e.g. 上海, 广西, 石景山区. */
  name: string;
  /** Words that name the region in running text (full name first). */
  aliases: readonly string[];
  /** Parent region code; provinces hang under 000000 (全国). */
  parent: string | null;
  /** One-character abbreviation used in sign-offs such as (桂文); never matched in running text. */
  abbr?: string;
}

/** A taxonomy term: stable English id, Chinese label, Chinese (or acronym) synonyms. */
export interface Term {
  id: string;
  label: string;
  synonyms: readonly string[];
}

/** The code that stands for the whole country and matches every region. */
export const NATIONAL = '000000';

// [code, short name, full name, abbreviation]. "全国" is the only national alias on purpose: words like
// 国务院 or 国家 appear in almost every provincial document and would make everything national.
const PROVINCES: readonly (readonly [string, string, string, string])[] = [
  ['110000', '北京', '北京市', '京'],
  ['120000', '天津', '天津市', '津'],
  ['130000', '河北', '河北省', '冀'],
  ['140000', '山西', '山西省', '晋'],
  ['150000', '内蒙古', '内蒙古自治区', '蒙'],
  ['210000', '辽宁', '辽宁省', '辽'],
  ['220000', '吉林', '吉林省', '吉'],
  ['230000', '黑龙江', '黑龙江省', '黑'],
  ['310000', '上海', '上海市', '沪'],
  ['320000', '江苏', '江苏省', '苏'],
  ['330000', '浙江', '浙江省', '浙'],
  ['340000', '安徽', '安徽省', '皖'],
  ['350000', '福建', '福建省', '闽'],
  ['360000', '江西', '江西省', '赣'],
  ['370000', '山东', '山东省', '鲁'],
  ['410000', '河南', '河南省', '豫'],
  ['420000', '湖北', '湖北省', '鄂'],
  ['430000', '湖南', '湖南省', '湘'],
  ['440000', '广东', '广东省', '粤'],
  ['450000', '广西', '广西壮族自治区', '桂'],
  ['460000', '海南', '海南省', '琼'],
  ['500000', '重庆', '重庆市', '渝'],
  ['510000', '四川', '四川省', '川'],
  ['520000', '贵州', '贵州省', '黔'],
  ['530000', '云南', '云南省', '滇'],
  ['540000', '西藏', '西藏自治区', '藏'],
  ['610000', '陕西', '陕西省', '陕'],
  ['620000', '甘肃', '甘肃省', '甘'],
  ['630000', '青海', '青海省', '青'],
  ['640000', '宁夏', '宁夏回族自治区', '宁'],
  ['650000', '新疆', '新疆维吾尔自治区', '新'],
  // Not mainland provinces, but policies name them: 粤港澳大湾区 reaches groups in 香港 and 澳门.
  ['710000', '台湾', '台湾省', '台'],
  ['810000', '香港', '香港特别行政区', '港'],
  ['820000', '澳门', '澳门特别行政区', '澳'],
];

// Districts of the municipalities that the seeds name; cities come from prefectures.ts.
const DISTRICTS: readonly (readonly [string, string, string, readonly string[]])[] = [
  ['110107', '石景山区', '110000', ['北京市石景山区', '北京石景山', '石景山区', '石景山']],
  ['110108', '海淀区', '110000', ['北京市海淀区', '海淀区', '海淀']],
  ['310112', '闵行区', '310000', ['闵行区', '闵行']],
  ['310113', '宝山区', '310000', ['宝山区', '宝山']],
  ['310115', '浦东新区', '310000', ['浦东新区', '浦东']],
];

/** Words naming a prefecture: the full name, 恩施州 for an autonomous prefecture, and the short name unless ambiguous. */
function prefectureAliases(full: string, short: string, ambiguous?: boolean): string[] {
  const words = [full];
  if (full.endsWith('自治州')) words.push(`${short}州`);
  if (!ambiguous && short !== full) words.push(short);
  return words;
}

/** All known regions: 全国, the 34 provincial-level regions, every prefecture-level city, and a few districts. */
export const REGIONS: readonly Region[] = [
  { code: NATIONAL, name: '全国', aliases: ['全国'], parent: null },
  ...PROVINCES.map(([code, name, full, abbr]) => ({
    code,
    name,
    abbr,
    parent: NATIONAL,
    aliases: full === name ? [name] : [full, name],
  })),
  ...PREFECTURES.map(([code, full, short, ambiguous]) => ({
    code,
    name: short,
    parent: `${code.slice(0, 2)}0000`,
    aliases: prefectureAliases(full, short, ambiguous),
  })),
  ...DISTRICTS.map(([code, name, parent, aliases]) => ({ code, name, parent, aliases })),
];

const REGION_BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));
const REGION_BY_ABBR = new Map(REGIONS.filter((r) => r.abbr).map((r) => [r.abbr as string, r]));

/** The region with this code, if the taxonomy knows it. */
export function findRegion(code: string): Region | undefined {
  return REGION_BY_CODE.get(code);
}

/** Short Chinese name of a region (上海); an unknown code is returned unchanged so it still shows. */
export function regionName(code: string): string {
  return REGION_BY_CODE.get(code)?.name ?? code;
}

/** The region whose one-character abbreviation this is (桂 → 广西), used to read sign-offs. */
export function regionByAbbr(abbr: string): Region | undefined {
  return REGION_BY_ABBR.get(abbr);
}

const ANCESTORS = new Map<string, readonly string[]>();

/**
 * Strict ancestors of a region, nearest first, always ending in 000000 (unless the code is 000000).
 * Unknown codes still get 000000 so that "national matches everything" holds for them too.
 */
export function regionAncestors(code: string): readonly string[] {
  const cached = ANCESTORS.get(code);
  if (cached) return cached;
  const chain: string[] = [];
  let parent = code === NATIONAL ? null : (REGION_BY_CODE.get(code)?.parent ?? NATIONAL);
  while (parent !== null && !chain.includes(parent)) {
    chain.push(parent);
    parent = parent === NATIONAL ? null : (REGION_BY_CODE.get(parent)?.parent ?? NATIONAL);
  }
  // Matching calls this for every candidate group; unknown codes are cached too (a bounded set in practice).
  if (ANCESTORS.size < 10_000) ANCESTORS.set(code, Object.freeze(chain));
  return chain;
}

/** True when two regions overlap: equal, either is 000000, or one is an ancestor of the other. */
export function regionMatches(a: string, b: string): boolean {
  if (a === b || a === NATIONAL || b === NATIONAL) return true;
  return regionAncestors(a).includes(b) || regionAncestors(b).includes(a);
}

/**
 * A grouping that policies name as one place (长三角, 京津冀, 粤港澳大湾区, 成渝) but that is no
 * administrative region: tagging and the pickers expand it into its member regions, so an item reaches
 * the groups of each member and matching needs no new kind of code.
 */
export interface RegionGroup {
  id: string;
  name: string;
  /** Words that name the grouping in running text (longest first is not required: tagging sorts). */
  aliases: readonly string[];
  members: readonly string[];
}

export const REGION_GROUPS: readonly RegionGroup[] = [
  {
    id: 'yangtze-delta',
    name: '长三角',
    aliases: ['长江三角洲', '长三角', '沪苏浙皖', '苏浙沪皖'],
    members: ['310000', '320000', '330000', '340000'],
  },
  { id: 'jing-jin-ji', name: '京津冀', aliases: ['京津冀'], members: ['110000', '120000', '130000'] },
  {
    id: 'greater-bay-area',
    name: '粤港澳大湾区',
    aliases: ['粤港澳大湾区', '粤港澳', '大湾区'],
    // The nine Guangdong cities of the Outline Development Plan, plus the two SARs.
    members: ['440100', '440300', '440400', '440600', '441300', '441900', '442000', '440700', '441200', '810000', '820000'],
  },
  {
    id: 'chengdu-chongqing',
    name: '成渝',
    aliases: ['成渝地区双城经济圈', '成渝地区', '成渝'],
    // 重庆 and the fifteen Sichuan cities of the 成渝地区双城经济圈 plan (2021).
    members: [
      '500000',
      '510100',
      '510300',
      '510500',
      '510600',
      '510700',
      '510900',
      '511000',
      '511100',
      '511300',
      '511400',
      '511500',
      '511600',
      '511700',
      '511800',
      '512000',
    ],
  },
];

const GROUP_BY_ID = new Map(REGION_GROUPS.map((g) => [g.id, g]));

/** Member region codes of a grouping (长三角 → 上海, 江苏, 浙江, 安徽); an unknown id gives []. */
export function regionGroupMembers(id: string): readonly string[] {
  return GROUP_BY_ID.get(id)?.members ?? [];
}

/** Topic taxonomy. Synonyms include the label itself so one list drives tagging. */
export const TOPICS = [
  {
    id: 'ownership-reform',
    label: '赋权改革',
    synonyms: ['赋权改革', '职务科技成果赋权', '完全赋权', '赋权', '所有权', '长期使用权', '三权下放'],
  },
  { id: 'poc', label: '概念验证', synonyms: ['概念验证', '概念验证中心', 'POC'] },
  { id: 'tto', label: '技术转移机构', synonyms: ['技术转移机构', '技术转移服务机构', '技术转移中心', 'TTO'] },
  { id: 'tech-manager', label: '技术经理人', synonyms: ['技术经理人', '技术经纪人', '技术经理', '技术经纪'] },
  {
    id: 'sci-finance',
    label: '科技金融',
    synonyms: ['科技金融', '基金', '风险投资', '天使投资', '创业投资', '贷款', '信贷', '保险'],
  },
  { id: 'incubator', label: '孵化载体', synonyms: ['孵化载体', '孵化器', '众创空间', '加速器', '大学科技园'] },
  { id: 'ip', label: '知识产权', synonyms: ['知识产权', '专利', '许可', '先使用后付费'] },
  { id: 'talent', label: '人才', synonyms: ['人才'] },
  { id: 'healthcare', label: '医疗卫生', synonyms: ['医疗卫生', '医疗机构', '医院', '卫生'] },
  { id: 'biomed', label: '生物医药', synonyms: ['生物医药', '创新药', '医疗器械'] },
  { id: 'ic', label: '集成电路', synonyms: ['集成电路', '芯片', '半导体'] },
  { id: 'ai', label: '人工智能', synonyms: ['人工智能', '大模型', '具身智能', 'AI'] },
  { id: 'advanced-mfg', label: '先进制造', synonyms: ['先进制造', '智能制造', '高端装备', '机器人'] },
  { id: 'low-altitude', label: '低空经济', synonyms: ['低空经济', '低空', '无人机', 'eVTOL'] },
  { id: 'matchmaking', label: '供需对接', synonyms: ['供需对接', '对接会', '技术需求', '需求', '难题'] },
  { id: 'open-innovation', label: '开放创新', synonyms: ['开放创新', '开放式创新', '大企业开放式创新中心', 'GOI'] },
] as const satisfies readonly Term[];

/** Who an item is for. */
export const AUDIENCES = [
  { id: 'researcher', label: '科研人员', synonyms: ['科研人员', '科技人员', '研究人员', '科学家'] },
  { id: 'enterprise', label: '企业', synonyms: ['企业', '中小企业', '科技型企业', '公司'] },
  {
    id: 'institution',
    label: '高校院所',
    synonyms: ['高校院所', '高校', '院所', '科研院所', '高等院校', '大学', '科研机构', '研发机构'],
  },
  // Bare 投资 is noisy (作价投资 is a way to transfer a result, not an investor); tagging.ts consumes
  // such phrases as stop words before 投资 can match.
  { id: 'investor', label: '投资机构', synonyms: ['投资机构', '投资人', '创投', '风投', '创业投资', '投资'] },
  { id: 'tech-manager', label: '技术经理人', synonyms: ['技术经理人', '技术经纪人', '技术转移人才'] },
] as const satisfies readonly Term[];

/** Kinds of event an organizer can publish. */
export const EVENT_KINDS = [
  { id: 'roadshow', label: '路演', synonyms: ['路演'] },
  { id: 'matchmaking', label: '供需对接会', synonyms: ['供需对接会', '对接会'] },
  { id: 'challenge', label: '创新挑战赛', synonyms: ['创新挑战赛', '挑战赛'] },
  { id: 'training', label: '培训', synonyms: ['培训'] },
] as const satisfies readonly Term[];

export type TopicId = (typeof TOPICS)[number]['id'];
export type AudienceId = (typeof AUDIENCES)[number]['id'];
export type EventKind = (typeof EVENT_KINDS)[number]['id'];

const labelMap = (terms: readonly Term[]) => new Map(terms.map((t) => [t.id, t.label]));
const TOPIC_LABELS = labelMap(TOPICS);
const AUDIENCE_LABELS = labelMap(AUDIENCES);
const EVENT_KIND_LABELS = labelMap(EVENT_KINDS);

/** Chinese label of a topic id; unknown ids are returned unchanged. */
export function topicLabel(id: string): string {
  return TOPIC_LABELS.get(id) ?? id;
}

/** Chinese label of an audience id; unknown ids are returned unchanged. */
export function audienceLabel(id: string): string {
  return AUDIENCE_LABELS.get(id) ?? id;
}

/** Chinese label of an event kind; unknown ids are returned unchanged. */
export function eventKindLabel(id: string): string {
  return EVENT_KIND_LABELS.get(id) ?? id;
}
