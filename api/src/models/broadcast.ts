import { Schema } from 'mongoose';

/**
 * A broadcast: content, audience and schedule. Automatic ones (a policy or event published, a
 * reminder) carry a unique `sourceKey` so publishing twice plans once.
 */
export const broadcastSchema = new Schema(
  {
    title: { type: String, required: true },
    /** Manual broadcasts: the organizer's text. Content broadcasts are rendered per group. */
    text: { type: String, default: '' },
    kind: {
      type: String,
      enum: ['policy', 'event', 'program', 'manual', 'reminder', 'event_changed', 'event_cancelled'],
      default: 'manual',
    },
    sourceType: { type: String, enum: ['policy', 'event', 'program', null], default: null },
    sourceId: { type: Schema.Types.ObjectId, default: null },
    sourceKey: { type: String, unique: true, sparse: true },
    audience: {
      kind: { type: String, enum: ['all', 'filter', 'groups', 'match'], default: 'all' },
      regions: { type: [String], default: [] },
      topics: { type: [String], default: [] },
      audiences: { type: [String], default: [] },
      keywords: { type: [String], default: [] },
      groupIds: { type: [Schema.Types.ObjectId], default: [] },
    },
    schedule: {
      kind: { type: String, enum: ['now', 'once', 'cron'], default: 'now' },
      at: Date,
      cron: String,
      tz: { type: String, default: 'Asia/Shanghai' },
    },
    status: { type: String, enum: ['scheduled', 'cancelled', 'completed'], default: 'scheduled', index: true },
    /**
     * Publish broadcasts of policies and events: false until the people whose 我的订阅 match the item
     * have been recorded to be told; the sweep finishes it after a crash. Absent on other broadcasts
     * (and on those from before the flag existed), which the sweep leaves alone.
     */
    subscribersTold: { type: Boolean },
    /** When a publish broadcast's item was published, by the api's clock: the day its subscriber messages count against. */
    publishedAt: { type: Date },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
// The sweep's publish broadcasts whose subscribers are not yet told (sparse: most broadcasts lack the flag).
broadcastSchema.index({ subscribersTold: 1 }, { sparse: true });
// Insights: the broadcasts (publish, reminders, notices) that pushed one item.
broadcastSchema.index({ sourceType: 1, sourceId: 1 });

/**
 * One firing of a broadcast. `_id` is `<broadcast>:<scheduled ISO time>`: inserting it is what
 * makes an occurrence fire once, whatever the number of api instances or restarts.
 * `planning` → deliveries being written; `planned` → all written; `missed` → past the grace window.
 */
export const occurrenceSchema = new Schema(
  {
    _id: { type: String },
    broadcast: { type: Schema.Types.ObjectId, required: true, index: true },
    scheduledAt: { type: Date, required: true },
    status: { type: String, enum: ['planning', 'planned', 'missed'], required: true },
    groups: { type: Number, default: 0 },
    firedAt: Date,
  },
  { timestamps: true },
);

/**
 * One message to one group for one occurrence. `_id` is `<occurrence>:<group>`, so planning the
 * same occurrence twice writes nothing new (invariant 3).
 */
export const deliverySchema = new Schema(
  {
    _id: { type: String },
    broadcast: { type: Schema.Types.ObjectId, required: true, index: true },
    occurrence: { type: String, required: true },
    group: { type: Schema.Types.ObjectId, required: true, index: true },
    roomId: { type: String, required: true },
    /** Who sends it: the bot (wechat; absent on rows planned before channels existed) or the api's WeCom sender. */
    channel: { type: String, enum: ['wechat', 'wecom'], default: 'wechat' },
    botAccount: { type: String, default: null },
    kind: { type: String, default: 'manual' },
    text: { type: String, required: true },
    reason: { type: String, default: '' },
    /** Link card (title, why, tracked link) for puppets that can send one; stored so the claimer never parses text. */
    card: { type: new Schema({ title: String, description: String, url: String }, { _id: false }), default: null },
    /** Digest-mode groups get one combined message at their digest time. */
    digest: { type: Boolean, default: false },
    status: { type: String, enum: ['pending', 'sending', 'sent', 'failed', 'skipped'], default: 'pending' },
    /** Times a bot claimed it (a claim is a conditional update on this count); `attempts` counts failed tries only. */
    claims: { type: Number, default: 0 },
    attempts: { type: Number, default: 0 },
    lastError: { type: String, default: null },
    notBefore: { type: Date, required: true },
    leaseUntil: { type: Date, default: null },
    sentAt: { type: Date, default: null },
    trackingCode: { type: String, required: true },
  },
  { timestamps: true },
);
// The bot's claim query: due pending deliveries, oldest first.
deliverySchema.index({ status: 1, notBefore: 1 });
// Insights: a link's code leads to its delivery; a group's deliveries of the last 90 days.
deliverySchema.index({ trackingCode: 1 });
deliverySchema.index({ group: 1, notBefore: 1 });

/** What the bot last reported, per WeChat account. */
export const botStateSchema = new Schema({
  _id: { type: String },
  state: { type: String, enum: ['scan', 'login', 'logout', 'heartbeat'] },
  loggedIn: { type: Boolean, default: false },
  qrcode: { type: String, default: null },
  userName: { type: String, default: null },
  lastSeenAt: Date,
  /** Set after 操作过于频繁: the account's whole queue waits until then. */
  pausedUntil: { type: Date, default: null },
});

/**
 * One per WeCom robot (`_id` = the group): when its last messages went out, at most the per-minute cap of
 * them, and a pause after WeCom said 45009 (over the limit). A slot is taken by a conditional update on
 * `v`, so api instances sending at the same moment never pass the cap together.
 */
export const wecomPaceSchema = new Schema({
  _id: { type: String },
  sends: { type: [Date], default: [] },
  pausedUntil: { type: Date, default: null },
  v: { type: Number, default: 0 },
});

/** Named leases (the scheduler's): one holder at a time, taken over when it expires. */
export const leaseSchema = new Schema({
  _id: { type: String },
  owner: { type: String, required: true },
  expiresAt: { type: Date, required: true },
});
