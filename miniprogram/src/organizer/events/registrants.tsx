import { useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api, ApiError, type Page } from '../../lib/api';
import { formatTime } from '../../lib/format';
import { STATUS_LABELS, type Registration, type RegistrationStatus } from '../../lib/types';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { FilterTabs } from '../components/FilterTabs';
import { confirm, toast } from '../components/nav';
import { OrganizerGate } from '../components/OrganizerGate';
import { ActionButton } from '../../components/ActionButton';
import { PageHeader } from '../components/PageHeader';
import { usePaged } from '../components/usePaged';
import { exportRegistrants } from '../components/registrants/exportCsv';
import { RegistrantRow } from '../components/registrants/RegistrantRow';
import { STATUS_ORDER, StatusCounts, type Counts } from '../components/registrants/StatusCounts';
import type { OrgEvent } from '../types';
import { LoadMore } from '../../components/browse/LoadMore';
import { go, PAGES } from '../../lib/routes';

const TABS = [{ value: '', label: '全部' }, ...STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s] }))];

/** The event and how many registrants are in each status (one count query per status). */
async function loadSummary(eventId: string): Promise<{ event: OrgEvent; counts: Counts; told: number }> {
  const [event, notified, ...pages] = await Promise.all([
    api.get<OrgEvent>(`/events/${eventId}`),
    // People told by WeChat message about this event (any kind: results, offers, reminders, changes).
    api.get<{ told: number }>(`/events/${eventId}/notifications`).catch(() => ({ told: 0 })),
    ...STATUS_ORDER.map((status) => api.get<Page<Registration>>(`/events/${eventId}/registrations`, { status, pageSize: 1 })),
  ]);
  const counts = Object.fromEntries(STATUS_ORDER.map((s, i) => [s, (pages[i] as Page<Registration>).total])) as Counts;
  return { event: event as OrgEvent, counts, told: (notified as { told: number }).told };
}

function Registrants({ eventId }: { eventId: string }) {
  const [status, setStatus] = useState('');
  const [busyId, setBusyId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const summary = useLoad(() => loadSummary(eventId), [eventId]);
  const list = usePaged(
    (page) => api.get<Page<Registration>>(`/events/${eventId}/registrations`, { status, page, pageSize: 50 }),
    [eventId, status],
  );

  async function decide(reg: Registration, verb: 'approve' | 'reject') {
    if (verb === 'reject' && !(await confirm('拒绝报名', `确定拒绝「${reg.name}」的报名？对方会看到“未通过”。`))) return;
    setBusyId(reg.id);
    setMessage(null);
    try {
      await api.post(`/events/${eventId}/registrations/${reg.id}/${verb}`);
      toast(verb === 'approve' ? '已通过' : '已拒绝');
      summary.reload();
      list.reload();
    } catch (e) {
      setMessage({ text: e instanceof ApiError ? e.message : '操作失败，请稍后重试', error: true });
    } finally {
      setBusyId(null);
    }
  }

  async function exportCsv() {
    setExporting(true);
    setMessage(null);
    try {
      setMessage({ text: await exportRegistrants(eventId), error: false });
    } catch (e) {
      setMessage({ text: e instanceof ApiError ? e.message : '导出失败，请稍后重试', error: true });
    } finally {
      setExporting(false);
    }
  }

  const questions = summary.data?.event.registration.questions ?? [];
  return (
    <>
      <PageHeader title="报名名单" sub={summary.data ? summary.data.event.title : undefined}>
        <ActionButton size="small" fill="outline" onClick={() => go(PAGES.orgEventInsights, { id: eventId })}>
          活动数据
        </ActionButton>
        <ActionButton size="small" fill="outline" loading={exporting} onClick={() => void exportCsv()}>
          导出 CSV
        </ActionButton>
      </PageHeader>
      {message ? (
        <View className={message.error ? 'org-banner' : 'org-notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </View>
      ) : null}
      <PageState {...summary} onRetry={summary.reload}>
        {({ event, counts, told }) => (
          <View className="section">
            <View className="card__meta">
              {formatTime(event.startsAt)} · 名额 {event.registration.capacity}
            </View>
            <View className="card__meta notified-count">已通过微信消息通知 {told} 人</View>
            <StatusCounts counts={counts} />
          </View>
        )}
      </PageState>
      <FilterTabs label="报名状态" tabs={TABS} value={status} onChange={setStatus} />
      <PageState
        {...list}
        onRetry={list.reload}
        isEmpty={(d) => d.items.length === 0}
        emptyText={status ? `暂无${STATUS_LABELS[status as RegistrationStatus]}的报名` : '暂无报名'}
      >
        {(data) => (
          <View className="section">
            {data.items.map((r) => (
              <RegistrantRow
                key={r.id}
                reg={r}
                questions={questions}
                busy={busyId === r.id}
                onDecide={(x, v) => void decide(x, v)}
              />
            ))}
            <LoadMore hasMore={list.hasMore} loading={list.loading} count={list.data?.items.length ?? 0} onLoad={list.loadMore} />
          </View>
        )}
      </PageState>
    </>
  );
}

export default function RegistrantsPage() {
  const { params } = useRouter();
  return (
    <View className="org-page">
      <OrganizerGate>
        {params.id ? <Registrants eventId={params.id} /> : <View className="org-banner">链接缺少活动编号</View>}
      </OrganizerGate>
    </View>
  );
}
