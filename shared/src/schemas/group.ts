import { z } from 'zod';
import { FacetId, Facets, RegionCode, RoomIdString, ShortText, page } from './common.js';
import { parseWecomWebhook, WECOM_URL_MESSAGE } from '../wecom.js';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');

export const DeliverySettings = z
  .object({
    mode: z.enum(['instant', 'digest']).default('instant'),
    digestAt: HHMM.default('09:00'),
    quietHours: z.object({ start: HHMM, end: HHMM }).strict().nullable().default(null),
  })
  .strict();
export type DeliverySettings = z.infer<typeof DeliverySettings>;

export const GroupManager = z
  .object({
    /** WeChat contact id as the bot sees it; the name is only a label. */
    contactId: z.string().trim().min(1).max(100),
    name: z.string().trim().max(100).default(''),
  })
  .strict();

export const GroupProfileSchema = Facets.extend({
  keywords: z.array(z.string().trim().min(1).max(30)).max(50).default([]),
}).strict();

/** `removed`: the bot was taken out of the room; `needs_rebind`: the room id changed (web protocol) and must be matched again. */
export const GroupStatus = z.enum(['active', 'removed', 'needs_rebind']);
export type GroupStatus = z.infer<typeof GroupStatus>;

export const GroupFields = z
  .object({
    roomId: RoomIdString,
    topic: ShortText,
    botAccount: z.string().trim().max(100).optional(),
    status: GroupStatus.default('active'),
    profile: GroupProfileSchema.default({ regions: [], topics: [], audiences: [], keywords: [] }),
    delivery: DeliverySettings.default({ mode: 'instant', digestAt: '09:00', quietHours: null }),
    managers: z.array(GroupManager).max(50).default([]),
  })
  .strict();
export const GroupInput = GroupFields;
export type GroupInput = z.infer<typeof GroupInput>;
export const GroupPatch = GroupFields.partial().strict();

/** How a group is reached: a WeChat room through the bot, or a 企业微信 group robot through its webhook. */
export const GroupChannel = z.enum(['wechat', 'wecom']);
export type GroupChannel = z.infer<typeof GroupChannel>;

/** A pasted robot webhook URL; the key it carries is a secret (stored, never shown again except masked). */
export const WecomWebhookUrl = z
  .string({ error: WECOM_URL_MESSAGE })
  .trim()
  .max(300, WECOM_URL_MESSAGE)
  .refine((u) => parseWecomWebhook(u) !== null, WECOM_URL_MESSAGE);

/** POST /groups/wecom: a 企业微信 group added by its robot's webhook URL, with the same profile as a room. */
export const WecomGroupInput = GroupFields.omit({ roomId: true, botAccount: true, status: true })
  .extend({ webhookUrl: WecomWebhookUrl })
  .strict();
export type WecomGroupInput = z.infer<typeof WecomGroupInput>;

/** The answer to 发送测试消息: whether WeCom took it, and what to tell the organizer. */
export const WecomTestReply = z.object({ ok: z.boolean(), message: z.string() });
export type WecomTestReply = z.infer<typeof WecomTestReply>;

export const Group = z.object({
  id: z.string(),
  /** A room's WeChat id; for a robot `wecom:<sha-256 of its key>`, its identity without revealing the key. */
  roomId: z.string(),
  channel: GroupChannel,
  /** The robot's key masked (`693a****7b2c`); null for WeChat rooms. */
  wecomKeyMasked: z.string().nullable(),
  topic: z.string(),
  botAccount: z.string().nullable(),
  status: GroupStatus,
  profile: z.object({
    regions: z.array(z.string()),
    topics: z.array(z.string()),
    audiences: z.array(z.string()),
    keywords: z.array(z.string()),
  }),
  delivery: z.object({
    mode: z.enum(['instant', 'digest']),
    digestAt: z.string(),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  }),
  managers: z.array(z.object({ contactId: z.string(), name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Group = z.infer<typeof Group>;
export const GroupPage = page(Group);

export const AudienceEntry = z.object({
  groupId: z.string(),
  roomId: z.string(),
  topic: z.string(),
  /** `wecom`: a 企业微信 group robot; `wechat`: a room the bot is in. */
  channel: GroupChannel,
  reason: z.string(),
});
/** A group that almost matched: what it has in common with the item and what it lacks, in words. */
export const NearMissEntry = z.object({
  groupId: z.string(),
  topic: z.string(),
  matched: z.array(z.string()),
  missing: z.string(),
});
export const AudiencePreview = z.object({
  total: z.number().int(),
  groups: z.array(AudienceEntry),
  /** Filled when no group matches: the nearest groups, so the organizer sees what to change. */
  nearest: z.array(NearMissEntry),
});
export type AudiencePreview = z.infer<typeof AudiencePreview>;

/** Facets (and text) of an item not saved yet, for the audience preview in a form. */
export const AudienceProbe = z
  .object({
    regions: z.array(RegionCode).max(40).default([]),
    topics: z.array(FacetId).max(40).default([]),
    audiences: z.array(FacetId).max(10).default([]),
    text: z.string().max(5000, '文本不能超过 5000 个字符').default(''),
  })
  .strict();
