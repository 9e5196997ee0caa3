/** Reads an event's seat ledger straight from the database, for invariant checks. */
import type { RunningApi } from '../../api/src/server.js';

export interface LedgerView {
  capacity: number;
  held: number;
  /** Registration ids holding a seat, in the order they took it. */
  holders: string[];
}

export async function seatLedgerOf(api: RunningApi, eventId: string): Promise<LedgerView> {
  const ledger = await api.deps.models.SeatLedger.findById(eventId).lean();
  if (!ledger) return { capacity: 0, held: 0, holders: [] };
  return { capacity: ledger.capacity, held: ledger.held, holders: ledger.holders.map((h) => String(h.reg)) };
}
