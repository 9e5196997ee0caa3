import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { api, ApiError, type Page } from '../../lib/api';
import { go, PAGES } from '../../lib/routes';
import { PageState } from '../../components/PageState';
import { FilterTabs } from '../components/FilterTabs';
import { confirm, toast } from '../components/nav';
import { OrganizerGate } from '../components/OrganizerGate';
import { ActionButton } from '../../components/ActionButton';
import { PageHeader } from '../components/PageHeader';
import { usePaged } from '../components/usePaged';
import { EventRow } from '../components/events/EventRow';
import { EVENTS_TAB_EVENT } from '../components/events/EventForm';
import { EVENT_STATUS_LABELS } from '../labels';
import type { AudiencePreviewResult, EventStatus, OrgEvent, OwnerScope } from '../types';
import { ScopeTabs } from '../components/ScopeTabs';
import { LoadMore } from '../../components/browse/LoadMore';

/** What the publish confirmation says: who receives the event, or a warning with the nearest groups. */
function audienceText(p: AudiencePreviewResult): string {
  if (p.total > 0) {
    const names = p.groups.slice(0, 5).map((g) => g.topic);
    return `发布后将推送到 ${p.total} 个群：${names.join('、')}${p.total > names.length ? ' 等' : ''}。确定发布？`;
  }
  const near = p.nearest
    .slice(0, 3)
    .map((n) => `${n.topic}（${n.missing}）`)
    .join('；');
  return `没有任何群会收到这个活动（0 个群）。${near ? `最接近的群：${near}。` : ''}仍要发布？`;
}

const TABS = (Object.keys(EVENT_STATUS_LABELS) as EventStatus[]).map((s) => ({ value: s, label: EVENT_STATUS_LABELS[s] }));
const isStatus = (s: string | undefined): s is EventStatus => !!s && s in EVENT_STATUS_LABELS;

function EventList() {
  const { params } = useRouter();
  const [status, setStatus] = useState<EventStatus>(isStatus(params.status) ? params.status : 'published');
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  // The editor says which tab its event is now under when it sends us back here.
  useEffect(() => {
    const show = (s: string) => isStatus(s) && setStatus(s);
    Taro.eventCenter.on(EVENTS_TAB_EVENT, show);
    return () => void Taro.eventCenter.off(EVENTS_TAB_EVENT, show);
  }, []);

  const [scope, setScope] = useState<OwnerScope>('mine');
  const list = usePaged((page) => api.get<Page<OrgEvent>>('/events', { status, scope, page, pageSize: 20 }), [status, scope]);

  async function act(e: OrgEvent, verb: 'publish' | 'archive') {
    if (verb === 'archive' && !(await confirm('归档活动', `归档后「${e.title}」不再对用户展示，确定归档？`))) return;
    setBusyId(e.id);
    setActionError(null);
    try {
      // Publishing from the list shows the same audience check as the form's publish step.
      if (verb === 'publish') {
        const preview = await api.get<AudiencePreviewResult>(`/events/${e.id}/audience`);
        if (!(await confirm('发布活动', audienceText(preview)))) return;
      }
      await api.post(`/events/${e.id}/${verb}`);
      toast(verb === 'publish' ? '已发布' : '已归档');
      list.reload();
    } catch (err) {
      setActionError(err instanceof ApiError ? err.message : '操作失败，请稍后重试');
    } finally {
      setBusyId(null);
    }
  }

  return (
    <>
      <PageHeader title="活动管理" sub={list.data ? `共 ${list.data.total} 个` : undefined}>
        <ActionButton size="small" onClick={() => go(PAGES.orgEventEdit)}>
          新建活动
        </ActionButton>
      </PageHeader>
      <ScopeTabs what="活动" value={scope} onChange={setScope} />
      <FilterTabs label="活动状态" tabs={TABS} value={status} onChange={(s) => setStatus(s as EventStatus)} />
      {actionError ? (
        <View className="org-banner" role="alert">
          {actionError}
        </View>
      ) : null}
      <PageState
        {...list}
        onRetry={list.reload}
        isEmpty={(d) => d.items.length === 0}
        emptyText={`暂无${EVENT_STATUS_LABELS[status]}的活动`}
      >
        {(data) => (
          <View className="section">
            {data.items.map((e) => (
              <EventRow
                key={e.id}
                event={e}
                busy={busyId === e.id}
                onPublish={(x) => void act(x, 'publish')}
                onArchive={(x) => void act(x, 'archive')}
              />
            ))}
            <LoadMore hasMore={list.hasMore} loading={list.loading} count={list.data?.items.length ?? 0} onLoad={list.loadMore} />
          </View>
        )}
      </PageState>
    </>
  );
}

export default function EventsPage() {
  return (
    <View className="org-page">
      <OrganizerGate>
        <EventList />
      </OrganizerGate>
    </View>
  );
}
