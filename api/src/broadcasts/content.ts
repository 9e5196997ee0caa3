import { trackingUrl, type BroadcastInput } from '@techbridge/shared';
import type { Types } from 'mongoose';
import type { Deps } from '../deps.js';
import { seatCounts } from '../commands/seatCounts.js';
import type { BroadcastDoc } from '../models/index.js';

/** What a pushed card says about its item; links are completed per delivery with a tracking code. */
export interface PushContent {
  kind: 'policy' | 'event' | 'program' | 'manual' | 'reminder' | 'event_changed' | 'event_cancelled';
  title: string;
  summary?: string;
  when?: Date;
  place?: string;
  seatsLeft?: number | null;
  /** Mini-program page and H5 route of the item (without tracking code). */
  page?: { path: string; id: string };
  matchText: string;
  facets: { regions: string[]; topics: string[]; audiences: string[] };
}

const PAGES = { policy: '/pages/policy/detail', event: '/pages/event/detail', program: '/pages/program/detail' } as const;

/**
 * What loading, targeting and rendering read from a broadcast: a saved one, or an organizer's
 * draft being previewed (no kind, no source, the audience as sent).
 */
export interface BroadcastDraft {
  title: string;
  text?: string;
  kind?: BroadcastDoc['kind'];
  sourceType?: BroadcastDoc['sourceType'];
  sourceId?: BroadcastDoc['sourceId'];
  audience?: BroadcastDoc['audience'] | BroadcastInput['audience'];
}

/** What a card reads from its item, whichever kind it is (programs have a `name`, not a `title`). */
interface CardSource {
  _id: Types.ObjectId;
  status: string;
  title?: string;
  name?: string;
  summary?: string;
  regions?: string[];
  topics?: string[];
  audiences?: string[];
}

/** Loads the item a content broadcast is about. Returns null when it is gone or unpublished. */
export async function loadContent(deps: Deps, broadcast: BroadcastDraft): Promise<PushContent | null> {
  const { models } = deps;
  if (!broadcast.sourceType) {
    return {
      kind: broadcast.kind === 'reminder' ? 'reminder' : 'manual',
      title: broadcast.title,
      summary: broadcast.text,
      matchText: `${broadcast.title} ${broadcast.text}`,
      facets: { regions: [], topics: [], audiences: [] },
    };
  }
  const type = broadcast.sourceType;
  const id = broadcast.sourceId;
  // Events are loaded on their own: their cards also need time, place and seats.
  const event = type === 'event' ? await models.Event.findById(id).lean() : null;
  const doc: CardSource | null =
    event ??
    (type === 'policy'
      ? await models.Policy.findById(id).lean()
      : type === 'program'
        ? await models.Program.findById(id).lean()
        : null);
  // A cancellation notice is about an event that is, by then, cancelled.
  const notice = broadcast.kind === 'event_changed' || broadcast.kind === 'event_cancelled' ? broadcast.kind : null;
  if (!doc || (doc.status !== 'published' && !(notice === 'event_cancelled' && doc.status === 'cancelled'))) return null;
  // Policies and events require a title, programs a name: one of the two is always there.
  const title = (doc.title ?? doc.name) as string;
  const base: PushContent = {
    kind: notice ?? (broadcast.kind === 'reminder' ? 'reminder' : type),
    title,
    // A change or cancellation says what changed, or why, instead of the item's summary.
    summary: notice ? broadcast.text : doc.summary,
    page: { path: PAGES[type], id: String(doc._id) },
    matchText: `${title} ${doc.summary ?? ''}`,
    facets: { regions: doc.regions ?? [], topics: doc.topics ?? [], audiences: doc.audiences ?? [] },
  };
  if (!event) return base;
  const place = [event.venue, event.address].filter(Boolean).join(' ') || (event.onlineUrl ? '线上' : undefined);
  if (notice) return { ...base, when: event.startsAt, place };
  const counts = (await seatCounts(models, [event._id])).get(String(event._id));
  const taken = counts ? counts.confirmed + counts.offered : 0;
  return {
    ...base,
    when: event.startsAt,
    place,
    // `registration.capacity` is required, so every saved event has `registration`.
    seatsLeft: Math.max(0, event.registration!.capacity - taken),
  };
}

/** H5 deep link and mini-program path for one delivery, carrying its tracking code. */
export function linksFor(deps: Deps, content: PushContent, trackingCode: string) {
  if (!content.page) return {};
  const params = { id: content.page.id, t: trackingCode };
  return {
    h5Url: trackingUrl(deps.env.H5_BASE_URL, content.page.path, params),
    mpPath: `${content.page.path.slice(1)}?id=${params.id}&t=${trackingCode}`,
  };
}
