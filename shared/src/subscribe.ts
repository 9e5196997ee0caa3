/**
 * WeChat subscribe-message field rules (订阅消息参数值内容限制), pure. A template key's prefix is its type
 * (`thing1`, `time2`, `phrase3` ...): a value that breaks its type's rule makes WeChat refuse the whole
 * message (errcode 47003), so every value is fitted before it is stored.
 */
import { formatShanghai, shanghaiDateParts } from './time.js';

/** Longest value per type, in characters. */
const MAX: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  amount: 10,
  phone_number: 17,
  car_number: 8,
};

/** WeChat template keys: a type followed by its position, e.g. `thing1`. */
export const TEMPLATE_KEY =
  /^(thing|time|date|phrase|name|character_string|number|letter|symbol|amount|phone_number|car_number)\d+$/;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Cuts to `max` characters (code points), ending in … when cut. */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Fits one value to its key's rule: `time` becomes `2026年12月3日 14:00` and `date` `2026年12月3日` in
 * Shanghai time; `thing` is cut to 20 characters; `phrase` keeps Chinese characters only (at most 5);
 * `character_string` keeps letters, digits and symbols (at most 32).
 */
export function fitTemplateValue(key: string, value: string | Date): string {
  const type = TEMPLATE_KEY.exec(key)?.[1] ?? 'thing';
  const invalidTime = (type === 'time' || type === 'date') && Number.isNaN(new Date(value).getTime());
  // Never throws: a value that cannot be a time is sent as text, and WeChat's refusal (47003) is recorded.
  if (invalidTime) return String(value);
  if (type === 'time') return formatShanghai(value);
  if (type === 'date') {
    const p = shanghaiDateParts(value);
    return `${p.year}年${p.month}月${p.day}日`;
  }
  const text = oneLine(value instanceof Date ? formatShanghai(value) : value);
  if (type === 'phrase') return [...text.replace(/[^\u4e00-\u9fa5]/g, '')].slice(0, MAX.phrase).join('') || '通知';
  if (type === 'character_string') return text.replace(/[^\x21-\x7e]/g, '').slice(0, MAX.character_string);
  return cut(text === '' ? '无' : text, MAX[type] ?? 20);
}
