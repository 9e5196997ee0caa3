import { api } from '../api';
import { readSession } from '../session';
import type { Registration } from '../types';

// A cancelled or rejected registration no longer holds a place: the user may sign up again.
const ENDED = new Set<Registration['status']>(['cancelled', 'rejected']);

/**
 * The signed-in user's active registration for an event, or null (also when signed out or the lookup
 * fails: the detail page then simply offers the sign-up button, and the api still refuses a duplicate).
 */
export async function myRegistration(eventId: string | undefined): Promise<Registration | null> {
  if (!eventId || !readSession()) return null;
  try {
    // No redirect on 401: an expired session must not pull a reader away from a public page.
    const res = await api.get<{ items: Registration[] }>('/me/registrations', undefined, { redirectOn401: false });
    return res.items.find((r) => r.eventId === eventId && !ENDED.has(r.status)) ?? null;
  } catch {
    return null;
  }
}
