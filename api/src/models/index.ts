import type { Connection, InferSchemaType, Model } from 'mongoose';
import { auditLogSchema } from './auditLog.js';
import { botStateSchema, broadcastSchema, deliverySchema, leaseSchema, occurrenceSchema, wecomPaceSchema } from './broadcast.js';
import { consentSchema, notificationSchema } from './notification.js';
import { eventSchema, policySchema, programSchema } from './content.js';
import { eventCodeSchema } from './eventCode.js';
import { groupSchema } from './group.js';
import { openSchema, openTallySchema } from './open.js';
import { imageSchema } from './image.js';
import { registrationSchema, seatLedgerSchema } from './registration.js';
import { userSchema } from './user.js';

/**
 * Models are bound to one connection (not mongoose's global one) so that tests can run two
 * api instances, each with its own pool, against one database.
 */
export function createModels(conn: Connection) {
  return {
    conn,
    User: conn.model('User', userSchema, 'users'),
    Policy: conn.model('Policy', policySchema, 'policies'),
    Program: conn.model('Program', programSchema, 'programs'),
    Event: conn.model('Event', eventSchema, 'events'),
    EventCode: conn.model('EventCode', eventCodeSchema, 'eventCodes'),
    Registration: conn.model('Registration', registrationSchema, 'registrations'),
    SeatLedger: conn.model('SeatLedger', seatLedgerSchema, 'seatLedgers'),
    Group: conn.model('Group', groupSchema, 'groups'),
    AuditLog: conn.model('AuditLog', auditLogSchema, 'auditLog'),
    Broadcast: conn.model('Broadcast', broadcastSchema, 'broadcasts'),
    Occurrence: conn.model('Occurrence', occurrenceSchema, 'occurrences'),
    Delivery: conn.model('Delivery', deliverySchema, 'deliveries'),
    BotState: conn.model('BotState', botStateSchema, 'botStates'),
    Lease: conn.model('Lease', leaseSchema, 'leases'),
    Notification: conn.model('Notification', notificationSchema, 'notifications'),
    WecomPace: conn.model('WecomPace', wecomPaceSchema, 'wecomPaces'),
    Consent: conn.model('Consent', consentSchema, 'consents'),
    Open: conn.model('Open', openSchema, 'opens'),
    OpenTally: conn.model('OpenTally', openTallySchema, 'openTallies'),
    Image: conn.model('Image', imageSchema, 'images'),
  };
}
export type Models = ReturnType<typeof createModels>;

export type EventDoc = InferSchemaType<typeof eventSchema> & { _id: import('mongoose').Types.ObjectId };
export type RegistrationDoc = InferSchemaType<typeof registrationSchema> & { _id: import('mongoose').Types.ObjectId };
export type EventCodeDoc = Omit<InferSchemaType<typeof eventCodeSchema>, '_id'> & { _id: string };
export type SeatLedgerDoc = InferSchemaType<typeof seatLedgerSchema>;
export type { OpenDoc, OpenTallyDoc } from './open.js';
export type {
  AuditLogDoc,
  BotStateDoc,
  BroadcastDoc,
  ConsentDoc,
  DeliveryDoc,
  GroupDoc,
  NotificationDoc,
  OccurrenceDoc,
  PolicyDoc,
  ProgramDoc,
  UserDoc,
} from './types.js';

/**
 * Builds every index (unique ones carry invariants, so start-up waits for them). The collections are
 * independent, so their indexes are built side by side: one after the other was a fifth of an api's start.
 */
export async function syncIndexes(models: Models): Promise<void> {
  await Promise.all(
    Object.values(models).map((model) =>
      typeof (model as Model<unknown>).createIndexes === 'function' ? (model as Model<unknown>).createIndexes() : undefined,
    ),
  );
}
