import type { InferSchemaType, Types } from 'mongoose';
import type { auditLogSchema } from './auditLog.js';
import type { botStateSchema, broadcastSchema, deliverySchema, occurrenceSchema } from './broadcast.js';
import type { consentSchema, notificationSchema } from './notification.js';
import type { policySchema, programSchema } from './content.js';
import type { groupSchema } from './group.js';
import type { userSchema } from './user.js';

/**
 * Plain (lean) documents, as `Model.find().lean()` and `doc.toObject()` return them, typed from
 * the schemas so that a schema change shows up wherever a field is read.
 */

/** The fields of a schema plus the ObjectId `_id` mongoose adds. */
type WithObjectId<S> = InferSchemaType<S> & { _id: Types.ObjectId };

/**
 * The fields of a schema whose `_id` is a string we compose (`<broadcast>:<time>`, an account
 * name...). Every writer sets it, but the schemas declare it without `required`, so mongoose
 * infers it as optional and nullable; query these with `.lean<XDoc>()`.
 */
type WithStringId<S> = Omit<InferSchemaType<S>, '_id'> & { _id: string };

export type UserDoc = WithObjectId<typeof userSchema>;
export type PolicyDoc = WithObjectId<typeof policySchema>;
export type ProgramDoc = WithObjectId<typeof programSchema>;
export type GroupDoc = WithObjectId<typeof groupSchema>;
export type AuditLogDoc = WithObjectId<typeof auditLogSchema>;
export type BroadcastDoc = WithObjectId<typeof broadcastSchema>;
export type OccurrenceDoc = WithStringId<typeof occurrenceSchema>;
export type DeliveryDoc = WithStringId<typeof deliverySchema>;
export type NotificationDoc = WithStringId<typeof notificationSchema>;
export type ConsentDoc = WithStringId<typeof consentSchema>;
export type BotStateDoc = WithStringId<typeof botStateSchema>;
