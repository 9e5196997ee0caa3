/**
 * Asia/Shanghai calendar helpers on Intl only (no date library). Servers run in UTC; users read Beijing time.
 */

/** The time zone every user-facing time is shown in. */
export const SHANGHAI_TZ = 'Asia/Shanghai';

/** Calendar fields of an instant as seen in Shanghai. `weekday` is 0 (Sunday) to 6. */
export interface ShanghaiDateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

// Built once: constructing an Intl formatter is far slower than using one. h23 avoids the "24:00" that
// hour12:false produces for midnight in some engines.
const FORMATTER = new Intl.DateTimeFormat('en-US', {
  timeZone: SHANGHAI_TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  weekday: 'short',
});
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function toDate(date: Date | string | number): Date {
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) throw new RangeError(`无效的时间: ${String(date)}`);
  return d;
}

/** Shanghai calendar fields of an instant. Throws RangeError on an invalid date. */
export function shanghaiDateParts(date: Date | string | number): ShanghaiDateParts {
  const parts = new Map(FORMATTER.formatToParts(toDate(date)).map((p) => [p.type, p.value]));
  const num = (type: Intl.DateTimeFormatPartTypes) => Number(parts.get(type));
  return {
    year: num('year'),
    month: num('month'),
    day: num('day'),
    hour: num('hour'),
    minute: num('minute'),
    second: num('second'),
    weekday: WEEKDAYS.indexOf(parts.get('weekday') ?? ''),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Formats an instant in Shanghai time as `2026年12月3日 14:00`. Throws RangeError on an invalid date. */
export function formatShanghai(date: Date | string | number): string {
  const p = shanghaiDateParts(date);
  return `${p.year}年${p.month}月${p.day}日 ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** Shanghai time as `2026-12-03 14:00`: for spreadsheets (CSV), which sort and parse it as a date. */
export function formatShanghaiSortable(date: Date | string | number): string {
  const p = shanghaiDateParts(date);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}
