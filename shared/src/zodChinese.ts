/**
 * Chinese for every zod issue a schema does not word itself, installed once per process
 * (`installChineseErrors`), so a schema added anywhere (a new route's body, a new shared schema)
 * never sends zod's English defaults ("Too small: expected number to be >=1") to a user. Field
 * names are added by the formatter (`fieldLabel`), not here: the message says what is wrong, the
 * label says where.
 */
import { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '列表',
  date: '日期时间',
  null: '空值',
  undefined: '空',
  map: '对象',
  set: '列表',
  file: '文件',
  nan: '数字',
  symbol: '文本',
  literal: '指定值',
  enum: '指定选项',
};

const typeName = (t: unknown) => TYPE_NAMES[String(t)] ?? '正确的类型';
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

const FORMATS: Record<string, string> = {
  email: '邮箱格式不正确',
  url: '链接格式不正确',
  uuid: '编号格式不正确',
  datetime: '日期时间格式不正确',
  date: '日期格式不正确',
  time: '时间格式不正确',
  regex: '格式不正确',
  starts_with: '格式不正确',
  ends_with: '格式不正确',
  includes: '格式不正确',
};

/** The Chinese message for one raw zod issue (zod v4's issue shapes). */
export function chineseIssueMessage(iss: z.core.$ZodRawIssue): string {
  const i = iss as z.core.$ZodRawIssue & Record<string, unknown>;
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined ? '为必填项' : `类型不正确，应为${typeName(i.expected)}`;
    case 'too_small': {
      const n = Number(i.minimum);
      if (i.origin === 'string') return n <= 1 ? '不能为空' : `不能少于 ${n} 个字符`;
      if (i.origin === 'array' || i.origin === 'set') return `至少需要 ${n} 项`;
      if (i.origin === 'date') return `不能早于 ${show(i.minimum)}`;
      return i.inclusive === false ? `必须大于 ${n}` : `不能小于 ${n}`;
    }
    case 'too_big': {
      const n = Number(i.maximum);
      if (i.origin === 'string') return `不能超过 ${n} 个字符`;
      if (i.origin === 'array' || i.origin === 'set') return `最多 ${n} 项`;
      if (i.origin === 'date') return `不能晚于 ${show(i.maximum)}`;
      return i.inclusive === false ? `必须小于 ${n}` : `不能大于 ${n}`;
    }
    case 'invalid_format':
      return FORMATS[String(i.format)] ?? '格式不正确';
    case 'not_multiple_of':
      return `必须是 ${show(i.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `包含不允许的字段：${((i.keys as string[]) ?? []).join('、')}`;
    case 'invalid_value': {
      const values = (i.values as unknown[]) ?? [];
      return values.length === 1 ? `取值应为 ${show(values[0])}` : `取值无效，可选值：${values.map(show).join('、')}`;
    }
    case 'invalid_union':
      return '取值不符合任何允许的格式';
    case 'invalid_key':
      return '包含无效的键';
    case 'invalid_element':
      return '包含无效的项';
    default:
      return '取值无效';
  }
}

let installed = false;
/** Makes Chinese the default for every schema in this process (schemas' own messages still win). */
export function installChineseErrors(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: (iss) => chineseIssueMessage(iss) });
}

/** Chinese names of request fields, by the last named segment of their path. */
const FIELD_LABELS: Record<string, string> = {
  title: '标题',
  name: '名称',
  org: '单位',
  phone: '手机号',
  kind: '类型',
  role: '身份',
  summary: '摘要',
  description: '详情',
  body: '正文',
  text: '内容',
  docNo: '文号',
  issuer: '发布机构',
  sourceUrl: '来源链接',
  publishedAt: '发布日期',
  startsAt: '开始时间',
  endsAt: '结束时间',
  venue: '地点',
  address: '地址',
  onlineUrl: '线上链接',
  organizer: '主办单位',
  coOrganizers: '协办方',
  regions: '地区',
  topics: '主题',
  audiences: '对象',
  keywords: '关键词',
  registration: '报名设置',
  capacity: '名额',
  opensAt: '报名开始时间',
  closesAt: '报名截止时间',
  waitlistEnabled: '候补',
  approvalRequired: '需要审核',
  offerWindowMinutes: '候补保留时长',
  questions: '报名问题',
  answers: '报名问题的回答',
  label: '问题',
  options: '选项',
  ticketCode: '票码',
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  roles: '角色',
  disabled: '停用',
  code: '登录凭证',
  openid: 'openid',
  subscription: '订阅',
  notifyConsent: '消息提醒',
  audience: '接收范围',
  groupIds: '群',
  schedule: '发送时间',
  at: '发送时间',
  cron: '重复规则',
  topic: '群名称',
  roomId: '群编号',
  profile: '群订阅',
  delivery: '推送设置',
  digestAt: '摘要时间',
  quietHours: '免打扰时段',
  start: '开始',
  end: '结束',
  managers: '群管理员',
  page: '页码',
  pageSize: '每页条数',
  q: '搜索词',
  from: '开始日期',
  to: '结束日期',
  status: '状态',
  scope: '范围',
  id: '编号',
  regId: '报名编号',
  limit: '数量',
  account: '机器人账号',
  applicationOpensAt: '申报开始时间',
  applicationClosesAt: '申报截止时间',
  eligibility: '申报条件',
  benefits: '支持内容',
};

/** A person's name where the record is a person (a sign-up, a profile); elsewhere `name` is a title. */
const PERSON_FIELDS = new Set(['registrations', 'me', 'auth']);

/**
 * The Chinese name of a field by its dotted path (`registration.capacity` → 名额), or null when
 * none is known; `context` is the resource the request is about (the route's first tag).
 */
export function fieldLabel(path: string, context?: string): string | null {
  const last = path
    .split('.')
    .filter((s) => !/^\d+$/.test(s))
    .pop();
  if (!last) return null;
  if (last === 'name' && context && PERSON_FIELDS.has(context)) return '姓名';
  return FIELD_LABELS[last] ?? null;
}
