import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { BroadcastInsights } from '@techbridge/shared';
import { OrganizerGate } from '../components/OrganizerGate';
import { InsightsScreen } from '../components/insights/InsightsScreen';
import { broadcastIsQuiet, broadcastSections } from '../components/insights/broadcastFigures';

function Guide() {
  return (
    <>
      <View className="insights-guide__title">这条群发还没有发出</View>
      <View className="muted">
        到了发送时间，机器人会把它发到接收群。之后这里会显示送达、失败的群数，以及群里有多少人打开链接、报名。可以在「群发报告」里查看接收群。
      </View>
    </>
  );
}

export default function BroadcastInsightsPage() {
  const { params } = useRouter();
  return (
    <View className="org-page">
      <OrganizerGate>
        {params.id ? (
          <InsightsScreen<BroadcastInsights>
            title="推送效果"
            path={`/broadcasts/${params.id}/insights`}
            csvName={`broadcast-insights-${params.id}.csv`}
            subject={(d) => d.title}
            sections={broadcastSections}
            isQuiet={broadcastIsQuiet}
            guide={<Guide />}
          />
        ) : (
          <View className="org-banner">链接缺少群发编号</View>
        )}
      </OrganizerGate>
    </View>
  );
}
