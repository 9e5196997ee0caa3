import { Schema } from 'mongoose';
import { trackGroupChanges } from '../broadcasts/groupDirectory.js';

export const groupSchema = new Schema(
  {
    /** WeChat room id: the identity. The topic is only a label and may change. */
    roomId: { type: String, required: true, unique: true },
    topic: { type: String, required: true },
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
