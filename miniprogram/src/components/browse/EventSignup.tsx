import { View } from '@tarojs/components';
import { StatusTag } from '../StatusTag';
import { signupAction } from '../../lib/browse/eventState';
import { formatTime } from '../../lib/format';
import { STATUS_LABELS, type EventItem, type Registration } from '../../lib/types';
import { DateText } from './DateText';
import { InfoRow } from './InfoRow';
import './browse.scss';

interface Props {
  event: EventItem;
  /** The user's active registration for this event, if signed in and registered. */
  registration: Registration | null;
}

/**
 * Where the user stands on an event's sign-up, in its 报名 section: their own registration when there is one,
 * else why signing up is not possible (or what the waitlist means). The button itself is the page's SignupBar.
 */
export function EventSignup({ event, registration }: Props) {
  if (registration) {
    // A cancelled event leaves the registration as it was: say the event is off, not 报名成功.
    const called = event.status === 'cancelled';
    return (
      <View className="event-signup event-signup--registered">
        <InfoRow label="我的报名">
          <StatusTag status={called ? 'event_cancelled' : registration.status} className="event-signup__status">
            {called ? '活动已取消' : STATUS_LABELS[registration.status]}
          </StatusTag>
        </InfoRow>
        {!called && registration.status === 'waitlisted' && registration.waitlistPosition ? (
          <View className="muted">当前候补第 {registration.waitlistPosition} 位</View>
        ) : null}
        {!called && registration.status === 'offered' && registration.offerExpiresAt ? (
          <View className="muted">
            <DateText text={`有名额空出，请于 ${formatTime(registration.offerExpiresAt)} 前在“我的报名”中确认`} />
          </View>
        ) : null}
      </View>
    );
  }
  if (event.status === 'cancelled') return null;
  const note = signupAction(event).note;
  return note ? (
    <View className="muted detail__note event-signup__note">
      <DateText text={note} />
    </View>
  ) : null;
}
