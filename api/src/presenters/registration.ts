import type { Registration } from '@techbridge/shared';
import { iso, isoReq, maskPhone } from './common.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- lean docs */

/**
 * `masked` for organizer lists (phone as 138****5678); the registrant sees their own number.
 */
export function presentRegistration(doc: any, opts: { masked: boolean; waitlistPosition?: number | null }): Registration {
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
