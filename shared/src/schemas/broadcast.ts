import { z } from 'zod';
import { FacetId, IsoDate, ObjectIdString, RegionCode, ShortText, page } from './common.js';
import { GroupChannel } from './group.js';

export const BroadcastAudience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z
    .object({
      kind: z.literal('filter'),
      regions: z.array(RegionCode).max(40).default([]),
      topics: z.array(FacetId).max(40).default([]),
      audiences: z.array(FacetId).max(10).default([]),
      keywords: z.array(z.string().trim().min(1).max(30)).max(50).default([]),
    })
    .strict(),
  z.object({ kind: z.literal('groups'), groupIds: z.array(ObjectIdString).min(1, '请至少选择一个群').max(10_000) }).strict(),
]);

export const BroadcastSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('now') }).strict(),
  z.object({ kind: z.literal('once'), at: IsoDate }).strict(),
  /** `cron` is a 5-field expression or a phrase like `每周一 09:00`; always evaluated in Asia/Shanghai. */
  z.object({ kind: z.literal('cron'), cron: z.string().trim().min(1).max(100) }).strict(),
]);

export const BroadcastInput = z
  .object({
    title: ShortText,
    text: z.string().trim().min(1, '请填写群发内容').max(1500, '群发内容不能超过 1500 字'),
    audience: BroadcastAudience,
    schedule: BroadcastSchedule,
  })
  .strict();
export type BroadcastInput = z.infer<typeof BroadcastInput>;
export const BroadcastPatch = BroadcastInput.partial().strict();

export const BroadcastStatus = z.enum(['scheduled', 'cancelled', 'completed']);
export type BroadcastStatus = z.infer<typeof BroadcastStatus>;

/** Who or what started a broadcast: an organizer (manual), a publish, a reminder, or an event change. */
export const BroadcastKind = z.enum(['manual', 'policy', 'event', 'program', 'reminder', 'event_changed', 'event_cancelled']);
export type BroadcastKind = z.infer<typeof BroadcastKind>;

/** The audience as stored: `match` is a publish broadcast's own matching (the item's facets). */
export const BroadcastAudienceView = z.object({
  kind: z.enum(['all', 'filter', 'groups', 'match']),
  regions: z.array(z.string()).optional(),
  topics: z.array(z.string()).optional(),
  audiences: z.array(z.string()).optional(),
  keywords: z.array(z.string()).optional(),
  groupIds: z.array(z.string()),
});

export const Broadcast = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  kind: BroadcastKind,
  source: z.object({ type: z.enum(['policy', 'event', 'program']), id: z.string() }).nullable(),
  audience: BroadcastAudienceView,
  schedule: z.object({
    kind: z.enum(['now', 'once', 'cron']),
    at: z.string().nullable(),
    cron: z.string().nullable(),
    tz: z.string(),
    /** 立即发送, 定时发送, or the recurrence in words (每周一 09:00). */
    description: z.string(),
  }),
  /** The next (up to 3) times it fires; empty once it is done or cancelled. */
  nextFireAt: z.array(z.string()),
  status: BroadcastStatus,
  createdAt: z.string(),
});
export type Broadcast = z.infer<typeof Broadcast>;
export const BroadcastPage = page(Broadcast);

export type BroadcastInputBody = z.input<typeof BroadcastInput>;

export const BroadcastPreview = z.object({
  total: z.number().int(),
  groups: z.array(
    z.object({
      groupId: z.string(),
      roomId: z.string(),
      topic: z.string(),
      /** `wecom`: a 企业微信 group robot (the api posts to its webhook); `wechat`: a room the bot is in. */
      channel: GroupChannel,
      reason: z.string(),
      text: z.string(),
      notBefore: z.string(),
    }),
  ),
});

export const DeliveryStatus = z.enum(['pending', 'sending', 'sent', 'failed', 'skipped']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;
export type BroadcastPreview = z.infer<typeof BroadcastPreview>;
/** A broadcast occurrence: `planning` while its deliveries are written, then `planned`; `missed` past the grace window. */
export const OccurrenceStatus = z.enum(['planning', 'planned', 'missed']);
export type OccurrenceStatus = z.infer<typeof OccurrenceStatus>;
export const BroadcastReport = z.object({
  /** Deliveries by status, every status present (0 when none). */
  totals: z.record(DeliveryStatus, z.number().int()),
  occurrences: z.array(z.object({ id: z.string(), scheduledAt: z.string(), status: OccurrenceStatus, groups: z.number().int() })),
  groups: z.array(
    z.object({
      groupId: z.string(),
      topic: z.string(),
      /** Who delivered (or will deliver) it: the bot in a WeChat room, or the api to a 企业微信 robot. */
      channel: GroupChannel,
      occurrence: z.string(),
      status: DeliveryStatus,
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      sentAt: z.string().nullable(),
    }),
  ),
});
export type BroadcastReport = z.infer<typeof BroadcastReport>;
