/**
 * The chat command grammar of the WeChat bot, in one table: each command's words, whether it changes
 * the group's settings, its help line and its parser. The bot asks `parseCommand` whether a line is a
 * command at all (so ordinary chat is never forwarded); the api parses it again and answers with one
 * handler per kind. Adding a command means an entry here and a handler in the api.
 */
import type { GroupProfile } from './matching.js';
import { normalizeEventCode } from './eventCode.js';
import { normalizeClock, type QuietRange } from './schedule.js';
import { AUDIENCES, REGIONS, TOPICS, regionByAbbr, type Term } from './taxonomy.js';
import { DEFAULT_BOT_NAME, replies, type HelpLine } from './chat/replies.js';
import { nearestRegions, nearestTerms } from './chat/suggest.js';

/** A parsed chat command. `invalid` carries the Chinese reply that names the problem and the fix. */
export type BotCommand =
  | { kind: 'help' }
  | { kind: 'subscribe'; terms: string[]; asKeywords?: true }
  | { kind: 'unsubscribe'; terms: string[] | 'all' }
  | { kind: 'settings' }
  | { kind: 'mode'; mode: 'instant' }
  | { kind: 'mode'; mode: 'digest'; at: string }
  | { kind: 'quiet'; range: QuietRange | null }
  | { kind: 'latestPolicies'; keyword?: string }
  | { kind: 'upcomingEvents'; region?: string; regionWord?: string }
  | { kind: 'signup'; code: string }
  | { kind: 'invalid'; command: CommandName; reply: string };

/** Names of the commands (every kind but `invalid`). */
export type CommandName = Exclude<BotCommand['kind'], 'invalid'>;
type Parsed<K extends CommandName> = Extract<BotCommand, { kind: K }> | Extract<BotCommand, { kind: 'invalid' }>;

interface CommandSpec<K extends CommandName> {
  /** Chinese word first (shown in refusals), then aliases; English matched case-insensitively. */
  words: readonly string[];
  /** Changes the group's subscription or delivery: owner, group managers and platform admins only. */
  manages: boolean;
  help: HelpLine;
  parse(args: string[]): Parsed<K>;
}

const invalid = (command: CommandName, reply: string) => ({ kind: 'invalid', command, reply }) as const;

/** The grammar: one entry per command, in help order. */
export const COMMANDS: { [K in CommandName]: CommandSpec<K> } = {
  subscribe: {
    words: ['订阅', 'sub', 'subscribe'],
    manages: true,
    help: { example: '订阅 上海 概念验证', what: '按地区、主题、对象或关键词订阅' },
    parse: parseSubscribe,
  },
  unsubscribe: {
    words: ['退订', '取消订阅', 'unsub', 'unsubscribe'],
    manages: true,
    help: { example: '退订 概念验证', what: '取消订阅（退订 全部 清空）' },
    parse(args) {
      const terms = splitTerms(args);
      if (terms.length === 0) return invalid('unsubscribe', replies.unsubscribeEmpty());
      const all = terms.some((t) => ['全部', '所有', 'all'].includes(t.toLowerCase()));
      return { kind: 'unsubscribe', terms: all ? 'all' : terms };
    },
  },
  settings: {
    words: ['订阅设置', 'settings'],
    manages: false,
    help: { example: '订阅设置', what: '查看本群订阅与推送方式' },
    parse: () => ({ kind: 'settings' }),
  },
  mode: {
    words: ['模式', 'mode'],
    manages: true,
    help: { example: '模式 即时 / 模式 摘要 09:00', what: '即时推送或每日摘要' },
    parse: parseMode,
  },
  quiet: {
    words: ['免打扰', 'quiet'],
    manages: true,
    help: { example: '免打扰 22:00-08:00', what: '该时段的消息顺延（免打扰 关闭）' },
    parse: parseQuiet,
  },
  latestPolicies: {
    words: ['最新政策', 'policies'],
    manages: false,
    help: { example: '最新政策 概念验证', what: '查看最新政策' },
    parse(args) {
      // Capped like a subscription keyword: the api searches with it.
      const keyword = args.join(' ').slice(0, 30);
      return keyword === '' ? { kind: 'latestPolicies' } : { kind: 'latestPolicies', keyword };
    },
  },
  upcomingEvents: {
    words: ['近期活动', 'events'],
    manages: false,
    help: { example: '近期活动 上海', what: '查看近期活动及报名编号' },
    parse(args) {
      const regionWord = args.join('');
      if (regionWord === '') return { kind: 'upcomingEvents' };
      const region = regionCodeOf(regionWord);
      if (region === undefined) return invalid('upcomingEvents', replies.unknownRegion(regionWord, nearestRegions(regionWord)));
      return { kind: 'upcomingEvents', region, regionWord };
    },
  },
  signup: {
    words: ['报名', 'signup'],
    manages: false,
    help: { example: '报名 K7MX4P', what: '按活动编号获取报名链接' },
    parse(args) {
      const code = args.length === 1 ? normalizeEventCode(args[0]!) : null;
      return code ? { kind: 'signup', code } : invalid('signup', replies.signupShape(args.join(' ').slice(0, 30)));
    },
  },
  help: {
    words: ['帮助', 'help'],
    manages: false,
    help: { example: '帮助', what: '显示本说明' },
    parse: () => ({ kind: 'help' }),
  },
};

const WORDS = new Map<string, CommandName>(
  (Object.entries(COMMANDS) as [CommandName, CommandSpec<CommandName>][]).flatMap(([name, spec]) =>
    spec.words.map((w) => [w.toLowerCase(), name] as const),
  ),
);

/** The Chinese word of a command, as people type it (订阅). */
export const commandWord = (name: CommandName): string => COMMANDS[name].words[0]!;

/** The help text, with the bot's configured name. */
export function commandHelp(botName: string = DEFAULT_BOT_NAME): string {
  return replies.help(
    botName,
    Object.values(COMMANDS).map((c) => c.help),
  );
}

/** The help text under the default name. */
export const COMMAND_HELP = commandHelp();

/**
 * Drops a leading mention of the bot. WeChat writes a mention as `@name` + U+2005; without `botName` only
 * such a mention is dropped. With `botName`, a message that starts by mentioning someone else is not ours.
 */
function stripMention(text: string, botName: string | undefined): string | null {
  if (!text.startsWith('@')) return text;
  const name = botName?.trim();
  if (name) {
    const rest = text.slice(name.length + 1);
    return text.startsWith(`@${name}`) && /^(?:[\s\u2005]|$)/.test(rest) ? rest : null;
  }
  const m = /^@[^\u2005]*\u2005/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

/**
 * The text of a room message as a command would read it: a leading `@botName` mention, full-width
 * spaces and surrounding blanks dropped. Null when it starts by mentioning someone else. The bot
 * forwards this text, so the api never sees the mention.
 */
export function commandText(text: string, opts: { botName?: string } = {}): string | null {
  const stripped = stripMention(text.replace(/\u3000/g, ' ').trim(), opts.botName);
  return stripped === null ? null : stripped.trim();
}

/**
 * Parses a room message into a command, or null for ordinary chat. The command word must stand alone
 * (followed by a space or the end), so chat that merely starts with 订阅 or 报名 is not a command; a
 * leading / or # is allowed (people type `/help`).
 */
export function parseCommand(text: string, opts: { botName?: string } = {}): BotCommand | null {
  const line = commandText(text, opts);
  if (line === null) return null;
  const [head, ...args] = line.split(/[\s\u2005]+/).filter((w) => w !== '');
  const name = head === undefined ? undefined : WORDS.get(head.replace(/^[/#＃]/, '').toLowerCase());
  return name === undefined ? null : COMMANDS[name].parse(args);
}

function parseSubscribe(args: string[]): Parsed<'subscribe'> {
  const terms = splitTerms(args);
  if (terms[0] === '关键词') {
    const keywords = terms.slice(1);
    return keywords.length
      ? { kind: 'subscribe', terms: keywords, asKeywords: true }
      : invalid('subscribe', replies.subscribeEmpty());
  }
  if (terms.length === 0) return invalid('subscribe', replies.subscribeEmpty());
  // A word close to a known name is more likely a typo than a keyword: ask rather than subscribe to it.
  const typos = terms
    .filter((t) => [...t].length >= 3 && regionCodeOf(t) === undefined && !TERM_BY_WORD.has(t.toLowerCase()))
    .map((word) => ({ word, near: [...nearestRegions(word), ...nearestTerms(word)].slice(0, 3) }))
    .filter((t) => t.near.length > 0);
  return typos.length ? invalid('subscribe', replies.unknownTerm(typos)) : { kind: 'subscribe', terms };
}

const TIME_RANGE = /^([^-~～〜－—至到]+)(?:-|~|～|〜|－|—|至|到)([^-~～〜－—至到]+)$/;
const CLOCK_LIKE = /^\d{1,2}[:：]\d{2}$/;

function parseQuiet(args: string[]): Parsed<'quiet'> {
  const joined = args.join('');
  if (['关闭', '关', '取消', 'off'].includes(joined.toLowerCase())) return { kind: 'quiet', range: null };
  const m = TIME_RANGE.exec(joined);
  if (!m || !CLOCK_LIKE.test(m[1]!) || !CLOCK_LIKE.test(m[2]!)) return invalid('quiet', replies.quietShape());
  const [start, end] = [normalizeClock(m[1]!), normalizeClock(m[2]!)];
  if (start === null) return invalid('quiet', replies.badClock(m[1]!, '免打扰 22:00-08:00'));
  if (end === null) return invalid('quiet', replies.badClock(m[2]!, '免打扰 22:00-08:00'));
  if (start === end) return invalid('quiet', replies.quietEmpty(start));
  return { kind: 'quiet', range: { start, end } };
}

function parseMode([mode = '', time, ...rest]: string[]): Parsed<'mode'> {
  const word = mode.toLowerCase();
  if (['即时', '实时', 'instant'].includes(word) && time === undefined) return { kind: 'mode', mode: 'instant' };
  if (!['摘要', '每日摘要', 'digest'].includes(word) || rest.length > 0) return invalid('mode', replies.modeUnknown(mode));
  const at = time === undefined ? '09:00' : normalizeClock(time);
  if (at === null) return invalid('mode', replies.badClock(time!, '模式 摘要 09:00'));
  return { kind: 'mode', mode: 'digest', at };
}

/** Splits subscription terms on spaces and Chinese or Latin list punctuation, dropping blanks and repeats. */
function splitTerms(args: string[]): string[] {
  return [...new Set(args.flatMap((a) => a.split(/[、,，;；]+/)).filter((t) => t !== ''))];
}

// Reversed so that the first region naming a word wins (later Map entries overwrite earlier ones).
const REGION_BY_WORD = new Map(REGIONS.flatMap((r) => [r.name, ...r.aliases].map((w) => [w, r.code] as const)).reverse());

/** Region code for a word: a name or alias (上海, 上海市, 浦东) or a one-character abbreviation (沪). */
function regionCodeOf(word: string): string | undefined {
  return REGION_BY_WORD.get(word) ?? (word.length === 1 ? regionByAbbr(word)?.code : undefined);
}

// Labels win over synonyms, topics over audiences: 技术经理人 is both, and as a topic it widens a
// subscription, whereas an audience would narrow what the group receives. Reversed: first entry wins.
const termEntries = (terms: readonly Term[], into: 'topics' | 'audiences', labels: boolean) =>
  terms.flatMap((t) => (labels ? [t.label] : t.synonyms).map((w) => [w.toLowerCase(), { into, id: t.id }] as const));
const TERM_BY_WORD = new Map(
  [
    ...termEntries(TOPICS, 'topics', true),
    ...termEntries(AUDIENCES, 'audiences', true),
    ...termEntries(TOPICS, 'topics', false),
    ...termEntries(AUDIENCES, 'audiences', false),
  ].reverse(),
);

/** Facets named by subscription words: region codes, topic ids, audience ids, and the rest as keywords. */
export type ResolvedTerms = Omit<GroupProfile, 'id'>;

/**
 * Maps each word to a region code (上海, 上海市, 沪, 全国), a topic or audience id by label or synonym
 * (概念验证 or POC → poc, case-insensitive), or else keeps it as a keyword (as typed, at most 30
 * characters). With `asKeywords` every word is a keyword (订阅 关键词 …).
 */
export function resolveTerms(terms: string[], asKeywords = false): ResolvedTerms {
  const out: ResolvedTerms = { regions: [], topics: [], audiences: [], keywords: [] };
  const add = (list: string[], value: string) => {
    if (!list.includes(value)) list.push(value);
  };
  for (const raw of terms) {
    const word = raw.trim();
    if (word === '') continue;
    const region = asKeywords ? undefined : regionCodeOf(word);
    const term = asKeywords ? undefined : TERM_BY_WORD.get(word.toLowerCase());
    if (region !== undefined) add(out.regions, region);
    else if (term) add(out[term.into], term.id);
    else add(out.keywords, [...word].slice(0, 30).join(''));
  }
  return out;
}
