import { Schema } from 'mongoose';
import { trackGroupChanges } from '../broadcasts/groupDirectory.js';

export const groupSchema = new Schema(
  {
    /**
     * The identity, unique: a WeChat room's id, or for a 企业微信 robot `wecom:<sha-256 of its key>` (so the
     * same robot cannot be added twice, and the identity reveals nothing). The topic is only a label.
     */
    roomId: { type: String, required: true, unique: true },
    topic: { type: String, required: true },
    /** wechat: a room the bot is in; wecom: a group robot the api posts to itself. */
    channel: { type: String, enum: ['wechat', 'wecom'], default: 'wechat' },
    /**
     * The robot's webhook key is its credential: never selected unless asked for (`+wecom.key`), never
     * presented or logged; lists show `keyMasked`.
     */
    wecom: {
      type: new Schema({ key: { type: String, select: false }, keyMasked: String }, { _id: false }),
      default: null,
    },
    botAccount: String,
    status: { type: String, enum: ['active', 'removed', 'needs_rebind'], default: 'active', index: true },
    profile: {
      regions: { type: [String], default: [] },
      topics: { type: [String], default: [] },
      audiences: { type: [String], default: [] },
      keywords: { type: [String], default: [] },
    },
    delivery: {
      mode: { type: String, enum: ['instant', 'digest'], default: 'instant' },
      digestAt: { type: String, default: '09:00' },
      quietHours: { type: new Schema({ start: String, end: String }, { _id: false }), default: null },
    },
    managers: { type: [new Schema({ contactId: String, name: String }, { _id: false })], default: [] },
    seedKey: { type: String, unique: true, sparse: true },
    /** The organizer who registered the group by hand; unset for groups the bot joined or the seed made (shared by all). */
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
trackGroupChanges(groupSchema);
