import type { DeliveryOutcome, Funnel, GroupChannel } from '@techbridge/shared';
import type { Column } from './FigureTable';

/** A colour per meaning, the same in every chart: what was sent blue, failures red, what people did warm to green. */
export const STEP_COLORS = {
  planned: '#9db5ff',
  pushed: '#1f5eff',
  delivered: '#1f5eff',
  failed: '#e74c3c',
  waiting: '#bdc3c7',
  skipped: '#bdc3c7',
  opened: '#f5a623',
  signedUp: '#17a673',
  confirmed: '#8e44ad',
  checkedIn: '#2c3e50',
} as const;

/** The steps of a pushed link, in order; the same words in charts, tables and the CSV. */
export const FUNNEL_STEPS: { key: keyof Funnel; label: string }[] = [
  { key: 'pushed', label: '推送到群' },
  { key: 'opened', label: '打开链接' },
  { key: 'signedUp', label: '报名' },
  { key: 'confirmed', label: '确认参加' },
  { key: 'checkedIn', label: '签到' },
];

export const CHANNEL_LABELS: Record<GroupChannel, string> = { wechat: '微信群', wecom: '企业微信群' };

/** Delivery outcome figures a table shows (the CSV has every one, planned and skipped included). */
export const OUTCOME_COLUMNS: { key: keyof DeliveryOutcome; label: string }[] = [
  { key: 'delivered', label: '送达' },
  { key: 'failed', label: '失败' },
  { key: 'opened', label: '打开' },
  { key: 'signedUp', label: '报名' },
  { key: 'checkedIn', label: '签到' },
];

/** Funnel figures a per-group or per-channel table shows. */
export const FUNNEL_COLUMNS: Column[] = [
  { key: 'pushed', label: '推送' },
  { key: 'opened', label: '打开' },
  { key: 'signedUp', label: '报名' },
  { key: 'confirmed', label: '确认' },
  { key: 'checkedIn', label: '签到' },
];

/** `n` as a share of `of`, `38%`; a dash when there is nothing to divide by. */
export function percent(n: number, of: number): string {
  return of > 0 ? `${Math.round((n * 100) / of)}%` : '—';
}

/** `2026-12-03` → `12月3日`. */
export function dayText(day: string): string {
  const [, m, d] = day.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** How many rows a bar chart draws; the table lists them all. */
export const CHART_TOP = 8;
