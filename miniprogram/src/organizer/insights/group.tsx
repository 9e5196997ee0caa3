import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { GroupInsights } from '@techbridge/shared';
import { go, PAGES } from '../../lib/routes';
import { ActionButton } from '../../components/ActionButton';
import { OrganizerGate } from '../components/OrganizerGate';
import { InsightsScreen } from '../components/insights/InsightsScreen';
import { groupIsQuiet, groupSections } from '../components/insights/groupFigures';
import { CHANNEL_LABELS } from '../components/insights/labels';

function Guide({ groupId }: { groupId: string }) {
  return (
    <>
      <View className="insights-guide__title">近 90 天没有向这个群推送</View>
      <View className="muted">
        发布与群画像（地区、主题、关键词）匹配的政策或活动时，系统会推送到这个群；也可以新建群发并选择这个群。推送之后，这里会显示群里收到了什么、有多少人打开和报名。
      </View>
      <View className="org-actions">
        <ActionButton size="small" onClick={() => go(PAGES.orgBroadcastEdit)}>
          新建群发
        </ActionButton>
        <ActionButton size="small" fill="outline" onClick={() => go(PAGES.orgGroupEdit, { id: groupId })}>
          调整群画像
        </ActionButton>
      </View>
    </>
  );
}

export default function GroupInsightsPage() {
  const { params } = useRouter();
  const id = params.id;
  return (
    <View className="org-page">
      <OrganizerGate>
        {id ? (
          <InsightsScreen<GroupInsights>
            title="群数据"
            path={`/groups/${id}/insights`}
            csvName={`group-insights-${id}.csv`}
            subject={(d) => `${d.topic} · ${CHANNEL_LABELS[d.channel]}`}
            sections={groupSections}
            isQuiet={groupIsQuiet}
            guide={<Guide groupId={id} />}
          />
        ) : (
          <View className="org-banner">链接缺少群编号</View>
        )}
      </OrganizerGate>
    </View>
  );
}
