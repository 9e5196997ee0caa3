import type { DeliveryOutcome } from '@techbridge/shared';
import { addStatus, type Outcome } from './outcomes.js';

export const emptyDeliveryOutcome = (): DeliveryOutcome => ({
  planned: 0,
  delivered: 0,
  failed: 0,
  waiting: 0,
  skipped: 0,
  opened: 0,
  signedUp: 0,
  confirmed: 0,
  checkedIn: 0,
});

/**
 * The $group accumulators that count deliveries by outcome (one pass), and collect their tracking
 * codes so sign-ups can be attributed to them.
 */
export const deliveryCounters = {
  planned: { $sum: 1 },
  delivered: { $sum: { $cond: [{ $eq: ['$status', 'sent'] }, 1, 0] } },
  failed: { $sum: { $cond: [{ $eq: ['$status', 'failed'] }, 1, 0] } },
  waiting: { $sum: { $cond: [{ $in: ['$status', ['pending', 'sending']] }, 1, 0] } },
  skipped: { $sum: { $cond: [{ $eq: ['$status', 'skipped'] }, 1, 0] } },
  codes: { $push: '$trackingCode' },
};

export interface DeliveryCounts {
  planned: number;
  delivered: number;
  failed: number;
  waiting: number;
  skipped: number;
  codes: string[];
}

/** Adds deliveries counted by `deliveryCounters` to an outcome row. */
export function addDeliveries(o: DeliveryOutcome, d: DeliveryCounts): void {
  o.planned += d.planned;
  o.delivered += d.delivered;
  o.failed += d.failed;
  o.waiting += d.waiting;
  o.skipped += d.skipped;
}

/** Adds `n` registrations of `status` to an outcome row. */
export function addRegistrations(o: DeliveryOutcome, status: string, n: number): void {
  const r: Outcome = { signedUp: 0, confirmed: 0, checkedIn: 0 };
  addStatus(r, status, n);
  o.signedUp += r.signedUp;
  o.confirmed += r.confirmed;
  o.checkedIn += r.checkedIn;
}

/** Sums rows into a total. */
export function sumOutcomes(rows: DeliveryOutcome[]): DeliveryOutcome {
  const total = emptyDeliveryOutcome();
  for (const r of rows) for (const k of Object.keys(total) as (keyof DeliveryOutcome)[]) total[k] += r[k];
  return total;
}
