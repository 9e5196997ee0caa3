/**
 * Which chat lines are worth asking the api about. The api parses and answers commands; the bot
 * only avoids forwarding every line of group chatter. Lines that @mention the bot are forwarded
 * whatever they say (checked by the message handler, not here).
 */

/**
 * Chinese command words; a line starting with one of them is forwarded (订阅设置 starts with 订阅).
 * The api's grammar (shared/src/commands.ts) is stricter; this filter only has to be no narrower.
 */
export const COMMAND_WORDS = [
  '帮助',
  '订阅',
  '退订',
  '取消订阅',
  '订阅设置',
  '模式',
  '免打扰',
  '最新政策',
  '近期活动',
  '报名',
] as const;

/** English aliases; these must stand as a whole word (`sub`, not `subway`). */
export const COMMAND_ALIASES = [
  'help',
  'sub',
  'subscribe',
  'unsub',
  'unsubscribe',
  'settings',
  'mode',
  'quiet',
  'policies',
  'events',
  'signup',
] as const;

// An optional leading / or # (people type `/help`), then the word.
const CHINESE = new RegExp(`^[/#＃]?(?:${COMMAND_WORDS.join('|')})`);
const ENGLISH = new RegExp(`^[/#＃]?(?:${COMMAND_ALIASES.join('|')})(?![A-Za-z0-9_-])`, 'i');

/** True when `text` starts with a command word or alias. */
export function looksLikeCommand(text: string): boolean {
  const line = text.trim();
  return CHINESE.test(line) || ENGLISH.test(line);
}
