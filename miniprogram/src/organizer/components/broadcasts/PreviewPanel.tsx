import { View } from '@tarojs/components';
import { formatTime } from '../../../lib/format';
import type { BroadcastPreview } from '../../types';
import { ChannelTag } from '../groups/ChannelTag';

interface Props {
  preview: BroadcastPreview;
  /** Show each group's message (the composer does; the report lists recipients only when asked). */
  withText?: boolean;
  /** The form changed since this preview was made. */
  stale?: boolean;
}

// A group in quiet hours or on a daily digest gets the message later; say when, if it is not right away.
const LATE_MS = 60_000;

/** Who would receive a broadcast, why, and the exact text each group gets. */
export function PreviewPanel({ preview, withText = true, stale }: Props) {
  const now = Date.now();
  return (
    <View className="section" aria-label="预览结果">
      <View className="section__title">
        <View>将发送到 {preview.total} 个群</View>
      </View>
      {stale ? <View className="field-error">内容或对象已修改，请重新预览</View> : null}
      {preview.total === 0 ? <View className="muted">没有符合条件的群，请调整发送对象。</View> : null}
      {preview.groups.map((g) => (
        <View key={g.groupId} className="org-row">
          <View className="org-row__name">
            <View className="card__title">{g.topic}</View>
            <ChannelTag channel={g.channel} />
          </View>
          <View className="card__meta">原因：{g.reason || '—'}</View>
          {Date.parse(g.notBefore) - now > LATE_MS ? (
            <View className="card__meta">该群设置了免打扰或每日汇总，最早于 {formatTime(g.notBefore)} 送达</View>
          ) : null}
          {withText ? <View className="org-message">{g.text}</View> : null}
        </View>
      ))}
    </View>
  );
}
