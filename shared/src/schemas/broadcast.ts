import { z } from 'zod';
import { FacetId, IsoDate, ObjectIdString, RegionCode, ShortText } from './common.js';
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

export const Broadcast = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  kind: z.string(),
  source: z.object({ type: z.string(), id: z.string() }).nullable(),
  audience: z.record(z.string(), z.unknown()),
  schedule: z.object({
    kind: z.string(),
    at: z.string().nullable(),
    cron: z.string().nullable(),
    tz: z.string(),
    description: z.string(),
  }),
  nextFireAt: z.array(z.string()),
  status: z.enum(['scheduled', 'cancelled', 'completed']),
  createdAt: z.string(),
});

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
export const BroadcastReport = z.object({
  totals: z.record(DeliveryStatus, z.number().int()),
  occurrences: z.array(z.object({ id: z.string(), scheduledAt: z.string(), status: z.string(), groups: z.number().int() })),
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
