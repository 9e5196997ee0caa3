// Shapes the api returns (see /api/v1/openapi.json); only the fields the pages read.
import type { MyRegistration } from '@techbridge/shared';

export interface Facets {
  regions: string[];
  topics: string[];
  audiences: string[];
}

export interface Policy extends Facets {
  id: string;
  title: string;
  docNo: string | null;
  issuer: string | null;
  publishedAt: string | null;
  summary: string;
  body?: string;
  sourceUrl: string | null;
  status: string;
}

export interface Program extends Facets {
  id: string;
  code: string | null;
  name: string;
  issuer: string | null;
  summary: string;
  eligibility: string[];
  benefits: string[];
  applicationOpensAt: string | null;
  applicationClosesAt: string | null;
  sourceUrl: string | null;
  status: string;
}

export interface Question {
  id: string;
  label: string;
  type: 'text' | 'choice';
  options: string[];
  required: boolean;
}

export interface EventItem extends Facets {
  id: string;
  /** Short code people type in the WeChat group (`报名 K7MX4P`). */
  code: string | null;
  title: string;
  kind: string;
  summary: string;
  description: string;
  startsAt: string;
  endsAt: string | null;
  venue: string | null;
  address: string | null;
  onlineUrl: string | null;
  organizer: string | null;
  /** The cover picture's address under the api (`/api/v1/images/…`), null without one. */
  coverUrl?: string | null;
  registration: {
    opensAt?: string | null;
    closesAt?: string | null;
    capacity: number;
    waitlistEnabled: boolean;
    approvalRequired: boolean;
    offerWindowMinutes: number;
    questions: Question[];
  };
  availability: { state: 'not_open' | 'open' | 'waitlist' | 'full' | 'closed'; seatsLeft: number; label: string };
  status: string;
  /** Set when the organizer cancelled the event. */
  cancelReason?: string | null;
}

export type RegistrationStatus =
  'pending_approval' | 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'rejected' | 'checked_in';

export interface Registration {
  id: string;
  eventId: string;
  role: 'attendee' | 'presenter';
  status: RegistrationStatus;
  ticketCode: string;
  name: string;
  org: string;
  phone: string;
  answers: Record<string, string>;
  waitlistPosition: number | null;
  offerExpiresAt: string | null;
  checkedInAt: string | null;
  createdAt: string;
  /** 我的报名 only: the event's status and, once the organizer cancelled it, why. */
  event?: MyRegistration['event'];
}

/** The organizer cancelled the registration's event (the registration itself keeps its status). */
export const eventCancelled = (reg: Pick<Registration, 'event'>) => reg.event?.status === 'cancelled';

export const STATUS_LABELS: Record<RegistrationStatus, string> = {
  pending_approval: '待审核',
  confirmed: '报名成功',
  waitlisted: '候补中',
  offered: '候补转正待确认',
  cancelled: '已取消',
  rejected: '未通过',
  checked_in: '已签到',
};
