/**
 * The chat command grammar of the WeChat bot. The bot forwards every room message here (through the api);
 * anything that is not a command comes back null so ordinary chat is never answered.
 */
import type { GroupProfile } from './matching.js';
import { normalizeClock, type QuietRange } from './schedule.js';
import { AUDIENCES, REGIONS, TOPICS, regionByAbbr, type Term } from './taxonomy.js';

/** Names of the commands, as used in `invalid` results. */
export type CommandName =
  'help' | 'subscribe' | 'unsubscribe' | 'settings' | 'mode' | 'quiet' | 'latestPolicies' | 'upcomingEvents' | 'signup';

/** A parsed chat command. `invalid` carries the Chinese usage line to reply with. */
export type BotCommand =
  | { kind: 'help' }
  | { kind: 'subscribe'; terms: string[] }
  | { kind: 'unsubscribe'; terms: string[] | 'all' }
  | { kind: 'settings' }
  | { kind: 'mode'; mode: 'instant' }
  | { kind: 'mode'; mode: 'digest'; at: string }
  | { kind: 'quiet'; range: QuietRange | null }
  | { kind: 'latestPolicies'; keyword?: string }
  | { kind: 'upcomingEvents'; region?: string; regionWord?: string }
  | { kind: 'signup'; eventRef: string }
  | { kind: 'invalid'; command: CommandName; usage: string };

// Command words, Chinese first, then English aliases (matched case-insensitively).
const WORDS = new Map<string, CommandName>(
  Object.entries({
    help: ['帮助', 'help'],
    subscribe: ['订阅', 'sub', 'subscribe'],
    unsubscribe: ['退订', '取消订阅', 'unsub', 'unsubscribe'],
    settings: ['订阅设置', 'settings'],
    mode: ['模式', 'mode'],
    quiet: ['免打扰', 'quiet'],
    latestPolicies: ['最新政策', 'policies'],
    upcomingEvents: ['近期活动', 'events'],
    signup: ['报名', 'signup'],
  } satisfies Record<CommandName, string[]>).flatMap(([name, words]) => words.map((w) => [w, name as CommandName] as const)),
);

const USAGE: Record<'subscribe' | 'unsubscribe' | 'mode' | 'quiet' | 'signup', string> = {
  subscribe: '用法：订阅 上海 概念验证 …',
  unsubscribe: '用法：退订 概念验证 …，或 退订 全部',
  mode: '用法：模式 即时，或 模式 摘要 09:00',
  quiet: '用法：免打扰 22:00-08:00，或 免打扰 关闭',
  signup: '用法：报名 活动编号（见活动详情，如 报名 A1B2C3）',
};

/** Chinese help text for `帮助`: every command with an example, short enough for one WeChat message. */
export const COMMAND_HELP = [
  '科转通助手可用指令：',
  '订阅 上海 概念验证 —— 按地区、主题、对象或关键词订阅',
  '退订 概念验证 —— 取消订阅（退订 全部 清空）',
  '订阅设置 —— 查看本群订阅与推送方式',
  '模式 即时 / 模式 摘要 09:00 —— 即时推送或每日摘要',
  '免打扰 22:00-08:00 —— 该时段的消息顺延（免打扰 关闭）',
  '最新政策 概念验证 —— 查看最新政策',
  '近期活动 上海 —— 查看近期活动',
  '报名 A1B2C3 —— 按活动编号报名',
  '帮助 —— 显示本说明',
  '英文亦可：help、sub、unsub、settings、policies、events、signup',
].join('\n');

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

const TIME_RANGE = /^(\d{1,2}[:：]\d{2})(?:-|~|～|〜|－|—|至|到)(\d{1,2}[:：]\d{2})$/;

function parseQuiet(args: string[]): BotCommand {
  const joined = args.join('');
  if (['关闭', '关', '取消', 'off'].includes(joined.toLowerCase())) return { kind: 'quiet', range: null };
  const m = TIME_RANGE.exec(joined);
  const [start, end] = [normalizeClock(m?.[1] ?? ''), normalizeClock(m?.[2] ?? '')];
  if (start === null || end === null || start === end) return { kind: 'invalid', command: 'quiet', usage: USAGE.quiet };
  return { kind: 'quiet', range: { start, end } };
}

function parseMode([mode = '', time, ...rest]: string[]): BotCommand {
  const word = mode.toLowerCase();
  if (['即时', '实时', 'instant'].includes(word) && time === undefined) return { kind: 'mode', mode: 'instant' };
  const at = time === undefined ? '09:00' : normalizeClock(time);
  if (['摘要', '每日摘要', 'digest'].includes(word) && at !== null && rest.length === 0)
    return { kind: 'mode', mode: 'digest', at };
  return { kind: 'invalid', command: 'mode', usage: USAGE.mode };
}

/** Splits subscription terms on spaces and Chinese or Latin list punctuation, dropping blanks and repeats. */
function splitTerms(args: string[]): string[] {
  return [...new Set(args.flatMap((a) => a.split(/[、,，;；]+/)).filter((t) => t !== ''))];
}

/**
 * Parses a room message into a command, or null for ordinary chat. Strips a leading `@botName` mention,
 * full-width spaces and surrounding blanks; the command word must stand alone (followed by a space or the
 * end), so chat that merely starts with 订阅 or 报名 is not mistaken for a command.
 */
export function parseCommand(text: string, opts: { botName?: string } = {}): BotCommand | null {
  const stripped = stripMention(text.replace(/\u3000/g, ' ').trim(), opts.botName);
  if (stripped === null) return null;
  const [head, ...args] = stripped.split(/[\s\u2005]+/).filter((w) => w !== '');
  const command = head === undefined ? undefined : WORDS.get(head.toLowerCase());
  switch (command) {
    case undefined:
      return null;
    case 'help':
    case 'settings':
      return { kind: command };
    case 'subscribe': {
      const terms = splitTerms(args);
      return terms.length > 0 ? { kind: 'subscribe', terms } : { kind: 'invalid', command, usage: USAGE.subscribe };
    }
    case 'unsubscribe': {
      const terms = splitTerms(args);
      if (terms.length === 0) return { kind: 'invalid', command, usage: USAGE.unsubscribe };
      const all = terms.some((t) => ['全部', '所有', 'all'].includes(t.toLowerCase()));
      return { kind: 'unsubscribe', terms: all ? 'all' : terms };
    }
    case 'mode':
      return parseMode(args);
    case 'quiet':
      return parseQuiet(args);
    case 'latestPolicies': {
      // Capped like a subscription keyword: the api searches with it.
      const keyword = args.join(' ').slice(0, 30);
      return keyword === '' ? { kind: command } : { kind: command, keyword };
    }
    case 'upcomingEvents': {
      const regionWord = args.join('');
      if (regionWord === '') return { kind: command };
      const region = regionCodeOf(regionWord);
      return region === undefined ? { kind: command, regionWord } : { kind: command, region, regionWord };
    }
    case 'signup': {
      const ref = args.length === 1 ? (args[0] as string).replace(/^#/, '') : '';
      // A 24-hex id is itself alphanumeric; short codes are capped so a pasted sentence is refused.
      return /^[A-Za-z0-9]{6,32}$/.test(ref)
        ? { kind: 'signup', eventRef: ref }
        : { kind: 'invalid', command, usage: USAGE.signup };
    }
  }
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
 * (概念验证 or POC → poc, case-insensitive), or else keeps it as a keyword (as typed, at most 30 characters).
 */
export function resolveTerms(terms: string[]): ResolvedTerms {
  const out: ResolvedTerms = { regions: [], topics: [], audiences: [], keywords: [] };
  const add = (list: string[], value: string) => {
    if (!list.includes(value)) list.push(value);
  };
  for (const raw of terms) {
    const word = raw.trim();
    if (word === '') continue;
    const region = regionCodeOf(word);
    const term = TERM_BY_WORD.get(word.toLowerCase());
    if (region !== undefined) add(out.regions, region);
    else if (term) add(out[term.into], term.id);
    else add(out.keywords, [...word].slice(0, 30).join(''));
  }
  return out;
}
