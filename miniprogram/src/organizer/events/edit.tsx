import { useEffect } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { api } from '../../lib/api';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { OrganizerGate } from '../components/OrganizerGate';
import { PageHeader } from '../components/PageHeader';
import { EventForm } from '../components/events/EventForm';
import type { OrgEvent } from '../types';

/** 创建活动 (no `id`) or 编辑活动 (`id`): the form, once the event to edit is loaded. */
function EditEvent() {
  const { params } = useRouter();
  const id = params.id ?? '';
  useEffect(() => void Taro.setNavigationBarTitle({ title: id ? '编辑活动' : '创建活动' }), [id]);
  // useLoad reads it again on every show; what is being typed survives because the form keeps its own state,
  // keyed by the event id.
  const event = useLoad(() => (id ? api.get<OrgEvent>(`/events/${id}`) : Promise.resolve(null)), [id]);

  return (
    <>
      <PageHeader title={id ? '编辑活动' : '创建活动'} />
      <PageState {...event} onRetry={event.reload}>
        {(e) => <EventForm key={e?.id ?? 'new'} event={e} />}
      </PageState>
    </>
  );
}

export default function EventEditPage() {
  return (
    <View className="org-page">
      <OrganizerGate>
        <EditEvent />
      </OrganizerGate>
    </View>
  );
}
