import { z } from 'zod';
import { ObjectIdString } from './common.js';
import { GroupChannel } from './group.js';

/**
 * What pushed links achieved (issue 13). Every pushed link carries a tracking code `t`: a delivery's
 * `trackingCode` (one per broadcast occurrence and group), or `chat-<groupId>` for the link the bot
 * answers 报名 <code> with. Opens and sign-ups are attributed to a group and channel through it.
 */

/** A tracking code as links carry it (same rule as a registration's `source`). */
export const TrackingCode = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '来源编码格式不正确');

/** A random id the mini-program keeps in storage for a visitor who is not signed in; no IP, no UA. */
export const VisitorId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '访客编号格式不正确');

/** The detail pages a pushed link can open. */
export const OpenPageKind = z.enum(['event', 'policy', 'program']);
export type OpenPageKind = z.infer<typeof OpenPageKind>;

/**
 * POST /api/v1/opens: a detail page was opened with `?t=`. Signed in, the user id is the visitor
 * (`visitor` is then ignored); otherwise `visitor` is required. Recorded once per (code, visitor).
 */
export const OpenInput = z
  .object({
    t: TrackingCode,
    page: z.object({ kind: OpenPageKind, id: ObjectIdString }).strict(),
    visitor: VisitorId.optional(),
  })
  .strict();
export type OpenInput = z.infer<typeof OpenInput>;

/** `recorded`: false when this visitor had already opened this link (nothing new was written). */
export const OpenResult = z.object({ recorded: z.boolean() });
export type OpenResult = z.infer<typeof OpenResult>;

const count = z.number().int().min(0);

/**
 * The funnel of pushed links, each step a count:
 *  - pushed: deliveries that reached a group (status sent), of every broadcast about the item (publish,
 *    reminders, change notices);
 *  - opened: distinct people (or visitors) who opened a tracked link;
 *  - signedUp: registrations that came through a tracked link, whatever their status now;
 *  - confirmed: of those, the ones holding a confirmed seat or already checked in;
 *  - checkedIn: of those, the ones checked in.
 */
export const Funnel = z.object({
  pushed: count,
  opened: count,
  signedUp: count,
  confirmed: count,
  checkedIn: count,
});
export type Funnel = z.infer<typeof Funnel>;

/** Registrations by outcome, without the push steps. */
export const OutcomeCounts = z.object({ signedUp: count, confirmed: count, checkedIn: count });
export type OutcomeCounts = z.infer<typeof OutcomeCounts>;

/** A group's row: who it is and its funnel. */
export const GroupFunnel = Funnel.extend({
  groupId: z.string(),
  /** The group's name (label only); `已删除的群` when the group no longer exists. */
  topic: z.string(),
  channel: GroupChannel,
});
export type GroupFunnel = z.infer<typeof GroupFunnel>;

/** A channel's row: the bot in WeChat rooms, or 企业微信 group robots. */
export const ChannelFunnel = Funnel.extend({ channel: GroupChannel });
export type ChannelFunnel = z.infer<typeof ChannelFunnel>;

/** A Shanghai calendar day, `2026-12-03`. */
export const ShanghaiDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * GET /api/v1/events/:id/insights (`/insights.csv`: the same figures as CSV).
 * `totals` is the funnel over tracked links (pushes of the event and 报名 links in group chats);
 * `allRegistrations` counts every sign-up, tracked or not, so the share the pushes brought shows.
 */
export const EventInsights = z.object({
  eventId: z.string(),
  title: z.string(),
  generatedAt: z.string(),
  totals: Funnel,
  allRegistrations: OutcomeCounts,
  /** One row per group that was pushed the event or brought an open or sign-up; most sign-ups first. */
  byGroup: z.array(GroupFunnel),
  /** Always both channels, in the order wechat, wecom. */
  byChannel: z.array(ChannelFunnel),
  /** Every Shanghai day from the first sign-up to the last (gaps as zeros); `tracked` ⊆ `signedUp`. */
  signupsOverTime: z.array(z.object({ date: ShanghaiDay, signedUp: count, tracked: count })),
});
export type EventInsights = z.infer<typeof EventInsights>;

/** Delivery outcomes and what followed, for one broadcast or one group. */
export const DeliveryOutcome = z.object({
  /** Deliveries planned (one per occurrence and group). */
  planned: count,
  delivered: count,
  failed: count,
  /** Pending or being sent. */
  waiting: count,
  /** Skipped: the broadcast was cancelled or the group removed before it went out. */
  skipped: count,
  opened: count,
  signedUp: count,
  confirmed: count,
  checkedIn: count,
});
export type DeliveryOutcome = z.infer<typeof DeliveryOutcome>;

/**
 * GET /api/v1/broadcasts/:id/insights (and `/insights.csv`): delivered, failed, opened and the sign-ups it led
 * to, overall, per group and per channel. Manual broadcasts carry no link: their opens and sign-ups are 0.
 */
export const BroadcastInsights = z.object({
  broadcastId: z.string(),
  title: z.string(),
  kind: z.string(),
  /** The item the broadcast pushed, when it pushed one. */
  source: z.object({ type: z.enum(['policy', 'event', 'program']), id: z.string() }).nullable(),
  generatedAt: z.string(),
  totals: DeliveryOutcome,
  byGroup: z.array(DeliveryOutcome.extend({ groupId: z.string(), topic: z.string(), channel: GroupChannel })),
  byChannel: z.array(DeliveryOutcome.extend({ channel: GroupChannel })),
});
export type BroadcastInsights = z.infer<typeof BroadcastInsights>;

/** The window a group's insights cover. */
export const GROUP_INSIGHTS_DAYS = 90;

/**
 * GET /api/v1/groups/:id/insights (and `/insights.csv`): what the group received in the last 90 days
 * (deliveries due in the window) and how it responded (opens and sign-ups through its links).
 */
export const GroupInsights = z.object({
  groupId: z.string(),
  topic: z.string(),
  channel: GroupChannel,
  days: z.literal(GROUP_INSIGHTS_DAYS),
  /** Start of the window (ISO time, midnight in Shanghai 89 days before today) and when it was computed. */
  since: z.string(),
  generatedAt: z.string(),
  totals: DeliveryOutcome,
  /** One row per broadcast the group was planned in the window, newest first; `chat` rows are 报名 links. */
  broadcasts: z.array(
    DeliveryOutcome.extend({
      /** The broadcast id, or `chat` for links the bot gave in the group's chat. */
      broadcastId: z.string(),
      title: z.string(),
      kind: z.string(),
      /** Last time a delivery of it reached the group; null if none did. */
      lastSentAt: z.string().nullable(),
    }),
  ),
  /** Every Shanghai day of the window, oldest first. */
  overTime: z.array(z.object({ date: ShanghaiDay, delivered: count, opened: count, signedUp: count })),
});
export type GroupInsights = z.infer<typeof GroupInsights>;
