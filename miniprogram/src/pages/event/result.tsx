import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { api, ApiError } from '../../lib/api';
import { go, PAGES, replace } from '../../lib/routes';
import { eventCancelled, type EventItem, type Registration } from '../../lib/types';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { ActionButton } from '../../components/ActionButton';
import { TicketCard } from '../../components/me/TicketCard';
import '../../components/me/me.scss';

interface Result {
  reg: Registration;
  event: EventItem | null;
}

async function loadResult(eventId: string, regId: string): Promise<Result> {
  // The event only adds its title and time; the registration is what this page is about.
  const [mine, event] = await Promise.all([
    api.get<{ items: Registration[] }>('/me/registrations'),
    api.get<EventItem>(`/events/${eventId}`).catch(() => null),
  ]);
  const reg = mine.items.find((r) => r.id === regId);
  if (!reg) throw new ApiError(404, 'not_found', '未找到这条报名记录');
  return { reg, event };
}

/** Back to the event: pop the stack when the detail page is right below us, else open it. */
function backToEvent(eventId: string) {
  const pages = Taro.getCurrentPages() as { route?: string; options?: Record<string, string> }[];
  const below = pages[pages.length - 2];
  const route = below?.route ? `/${below.route.replace(/^\//, '').split('?')[0]}` : '';
  if (route === PAGES.eventDetail && below?.options?.id === eventId) void Taro.navigateBack();
  else replace(PAGES.eventDetail, { id: eventId });
}

/** What happened to a sign-up, as a ticket: confirmed, waitlisted, waiting for approval, or offered a freed seat. */
export default function SignupResult() {
  const { params } = useRouter();
  const eventId = params.id ?? '';
  const regId = params.regId ?? '';
  const result = useLoad(() => loadResult(eventId, regId), [eventId, regId]);

  return (
    <View className="result">
      <PageState {...result} onRetry={result.reload}>
        {({ reg, event }) => {
          const called = eventCancelled(reg);
          return (
            <>
              <TicketCard reg={reg} event={event} />
              <View className="form-actions result__actions">
                <ActionButton block type="primary" onClick={() => go(PAGES.myRegistrations)}>
                  {/* Only a seat that admits has a ticket to look at; the rest is where the registration stands. */}
                  {!called && (reg.status === 'confirmed' || reg.status === 'checked_in') ? '查看我的票' : '查看我的报名'}
                </ActionButton>
                <ActionButton block type="default" onClick={() => backToEvent(reg.eventId)}>
                  返回活动
                </ActionButton>
              </View>
            </>
          );
        }}
      </PageState>
    </View>
  );
}
