import { View } from '@tarojs/components';
import { OrganizerGate } from '../components/OrganizerGate';
import { PageHeader } from '../components/PageHeader';
import { BroadcastForm } from '../components/broadcasts/BroadcastForm';

/** 编写群发: compose, preview the recipients and the exact text, then save (and schedule) it. */
export default function BroadcastEditPage() {
  return (
    <View className="org-page">
      <OrganizerGate>
        <PageHeader title="编写群发" sub="文字通知，按时间安排发到所选的群" />
        <BroadcastForm />
      </OrganizerGate>
    </View>
  );
}
