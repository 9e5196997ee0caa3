import { View } from '@tarojs/components';
import { formatTime } from '../../../lib/format';
import {
  audienceKindLabel,
  broadcastKindLabel,
  broadcastStatusLabel,
  deliveryStatusLabel,
  occurrenceStatusLabel,
} from '../../labels';
import type { Broadcast, BroadcastReport } from '../../types';
import { ChannelTag } from '../groups/ChannelTag';
import { StatusTag } from '../../../components/StatusTag';

/** What the broadcast is and when it fires next. */
export function BroadcastSummary({ b }: { b: Broadcast }) {
  return (
    <View className="section">
      <View className="section__title">
        概况
        <StatusTag status={b.status} className="org-report__status">
          {broadcastStatusLabel(b.status)}
        </StatusTag>
      </View>
      <View className="card__meta">
        {broadcastKindLabel(b.kind)} · 发送对象：{audienceKindLabel(b.audience.kind)}
        {b.audience.kind === 'groups' && b.audience.groupIds ? `（${b.audience.groupIds.length} 个群）` : ''}
      </View>
      <View className="card__meta">
        发送时间：{b.schedule.description}
        {b.schedule.kind === 'once' && b.schedule.at ? ` · ${formatTime(b.schedule.at)}` : ''}
        {/* The api's description is the phrase (每周一 09:00); the cron itself means nothing to an organizer. */}
        {b.schedule.kind === 'cron' ? '（上海时间）' : ''}
      </View>
      {b.nextFireAt.length > 0 ? (
        <View className="card__meta">接下来：{b.nextFireAt.map((t) => formatTime(t)).join('；')}</View>
      ) : null}
      <View className="card__meta">创建于 {formatTime(b.createdAt)}</View>
      {b.text ? <View className="org-message">{b.text}</View> : null}
    </View>
  );
}

/** Totals per delivery status, each occurrence, and every group's delivery with its last error. */
export function DeliveryReport({ report }: { report: BroadcastReport }) {
  const t = report.totals;
  const tiles = [
    { label: '已发送', value: t.sent ?? 0 },
    { label: '待发送', value: (t.pending ?? 0) + (t.sending ?? 0) },
    { label: '失败', value: t.failed ?? 0 },
    { label: '已跳过', value: t.skipped ?? 0 },
  ];
  const when = new Map(report.occurrences.map((o) => [o.id, o.scheduledAt]));
  return (
    <>
      <View className="section">
        <View className="section__title">发送统计</View>
        <View className="org-stats" aria-label="发送统计">
          {tiles.map((tile) => (
            <View key={tile.label} className="org-stat">
              <View className="org-stat__value">{tile.value}</View>
              <View className="org-stat__label">{tile.label}</View>
            </View>
          ))}
        </View>
        {report.occurrences.length > 0 ? (
          <View className="org-subcard">
            {report.occurrences.map((o, i) => (
              <View key={o.id} className="card__meta">
                第 {i + 1} 次：{formatTime(o.scheduledAt)} · {occurrenceStatusLabel(o.status)} · {o.groups} 个群
              </View>
            ))}
          </View>
        ) : (
          <View className="muted">还没有到发送时间。</View>
        )}
      </View>
      {report.groups.length > 0 ? (
        <View className="section">
          <View className="section__title">各群发送情况</View>
          {report.groups.map((g) => (
            <View key={`${g.occurrence}:${g.groupId}`} className="org-row">
              <View className="org-row__head">
                <View className="org-row__name">
                  <View className="card__title">{g.topic}</View>
                  <ChannelTag channel={g.channel} />
                </View>
                <StatusTag status={g.status}>{deliveryStatusLabel(g.status)}</StatusTag>
              </View>
              <View className="card__meta">
                {/* The attempt count only matters once something went wrong: 已发送 needs no "尝试 0 次". */}
                批次 {formatTime(when.get(g.occurrence))}
                {g.attempts > 0 ? ` · 尝试 ${g.attempts} 次` : ''}
                {g.sentAt ? ` · 送达于 ${formatTime(g.sentAt)}` : ''}
              </View>
              {g.lastError ? <View className="field-error">最近错误：{g.lastError}</View> : null}
            </View>
          ))}
        </View>
      ) : null}
    </>
  );
}
