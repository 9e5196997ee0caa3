import { useEffect } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { api } from '../../lib/api';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { OrganizerGate } from '../components/OrganizerGate';
import { PageHeader } from '../components/PageHeader';
import { PolicyForm } from '../components/content/PolicyForm';
import type { OrgPolicy } from '../types';

/** 新建政策 (no `id`: starts from pasted text) or 编辑政策 (`id`). */
function EditPolicy() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const title = id ? '编辑政策' : '新建政策';
  useEffect(() => void Taro.setNavigationBarTitle({ title }), [title]);
  const loaded = useLoad(() => (id ? api.get<OrgPolicy>(`/policies/${id}`) : Promise.resolve(null)), [id]);
  return (
    <>
      <PageHeader title={title} />
      <PageState {...loaded} onRetry={loaded.reload}>
        {(policy) => <PolicyForm key={policy?.id ?? 'new'} policy={policy} />}
      </PageState>
    </>
  );
}

export default function PolicyEditPage() {
  return (
    <View className="org-page">
      <OrganizerGate>
        <EditPolicy />
      </OrganizerGate>
    </View>
  );
}
