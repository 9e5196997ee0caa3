import { Schema } from 'mongoose';

/**
 * One document per short event code in use: `_id` is the code, so the unique `_id` index is what
 * keeps two events that are not over from sharing one. `until` is when the holding event is over;
 * after it the code is free and the next event takes the document over by a conditional update.
 */
export const eventCodeSchema = new Schema({
  _id: { type: String },
  eventId: { type: Schema.Types.ObjectId, required: true },
  until: { type: Date, required: true },
});
