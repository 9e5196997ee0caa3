import type { EventStatus, MyRegistration, Registration } from '@techbridge/shared';
import type { RegistrationDoc } from '../models/index.js';
import { iso, isoReq, maskPhone } from './common.js';

/** A registration as read: a document's `answers` is a Map, a lean read's a plain object. */
export type RegistrationView = Omit<RegistrationDoc, 'answers'> & {
  answers?: Map<string, string> | Record<string, string> | null;
};

/**
 * `masked` for organizer lists (phone as 138****5678); the registrant sees their own number.
 */
export function presentRegistration(
  doc: RegistrationView,
  opts: { masked: boolean; waitlistPosition?: number | null },
): Registration {
  const answers = doc.answers instanceof Map ? Object.fromEntries(doc.answers) : (doc.answers ?? {});
  return {
    id: String(doc._id),
    eventId: String(doc.event),
    role: doc.role,
    status: doc.status,
    ticketCode: doc.ticketCode,
    name: doc.contact?.name ?? '',
    org: doc.contact?.org ?? '',
    phone: opts.masked ? maskPhone(doc.contact?.phone) : (doc.contact?.phone ?? ''),
    answers,
    source: doc.source ?? null,
    waitlistPosition: opts.waitlistPosition ?? null,
    offerExpiresAt: iso(doc.offerExpiresAt),
    checkedInAt: iso(doc.checkedInAt),
    createdAt: isoReq(doc.createdAt),
    updatedAt: isoReq(doc.updatedAt),
  };
}

/** What 我的报名 shows of a registration's event (null: the event no longer exists). */
export interface EventState {
  status: EventStatus;
  cancelReason?: string | null;
}

/** The registrant's own view (phone unmasked), with their event's status and why it was cancelled. */
export function presentMyRegistration(
  doc: RegistrationView,
  opts: { waitlistPosition: number | null; event: EventState | null },
): MyRegistration {
  const { event } = opts;
  return {
    ...presentRegistration(doc, { masked: false, waitlistPosition: opts.waitlistPosition }),
    event: event
      ? { status: event.status, cancelReason: event.status === 'cancelled' ? (event.cancelReason ?? null) : null }
      : null,
  };
}
