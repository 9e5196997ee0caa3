import { View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { PageState } from '../../components/PageState';
import { FacetTags } from '../../components/FacetTags';
import { EventSignup } from '../../components/browse/EventSignup';
import { ExternalLink } from '../../components/browse/ExternalLink';
import { InfoRow, Prose } from '../../components/browse/InfoRow';
import { NotFound } from '../../components/browse/NotFound';
import { apiUrl } from '../../lib/api';
import { STATE_TAG } from '../../lib/browse/eventState';
import { getOrNull } from '../../lib/browse/getOrNull';
import { myRegistration } from '../../lib/browse/myRegistration';
import { useDetailParams } from '../../lib/browse/params';
import { useRecordOpen } from '../../lib/recordOpen';
import { formatRange, formatWindow } from '../../lib/browse/time';
import { useNavTitle } from '../../lib/browse/useNavTitle';
import { eventKindLabel } from '../../lib/format';
import { PAGES } from '../../lib/routes';
import type { EventItem, Registration } from '../../lib/types';
import { useLoad } from '../../lib/useLoad';

interface Detail {
  event: EventItem;
  registration: Registration | null;
}

// useLoad reloads on page show, so coming back from the sign-up form shows the new registration and seats.
async function loadDetail(id: string | undefined): Promise<Detail | null> {
  const [event, registration] = await Promise.all([getOrNull<EventItem>('/events', id), myRegistration(id)]);
  return event ? { event, registration } : null;
}

function seatsText(e: EventItem): string {
  const { state, seatsLeft } = e.availability ?? { state: 'closed', seatsLeft: 0 };
  const left = state === 'open' || state === 'not_open' ? `，剩余 ${seatsLeft} 席` : '';
  return `共 ${e.registration.capacity} 席${left}`;
}

/** 上海技术交易所（上海市杨浦区）, or whichever of the two is known. */
const venueLine = (e: EventItem) => (e.venue && e.address ? `${e.venue}（${e.address}）` : (e.venue ?? e.address ?? ''));

export default function EventDetail() {
  const { id, t } = useDetailParams();
  useRecordOpen('event', id, t);
  const detail = useLoad(() => loadDetail(id), [id]);
  useNavTitle(detail.data?.event.title);

  return (
    <View className="event-detail">
      <PageState {...detail} onRetry={detail.reload}>
        {(d) => {
          if (d === null) return <NotFound title="活动不存在或已下线" backTo={PAGES.eventList} backLabel="查看全部活动" />;
          const e = d.event;
          return (
            <>
              <View className="section">
                <View className="detail__head">
                  <Tag type="primary" className="event-detail__kind">
                    {eventKindLabel(e.kind)}
                  </Tag>
                </View>
                <View className="detail__title">{e.title}</View>
                <InfoRow label="时间">{formatRange(e.startsAt, e.endsAt)}</InfoRow>
                {e.venue || e.address ? <InfoRow label="地点">{venueLine(e)}</InfoRow> : null}
                {e.onlineUrl ? (
                  <InfoRow label="线上参会">
                    <ExternalLink url={e.onlineUrl} className="link event-detail__online">
                      打开参会链接
                    </ExternalLink>
                  </InfoRow>
                ) : null}
                {!e.venue && !e.address && !e.onlineUrl ? <InfoRow label="地点">地点待定</InfoRow> : null}
                {e.organizer ? <InfoRow label="主办">{e.organizer}</InfoRow> : null}
                {e.code ? (
                  <InfoRow label="活动编号">
                    <View className="event-detail__code">{`${e.code}（群内发送「报名 ${e.code}」获取报名链接）`}</View>
                  </InfoRow>
                ) : null}
                <FacetTags regions={e.regions} topics={e.topics} audiences={e.audiences} />
              </View>

              <View className="section event-detail__registration">
                <View className="section__title">报名</View>
                {e.status === 'cancelled' ? (
                  <View className="form-error event-detail__cancelled" role="alert">
                    活动已取消{e.cancelReason ? `：${e.cancelReason}` : ''}
                  </View>
                ) : null}
                {e.availability ? (
                  <InfoRow label="状态">
                    <Tag type={STATE_TAG[e.availability.state]} className="event-detail__state">
                      {e.availability.label}
                    </Tag>
                  </InfoRow>
                ) : null}
                <InfoRow label="名额">{seatsText(e)}</InfoRow>
                <InfoRow label="报名时间">{formatWindow(e.registration.opensAt, e.registration.closesAt)}</InfoRow>
                {e.registration.approvalRequired ? <View className="muted detail__note">路演项目方报名需主办方审核</View> : null}
                <EventSignup event={e} registration={d.registration} t={t} />
                <View className="detail__actions">
                  <ExternalLink url={apiUrl(`/events/${e.id}/calendar.ics`)} download className="link event-detail__calendar">
                    添加到日历
                  </ExternalLink>
                </View>
              </View>

              {e.summary || e.description ? (
                <View className="section event-detail__about">
                  <View className="section__title">活动介绍</View>
                  {e.summary ? <Prose text={e.summary} /> : null}
                  {e.description ? <Prose text={e.description} className="detail__note" /> : null}
                </View>
              ) : null}
            </>
          );
        }}
      </PageState>
    </View>
  );
}
