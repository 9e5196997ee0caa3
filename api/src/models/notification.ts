import { Schema } from 'mongoose';

/**
 * One WeChat subscribe message to one person for one reason. `_id` is the reason
 * (`offer:<registration>`, `reminder:<event>:24h:<user>` ...), so the same reason is recorded, and
 * sent, at most once however many instances or retries get there (invariant 3). The template data is
 * rendered when the reason arises and stored, so a retry sends exactly what was decided.
 */
export const notificationSchema = new Schema(
  {
    _id: { type: String },
    user: { type: Schema.Types.ObjectId, required: true, index: true },
    event: { type: Schema.Types.ObjectId, default: null },
    kind: { type: String, required: true },
    templateId: { type: String, required: true },
    page: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    status: {
      type: String,
      enum: ['pending', 'sending', 'sent', 'no_credit', 'refused', 'failed'],
      default: 'pending',
    },
    /** Times a sender claimed it (a claim is a conditional update on this count); `attempts` counts failed sends. */
    claims: { type: Number, default: 0 },
    attempts: { type: Number, default: 0 },
    /** A consent credit was taken for it (spent once, whatever the retries; refunded when WeChat never took it). */
    creditSpent: { type: Boolean, default: false },
    /** Set just before the HTTP call: a claim that lapses after this point has an unknown outcome. */
    calledAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    notBefore: { type: Date, required: true },
    leaseUntil: { type: Date, default: null },
    sentAt: { type: Date, default: null },
  },
  { timestamps: true },
);
// The sender's query (due pending messages) and the organizer's per-event counts.
notificationSchema.index({ status: 1, notBefore: 1 });
notificationSchema.index({ event: 1 });

/**
 * Consent ledger: one document per (person, template kind), `_id` `<user>:<kind>`. Each accepted
 * `requestSubscribeMessage` adds one credit; a message is sent only after a conditional update
 * took one (`credits > 0`), so no message ever goes out without consent.
 */
export const consentSchema = new Schema(
  {
    _id: { type: String },
    user: { type: Schema.Types.ObjectId, required: true, index: true },
    kind: { type: String, required: true },
    credits: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);
