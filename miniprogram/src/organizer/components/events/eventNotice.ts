import { api } from '../../../lib/api';
import type { EventDraft } from './eventForm';
import type { EventNoticeCounts, OrgEvent } from '../../types';
import { draftFrom } from './eventForm';

/** How many people and groups a change or a cancellation would tell (GET /events/:id/notice-preview). */
export const noticePreview = (id: string) => api.get<EventNoticeCounts>(`/events/${id}/notice-preview`);

const PLACE_AND_TIME = ['startsAt', 'endsAt', 'venue', 'address', 'onlineUrl'] as const;

/** True when saving `draft` moves a published event's time or place, which tells everyone concerned. */
export function movesTimeOrPlace(saved: OrgEvent | null, draft: EventDraft): boolean {
  if (!saved || saved.status !== 'published') return false;
  const before = draftFrom(saved);
  return PLACE_AND_TIME.some((k) => before[k].trim() !== draft[k].trim());
}
