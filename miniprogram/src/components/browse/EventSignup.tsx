import { View } from '@tarojs/components';
import { ActionButton } from '../ActionButton';
import { StatusTag } from '../StatusTag';
import { signupAction } from '../../lib/browse/eventState';
import { formatTime } from '../../lib/format';
import { go, PAGES } from '../../lib/routes';
import { STATUS_LABELS, type EventItem, type Registration } from '../../lib/types';
import { InfoRow } from './InfoRow';
import './browse.scss';

interface Props {
  event: EventItem;
  /** The user's active registration for this event, if signed in and registered. */
  registration: Registration | null;
  /** Tracking code of the pushed link the user came from, handed on to the sign-up form. */
  t: string | undefined;
}

/** The sign-up button of an event, or the user's own registration when there already is one. */
export function EventSignup({ event, registration, t }: Props) {
  if (registration) {
    // A cancelled event leaves the registration as it was: say the event is off, not 报名成功, and offer no ticket.
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
          <View className="muted">有名额空出，请于 {formatTime(registration.offerExpiresAt)} 前在“我的报名”中确认</View>
        ) : null}
        <View className="detail__actions">
          <ActionButton block type="primary" className="event-signup__tickets" onClick={() => go(PAGES.myRegistrations)}>
            {called ? '查看我的报名' : '查看我的票'}
          </ActionButton>
        </View>
      </View>
    );
  }

  const action = signupAction(event);
  return (
    <View className="event-signup">
      <View className="detail__actions">
        <ActionButton
          block
          type="primary"
          className="event-signup__button"
          disabled={!action.enabled}
          onClick={() => go(PAGES.eventSignup, { id: event.id, t })}
        >
          {action.label}
        </ActionButton>
      </View>
      {action.note ? <View className="muted detail__note event-signup__note">{action.note}</View> : null}
    </View>
  );
}
