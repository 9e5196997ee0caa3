import { useState } from 'react';
import { View } from '@tarojs/components';
import { api, ApiError, type Page } from '../../lib/api';
import { go, PAGES } from '../../lib/routes';
import { PageState } from '../../components/PageState';
import { toast } from '../components/nav';
import { OrganizerGate } from '../components/OrganizerGate';
import { ActionButton } from '../../components/ActionButton';
import { PageHeader } from '../components/PageHeader';
import { usePaged } from '../components/usePaged';
import { BroadcastRow } from '../components/broadcasts/BroadcastRow';
import { cancelBroadcast } from '../components/broadcasts/cancelBroadcast';
import type { Broadcast, OwnerScope } from '../types';
import { ScopeTabs } from '../components/ScopeTabs';
import { LoadMore } from '../../components/browse/LoadMore';

function BroadcastList() {
  const [scope, setScope] = useState<OwnerScope>('mine');
  const list = usePaged((page) => api.get<Page<Broadcast>>('/broadcasts', { scope, page, pageSize: 20 }), [scope]);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function cancel(b: Broadcast) {
    setBusyId(b.id);
    setError(null);
    try {
      if (await cancelBroadcast(b)) {
        toast('已取消');
        list.reload();
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '取消失败，请稍后重试');
    } finally {
      setBusyId(null);
    }
  }

  return (
    <>
      <PageHeader title="群发管理" sub={list.data ? `共 ${list.data.total} 条` : undefined}>
        <ActionButton size="small" onClick={() => go(PAGES.orgBroadcastEdit)}>
          新建群发
        </ActionButton>
      </PageHeader>
      <ScopeTabs what="群发" value={scope} onChange={setScope} />
      {error ? (
        <View className="org-banner" role="alert">
          {error}
        </View>
      ) : null}
      <PageState {...list} onRetry={list.reload} isEmpty={(d) => d.items.length === 0} emptyText="还没有群发">
        {(data) => (
          <View className="section">
            {data.items.map((b) => (
              <BroadcastRow key={b.id} broadcast={b} busy={busyId === b.id} onCancel={(x) => void cancel(x)} />
            ))}
            <LoadMore hasMore={list.hasMore} loading={list.loading} count={list.data?.items.length ?? 0} onLoad={list.loadMore} />
          </View>
        )}
      </PageState>
    </>
  );
}

export default function BroadcastsPage() {
  return (
    <View className="org-page">
      <OrganizerGate>
        <BroadcastList />
      </OrganizerGate>
    </View>
  );
}
