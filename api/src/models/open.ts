import { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * One opening of a pushed link by one visitor: `_id` is `<code>:<visitor>`, so the same person opening
 * the same link again (or twenty times at once) is one record, by the `_id` index alone. `visitor` is
 * `u:<user id>` when signed in, else `v:<random id the mini-program keeps>`; no IP, no user agent.
 * Where the code leads (broadcast, group, channel, item) is resolved when the open is written, so the
 * insights read no joins.
 */
export const openSchema = new Schema(
  {
    _id: { type: String },
    code: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, default: null },
    itemType: { type: String, enum: ['event', 'policy', 'program'], required: true },
    item: { type: Schema.Types.ObjectId, required: true },
    /** Null for `chat-<group>` codes (the link the bot gave in a group chat). */
    broadcast: { type: Schema.Types.ObjectId, default: null },
    group: { type: Schema.Types.ObjectId, required: true },
    channel: { type: String, enum: ['wechat', 'wecom'], required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
// The tally's recount (all opens of one code) and a group's last 90 days.
openSchema.index({ code: 1 });
openSchema.index({ group: 1, at: 1 });

/**
 * The number of opens of one code (`_id`), with where the code leads. It is derived from `opens` and
 * only ever raised to a fresh count of them (`$max`), so concurrent writers, or a crash between an
 * open and its recount, never leave it above the truth, and the next open of the code repairs it.
 * The event and broadcast funnels group these (one per delivery) instead of scanning every open.
 */
export const openTallySchema = new Schema(
  {
    _id: { type: String },
    itemType: { type: String, enum: ['event', 'policy', 'program'], required: true },
    item: { type: Schema.Types.ObjectId, required: true },
    broadcast: { type: Schema.Types.ObjectId, default: null },
    group: { type: Schema.Types.ObjectId, required: true },
    channel: { type: String, enum: ['wechat', 'wecom'], required: true },
    opens: { type: Number, required: true, default: 0 },
  },
  { versionKey: false },
);
openTallySchema.index({ item: 1 });
openTallySchema.index({ broadcast: 1 });

export type OpenDoc = Omit<InferSchemaType<typeof openSchema>, '_id'> & { _id: string };
export type OpenTallyDoc = Omit<InferSchemaType<typeof openTallySchema>, '_id'> & { _id: string; item: Types.ObjectId };
