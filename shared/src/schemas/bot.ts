import { z } from 'zod';
import { RoomIdString } from './common.js';
import { DeliverySettings } from './group.js';

/**
 * The contract between the bot process and the api (routes under /api/v1/bot/, bearer BOT_TOKEN).
 * The bot keeps no state that matters: it reports what happens in WeChat and asks the api what
 * to send and what to reply.
 */

const RoomId = RoomIdString;
const Account = z.string().trim().min(1).max(100);

export const BotStatusInput = z
  .object({
    account: Account,
    state: z.enum(['scan', 'login', 'logout', 'heartbeat']),
    /** QR code payload while waiting for a scan (shown to organizers). */
    qrcode: z.string().max(2000).optional(),
    userName: z.string().max(100).optional(),
  })
  .strict();
export type BotStatusInput = z.infer<typeof BotStatusInput>;

export const BotState = z.object({
  account: z.string(),
  state: z.enum(['scan', 'login', 'logout', 'heartbeat']),
  loggedIn: z.boolean(),
  qrcode: z.string().nullable(),
  userName: z.string().nullable(),
  lastSeenAt: z.string(),
  alive: z.boolean(),
});
export type BotState = z.infer<typeof BotState>;
/** GET /bot/state: every bot account the api has heard from. */
export const BotStateList = z.object({ accounts: z.array(BotState) });
export type BotStateList = z.infer<typeof BotStateList>;

export const RoomJoinedInput = z.object({ account: Account, roomId: RoomId, topic: z.string().trim().min(1).max(200) }).strict();
export const RoomTopicInput = z.object({ account: Account, roomId: RoomId, topic: z.string().trim().min(1).max(200) }).strict();
export const RoomRemovedInput = z.object({ account: Account, roomId: RoomId }).strict();
export const RoomJoinedReply = z.object({ groupId: z.string(), helpText: z.string() });

export const ClaimInput = z
  .object({
    account: Account,
    /** How many send units to hand out at most. */
    limit: z.number().int().min(1).max(50).default(5),
    /** How long the bot may take to send and report before the unit counts as abandoned. */
    leaseSeconds: z.number().int().min(10).max(3600).default(120),
  })
  .strict();

/** A link card for puppets that can send one (pad/WeCom protocols); the text is the fallback. */
export const SendCard = z.object({ title: z.string(), description: z.string(), url: z.string() });
export type SendCard = z.infer<typeof SendCard>;

/** One message to send to one room; a digest unit covers several deliveries. */
export const SendUnit = z.object({
  /** Opaque id to report the result with. */
  unitId: z.string(),
  deliveryIds: z.array(z.string()),
  roomId: z.string(),
  text: z.string(),
  /** Set for single pushes of an item with a page; never for digests or plain notices. */
  card: SendCard.optional(),
  attempt: z.number().int(),
});
export type SendUnit = z.infer<typeof SendUnit>;
export const ClaimReply = z.object({ units: z.array(SendUnit), paused: z.boolean() });

export const SendResultInput = z
  .object({
    account: Account,
    deliveryIds: z
      .array(z.string().regex(/^[A-Za-z0-9:._-]{1,200}$/, '投递编号格式不正确'))
      .min(1)
      .max(100),
    ok: z.boolean(),
    error: z.string().max(500).optional(),
    /** WeChat said 操作过于频繁: the api backs off this account's whole queue. */
    rateLimited: z.boolean().default(false),
    /** The bot stopped before trying (shutdown): back to the queue, not counted as an attempt. */
    notSent: z.boolean().default(false),
  })
  .strict();

export const CommandInput = z
  .object({
    account: Account,
    roomId: RoomId,
    roomTopic: z.string().max(200).default(''),
    senderId: z.string().trim().min(1).max(100),
    senderName: z.string().max(100).default(''),
    /** The bot asks WeChat whether the sender owns the room. */
    senderIsOwner: z.boolean().default(false),
    /** The line @mentioned the bot: it deserves an answer even when it is not a command. */
    mentioned: z.boolean().default(false),
    text: z.string().max(2000),
  })
  .strict();
export type CommandInput = z.infer<typeof CommandInput>;
export const CommandReply = z.object({ reply: z.string().nullable() });

/** The bot's simulated-WeChat console asks how the api holds a room (development only; still the bot token). */
export const RoomProfileInput = z.object({ account: Account, roomId: RoomId }).strict();
export const RoomProfileReply = z.object({
  /** False when the api has never heard of the room. */
  known: z.boolean(),
  status: z.enum(['active', 'removed', 'needs_rebind']).nullable(),
  topic: z.string().nullable(),
  profile: z.object({
    regions: z.array(z.string()),
    topics: z.array(z.string()),
    audiences: z.array(z.string()),
    keywords: z.array(z.string()),
  }),
  delivery: DeliverySettings,
  /** Names only: contact ids stay in the api. */
  managerNames: z.array(z.string()),
});
export type RoomProfileReply = z.infer<typeof RoomProfileReply>;
