import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import { insertOnce } from '../db/duplicateKey.js';

type Id = Types.ObjectId | string;
const oid = (id: Id) => (typeof id === 'string' ? new Types.ObjectId(id) : id);

/** Creates the event's ledger on first use; concurrent first claims create it once (unique `_id`). */
const createLedger = (models: Models, _id: Types.ObjectId, capacity: number) =>
  insertOnce(models.SeatLedger, { _id, capacity, held: 0, holders: [], createdAt: new Date(), updatedAt: new Date() });

/** What a claim found: a seat taken now by this call, one the registration already held, or none free. */
export type ClaimOutcome = 'claimed' | 'held' | 'full';

/**
 * Seat allocation for one event, on its ledger document (models/registration.ts). Every change
 * is one conditional update of that document, checked by its matched count: MongoDB applies an
 * update to one document atomically, so two claims can never take the last seat together.
 */
export const seatLedger = {
  /**
   * Takes a seat for `registrationId` if one is free. `capacity` is the caller's copy from the
   * event; when the ledger's own differs (an organizer just changed it), the ledger's wins.
   * 'held' means the registration was already a holder: someone else (the promoter, a repeated
   * request) is moving it, and this caller must not change its status.
   */
  async claim(models: Models, eventId: Id, capacity: number, registrationId: Id): Promise<ClaimOutcome> {
    const _id = oid(eventId);
    const reg = oid(registrationId);
    let cap = capacity;
    // At most three rounds: the ledger may be missing (first claim), or its capacity differ from ours.
    for (let round = 0; round < 3; round++) {
      const { matchedCount } = await models.SeatLedger.updateOne(
        { _id, capacity: cap, held: { $lt: cap }, 'holders.reg': { $ne: reg } },
        { $push: { holders: { reg, at: new Date() } }, $inc: { held: 1 } },
      );
      if (matchedCount === 1) return 'claimed';
      // Not matched: find out why (the slow path, taken once the event is full), in one read:
      // the capacity, and this registration's holder entry if it has one ($elemMatch projection).
      const ledger = await models.SeatLedger.findById(_id, { capacity: 1, holders: { $elemMatch: { reg } } }).lean();
      if (!ledger) {
        await createLedger(models, _id, capacity);
        continue;
      }
      if ((ledger.holders ?? []).length > 0) return 'held';
      if (ledger.capacity !== cap) {
        cap = ledger.capacity;
        continue;
      }
      return 'full';
    }
    return 'full';
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
