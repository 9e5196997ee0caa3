import { View } from '@tarojs/components';
import { eventKindLabel, formatTime } from '../../../lib/format';
import { go, PAGES } from '../../../lib/routes';
import { eventStatusLabel } from '../../labels';
import type { OrgEvent } from '../../types';
import { ActionButton } from '../../../components/ActionButton';
import { StatusTag } from '../../../components/StatusTag';

interface Props {
  event: OrgEvent;
  busy: boolean;
  onPublish: (e: OrgEvent) => void;
  onArchive: (e: OrgEvent) => void;
}

/** One event in the organizer list: what, when, status, seats, and what can be done with it. */
export function EventRow({ event: e, busy, onPublish, onArchive }: Props) {
  const place = e.venue || (e.onlineUrl ? '线上' : '地点待定');
  const seats = e.availability
    ? `名额 ${e.registration.capacity} · 剩余 ${e.availability.seatsLeft} · ${e.availability.label}`
    : `名额 ${e.registration.capacity}`;
  return (
    <View className="org-row">
      <View className="org-row__head">
        <View className="card__title">
          【{eventKindLabel(e.kind)}】{e.title}
        </View>
        <StatusTag status={e.status}>{eventStatusLabel(e.status)}</StatusTag>
      </View>
      <View className="card__meta">
        {formatTime(e.startsAt)} · {place}
      </View>
      <View className="card__meta">{seats}</View>
      <View className="org-row__actions">
        <ActionButton size="small" fill="outline" onClick={() => go(PAGES.orgEventEdit, { id: e.id })}>
          编辑
        </ActionButton>
        {e.status !== 'published' ? (
          <ActionButton size="small" loading={busy} onClick={() => onPublish(e)}>
            发布
          </ActionButton>
        ) : null}
        <ActionButton size="small" fill="outline" onClick={() => go(PAGES.orgRegistrants, { id: e.id })}>
          报名名单
        </ActionButton>
        <ActionButton size="small" fill="outline" onClick={() => go(PAGES.orgCheckin, { id: e.id })}>
          签到
        </ActionButton>
        {e.status === 'published' ? (
          <ActionButton size="small" type="default" fill="outline" loading={busy} onClick={() => onArchive(e)}>
            归档
          </ActionButton>
        ) : null}
      </View>
    </View>
  );
}
