import { View } from '@tarojs/components';
import { DateText } from '../browse/DateText';
import { TicketQr } from '../TicketQr';
import { formatRange } from '../../lib/browse/time';
import { placeOf } from '../../lib/browse/eventState';
import { maskName } from '../../lib/maskName';
import { eventCancelled, type EventItem, type Registration } from '../../lib/types';
import { describeStatus } from './statusText';
import './ticket.scss';

/** Statuses that get someone in at the door: only these show the QR code. */
const ADMITS = new Set(['confirmed', 'checked_in']);
const ROLE_LABELS = { attendee: '参会', presenter: '路演项目方' } as const;

/**
 * The sign-up result as a ticket: what happened (报名成功, 候补, 待审核, 活动已取消 …) on the stub; the event,
 * the holder (name masked, for whoever glances at the phone) and, when it admits them, the QR code below a
 * perforated tear line.
 */
export function TicketCard({ reg, event }: { reg: Registration; event: EventItem | null }) {
  const text = describeStatus(reg);
  const called = eventCancelled(reg);
  const tone = called ? 'event-cancelled' : reg.status;
  return (
    <View className={`ticket ticket--${tone}`}>
      <View className={`ticket__stub result__status result__status--${tone}`}>
        <View className="result__title">{text.title}</View>
        {text.detail ? <View className="result__detail">{text.detail}</View> : null}
        {text.hint ? <View className="muted result__hint">{text.hint}</View> : null}
      </View>
      <View className="ticket__body">
        {event ? (
          <>
            <View className="ticket__title">{event.title}</View>
            <View className="ticket__row">
              <View className="ticket__label">时间</View>
              <DateText className="ticket__value" text={formatRange(event.startsAt, event.endsAt)} />
            </View>
            <View className="ticket__row">
              <View className="ticket__label">地点</View>
              <View className="ticket__value">{placeOf(event)}</View>
            </View>
          </>
        ) : (
          <View className="muted">活动信息暂时无法加载</View>
        )}
        <View className="ticket__row">
          <View className="ticket__label">报名人</View>
          <View className="ticket__value ticket__holder">{`${maskName(reg.name)}（${ROLE_LABELS[reg.role]}）`}</View>
        </View>
      </View>
      {!called && ADMITS.has(reg.status) ? (
        <>
          <View className="ticket__tear" aria-hidden="true" />
          <View className="ticket__qr">
            <TicketQr code={reg.ticketCode} />
            <View className="muted ticket__qr-hint">入场时出示此码签到</View>
          </View>
        </>
      ) : null}
    </View>
  );
}
