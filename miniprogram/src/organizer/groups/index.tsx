import { View } from '@tarojs/components';
import { api, type Page } from '../../lib/api';
import { PageState } from '../../components/PageState';
import { OrganizerGate } from '../components/OrganizerGate';
import { PageHeader } from '../components/PageHeader';
import { usePaged } from '../components/usePaged';
import { BotStateCard } from '../components/groups/BotStateCard';
import { GroupRow } from '../components/groups/GroupRow';
import { AddWecomRobot } from '../components/groups/AddWecomRobot';
import type { Group } from '../types';
import { LoadMore } from '../../components/browse/LoadMore';

function GroupList() {
  const list = usePaged((page) => api.get<Page<Group>>('/groups', { page, pageSize: 50 }), []);
  return (
    <>
      <PageHeader
        title="群组管理"
        sub={
          list.data ? `共 ${list.data.total} 个群：微信群在机器人被拉进群后自动登记，企业微信群粘贴群机器人地址添加` : undefined
        }
      />
      <BotStateCard />
      <AddWecomRobot />
      <PageState {...list} onRetry={list.reload} isEmpty={(d) => d.items.length === 0} emptyText="还没有登记的群">
        {(data) => (
          <View className="section">
            {data.items.map((g) => (
              <GroupRow key={g.id} group={g} />
            ))}
            <LoadMore hasMore={list.hasMore} loading={list.loading} count={list.data?.items.length ?? 0} onLoad={list.loadMore} />
          </View>
        )}
      </PageState>
    </>
  );
}

export default function GroupsPage() {
  return (
    <View className="org-page">
      <OrganizerGate>
        <GroupList />
      </OrganizerGate>
    </View>
  );
}
