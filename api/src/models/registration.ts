import { Schema } from 'mongoose';
import { trackChanges } from '../db/changeTokens.js';

/**
 * A registration. Invariants rest on unique indexes, not on multi-document transactions
 * (FerretDB v1 has none, and its findAndModify is not atomic under concurrency):
 *  - `activeKey` is `<event>:<user>` while the registration is active and a unique per-record
 *    value once it ends, so a user holds at most one active registration per event;
 *  - a confirmed or offered registration always owns a row in `seats` (see seat.ts).
 */
export const registrationSchema = new Schema(
  {
    event: { type: Schema.Types.ObjectId, ref: 'Event', required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    role: { type: String, enum: ['attendee', 'presenter'], default: 'attendee' },
    answers: { type: Map, of: String, default: {} },
    contact: { name: String, org: String, phone: String },
    /** Tracking code of the pushed link the sign-up came through (`t` in the link). */
    source: { type: String, default: null },
    status: {
      type: String,
      enum: ['pending_approval', 'confirmed', 'waitlisted', 'offered', 'cancelled', 'rejected', 'checked_in'],
      required: true,
    },
    activeKey: { type: String, required: true, unique: true },
    ticketCode: { type: String, required: true, unique: true },
    /** Seat number held while confirmed/offered/checked_in. */
    seatNo: { type: Number, default: null },
    offerExpiresAt: { type: Date, default: null },
    cancelReason: { type: String, default: null },
    checkedInAt: { type: Date, default: null },
  },
  { timestamps: true },
);
registrationSchema.index({ event: 1, status: 1, createdAt: 1 });

/**
 * One row per occupied seat: `_id` is `<event>:<n>` with n in 1..capacity. Inserting the row
 * is the seat claim; the unique `_id` is what makes overselling impossible, with any number
 * of api instances and no transactions.
 */
export const seatSchema = new Schema(
  {
    _id: { type: String },
    event: { type: Schema.Types.ObjectId, required: true, index: true },
    n: { type: Number, required: true },
    /** Unique too: a registration holds at most one seat, even when two promoters race. */
    registration: { type: Schema.Types.ObjectId, required: true, unique: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

// Every sign-up, cancellation and promotion changes the seats left shown on cached event pages.
for (const schema of [registrationSchema, seatSchema]) trackChanges(schema);
