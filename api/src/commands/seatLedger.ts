import { Types, type mongo } from 'mongoose';
import type { Models } from '../models/index.js';
import { insertOnce } from '../db/duplicateKey.js';
import { markChanged } from '../db/changeTokens.js';

type Id = Types.ObjectId | string;
const oid = (id: Id) => (typeof id === 'string' ? new Types.ObjectId(id) : id);

/** Creates the event's ledger on first use; concurrent first claims create it once (unique `_id`). */
const createLedger = (models: Models, _id: Types.ObjectId, capacity: number) =>
  insertOnce(models.SeatLedger, { _id, capacity, held: 0, holders: [], createdAt: new Date(), updatedAt: new Date() });

/** A ledger as stored, for the driver (the inferred schema type has mongoose subdocuments for holders). */
interface StoredLedger {
  _id: Types.ObjectId;
  capacity: number;
  held: number;
  holders: { reg: Types.ObjectId; at: Date }[];
  createdAt: Date;
  updatedAt: Date;
}

/** What a claim found: a seat taken now by this call, one the registration already held, or none free. */
export type ClaimOutcome = 'claimed' | 'held' | 'full';

/**
 * Seat allocation for one event, on its ledger document (models/registration.ts). Every change
 * is one conditional update of that document, checked by its matched count: MongoDB applies an
 * update to one document atomically, so two claims can never take the last seat together.
 */
export const seatLedger = {
  /**
   * Takes a seat for `registrationId` if the ledger has one free: one conditional update, checked by its
   * matched count. The ledger's own capacity governs (`$expr`), so no caller needs a copy of it and an
   * organizer changing it meanwhile cannot make a claim miss. False: full, this registration already holds
   * a seat, or the event has no ledger yet (`ensure`).
   */
  async take(models: Models, eventId: Id, registrationId: Id): Promise<boolean> {
    const reg = oid(registrationId);
    const now = new Date();
    // Straight to the driver: every sign-up makes this update, its values are already in stored types, and
    // mongoose's cast built a subdocument for the holder each time. So the token and timestamp are ours to move.
    const ledgers = models.SeatLedger.collection as unknown as mongo.Collection<StoredLedger>;
    const { matchedCount } = await ledgers.updateOne(
      { _id: oid(eventId), 'holders.reg': { $ne: reg }, $expr: { $lt: ['$held', '$capacity'] } },
      { $push: { holders: { reg, at: now } }, $inc: { held: 1 }, $set: { updatedAt: now } },
    );
    if (matchedCount !== 1) return false;
    await markChanged(models.SeatLedger);
    return true;
  },

  /**
   * `take`, and when it misses, why: 'held' means the registration was already a holder (someone else, the
   * promoter or a repeated request, is moving it, and this caller must not change its status). A missing
   * ledger is created with `capacity` (the caller's copy from the event) and the seat taken again.
   */
  async claim(models: Models, eventId: Id, capacity: number, registrationId: Id): Promise<ClaimOutcome> {
    const _id = oid(eventId);
    const reg = oid(registrationId);
    for (let round = 0; round < 2; round++) {
      if (await seatLedger.take(models, _id, reg)) return 'claimed';
      // Not taken: find out why in one read, this registration's holder entry if it has one ($elemMatch).
      const ledger = await models.SeatLedger.findById(_id, { holders: { $elemMatch: { reg } } }).lean();
      if (!ledger) {
        await createLedger(models, _id, capacity);
        continue;
      }
      return (ledger.holders ?? []).length > 0 ? 'held' : 'full';
    }
    return 'full';
  },

  /** Creates the event's ledger with `capacity` unless it has one (then nothing changes). */
  async ensure(models: Models, eventId: Id, capacity: number): Promise<void> {
    await createLedger(models, oid(eventId), capacity);
  },

  /** Frees the registration's seat. Returns true when this call freed it (false: it held none). */
  async release(models: Models, eventId: Id, registrationId: Id): Promise<boolean> {
    const reg = oid(registrationId);
    const { modifiedCount } = await models.SeatLedger.updateOne(
      { _id: oid(eventId), 'holders.reg': reg },
      { $pull: { holders: { reg } }, $inc: { held: -1 } },
    );
    return modifiedCount === 1;
  },

  /** Seats held for one event: the figure allocation trusts. */
  async held(models: Models, eventId: Id): Promise<number> {
    const ledger = await models.SeatLedger.findById(oid(eventId), { held: 1 }).lean();
    return ledger?.held ?? 0;
  },

  /**
   * Sets the capacity allocation obeys. Refused (returns the seats held) when more seats are
   * held than the new capacity; returns null on success.
   */
  async setCapacity(models: Models, eventId: Id, capacity: number): Promise<number | null> {
    const _id = oid(eventId);
    await createLedger(models, _id, capacity);
    const { matchedCount } = await models.SeatLedger.updateOne({ _id, held: { $lte: capacity } }, { $set: { capacity } });
    return matchedCount === 1 ? null : await seatLedger.held(models, _id);
  },
};
