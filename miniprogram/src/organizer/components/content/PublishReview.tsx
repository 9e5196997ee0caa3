import { View } from '@tarojs/components';
import { ActionButton } from '../../../components/ActionButton';
import type { AudiencePreviewResult } from '../../types';
import { ChannelTag } from '../groups/ChannelTag';

interface Props {
  preview: AudiencePreviewResult;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The last step before publishing: which groups the item goes to and why. Zero groups is a warning, with the
 * groups that almost matched and what each lacks, so the organizer can fix the facets instead of publishing
 * into silence.
 */
export function PublishReview({ preview, busy, onConfirm, onCancel }: Props) {
  const none = preview.total === 0;
  return (
    <View className="section org-review" aria-label="发布前确认">
      <View className="section__title">发布前确认</View>
      {none ? (
        <View className="org-warning" role="alert">
          没有任何群会收到这条内容（0 个群）。请检查地区和主题，或确认仍要发布。
        </View>
      ) : (
        <View className="org-review__total">发布后将推送到 {preview.total} 个群：</View>
      )}
      {preview.groups.map((g) => (
        <View key={g.groupId} className="org-row">
          <View className="org-row__name">
            <View className="card__title">{g.topic}</View>
            <ChannelTag channel={g.channel} />
          </View>
          <View className="card__meta">原因：{g.reason}</View>
        </View>
      ))}
      {none && preview.nearest.length > 0 ? (
        <View>
          <View className="org-review__total">最接近的群：</View>
          {preview.nearest.map((n) => (
            <View key={n.groupId} className="org-row org-row--near">
              <View className="card__title">{n.topic}</View>
              <View className="card__meta">相符：{n.matched.join('、') || '—'}</View>
              <View className="card__meta">{n.missing}</View>
            </View>
          ))}
        </View>
      ) : null}
      {none && preview.nearest.length === 0 ? <View className="muted">也没有部分相符的群。</View> : null}
      <View className="org-footer">
        <ActionButton fill="outline" disabled={busy} onClick={onCancel}>
          返回修改
        </ActionButton>
        <ActionButton loading={busy} disabled={busy} onClick={onConfirm}>
          {none ? '仍然发布' : '确认发布'}
        </ActionButton>
      </View>
    </View>
  );
}
