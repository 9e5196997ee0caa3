/**
 * Recurring broadcast schedules as people choose them (每天 / 每周X / 每月N日 at a time of day), the 5-field
 * cron they stand for, and the phrase they read as (每周一、三 09:00). No imports: the mini-program builds its
 * schedule picker on this module without pulling in cron-parser; schedule.ts reads crons back through it.
 */

/** A recurring send in Shanghai time. Week days are 0 (Sunday) to 6 (Saturday); `time` is `HH:mm`. */
export type Recurrence =
  | { every: 'day'; time: string }
  | { every: 'week'; days: number[]; time: string }
  | { every: 'month'; day: number; time: string };

const DAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** `HH:mm` → [hour, minute]; null unless it is a valid time of day. */
function clock(time: string): [number, number] | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  return hour <= 23 && minute <= 59 ? [hour, minute] : null;
}

/** Week days without repeats, Monday first and Sunday last, as people say them (每周六、日). */
function orderedDays(days: readonly number[]): number[] {
  const set = [...new Set(days.map((d) => ((d % 7) + 7) % 7))];
  return [...set.filter((d) => d !== 0).sort((a, b) => a - b), ...set.filter((d) => d === 0)];
}

/** What is missing or wrong in a recurrence, in Chinese; null when it is complete. */
export function recurrenceProblem(r: Recurrence): string | null {
  if (!clock(r.time)) return '请选择发送时刻';
  if (r.every === 'week' && orderedDays(r.days).length === 0) return '请至少选择一个星期几';
  if (r.every === 'month' && !(Number.isInteger(r.day) && r.day >= 1 && r.day <= 31)) return '每月的日期应在 1 到 31 之间';
  return null;
}

/** The standard 5-field cron (minute hour day-of-month month day-of-week) of a complete recurrence. */
export function recurrenceCron(r: Recurrence): string {
  const problem = recurrenceProblem(r);
  if (problem) throw new RangeError(problem);
  const [hour, minute] = clock(r.time)!;
  if (r.every === 'month') return `${minute} ${hour} ${r.day} * *`;
  if (r.every === 'day') return `${minute} ${hour} * * *`;
  const days = [...orderedDays(r.days)].sort((a, b) => a - b);
  if (days.length === 7) return `${minute} ${hour} * * *`;
  // The same cron parseSchedulePhrase makes of 工作日, so a schedule reads the same however it was entered.
  return `${minute} ${hour} * * ${days.join(',') === '1,2,3,4,5' ? '1-5' : days.join(',')}`;
}

/** `每天 09:00`, `每周一、三 18:30`, `工作日 09:00` (Monday to Friday), `每月1日 10:00`. */
export function recurrencePhrase(r: Recurrence): string {
  if (r.every === 'day') return `每天 ${r.time}`;
  if (r.every === 'month') return `每月${r.day}日 ${r.time}`;
  const days = orderedDays(r.days);
  if (days.length === 7) return `每天 ${r.time}`;
  if (days.join(',') === '1,2,3,4,5') return `工作日 ${r.time}`;
  return `每周${days.map((d) => DAY_NAMES[d]).join('、')} ${r.time}`;
}

/**
 * The recurrence a cron stands for, when it has one of the shapes above (`0 9 * * 1-5` and a Sunday written
 * as 7 included); null for anything else (`*\/15 9-17 * * 1-5`), which callers show as it is.
 */
export function recurrenceFromCron(cron: string): Recurrence | null {
  const m = /^(\d{1,2}) (\d{1,2}) (\*|\d{1,2}) \* (\*|[0-7](?:,[0-7])*|1-5)$/.exec(cron.trim().replace(/\s+/g, ' '));
  if (!m) return null;
  const [minute, hour, dom, dow] = [Number(m[1]), Number(m[2]), m[3] as string, m[4] as string];
  if (minute > 59 || hour > 23) return null;
  const time = `${pad2(hour)}:${pad2(minute)}`;
  if (dom !== '*') {
    const day = Number(dom);
    return dow === '*' && day >= 1 && day <= 31 ? { every: 'month', day, time } : null;
  }
  if (dow === '*') return { every: 'day', time };
  const days = dow === '1-5' ? [1, 2, 3, 4, 5] : orderedDays(dow.split(',').map(Number));
  return days.length === 7 ? { every: 'day', time } : { every: 'week', days, time };
}
