import { z } from 'zod';

/**
 * The reasons the api sends a person a WeChat subscribe message (订阅消息). Each kind goes through one
 * template, mapped in the api's env (WECHAT_TEMPLATE_<KIND>).
 */
export const NotifyKind = z.enum([
  'registration_result',
  'waitlist_offer',
  'event_reminder',
  'event_changed',
  'event_cancelled',
  'new_content',
]);
export type NotifyKind = z.infer<typeof NotifyKind>;

/** What happened to one message: waiting or in flight, then exactly one final outcome. */
export const NotifyStatus = z.enum(['pending', 'sending', 'sent', 'no_credit', 'refused', 'failed']);
export type NotifyStatus = z.infer<typeof NotifyStatus>;

/** Chinese names and what the person will receive, shown before asking for consent. */
export const NOTIFY_KIND_LABELS: Record<NotifyKind, { title: string; description: string }> = {
  registration_result: { title: '报名结果通知', description: '报名成功、进入候补、审核通过或未通过时告诉您' },
  waitlist_offer: { title: '候补名额通知', description: '候补到名额时告诉您，并写明确认截止时间' },
  event_reminder: { title: '活动开始提醒', description: '活动开始前 24 小时和 2 小时各提醒一次' },
  event_changed: { title: '活动变更通知', description: '您报名的活动改了时间或地点时告诉您' },
  event_cancelled: { title: '活动取消通知', description: '您报名的活动取消时告诉您，并写明原因' },
  new_content: { title: '订阅内容更新', description: '有符合您订阅地区和主题的新政策或活动时告诉您（每天最多一条）' },
};

/** One template the mini-program may ask consent for. */
export const SubscribeTemplate = z.object({
  kind: NotifyKind,
  templateId: z.string(),
  title: z.string(),
  description: z.string(),
  /** Messages the person may still receive through it (one per accepted request). */
  credits: z.number().int(),
});

export const NotifySettings = z.object({
  /** False when the api sends no subscribe messages (SUBSCRIBE_MESSAGES=0): the page says so. */
  enabled: z.boolean(),
  /** True when consent may be recorded from a browser (development only: H5 has no requestSubscribeMessage). */
  browserConsent: z.boolean(),
  templates: z.array(SubscribeTemplate),
});
export type NotifySettings = z.infer<typeof NotifySettings>;

/** The template ids a person accepted in `requestSubscribeMessage` (result value `accept`). */
export const ConsentInput = z
  .object({
    templateIds: z
      .array(z.string().trim().min(1, '模板编号不能为空').max(64, '模板编号过长'))
      .min(1, '请至少选择一种消息')
      .max(10, '一次最多订阅 10 种消息'),
    /** Where the consent was given: weapp (WeChat asked the person) or h5 (shown in the page, development only). */
    source: z.enum(['weapp', 'h5']).default('weapp'),
  })
  .strict();
export type ConsentInput = z.infer<typeof ConsentInput>;

/** An organizer cancels a published event; the reason is told to everyone who signed up. */
export const EventCancelInput = z
  .object({ reason: z.string().trim().min(2, '请填写取消原因（至少 2 个字）').max(100, '取消原因不能超过 100 个字') })
  .strict();

/** How many people and groups a change or cancellation would tell (asked before confirming). */
export const EventNoticePreview = z.object({ people: z.number().int(), groups: z.number().int() });
export type EventNoticePreview = z.infer<typeof EventNoticePreview>;

/** Per event: messages to people by kind and outcome. */
export const EventNotificationSummary = z.object({
  /** People who received at least one message about this event. */
  told: z.number().int(),
  kinds: z.array(
    z.object({
      kind: NotifyKind,
      label: z.string(),
      counts: z.record(NotifyStatus, z.number().int()),
    }),
  ),
});
