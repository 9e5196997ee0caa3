import { countdown, formatTime } from '../format';

/** `2026年12月3日`: the date part of formatTime, for items where the hour means nothing (a policy's issue date). */
export function formatDate(iso: string | null | undefined): string {
  return formatTime(iso).split('（')[0]!;
}

/** An event's time range; the end shows only its clock time when it is on the same day. */
export function formatRange(start: string, end: string | null | undefined): string {
  const from = formatTime(start);
  if (!end) return from;
  const to = formatTime(end);
  return formatDate(start) === formatDate(end) ? `${from} - ${to.slice(-5)}` : `${from} 至 ${to}`;
}

/** A window like 申报时间 or 报名时间; an open end is described instead of shown as a dash. */
export function formatWindow(opensAt: string | null | undefined, closesAt: string | null | undefined): string {
  if (!opensAt && !closesAt) return '不限';
  if (!opensAt) return `即日起至 ${formatTime(closesAt)}`;
  if (!closesAt) return `${formatTime(opensAt)} 起`;
  return `${formatTime(opensAt)} 至 ${formatTime(closesAt)}`;
}

export type WindowState = 'upcoming' | 'open' | 'closed' | 'rolling';

/** Where an application window stands now, with the Chinese words the program pages show. */
export function windowState(
  opensAt: string | null | undefined,
  closesAt: string | null | undefined,
  now: number = Date.now(),
): { state: WindowState; text: string } {
  if (opensAt && Date.parse(opensAt) > now) return { state: 'upcoming', text: '尚未开始' };
  if (!closesAt) return { state: 'rolling', text: '长期开放' };
  const left = countdown(closesAt, now);
  return left ? { state: 'open', text: `距截止还有 ${left}` } : { state: 'closed', text: '已截止' };
}
