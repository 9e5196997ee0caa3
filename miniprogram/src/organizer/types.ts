// Shapes of the organizer routes (shared/src/schemas/{event,registration,broadcast,group,bot}.ts), written out
// here because the mini-program must not import the zod schemas. Only the fields the pages read or send.
import type { EventItem, Registration } from '../lib/types';

export type ContentStatus = 'draft' | 'published' | 'archived';
export type EventStatus = ContentStatus | 'cancelled';

/** An event as organizers see it: drafts have no availability until published. */
export interface OrgEvent extends Omit<EventItem, 'availability' | 'status'> {
  status: EventStatus;
  cancelReason?: string | null;
  sequence?: number;
  /** The organizer who created it (null for seeded events) and the co-organizers they added. */
  ownerId: string | null;
  coOrganizers: string[];
  availability?: EventItem['availability'];
  createdAt: string;
  updatedAt: string;
}

export interface QuestionInput {
  id: string;
  label: string;
  type: 'text' | 'choice';
  options: string[];
  required: boolean;
}

/** POST /events body (PATCH takes any subset). */
export interface EventInputBody {
  /** Only the creator or an admin may send this (the api answers 403 to anyone else). */
  coOrganizers?: string[];
  title: string;
  kind: string;
  summary: string;
  description: string;
  startsAt?: string;
  endsAt?: string;
  venue?: string;
  address?: string;
  onlineUrl?: string;
  organizer?: string;
  regions: string[];
  topics: string[];
  audiences: string[];
  registration: {
    opensAt?: string;
    closesAt?: string;
    capacity: number;
    waitlistEnabled: boolean;
    approvalRequired: boolean;
    offerWindowMinutes: number;
    questions: QuestionInput[];
  };
}

export interface CheckInResult {
  alreadyCheckedIn: boolean;
  registration: Registration;
}

export type BroadcastAudience =
  | { kind: 'all' }
  | { kind: 'filter'; regions: string[]; topics: string[]; audiences: string[]; keywords: string[] }
  | { kind: 'groups'; groupIds: string[] };

export type BroadcastSchedule = { kind: 'now' } | { kind: 'once'; at: string } | { kind: 'cron'; cron: string };

export interface BroadcastInputBody {
  title: string;
  text: string;
  audience: BroadcastAudience;
  schedule: BroadcastSchedule;
}

export type BroadcastStatus = 'scheduled' | 'cancelled' | 'completed';

export interface Broadcast {
  id: string;
  title: string;
  text: string;
  /** manual, policy, event, program, reminder, event_changed or event_cancelled. */
  kind: string;
  source: { type: string; id: string } | null;
  audience: { kind?: string; groupIds?: string[]; regions?: string[]; topics?: string[]; audiences?: string[] };
  schedule: { kind: string; at: string | null; cron: string | null; tz: string; description: string };
  nextFireAt: string[];
  status: BroadcastStatus;
  createdAt: string;
}

export interface BroadcastPreview {
  total: number;
  groups: {
    groupId: string;
    roomId: string;
    topic: string;
    /** `wecom`: a 企业微信 group robot; `wechat`: a room the bot is in. */
    channel: 'wechat' | 'wecom';
    reason: string;
    text: string;
    notBefore: string;
  }[];
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface BroadcastReport {
  totals: Partial<Record<DeliveryStatus, number>>;
  occurrences: { id: string; scheduledAt: string; status: string; groups: number }[];
  groups: {
    groupId: string;
    topic: string;
    channel: 'wechat' | 'wecom';
    occurrence: string;
    status: DeliveryStatus;
    attempts: number;
    lastError: string | null;
    sentAt: string | null;
  }[];
}

export interface DeliverySettings {
  mode: 'instant' | 'digest';
  digestAt: string;
  quietHours: { start: string; end: string } | null;
}

export interface GroupManager {
  contactId: string;
  name: string;
}

export interface Group {
  id: string;
  /** A room's WeChat id; for a 企业微信 robot `wecom:<hash>`. */
  roomId: string;
  /** wechat: a room the bot is in; wecom: a 企业微信 group robot the api posts to. */
  channel: 'wechat' | 'wecom';
  /** The robot's webhook key, masked (`693a****7b2c`); the key itself is never sent back. */
  wecomKeyMasked: string | null;
  topic: string;
  botAccount: string | null;
  status: 'active' | 'removed' | 'needs_rebind';
  profile: { regions: string[]; topics: string[]; audiences: string[]; keywords: string[] };
  delivery: DeliverySettings;
  managers: GroupManager[];
  createdAt: string;
  updatedAt: string;
}

export interface BotAccountState {
  account: string;
  state: 'scan' | 'login' | 'logout' | 'heartbeat';
  loggedIn: boolean;
  qrcode: string | null;
  userName: string | null;
  lastSeenAt: string;
  alive: boolean;
}

/** A policy as organizers see it (shared/src/schemas/policy.ts). */
export interface OrgPolicy {
  id: string;
  title: string;
  docNo: string | null;
  issuer: string | null;
  regions: string[];
  topics: string[];
  audiences: string[];
  publishedAt: string | null;
  summary: string;
  body?: string;
  sourceUrl: string | null;
  status: ContentStatus;
}

/** A 支持计划 as organizers see it (shared/src/schemas/program.ts). */
export interface OrgProgram {
  id: string;
  code: string | null;
  name: string;
  issuer: string | null;
  summary: string;
  eligibility: string[];
  benefits: string[];
  regions: string[];
  topics: string[];
  audiences: string[];
  applicationOpensAt: string | null;
  applicationClosesAt: string | null;
  sourceUrl: string | null;
  status: ContentStatus;
}

/** One proposed facet value and the words in the text that triggered it. */
export interface TagFacet {
  id: string;
  label: string;
  hits: string[];
}
export interface TagResult {
  regions: TagFacet[];
  topics: TagFacet[];
  audiences: TagFacet[];
}
/** POST /policies/split: the pasted text cut into items, each tagged. */
export interface SplitItem {
  title: string;
  body: string;
  tags: TagResult;
}

/** POST /policies/duplicates, /programs/duplicates. */
export interface DuplicateHit {
  id: string;
  title: string;
  docNo: string | null;
  status: ContentStatus;
  reason: string;
}

/** GET /{policies,programs,events}/:id/audience and POST /audience/preview. */
export interface AudiencePreviewResult {
  total: number;
  groups: { groupId: string; roomId: string; topic: string; channel: 'wechat' | 'wecom'; reason: string }[];
  nearest: { groupId: string; topic: string; matched: string[]; missing: string }[];
}

/** An organizer account as the co-organizer picker lists it (GET /organizers). */
export interface OrganizerSummary {
  id: string;
  name: string | null;
  username: string | null;
}

/** Organizer lists: what I own or co-organize, or (admins) everything. */
export type OwnerScope = 'mine' | 'all';
