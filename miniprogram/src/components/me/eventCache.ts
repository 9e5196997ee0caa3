import { api } from '../../lib/api';
import type { EventItem } from '../../lib/types';

// Titles and times barely change, and "my registrations" reloads every time the tab is shown, so each
// event is fetched once per session. A failed fetch is forgotten so the next load tries again.
const cache = new Map<string, Promise<EventItem | null>>();

export function eventById(id: string): Promise<EventItem | null> {
  let hit = cache.get(id);
  if (!hit) {
    hit = api.get<EventItem>(`/events/${id}`).catch(() => {
      cache.delete(id);
      return null;
    });
    cache.set(id, hit);
  }
  return hit;
}

/** Several events at once, in parallel, keyed by id. */
export async function eventsById(ids: readonly string[]): Promise<Map<string, EventItem | null>> {
  const unique = [...new Set(ids)];
  const events = await Promise.all(unique.map(eventById));
  return new Map(unique.map((id, i) => [id, events[i] ?? null]));
}
