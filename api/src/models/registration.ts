import { Schema } from 'mongoose';
import { trackChanges } from '../db/changeTokens.js';

/**
 * A registration. Its invariants rest on what MongoDB guarantees for a single document and a
 * unique index, so they hold on a sharded or replicated deployment without transactions:
 *  - `activeKey` is `<event>:<user>` while the registration is active and a unique per-record
 *    value once it ends, so a user holds at most one active registration per event (unique index);
 *  - a confirmed, offered or checked-in registration is a holder in its event's seat ledger
 *    (seatLedgerSchema below); status changes are conditional updates on the status they expect.
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
    offerExpiresAt: { type: Date, default: null },
    cancelReason: { type: String, default: null },
    checkedInAt: { type: Date, default: null },
  },
  { timestamps: true },
);
registrationSchema.index({ event: 1, status: 1, createdAt: 1 });
// Insights: the sign-ups a broadcast's or a group's links led to.
registrationSchema.index({ source: 1 });

/**
 * One document per event: who holds its seats. A claim is one conditional update of this
 * document — `held < capacity` and not already a holder, then push the holder and add one — so
 * MongoDB's single-document atomicity is what makes overselling impossible, with any number of
 * api instances. `capacity` here is the one allocation obeys (the event's copy is for display);
 * lowering it is refused while more seats are held.
 */
export const seatLedgerSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    capacity: { type: Number, required: true, min: 0 },
    held: { type: Number, required: true, default: 0 },
    /** Who holds a seat, and since when (the sweep repairs only holders older than a minute). */
    holders: {
      type: [
        new Schema({ reg: { type: Schema.Types.ObjectId, required: true }, at: { type: Date, required: true } }, { _id: false }),
      ],
      default: [],
    },
  },
  { timestamps: true, versionKey: false },
);

// Every sign-up, cancellation and promotion changes the seats left shown on cached event pages.
for (const schema of [registrationSchema, seatLedgerSchema]) trackChanges(schema);
