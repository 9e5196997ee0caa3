import { trackingUrl } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import { seatCounts } from '../commands/seatCounts.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- lean docs */

/** What a pushed card says about its item; links are completed per delivery with a tracking code. */
export interface PushContent {
  kind: 'policy' | 'event' | 'program' | 'manual' | 'reminder';
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

/** Loads the item a content broadcast is about. Returns null when it is gone or unpublished. */
export async function loadContent(deps: Deps, broadcast: any): Promise<PushContent | null> {
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
  const type = broadcast.sourceType as 'policy' | 'event' | 'program';
  const model: any = { policy: models.Policy, event: models.Event, program: models.Program }[type];
  const doc: any = await model.findById(broadcast.sourceId).lean();
  if (!doc || doc.status !== 'published') return null;
  const base: PushContent = {
    kind: broadcast.kind === 'reminder' ? 'reminder' : type,
    title: doc.title ?? doc.name,
    summary: doc.summary,
    page: { path: PAGES[type], id: String(doc._id) },
    matchText: `${doc.title ?? doc.name} ${doc.summary ?? ''}`,
    facets: { regions: doc.regions ?? [], topics: doc.topics ?? [], audiences: doc.audiences ?? [] },
  };
  if (type !== 'event') return base;
  const counts = (await seatCounts(models, [doc._id])).get(String(doc._id));
  const taken = counts ? counts.confirmed + counts.offered : 0;
  return {
    ...base,
    when: doc.startsAt,
    place: [doc.venue, doc.address].filter(Boolean).join(' ') || (doc.onlineUrl ? '线上' : undefined),
    seatsLeft: Math.max(0, doc.registration.capacity - taken),
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
