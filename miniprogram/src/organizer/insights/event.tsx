import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { EventInsights } from '@techbridge/shared';
import { go, PAGES } from '../../lib/routes';
import { ActionButton } from '../../components/ActionButton';
import { OrganizerGate } from '../components/OrganizerGate';
import { InsightsScreen } from '../components/insights/InsightsScreen';
import { eventIsQuiet, eventSections } from '../components/insights/eventFigures';

function Guide() {
  return (
    <>
      <View className="insights-guide__title">还没有推送数据</View>
      <View className="muted">
        活动发布后，系统会把它推送到画像匹配的群；也可以在「群发管理」里新建群发推送这个活动。群里有人打开链接、报名后，这里会显示推送、打开、报名、确认和签到的转化漏斗。
      </View>
      <View className="org-actions">
        <ActionButton size="small" onClick={() => go(PAGES.orgBroadcastEdit)}>
          新建群发
        </ActionButton>
      </View>
    </>
  );
}

export default function EventInsightsPage() {
  const { params } = useRouter();
  return (
    <View className="org-page">
      <OrganizerGate>
        {params.id ? (
          <InsightsScreen<EventInsights>
            title="活动数据"
            path={`/events/${params.id}/insights`}
            csvName={`event-insights-${params.id}.csv`}
            subject={(d) => d.title}
            sections={eventSections}
            isQuiet={eventIsQuiet}
            guide={<Guide />}
          />
        ) : (
          <View className="org-banner">链接缺少活动编号</View>
        )}
      </OrganizerGate>
    </View>
  );
}
