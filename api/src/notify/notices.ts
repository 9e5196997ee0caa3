/**
 * The messages people receive, one builder per reason. Each returns a Notice whose `key` names the
 * reason exactly (so it is recorded once) and whose values fill the kind's template.
 */
import { REGISTRATION_STATUS_LABELS as STATUS, formatShanghai } from '@techbridge/shared';
import type { Types } from 'mongoose';
import type { Notice } from './outbox.js';

/** What the builders read from an event. */
export interface EventFacts {
  _id: Types.ObjectId | string;
  title: string;
  startsAt: Date;
  venue?: string | null;
  address?: string | null;
  onlineUrl?: string | null;
}

/** What the builders read from a registration. */
export interface RegFacts {
  _id: Types.ObjectId | string;
  user: Types.ObjectId | string;
}

const eventPage = (e: EventFacts) => `pages/event/detail?id=${String(e._id)}`;
export const placeOf = (e: Pick<EventFacts, 'venue' | 'address' | 'onlineUrl'>) =>
  [e.venue, e.address].filter(Boolean).join(' ') || (e.onlineUrl ? '线上' : '待定');

// The status words are the app's own (shared labels), so the notice and 我的报名 say the same thing.
const RESULT_WORDS = {
  confirmed: { status: STATUS.confirmed, note: '请按时参加，凭电子票签到' },
  waitlisted: { status: STATUS.waitlisted, note: '有名额空出时会通知您' },
  approved: { status: '审核通过', note: '请按时参加，凭电子票签到' },
  approved_waitlisted: { status: '审核通过', note: '名额已满，您已进入候补' },
  rejected: { status: STATUS.rejected, note: '感谢关注，欢迎报名其他活动' },
} as const;

/** Sign-up confirmed / waitlisted, a presenter approved (seat or waitlist) or rejected. */
export function registrationNotice(
  reg: RegFacts,
  event: EventFacts,
  result: keyof typeof RESULT_WORDS,
): Notice<'registration_result'> {
  const words = RESULT_WORDS[result];
  return {
    key: `registration:${String(reg._id)}:${result}`,
    userId: reg.user,
    kind: 'registration_result',
    eventId: event._id,
    page: 'pages/me/registrations',
    values: { title: event.title, status: words.status, startsAt: event.startsAt, note: words.note },
  };
}

/** A freed seat held for this person until `deadline`. */
export function offerNotice(reg: RegFacts, event: EventFacts, deadline: Date): Notice<'waitlist_offer'> {
  return {
    key: `offer:${String(reg._id)}`,
    userId: reg.user,
    kind: 'waitlist_offer',
    eventId: event._id,
    page: 'pages/me/registrations',
    values: { title: event.title, deadline, note: `请在${formatShanghai(deadline)}前确认，逾期名额顺延` },
  };
}

/** `hours` before the start. */
export function reminderNotice(userId: Types.ObjectId | string, event: EventFacts, hours: number): Notice<'event_reminder'> {
  return {
    key: `reminder:${String(event._id)}:${hours}h:${String(userId)}`,
    userId,
    kind: 'event_reminder',
    eventId: event._id,
    page: eventPage(event),
    values: { title: event.title, startsAt: event.startsAt, place: placeOf(event) },
  };
}

/** The event's time or place changed; `sequence` is the event's version after the change. */
export function changeNotice(
  userId: Types.ObjectId | string,
  event: EventFacts,
  sequence: number,
  note: string,
): Notice<'event_changed'> {
  return {
    key: `changed:${String(event._id)}:${sequence}:${String(userId)}`,
    userId,
    kind: 'event_changed',
    eventId: event._id,
    page: eventPage(event),
    values: { title: event.title, startsAt: event.startsAt, place: placeOf(event), note },
  };
}

export function cancelNotice(userId: Types.ObjectId | string, event: EventFacts, reason: string): Notice<'event_cancelled'> {
  return {
    key: `cancelled:${String(event._id)}:${String(userId)}`,
    userId,
    kind: 'event_cancelled',
    eventId: event._id,
    page: eventPage(event),
    values: { title: event.title, startsAt: event.startsAt, reason },
  };
}

/** A newly published item matching the person's 我的订阅; `day` (Shanghai `YYYY-MM-DD`) keeps it to one a day. */
export function contentNotice(
  userId: Types.ObjectId | string,
  item: { type: 'policy' | 'event'; id: string; title: string },
  day: string,
): Notice<'new_content'> {
  return {
    key: `content:${String(userId)}:${day}`,
    userId,
    kind: 'new_content',
    eventId: item.type === 'event' ? item.id : null,
    page: `pages/${item.type}/detail?id=${item.id}`,
    values: { title: item.title, type: item.type === 'policy' ? '新政策' : '新活动', note: '符合您订阅的地区和主题' },
  };
}
