import { Schema } from 'mongoose';

/** Who did what to which record. `data` holds changed field names, never personal data. */
export const auditLogSchema = new Schema({
  actor: { type: Schema.Types.ObjectId, ref: 'User' },
  actorRoles: [String],
  action: { type: String, required: true },
  targetType: { type: String, required: true },
  targetId: { type: String, required: true },
  data: { type: Schema.Types.Mixed },
  at: { type: Date, default: () => new Date(), index: true },
});
