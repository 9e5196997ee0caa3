import { View } from '@tarojs/components';
import { formatTime } from '../../../lib/format';
import { go, PAGES } from '../../../lib/routes';
import { audienceKindLabel, broadcastKindLabel, broadcastStatusLabel } from '../../labels';
import type { Broadcast } from '../../types';
import { ActionButton } from '../../../components/ActionButton';
import { StatusTag } from '../../../components/StatusTag';

interface Props {
  broadcast: Broadcast;
  busy: boolean;
  onCancel: (b: Broadcast) => void;
}

/** One broadcast: what, to whom, when (next time for scheduled ones); tap for its report. */
export function BroadcastRow({ broadcast: b, busy, onCancel }: Props) {
  const next = b.nextFireAt[0];
  return (
    <View className="org-row" onClick={() => go(PAGES.orgBroadcastReport, { id: b.id })}>
      <View className="org-row__head">
        <View className="card__title">{b.title}</View>
        <StatusTag status={b.status}>{broadcastStatusLabel(b.status)}</StatusTag>
      </View>
      <View className="card__meta">
        {broadcastKindLabel(b.kind)} · {audienceKindLabel(b.audience.kind)} · {b.schedule.description}
      </View>
      <View className="card__meta">{next ? `下次发送：${formatTime(next)}` : `创建于 ${formatTime(b.createdAt)}`}</View>
      <View className="org-row__actions">
        <ActionButton size="small" fill="outline" onClick={() => go(PAGES.orgBroadcastReport, { id: b.id })}>
          查看报告
        </ActionButton>
        {b.status === 'scheduled' ? (
          <ActionButton size="small" type="danger" fill="outline" loading={busy} onClick={() => onCancel(b)}>
            取消群发
          </ActionButton>
        ) : null}
      </View>
    </View>
  );
}
