import { Schema } from 'mongoose';

export const userSchema = new Schema(
  {
    openid: { type: String, unique: true, sparse: true },
    /** Kept server-side for decrypting WeChat data later; never selected by default, never sent. */
    sessionKey: { type: String, select: false },
    username: { type: String, unique: true, sparse: true },
    passwordHash: { type: String, select: false },
    roles: { type: [String], enum: ['admin', 'organizer'], default: [] },
    name: String,
    org: String,
    kind: { type: String, enum: ['researcher', 'enterprise', 'institution', 'investor', 'tech-manager'] },
    /** Personal subscription: regions and topics the user follows (mini-program 我的订阅). */
    subscription: {
      regions: { type: [String], default: [] },
      topics: { type: [String], default: [] },
      notifyConsent: { type: Boolean, default: false },
    },
  },
  { timestamps: true },
);
