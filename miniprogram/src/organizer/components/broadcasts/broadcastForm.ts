// The broadcast composer's state and its translation to the api's BroadcastInput (shared/src/schemas/broadcast.ts).
import { recurrenceCron, recurrencePhrase, recurrenceProblem, type Recurrence } from '@techbridge/shared/recurrence';
import { fromLocalInput } from '../../../lib/format';
import type { BroadcastAudience, BroadcastInputBody, BroadcastSchedule } from '../../types';

export interface BroadcastDraft {
  title: string;
  text: string;
  audienceKind: BroadcastAudience['kind'];
  regions: string[];
  topics: string[];
  audiences: string[];
  /** Comma-separated, as typed. */
  keywords: string;
  groupIds: string[];
  scheduleKind: BroadcastSchedule['kind'];
  /** Shanghai local `YYYY-MM-DD HH:mm`. */
  at: string;
  /** 周期发送, chosen rather than typed: every day, on some week days, or on a day of the month, at a time. */
  repeatEvery: Recurrence['every'];
  /** Week days ticked, '0' (Sunday) to '6'. */
  repeatDays: string[];
  /** Day of the month as typed (1-31). */
  repeatMonthDay: string;
  /** `HH:mm`. */
  repeatTime: string;
}

export const EMPTY_BROADCAST: BroadcastDraft = {
  title: '',
  text: '',
  audienceKind: 'all',
  regions: [],
  topics: [],
  audiences: [],
  keywords: '',
  groupIds: [],
  scheduleKind: 'now',
  at: '',
  repeatEvery: 'week',
  repeatDays: ['1'],
  repeatMonthDay: '1',
  repeatTime: '09:00',
};

/** Field keys the composer shows errors under; errors for anything else go to the banner. */
export const BROADCAST_FIELDS = [
  'title',
  'text',
  'audience.kind',
  'audience.regions',
  'audience.topics',
  'audience.audiences',
  'audience.keywords',
  'audience.groupIds',
  'schedule.kind',
  'schedule.at',
  'schedule.cron',
] as const;

export const AUDIENCE_KINDS = [
  { value: 'all', label: '全部群' },
  { value: 'filter', label: '按条件筛选' },
  { value: 'groups', label: '指定群' },
] as const;

export const SCHEDULE_KINDS = [
  { value: 'now', label: '立即发送' },
  { value: 'once', label: '定时发送' },
  { value: 'cron', label: '周期发送' },
] as const;

export const REPEAT_KINDS = [
  { value: 'day', label: '每天' },
  { value: 'week', label: '每周' },
  { value: 'month', label: '每月' },
] as const;

/** Monday first, as a Chinese calendar shows the week. */
export const WEEK_DAYS = ['1', '2', '3', '4', '5', '6', '0'].map((value) => ({
  value,
  label: `周${'日一二三四五六'[Number(value)]}`,
}));

/** The recurrence the 周期发送 choices describe. */
export function draftRecurrence(d: BroadcastDraft): Recurrence {
  if (d.repeatEvery === 'day') return { every: 'day', time: d.repeatTime };
  if (d.repeatEvery === 'month') return { every: 'month', day: Number(d.repeatMonthDay.trim()), time: d.repeatTime };
  return { every: 'week', days: d.repeatDays.map(Number), time: d.repeatTime };
}

/** `每周一、三 09:00`, or null while the choices are incomplete. */
export function draftRepeatPhrase(d: BroadcastDraft): string | null {
  const r = draftRecurrence(d);
  return recurrenceProblem(r) ? null : recurrencePhrase(r);
}

const splitList = (text: string) =>
  text
    .split(/[,，、;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Checks that need the typed text rather than the converted body; keyed like the api's field errors. */
export function checkDraft(d: BroadcastDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (d.scheduleKind === 'once') {
    if (!d.at.trim()) errors['schedule.at'] = '请填写发送时间';
    else if (!fromLocalInput(d.at)) errors['schedule.at'] = '时间格式应为 YYYY-MM-DD HH:mm，例如 2026-12-01 09:00';
  }
  if (d.scheduleKind === 'cron') {
    const problem = recurrenceProblem(draftRecurrence(d));
    if (problem) errors['schedule.cron'] = problem;
  }
  if (d.audienceKind === 'groups' && d.groupIds.length === 0) errors['audience.groupIds'] = '请至少选择一个群';
  // The matcher needs a region, and a topic or keyword, or no group can match (shared/src/matching.ts).
  if (d.audienceKind === 'filter') {
    if (d.regions.length === 0) errors['audience.regions'] = '请至少选择一个地区（选「全国」即不限地区）';
    if (d.topics.length === 0 && splitList(d.keywords).length === 0)
      errors['audience.topics'] = '请至少选择一个主题，或填写关键词';
  }
  return errors;
}

/** The cron of the 周期发送 choices; empty while they are incomplete (checkDraft names what is missing). */
function cronOf(d: BroadcastDraft): string {
  const r = draftRecurrence(d);
  return recurrenceProblem(r) ? '' : recurrenceCron(r);
}

export function toBody(d: BroadcastDraft): BroadcastInputBody {
  const audience: BroadcastAudience =
    d.audienceKind === 'filter'
      ? { kind: 'filter', regions: d.regions, topics: d.topics, audiences: d.audiences, keywords: splitList(d.keywords) }
      : d.audienceKind === 'groups'
        ? { kind: 'groups', groupIds: d.groupIds }
        : { kind: 'all' };
  const schedule: BroadcastSchedule =
    d.scheduleKind === 'once'
      ? { kind: 'once', at: fromLocalInput(d.at) ?? d.at }
      : d.scheduleKind === 'cron'
        ? { kind: 'cron', cron: cronOf(d) }
        : { kind: 'now' };
  return { title: d.title.trim(), text: d.text.trim(), audience, schedule };
}
