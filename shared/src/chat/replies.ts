/**
 * Every text the bot says in a group in answer to someone: help, refusals, errors that name the
 * problem and the fix, and the look-up answers. The api decides which one and fills in the data;
 * the bot only posts it. Plain text (WeChat shows markdown literally).
 */
import { formatShanghai } from '../time.js';

/** The bot's name when none is configured (BOT_NAME in the api and the bot). */
export const DEFAULT_BOT_NAME = '科转通小助手';

/** One command's line in the help text. */
export interface HelpLine {
  example: string;
  what: string;
}

const quote = (items: string[]) => items.map((s) => `「${s}」`).join('、');
const didYouMean = (near: string[]) => (near.length ? `你是不是想写：${near.join('、')}？` : '');

/** A policy as listed in chat: title and tracked link. */
export interface ListedPolicy {
  title: string;
  url: string;
}

/** An event as listed in chat: title, start, place and the short code to sign up with. */
export interface ListedEvent {
  title: string;
  startsAt: Date;
  place?: string | null;
  code: string;
}

const policyLines = (items: ListedPolicy[]) => items.map((p, i) => `${i + 1}. ${p.title}\n   ${p.url}`);
const eventLines = (items: ListedEvent[]) =>
  items.map(
    (e, i) =>
      `${i + 1}. ${e.title}\n   ${formatShanghai(e.startsAt)}${e.place ? ` · ${e.place}` : ''}\n   报名请发送：报名 ${e.code}`,
  );

export const replies = {
  help(botName: string, lines: HelpLine[]): string {
    return [
      `${botName}可用指令：`,
      ...lines.map((l) => `${l.example} —— ${l.what}`),
      '英文亦可：help、sub、unsub、settings、policies、events、signup',
    ].join('\n');
  },
  welcome(botName: string, help: string): string {
    return `大家好，我是${botName}，会把适合本群的政策和活动推送过来。\n${help}`;
  },
  /** A member tried a command that changes the group's settings. */
  refused(word: string): string {
    return (
      `抱歉，「${word}」会修改本群的订阅，只有群主、本群管理员或平台管理员可以使用` +
      '（本群管理员由主办方在小程序「群管理」中添加）。发送「订阅设置」可查看当前设置。'
    );
  },

  // Parse errors: what is wrong, then how to write it.
  subscribeEmpty: () => '请写上要订阅的地区、主题或关键词，例如：订阅 上海 概念验证',
  unsubscribeEmpty: () => '请写上要退订的内容，例如：退订 概念验证；清空请发送：退订 全部',
  unknownTerm(words: { word: string; near: string[] }[]): string {
    const lines = words.map(({ word, near }) => `不认识「${word}」。${didYouMean(near)}`);
    return [...lines, `如确实要按关键词订阅，请发送：订阅 关键词 ${words.map((w) => w.word).join(' ')}`].join('\n');
  },
  modeUnknown: (word: string) =>
    `${word ? `「${word}」不是推送方式。` : ''}请写「模式 即时」（有新内容马上推送）或「模式 摘要 09:00」（每天汇总一条）`,
  badClock: (text: string, example: string) => `「${text}」不是有效时间：小时应为 00-23，分钟为 00-59。例如：${example}`,
  quietShape: () => '请写一个时段，例如：免打扰 22:00-08:00；取消请发送：免打扰 关闭',
  quietEmpty: (clock: string) => `开始和结束都是 ${clock}，时段为空。例如：免打扰 22:00-08:00`,
  unknownRegion: (word: string, near: string[]) =>
    `没有找到地区「${word}」。${didYouMean(near) || '可以写省、市或区的名称，如：上海、北京、浦东。'}例如：近期活动 上海`,
  signupShape: (text: string) =>
    `${text ? `「${text}」不是活动编号。` : ''}活动编号是 6 位字母和数字（如 K7MX4P），见「近期活动」或活动页面。例如：报名 K7MX4P`,
  /** Someone @mentioned the bot with something that is not a command. */
  notUnderstood: (text: string) =>
    `${text ? `没听懂「${[...text].slice(0, 20).join('')}」。` : ''}发送「帮助」查看我能做什么，例如：近期活动、最新政策、订阅设置。`,
  unknownCode: (code: string) =>
    `没有找到编号为 ${code} 的活动（可能编号有误或活动已结束）。发送「近期活动」查看正在报名的活动。`,

  // Results.
  settingsChanged: (verb: string, settings: string) => `${verb}。\n${settings}`,
  modeSet: (mode: 'instant' | 'digest', at?: string) =>
    mode === 'digest' ? `已改为每日摘要，每天 ${at} 推送一条汇总。` : '已改为即时推送。',
  quietSet: (range: { start: string; end: string } | null) =>
    range ? `已设置免打扰 ${range.start}-${range.end}，期间的消息将在结束后送达。` : '已关闭免打扰。',

  /**
   * 最新政策. `searched` is the keyword when one was given; `fallback` says the hits are not what was
   * asked (nothing matched), so the reply says what was searched before offering the nearest answer.
   */
  policies(input: {
    items: ListedPolicy[];
    keyword?: string;
    near?: string[];
    scope?: string;
    /** The group's audiences, when the hits matched only once they were left out. */
    withoutAudiences?: string;
    /** The group's regions, when the hits matched them but none of its topics or keywords. */
    regionOnly?: string;
    fallback: boolean;
  }): string {
    const { items, keyword, near = [], scope, withoutAudiences, regionOnly, fallback } = input;
    if (regionOnly) return [`【最新政策】${regionOnly}（本群主题暂无新政策）`, ...policyLines(items)].join('\n');
    if (withoutAudiences) {
      return [`暂无专门面向${withoutAudiences}的政策，以下是符合本群地区和主题的最新政策：`, ...policyLines(items)].join('\n');
    }
    if (!fallback) return [`【最新政策】${keyword ? `「${keyword}」` : ''}`, ...policyLines(items)].join('\n');
    const missed = keyword
      ? `没有找到与「${keyword}」相关的政策（已在标题和摘要中搜索）。${near.length ? `你是不是想找：${quote(near)}？` : ''}`
      : `暂无符合本群订阅（${scope ?? '未设置'}）的政策。`;
    if (items.length === 0) return `${missed}\n平台上还没有已发布的政策。`;
    return [missed, '以下是全国最新政策：', ...policyLines(items)].join('\n');
  },

  /** 近期活动; `fallback`: nothing in the asked region, these are the nearest national ones. */
  events(input: { items: ListedEvent[]; region?: string; fallback: boolean }): string {
    const { items, region, fallback } = input;
    if (!fallback) return ['【近期活动】', ...eventLines(items)].join('\n');
    const missed = `${region ?? '本群订阅的地区'}近期没有活动。`;
    if (items.length === 0) return `${missed}\n平台上暂无即将举行的活动，新活动发布后会推送到本群。`;
    return [missed, '以下是其他地区的近期活动：', ...eventLines(items)].join('\n');
  },

  signup: (e: { title: string; startsAt: Date; place?: string | null; url: string; full: boolean }) =>
    [
      `「${e.title}」`,
      `时间：${formatShanghai(e.startsAt)}`,
      ...(e.place ? [`地点：${e.place}`] : []),
      ...(e.full ? ['名额已满，可报名候补'] : []),
      `报名链接：${e.url}`,
    ].join('\n'),
};
