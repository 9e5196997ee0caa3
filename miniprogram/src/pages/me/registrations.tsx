import { useState } from 'react';
import { View } from '@tarojs/components';
import { usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import { api, ApiError } from '../../lib/api';
import type { EventItem, Registration } from '../../lib/types';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { ConfirmDialog } from '../../components/me/ConfirmDialog';
import { RegistrationCard } from '../../components/me/RegistrationCard';
import { eventsById } from '../../components/me/eventCache';
import { useToast } from '../../components/me/useToast';
import '../../components/me/me.scss';

interface Item {
  reg: Registration;
  event: EventItem | null;
}

async function loadMine(): Promise<Item[]> {
  const { items } = await api.get<{ items: Registration[] }>('/me/registrations');
  const events = await eventsById(items.map((r) => r.eventId));
  return items.map((reg) => ({ reg, event: events.get(reg.eventId) ?? null }));
}

/** The user's registrations and tickets, with cancel and accept-offer. */
export default function MyRegistrations() {
  const mine = useLoad(loadMine);
  const [cancelling, setCancelling] = useState<Registration | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const { toast, showToast } = useToast();
  usePullDownRefresh(() => {
    mine.reload();
    void stopPullDownRefresh();
  });

  const act = async (reg: Registration, verb: 'cancel' | 'accept', done: string) => {
    setBusyId(reg.id);
    setActionError(null);
    try {
      await api.post<Registration>(`/events/${reg.eventId}/registrations/${reg.id}/${verb}`);
      showToast(done, 'success');
    } catch (e) {
      const message = e instanceof ApiError ? e.message : '操作失败，请稍后重试';
      setActionError(message);
      showToast(message, 'fail');
    } finally {
      setBusyId(null);
      setCancelling(null);
      // Reload either way: a failure often means the status changed elsewhere (offer expired, organizer acted).
      mine.reload();
    }
  };

  return (
    <View className="my-registrations">
      {toast}
      {actionError ? (
        <View className="form-error" role="alert">
          {actionError}
        </View>
      ) : null}
      <PageState {...mine} onRetry={mine.reload} isEmpty={(items) => items.length === 0} emptyText="还没有报名任何活动">
        {(items) =>
          items.map(({ reg, event }) => (
            <RegistrationCard
              key={reg.id}
              reg={reg}
              event={event}
              busy={busyId !== null}
              onCancel={setCancelling}
              onAccept={(r) => void act(r, 'accept', '确认成功')}
            />
          ))
        }
      </PageState>
      <ConfirmDialog
        visible={cancelling !== null}
        title="确认取消"
        content="取消后名额将释放给其他报名者，且不能恢复，确定继续吗？"
        busy={busyId !== null}
        onConfirm={() => cancelling && void act(cancelling, 'cancel', '取消成功')}
        onCancel={() => setCancelling(null)}
      />
    </View>
  );
}
