/**
 * Registration availability of an event, computed from registration counts (never from a stored counter).
 */
import { AVAILABILITY_LABELS } from './labels.js';

/** Registration settings of an event that availability depends on. */
export interface AvailabilityEvent {
  capacity: number;
  waitlistEnabled: boolean;
  opensAt?: Date | string | null;
  closesAt?: Date | string | null;
  status?: string;
}

/** Counts of registrations by status. */
export interface RegistrationCounts {
  confirmed: number;
  offered: number;
  waitlisted: number;
}

export type AvailabilityState = 'not_open' | 'open' | 'waitlist' | 'full' | 'closed';

/** What a newcomer can do right now, with the Chinese label shown on the event card. */
export interface Availability {
  state: AvailabilityState;
  /** Seats a newcomer could still take (0 unless the state is `open`, or `not_open` with room). */
  seatsLeft: number;
  label: string;
}

// Statuses after which nobody can register any more; a draft has not opened yet.
const ENDED_STATUSES = new Set(['closed', 'cancelled', 'canceled', 'ended', 'finished', 'archived']);

// An invalid or missing date does not constrain the window; schemas reject bad dates before they get here.
function toTime(value: Date | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const t = (value instanceof Date ? value : new Date(value)).getTime();
  return Number.isNaN(t) ? null : t;
}

const count = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

/**
 * Computes the registration state. Seats held by pending offers count as taken, and people already on
 * the waitlist come before newcomers: a seat freed by a cancellation goes to the queue (as an offer), so it
 * is not shown as open to everyone else.
 */
export function availability(event: AvailabilityEvent, counts: RegistrationCounts, now: Date = new Date()): Availability {
  const taken = count(counts.confirmed) + count(counts.offered) + count(counts.waitlisted);
  const seatsLeft = Math.max(0, count(event.capacity) - taken);
  const at = now.getTime();
  const opensAt = toTime(event.opensAt);
  const closesAt = toTime(event.closesAt);
  const result = (state: AvailabilityState, seats = 0): Availability => ({
    state,
    seatsLeft: seats,
    label: AVAILABILITY_LABELS[state],
  });

  // A cancelled event says so: it did not merely stop taking sign-ups.
  if (event.status === 'cancelled') return { state: 'closed', seatsLeft: 0, label: '活动已取消' };
  if (event.status !== undefined && ENDED_STATUSES.has(event.status)) return result('closed');
  if (closesAt !== null && at >= closesAt) return result('closed');
  if (event.status === 'draft' || (opensAt !== null && at < opensAt)) return result('not_open', seatsLeft);
  if (seatsLeft > 0) return { state: 'open', seatsLeft, label: `报名中（剩余 ${seatsLeft} 席）` };
  return result(event.waitlistEnabled ? 'waitlist' : 'full');
}
