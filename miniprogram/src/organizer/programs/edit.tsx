import { useEffect } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { api } from '../../lib/api';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { OrganizerGate } from '../components/OrganizerGate';
import { PageHeader } from '../components/PageHeader';
import { ProgramForm } from '../components/content/ProgramForm';
import type { OrgProgram } from '../types';

/** 新建支持计划 (no `id`: starts from pasted text) or 编辑支持计划 (`id`). */
function EditProgram() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const title = id ? '编辑支持计划' : '新建支持计划';
  useEffect(() => void Taro.setNavigationBarTitle({ title }), [title]);
  const loaded = useLoad(() => (id ? api.get<OrgProgram>(`/programs/${id}`) : Promise.resolve(null)), [id]);
  return (
    <>
      <PageHeader title={title} />
      <PageState {...loaded} onRetry={loaded.reload}>
        {(program) => <ProgramForm key={program?.id ?? 'new'} program={program} />}
      </PageState>
    </>
  );
}

export default function ProgramEditPage() {
  return (
    <View className="org-page">
      <OrganizerGate>
        <EditProgram />
      </OrganizerGate>
    </View>
  );
}
