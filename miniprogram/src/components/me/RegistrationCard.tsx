import { View } from '@tarojs/components';
import { countdown, formatTime } from '../../lib/format';
import { go, PAGES } from '../../lib/routes';
import { STATUS_LABELS, eventCancelled, type EventItem, type Registration } from '../../lib/types';
import { TicketQr } from '../TicketQr';
import { ActionButton } from '../ActionButton';
import { StatusTag } from '../StatusTag';
import { useNow } from './useNow';

/** Statuses the owner may still cancel (the api's ENDABLE list). */
const CANCELLABLE = new Set(['pending_approval', 'confirmed', 'waitlisted', 'offered']);
const WITH_TICKET = new Set(['confirmed', 'checked_in']);

interface Props {
  reg: Registration;
  event: EventItem | null;
  busy: boolean;
  onCancel: (reg: Registration) => void;
  onAccept: (reg: Registration) => void;
}

/**
 * One of "my registrations": the event, the status, the ticket, and what the user can do next. An event the
 * organizer cancelled says so with the reason, and leaves nothing to show at the door or to do.
 */
export function RegistrationCard({ reg, event, busy, onCancel, onAccept }: Props) {
  const called = eventCancelled(reg);
  // Past this point `status` drives the ticket and the buttons: none of them for a cancelled event.
  const status = called ? null : reg.status;
  const now = useNow(status === 'offered');
  const left = status === 'offered' ? countdown(reg.offerExpiresAt, now) : null;

  return (
    <View className={`section reg-card reg-card--${called ? 'event-cancelled' : reg.status}`}>
      <View className="reg-card__head">
        <View className="card__title reg-card__title" onClick={() => go(PAGES.eventDetail, { id: reg.eventId })}>
          {event?.title ?? '活动信息暂时无法加载'}
        </View>
        <StatusTag status={called ? 'event_cancelled' : reg.status}>
          {called ? '活动已取消' : STATUS_LABELS[reg.status]}
        </StatusTag>
      </View>
      <View className="card__meta">
        {event ? formatTime(event.startsAt) : '—'}
        {event?.venue ? ` · ${event.venue}` : ''}
      </View>

      {called ? (
        <View className="reg-card__note reg-card__note--cancelled" role="status">
          <View>活动已取消，无需到场签到</View>
          {reg.event?.cancelReason ? <View>{`取消原因：${reg.event.cancelReason}`}</View> : null}
        </View>
      ) : null}
      {status && WITH_TICKET.has(status) ? <TicketQr code={reg.ticketCode} /> : null}
      {status === 'waitlisted' && reg.waitlistPosition ? (
        <View className="reg-card__note">{`候补第 ${reg.waitlistPosition} 位`}</View>
      ) : null}
      {status === 'offered' ? (
        <View className="reg-card__note reg-card__note--offer">
          {`有空余名额，请在 ${formatTime(reg.offerExpiresAt)} 前确认`}
          {left ? <View className="muted">{`剩余 ${left}`}</View> : null}
        </View>
      ) : null}

      <View className="reg-card__actions">
        {status === 'offered' ? (
          <ActionButton size="small" disabled={busy} onClick={() => onAccept(reg)}>
            确认参加
          </ActionButton>
        ) : null}
        {status && CANCELLABLE.has(status) ? (
          <ActionButton size="small" type="default" disabled={busy} onClick={() => onCancel(reg)}>
            取消报名
          </ActionButton>
        ) : null}
      </View>
    </View>
  );
}
