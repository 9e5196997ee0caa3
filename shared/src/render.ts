/**
 * The text the bot posts in WeChat groups. Plain text only: WeChat shows markdown literally, so structure
 * comes from 【tags】, one fact per line and the link last (where WeChat makes it tappable).
 */
import type { GroupProfile } from './matching.js';
import type { DeliveryTiming } from './schedule.js';
import { audienceLabel, regionName, topicLabel } from './taxonomy.js';
import { formatShanghai, shanghaiDateParts } from './time.js';

/** One item to push: a policy, event, program, a manual notice, an event reminder, change or cancellation. */
export interface PushInput {
  kind: 'policy' | 'event' | 'program' | 'manual' | 'reminder' | 'event_changed' | 'event_cancelled';
  title: string;
  summary?: string;
  /** Why the group gets it, from matching: `上海 · 概念验证 · 企业`. */
  reason?: string;
  /** Event start; shown as `时间：2026年12月3日 14:00`. */
  when?: Date;
  place?: string;
  /** Seats left; null or absent when there is no capacity limit. */
  seatsLeft?: number | null;
  /** Tracked H5 link, shown last. */
  h5Url?: string;
  /** Mini-program page with its tracking code, for a mini-program card; never printed (a raw page path means nothing to a reader). */
  mpPath?: string;
}

const TAGS: Record<PushInput['kind'], string> = {
  policy: '【新政策】',
  event: '【活动预告】',
  program: '【支持计划】',
  manual: '【通知】',
  reminder: '【活动提醒】',
  event_changed: '【活动变更】',
  event_cancelled: '【活动取消】',
};
const SHORT_TAGS: Record<PushInput['kind'], string> = {
  policy: '[政策]',
  event: '[活动]',
  program: '[计划]',
  manual: '[通知]',
  reminder: '[提醒]',
  event_changed: '[变更]',
  event_cancelled: '[取消]',
};

/** Longest push message, in UTF-16 units (what WeChat and String#length count). */
export const PUSH_MAX_LENGTH = 1000;
const SUMMARY_MAX = 120;
const DIGEST_LISTED = 10;
/** Longest digest message; items that would not fit are counted in the 另有 N 条 line instead. */
export const DIGEST_MAX_LENGTH = 2000;

/** One line: inner line breaks and runs of blanks become one space. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Cuts to at most `max` UTF-16 units, ending in … when cut, never splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Renders one push message (≤ 1,000 characters): tag and title, reason, time, place, seats, summary, links. */
export function renderPush(input: PushInput): string {
  const lines = [`${TAGS[input.kind]}${oneLine(input.title)}`];
  if (input.reason) lines.push(`推荐理由：${oneLine(input.reason)}`);
  if (input.when) lines.push(`时间：${formatShanghai(input.when)}`);
  if (input.place) lines.push(`地点：${oneLine(input.place)}`);
  if (typeof input.seatsLeft === 'number') {
    lines.push(input.seatsLeft > 0 ? `剩余名额：${input.seatsLeft}` : '名额已满，可候补');
  }
  if (input.summary && oneLine(input.summary) !== '') lines.push(clip(oneLine(input.summary), SUMMARY_MAX));
  const link = input.h5Url ? `详情：${input.h5Url.trim()}` : '';
  // A cut link is a broken link, so the body gives way first; only an absurd link is cut itself.
  if (link === '' || link.length > PUSH_MAX_LENGTH / 2) {
    return clip([...lines, link].filter((l) => l !== '').join('\n'), PUSH_MAX_LENGTH);
  }
  return `${clip(lines.join('\n'), PUSH_MAX_LENGTH - link.length - 1)}\n${link}`;
}

/** `2026年12月3日` in Shanghai. */
function shanghaiDay(at: Date): string {
  const p = shanghaiDateParts(at);
  return `${p.year}年${p.month}月${p.day}日`;
}

/**
 * Renders a daily digest as one message: header with date and count, then numbered compact entries (title,
 * reason, link). At most 10 are listed (fewer if the message would pass 2,000 characters); the rest are
 * counted as 另有 N 条, so nothing is dropped without saying so.
 */
export function renderDigest(items: PushInput[], at: Date): string {
  const header = `【今日摘要】${shanghaiDay(at)}，共 ${items.length} 条`;
  if (items.length === 0) return `${header}\n暂无新内容`;
  const entries = items.map((item, i) => {
    const reason = item.reason ? `（${clip(oneLine(item.reason), 40)}）` : '';
    const first = `${i + 1}. ${SHORT_TAGS[item.kind]}${clip(oneLine(item.title), 60)}${reason}`;
    return item.h5Url ? `${first}\n${item.h5Url.trim()}` : first;
  });
  const more = (n: number) => `另有 ${n} 条，请在小程序查看`;
  let listed = Math.min(entries.length, DIGEST_LISTED);
  const build = (n: number) => {
    const rest = items.length - n;
    return [header, ...entries.slice(0, n), ...(rest > 0 ? [more(rest)] : [])].join('\n');
  };
  while (listed > 1 && build(listed).length > DIGEST_MAX_LENGTH) listed -= 1;
  return build(listed);
}

/**
 * The H5 deep link for the hash router: `${base}/#${path}?${query}`. Values are percent-encoded
 * (a space as %20, not +, which the hash router would keep literally); `t` carries the tracking code.
 */
export function trackingUrl(base: string, path: string, params: Record<string, string>): string {
  const query = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const route = path.startsWith('/') ? path : `/${path}`;
  const joiner = route.includes('?') ? '&' : '?';
  return `${base.replace(/\/+$/, '')}/#${route}${query === '' ? '' : joiner + query}`;
}

/** A group's subscription, as shown by 订阅设置. */
export type SubscriptionView = Omit<GroupProfile, 'id'>;

const listOr = (values: string[], label: (v: string) => string) =>
  values.length === 0 ? '未设置' : values.map(label).join('、');

/** The reply to 订阅设置: facets by name, delivery mode, quiet hours, and a hint when nothing can match. */
export function renderSubscription(profile: SubscriptionView, delivery: DeliveryTiming): string {
  const lines = [
    '本群订阅设置',
    `地区：${listOr(profile.regions, regionName)}`,
    `主题：${listOr(profile.topics, topicLabel)}`,
    `对象：${listOr(profile.audiences, audienceLabel)}`,
    `关键词：${listOr(profile.keywords, (k) => k)}`,
    `推送方式：${delivery.mode === 'digest' ? `每日摘要（${delivery.digestAt}）` : '即时推送'}`,
    `免打扰：${delivery.quietHours ? `${delivery.quietHours.start}-${delivery.quietHours.end}（期间消息顺延）` : '未设置'}`,
  ];
  // Matching needs a region and (a topic or a keyword); say so rather than leave the group wondering.
  if (profile.regions.length === 0) lines.push('提示：尚未设置地区，本群暂不会收到推送，可发送「订阅 上海」');
  else if (profile.topics.length === 0 && profile.keywords.length === 0) {
    lines.push('提示：尚未设置主题或关键词，本群暂不会收到推送，可发送「订阅 概念验证」');
  }
  lines.push('修改：订阅 / 退订 / 模式 / 免打扰，发送「帮助」查看用法');
  return lines.join('\n');
}
