import { formatTime } from '../format';
import type { EventItem } from '../types';

export interface SignupAction {
  label: '立即报名' | '加入候补';
  enabled: boolean;
  /** Why the button is disabled, or what joining the waitlist means. */
  note?: string;
}

/** What the sign-up button says and whether it works, from the event's availability. */
export function signupAction(event: Pick<EventItem, 'availability' | 'registration'>): SignupAction {
  switch (event.availability?.state) {
    case 'waitlist':
      return { label: '加入候补', enabled: true, note: '名额已满，可加入候补，有空位时按顺序递补' };
    case 'not_open':
      return {
        label: '立即报名',
        enabled: false,
        note: event.registration.opensAt ? `报名将于 ${formatTime(event.registration.opensAt)} 开始` : '报名尚未开始',
      };
    case 'full':
      return { label: '立即报名', enabled: false, note: '名额已满' };
    case 'closed':
      return { label: '立即报名', enabled: false, note: '报名已截止' };
    default:
      // 'open', or no availability in the response: let the sign-up page have the final word.
      return { label: '立即报名', enabled: true };
  }
}

/** Where an event happens, as its card shows it. */
export const placeOf = (e: Pick<EventItem, 'venue' | 'onlineUrl'>): string => e.venue ?? (e.onlineUrl ? '线上' : '地点待定');
