import { STATUS_LABELS, type EventItem, type Registration } from '../types';
import { signupAction } from './eventState';

export interface SignupBarState {
  /** Left of the button: seats, or where the user's own registration stands. */
  status: string;
  label: string;
  enabled: boolean;
  /** What the button opens: the sign-up form, or the user's registrations (their ticket). */
  target: 'signup' | 'mine' | null;
  /** The colour of the status line. */
  tone: 'open' | 'waitlist' | 'closed' | 'mine' | 'cancelled';
}

/** What the event page's bottom bar says and does, from the event and the user's registration on it. */
export function signupBarState(
  event: Pick<EventItem, 'availability' | 'registration' | 'status'>,
  registration: Pick<Registration, 'status'> | null,
): SignupBarState {
  const cancelled = event.status === 'cancelled';
  if (registration) {
    // A cancelled event keeps the registration as it was: point to it, but no ticket to show at the door.
    if (cancelled) return { status: '活动已取消', label: '查看我的报名', enabled: true, target: 'mine', tone: 'cancelled' };
    return {
      status: `已报名 · ${STATUS_LABELS[registration.status]}`,
      label: '查看票券',
      enabled: true,
      target: 'mine',
      tone: 'mine',
    };
  }
  if (cancelled) return { status: '活动已取消', label: '活动已取消', enabled: false, target: null, tone: 'cancelled' };
  const seats = event.availability?.label ?? `共 ${event.registration.capacity} 席`;
  const action = signupAction(event);
  switch (event.availability?.state) {
    case 'closed':
      return { status: seats, label: '已截止', enabled: false, target: null, tone: 'closed' };
    case 'full':
      return { status: seats, label: '名额已满', enabled: false, target: null, tone: 'closed' };
    case 'not_open':
      return { status: seats, label: '尚未开始', enabled: false, target: null, tone: 'closed' };
    case 'waitlist':
      return { status: seats, label: action.label, enabled: true, target: 'signup', tone: 'waitlist' };
    default:
      return { status: seats, label: action.label, enabled: true, target: 'signup', tone: 'open' };
  }
}
