import { Schema } from 'mongoose';

export const userSchema = new Schema(
  {
    openid: { type: String, unique: true, sparse: true },
    /** Kept server-side for decrypting WeChat data later; never selected by default, never sent. */
    sessionKey: { type: String, select: false },
    username: { type: String, unique: true, sparse: true },
    passwordHash: { type: String, select: false },
    roles: { type: [String], enum: ['admin', 'organizer'], default: [] },
    /**
     * Moves on a password change, a disable or a role removal: tokens carry the version they were
     * signed with and stop working once it moved (checked per request through a short cache).
     */
    tokenVersion: { type: Number, default: 0 },
    disabled: { type: Boolean, default: false },
    /** Wrong passwords in a row, and the lock they led to (organizer/admin login). */
    failedLogins: { type: Number, default: 0 },
    lockedUntil: Date,
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
