import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api } from '../../lib/api';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { OrganizerGate } from '../components/OrganizerGate';
import { PageHeader } from '../components/PageHeader';
import { GroupForm } from '../components/groups/GroupForm';
import type { Group } from '../types';

function EditGroup({ id }: { id: string }) {
  const group = useLoad(() => api.get<Group>(`/groups/${id}`), [id]);
  return (
    <>
      <PageHeader title="群组设置" sub={group.data?.topic} />
      <PageState {...group} onRetry={group.reload}>
        {(g) => <GroupForm key={g.id} group={g} />}
      </PageState>
    </>
  );
}

export default function GroupEditPage() {
  const { params } = useRouter();
  return (
    <View className="org-page">
      <OrganizerGate>
        {params.id ? <EditGroup id={params.id} /> : <View className="org-banner">链接缺少群编号</View>}
      </OrganizerGate>
    </View>
  );
}
