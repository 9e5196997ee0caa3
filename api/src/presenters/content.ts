import type { Policy, Program, Event } from '@techbridge/shared';
import { availability } from '@techbridge/shared';
import type { EventDoc, PolicyDoc, ProgramDoc } from '../models/index.js';
import { iso, isoReq, strOrNull } from './common.js';

export function presentPolicy(doc: PolicyDoc, opts: { withBody?: boolean } = {}): Policy {
  return {
    id: String(doc._id),
    title: doc.title,
    docNo: strOrNull(doc.docNo),
    issuer: strOrNull(doc.issuer),
    regions: doc.regions ?? [],
    topics: doc.topics ?? [],
    audiences: doc.audiences ?? [],
    publishedAt: iso(doc.publishedAt),
    summary: doc.summary ?? '',
    ...(opts.withBody ? { body: doc.body ?? '' } : {}),
    sourceUrl: strOrNull(doc.sourceUrl),
    status: doc.status,
    createdAt: isoReq(doc.createdAt),
    updatedAt: isoReq(doc.updatedAt),
  };
}

export function presentProgram(doc: ProgramDoc): Program {
  return {
    id: String(doc._id),
    code: strOrNull(doc.code),
    name: doc.name,
    issuer: strOrNull(doc.issuer),
    summary: doc.summary ?? '',
    eligibility: doc.eligibility ?? [],
    benefits: doc.benefits ?? [],
    regions: doc.regions ?? [],
    topics: doc.topics ?? [],
    audiences: doc.audiences ?? [],
    applicationOpensAt: iso(doc.applicationOpensAt),
    applicationClosesAt: iso(doc.applicationClosesAt),
    sourceUrl: strOrNull(doc.sourceUrl),
    status: doc.status,
    createdAt: isoReq(doc.createdAt),
    updatedAt: isoReq(doc.updatedAt),
  };
}

export interface SeatCounts {
  confirmed: number;
  offered: number;
  waitlisted: number;
}

/** No seats held: for an event whose availability does not depend on counts (a cancelled one is closed). */
export const NO_SEATS: SeatCounts = { confirmed: 0, offered: 0, waitlisted: 0 };

export function presentEvent(doc: EventDoc, counts: SeatCounts, now: Date): Event {
  // Every stored event has one (its capacity is required); the inferred type leaves nested paths optional.
  const r = doc.registration!;
  return {
    id: String(doc._id),
    code: doc.code ?? null,
    title: doc.title,
    kind: doc.kind,
    summary: doc.summary ?? '',
    description: doc.description ?? '',
    startsAt: isoReq(doc.startsAt),
    endsAt: iso(doc.endsAt),
    venue: strOrNull(doc.venue),
    address: strOrNull(doc.address),
    onlineUrl: strOrNull(doc.onlineUrl),
    organizer: strOrNull(doc.organizer),
    coverUrl: strOrNull(doc.coverUrl),
    ownerId: doc.createdBy ? String(doc.createdBy) : null,
    coOrganizers: (doc.coOrganizers ?? []).map(String),
    regions: doc.regions ?? [],
    topics: doc.topics ?? [],
    audiences: doc.audiences ?? [],
    registration: {
      opensAt: iso(r.opensAt),
      closesAt: iso(r.closesAt),
      capacity: r.capacity,
      waitlistEnabled: r.waitlistEnabled ?? true,
      approvalRequired: r.approvalRequired ?? false,
      offerWindowMinutes: r.offerWindowMinutes ?? 0,
      questions: (r.questions ?? []).map((q) => ({
        id: q.id ?? '',
        label: q.label ?? '',
        type: q.type === 'choice' ? ('choice' as const) : ('text' as const),
        options: q.options ?? [],
        required: Boolean(q.required),
      })),
    },
    availability: availability(
      {
        capacity: r.capacity,
        waitlistEnabled: r.waitlistEnabled ?? true,
        opensAt: r.opensAt ?? null,
        closesAt: r.closesAt ?? null,
        status: doc.status,
      },
      counts,
      now,
    ),
    status: doc.status,
    cancelReason: strOrNull(doc.cancelReason),
    sequence: doc.sequence ?? 0,
    createdAt: isoReq(doc.createdAt),
    updatedAt: isoReq(doc.updatedAt),
  };
}
