// Chinese labels for the organizer pages' enum values; an unknown value is shown as it is.
import { STATUS_LABELS, type RegistrationStatus } from '../lib/types';
import type { BroadcastStatus, ContentStatus, DeliveryStatus, Group, EventStatus } from './types';

const pick = (labels: Record<string, string>, value: string | null | undefined) => (value ? (labels[value] ?? value) : '—');

export const CONTENT_STATUS_LABELS: Record<ContentStatus, string> = {
  draft: '草稿',
  published: '已发布',
  archived: '已归档',
};
export const contentStatusLabel = (s: string) => pick(CONTENT_STATUS_LABELS, s);
/** Events can also be cancelled (registrants and groups told). */
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = { ...CONTENT_STATUS_LABELS, cancelled: '已取消' };

export const BROADCAST_STATUS_LABELS: Record<BroadcastStatus, string> = {
  scheduled: '待发送',
  cancelled: '已取消',
  completed: '已完成',
};
export const broadcastStatusLabel = (s: string) => pick(BROADCAST_STATUS_LABELS, s);

const BROADCAST_KIND_LABELS: Record<string, string> = {
  manual: '手动群发',
  policy: '政策推送',
  event: '活动推送',
  program: '项目推送',
  reminder: '活动提醒',
  event_changed: '活动变更',
  event_cancelled: '活动取消',
};
export const broadcastKindLabel = (k: string) => pick(BROADCAST_KIND_LABELS, k);

const AUDIENCE_KIND_LABELS: Record<string, string> = {
  all: '全部群',
  filter: '按条件筛选',
  groups: '指定群',
  match: '按内容自动匹配',
};
export const audienceKindLabel = (k: string | undefined) => pick(AUDIENCE_KIND_LABELS, k);

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '失败',
  skipped: '已跳过',
};
export const deliveryStatusLabel = (s: string) => pick(DELIVERY_STATUS_LABELS, s);

const OCCURRENCE_STATUS_LABELS: Record<string, string> = {
  planning: '生成中',
  planned: '已生成',
  missed: '已错过',
};
export const occurrenceStatusLabel = (s: string) => pick(OCCURRENCE_STATUS_LABELS, s);

const GROUP_STATUS_LABELS: Record<Group['status'], string> = {
  active: '正常',
  removed: '机器人已被移出',
  needs_rebind: '需重新绑定',
};
export const groupStatusLabel = (s: string) => pick(GROUP_STATUS_LABELS, s);

/** `即时推送` or `每日 09:00 汇总`, plus quiet hours when set. */
export function deliveryModeText(d: Group['delivery']): string {
  const mode = d.mode === 'digest' ? `每日 ${d.digestAt} 汇总` : '即时推送';
  return d.quietHours ? `${mode} · 免打扰 ${d.quietHours.start}-${d.quietHours.end}` : mode;
}

export const registrationStatusLabel = (s: string) => pick(STATUS_LABELS, s as RegistrationStatus);
export const roleLabel = (r: string) => (r === 'presenter' ? '路演方' : '参会者');

/** The api's conflict message names the raw status (`当前状态为 waitlisted`); show the Chinese one. */
export function localizeStatuses(message: string): string {
  return message.replace(/\b(pending_approval|confirmed|waitlisted|offered|cancelled|rejected|checked_in)\b/g, (s) =>
    registrationStatusLabel(s),
  );
}
