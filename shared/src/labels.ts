/**
 * One vocabulary: the Chinese word for every status and kind the api sends, read by the api (CSV export,
 * conflict messages, notifications) and the mini-program alike, so a registrant, an organizer's list
 * and a spreadsheet all say 报名成功 for the same thing.
 *
 * Dependency-free on purpose (type imports only): the mini-program bundles it as
 * `@techbridge/shared/labels` without pulling zod in.
 */
import type { AvailabilityState } from './availability.js';
import type { ContentStatus } from './schemas/common.js';
import type { EventStatus } from './schemas/event.js';
import type { RegistrationRole, RegistrationStatus } from './schemas/registration.js';
import type { Broadcast, BroadcastKind, BroadcastStatus, DeliveryStatus, OccurrenceStatus } from './schemas/broadcast.js';
import type { GroupChannel, GroupStatus } from './schemas/group.js';
import type { NotifyStatus } from './schemas/notify.js';

/**
 * A registration as the registrant and the organizer read it. 报名成功 / 候补中 rather than 已确认 / 候补:
 * it is the registrant's own word for their place, and what their WeChat notice says.
 */
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  pending_approval: '待审核',
  confirmed: '报名成功',
  waitlisted: '候补中',
  offered: '候补转正待确认',
  cancelled: '已取消',
  rejected: '未通过',
  checked_in: '已签到',
};

export const REGISTRATION_ROLE_LABELS: Record<RegistrationRole, string> = {
  attendee: '参会者',
  presenter: '路演方',
};

export const CONTENT_STATUS_LABELS: Record<ContentStatus, string> = {
  draft: '草稿',
  published: '已发布',
  archived: '已归档',
};

/** Events can also be cancelled (registrants and groups told). */
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = { ...CONTENT_STATUS_LABELS, cancelled: '已取消' };

/** What a newcomer can do right now, on the event card. */
export const AVAILABILITY_LABELS: Record<AvailabilityState, string> = {
  not_open: '未开始报名',
  open: '报名中',
  waitlist: '候补中',
  full: '已满',
  closed: '报名已截止',
};

export const BROADCAST_STATUS_LABELS: Record<BroadcastStatus, string> = {
  scheduled: '待发送',
  cancelled: '已取消',
  completed: '已完成',
};

/** A broadcast's `kind`: who or what started it. */
export const BROADCAST_KIND_LABELS: Record<BroadcastKind, string> = {
  manual: '手动群发',
  policy: '政策推送',
  event: '活动推送',
  program: '项目推送',
  reminder: '活动提醒',
  event_changed: '活动变更',
  event_cancelled: '活动取消',
};

export const AUDIENCE_KIND_LABELS: Record<Broadcast['audience']['kind'], string> = {
  all: '全部群',
  filter: '按条件筛选',
  groups: '指定群',
  match: '按内容自动匹配',
};

/** One group's delivery of one occurrence. */
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '失败',
  skipped: '已跳过',
};

/** A broadcast occurrence while its deliveries are planned. */
export const OCCURRENCE_STATUS_LABELS: Record<OccurrenceStatus, string> = {
  planning: '生成中',
  planned: '已生成',
  missed: '已错过',
};

export const GROUP_STATUS_LABELS: Record<GroupStatus, string> = {
  active: '正常',
  removed: '机器人已被移出',
  needs_rebind: '需重新绑定',
};

/** How a group is reached. */
export const GROUP_CHANNEL_LABELS: Record<GroupChannel, string> = {
  wechat: '微信群',
  wecom: '企业微信',
};

/** One subscribe message to a person. */
export const NOTIFY_STATUS_LABELS: Record<NotifyStatus, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已送达',
  no_credit: '未订阅',
  refused: '用户拒收',
  failed: '发送失败',
};

/** The label of `value` in `labels`; an unknown value is shown as it is, a missing one as —. */
export const labelOf = (labels: Record<string, string>, value: string | null | undefined): string =>
  value ? (labels[value] ?? value) : '—';

export const registrationStatusLabel = (s: string | null | undefined) => labelOf(REGISTRATION_STATUS_LABELS, s);
export const roleLabel = (r: string | null | undefined) => labelOf(REGISTRATION_ROLE_LABELS, r);
export const contentStatusLabel = (s: string | null | undefined) => labelOf(CONTENT_STATUS_LABELS, s);
export const eventStatusLabel = (s: string | null | undefined) => labelOf(EVENT_STATUS_LABELS, s);
export const broadcastStatusLabel = (s: string | null | undefined) => labelOf(BROADCAST_STATUS_LABELS, s);
export const broadcastKindLabel = (k: string | null | undefined) => labelOf(BROADCAST_KIND_LABELS, k);
export const audienceKindLabel = (k: string | null | undefined) => labelOf(AUDIENCE_KIND_LABELS, k);
export const deliveryStatusLabel = (s: string | null | undefined) => labelOf(DELIVERY_STATUS_LABELS, s);
export const occurrenceStatusLabel = (s: string | null | undefined) => labelOf(OCCURRENCE_STATUS_LABELS, s);
export const groupStatusLabel = (s: string | null | undefined) => labelOf(GROUP_STATUS_LABELS, s);

/** Older api messages name the raw status (`当前状态为 waitlisted`); show the Chinese one. */
export function localizeStatuses(message: string): string {
  return message.replace(/\b(pending_approval|confirmed|waitlisted|offered|cancelled|rejected|checked_in)\b/g, (s) =>
    registrationStatusLabel(s),
  );
}
