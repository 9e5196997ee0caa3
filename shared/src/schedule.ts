/**
 * Broadcast schedules and delivery timing, all in Asia/Shanghai. Organizers write schedules as Chinese
 * phrases (每周一 09:00); the scheduler (node-schedule) and this module both read the resulting 5-field cron
 * through cron-parser, so a schedule means the same thing in the preview as when it fires.
 */
import cronParser from 'cron-parser';
import type { DeliverySettings } from './schemas/group.js';
import { recurrenceFromCron, recurrencePhrase } from './recurrence.js';
import { SHANGHAI_TZ, shanghaiDateParts } from './time.js';

/** A daily time range in Shanghai time, `HH:mm` each; `start` > `end` crosses midnight (22:00-08:00). */
export interface QuietRange {
  start: string;
  end: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Shanghai has had no daylight saving since 1991, so local midnight is always 16:00Z of the day before.
const SHANGHAI_OFFSET = 8 * 60 * MINUTE;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `9:00`, `09:00` or `9：00` → `09:00`; null when it is not a valid time of day. */
export function normalizeClock(text: string): string | null {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  return hour <= 23 && minute <= 59 ? `${pad2(hour)}:${pad2(minute)}` : null;
}

function clockMinutes(clock: string): number {
  const normal = normalizeClock(clock);
  if (normal === null) throw new RangeError(`时间格式应为 HH:mm：${clock}`);
  return Number(normal.slice(0, 2)) * 60 + Number(normal.slice(3));
}

function checkDate(d: Date): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError('无效的时间');
  return t;
}

/** UTC instant of Shanghai midnight starting the Shanghai day that contains `t`. */
function shanghaiMidnight(t: number): number {
  return Math.floor((t + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET;
}

const DAY_DIGITS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const PHRASE_HELP = '请写成「每天 09:00」「每周一、三 18:30」「工作日 09:00」「每月1日 10:00」或 5 段 cron 表达式';

/** Throws unless cron-parser accepts the expression and it fires at least once. */
function validateCron(cron: string): void {
  cronParser.parseExpression(cron, { tz: SHANGHAI_TZ }).next();
}

/**
 * Reads a schedule phrase: `每天 09:00`, `每周一 09:00`, `每周一、三 18:30` (一…六, 日/天), `工作日 09:00`,
 * `每月1日 10:00` / `每月15号 10:00`, or a raw 5-field cron. Returns a standard 5-field cron
 * (minute hour day-of-month month day-of-week) or a Chinese error message.
 */
export function parseSchedulePhrase(phrase: string): { cron: string } | { error: string } {
  const text = phrase.replace(/[\s\u3000]+/g, ' ').trim();
  if (text === '') return { error: `时间安排不能为空，${PHRASE_HELP}` };
  const m = /^(每天|每日|工作日|每周([一二三四五六日天、,，]+)|每月(\d{1,2})[日号]) ?(\d{1,2}[:：]\d{2})$/.exec(text);
  if (m) {
    const clock = normalizeClock(m[4] ?? '');
    if (clock === null) return { error: '时间应在 00:00 到 23:59 之间' };
    const [hour, minute] = [Number(clock.slice(0, 2)), Number(clock.slice(3))];
    if (m[2] !== undefined) {
      const days = [...new Set([...m[2]].filter((c) => c in DAY_DIGITS).map((c) => DAY_DIGITS[c] as number))];
      if (days.length === 0) return { error: `没有写星期几，${PHRASE_HELP}` };
      return { cron: `${minute} ${hour} * * ${days.sort((a, b) => a - b).join(',')}` };
    }
    if (m[3] !== undefined) {
      const dom = Number(m[3]);
      if (dom < 1 || dom > 31) return { error: '每月的日期应在 1 到 31 之间' };
      return { cron: `${minute} ${hour} ${dom} * *` };
    }
    return { cron: `${minute} ${hour} * * ${m[1] === '工作日' ? '1-5' : '*'}` };
  }
  // cron-parser also takes 6 fields (seconds) and pads short ones; the scheduler contract is exactly 5.
  if (text.split(' ').length !== 5 || /[\u4e00-\u9fff]/.test(text)) return { error: `无法识别的时间安排，${PHRASE_HELP}` };
  try {
    validateCron(text);
  } catch (err) {
    return { error: `cron 表达式无效（${(err as Error).message}），${PHRASE_HELP}` };
  }
  return { cron: text };
}

/** The next `count` fire times of a cron in Shanghai time, strictly after `from`. Throws on an invalid cron. */
export function nextFireTimes(cron: string, from: Date, count: number): Date[] {
  const it = cronParser.parseExpression(cron, { currentDate: new Date(checkDate(from)), tz: SHANGHAI_TZ });
  const out: Date[] = [];
  while (out.length < count) out.push(it.next().toDate());
  return out;
}

/** The latest fire time at or before `before`, or null when there is none. Throws on an invalid cron. */
export function previousFireTime(cron: string, before: Date): Date | null {
  // cron-parser's prev() is strictly before its start; starting 1 ms later makes `before` itself count.
  const it = cronParser.parseExpression(cron, { currentDate: new Date(checkDate(before) + 1), tz: SHANGHAI_TZ });
  try {
    return it.prev().toDate();
  } catch {
    return null;
  }
}

/** The minute of the Shanghai day of an instant (0…1439). */
function shanghaiMinuteOfDay(at: Date): number {
  const p = shanghaiDateParts(at);
  return p.hour * 60 + p.minute;
}

/**
 * True when `at` falls in the quiet range (Shanghai time): start inclusive, end exclusive, crossing
 * midnight when start > end. An empty range (start = end) is never quiet, so a delivery is never held forever.
 */
export function inQuietHours(at: Date, quiet: QuietRange | null): boolean {
  checkDate(at);
  if (quiet === null) return false;
  const [start, end, now] = [clockMinutes(quiet.start), clockMinutes(quiet.end), shanghaiMinuteOfDay(at)];
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The instant the quiet range containing `at` ends; `at` itself when it is not in quiet hours. */
export function quietHoursEnd(at: Date, quiet: QuietRange | null): Date {
  const t = checkDate(at);
  if (quiet === null || !inQuietHours(at, quiet)) return new Date(t);
  // The end is the first `end` o'clock after `at`: today's if still ahead, else tomorrow's.
  const endToday = shanghaiMidnight(t) + clockMinutes(quiet.end) * MINUTE;
  return new Date(endToday > t ? endToday : endToday + DAY);
}

/** What delivery timing needs from a group's settings (the `delivery` of a group). */
export type DeliveryTiming = Pick<DeliverySettings, 'mode' | 'digestAt' | 'quietHours'>;

/**
 * The earliest time a delivery may go out to a group. Instant: now, or the end of quiet hours when now is
 * inside them. Digest: the next digestAt (Shanghai) at or after now, moved to the end of quiet hours when it
 * falls inside them. Never earlier than now, and always a time: quiet hours and digests delay, never drop.
 */
export function deliveryNotBefore(now: Date, settings: DeliveryTiming): Date {
  const t = checkDate(now);
  let at = t;
  if (settings.mode === 'digest') {
    const today = shanghaiMidnight(t) + clockMinutes(settings.digestAt) * MINUTE;
    at = today >= t ? today : today + DAY;
  }
  return quietHoursEnd(new Date(at), settings.quietHours);
}

/** Chinese reading of the cron shapes parseSchedulePhrase produces (每周一、三 18:30); else the cron itself. */
export function describeCron(cron: string): string {
  const r = recurrenceFromCron(cron);
  return r ? recurrencePhrase(r) : cron;
}
