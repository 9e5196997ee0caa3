import { LRUCache } from 'lru-cache';
import { SharedTokenReader } from '../db/changeTokens.js';
import type { EventDoc, Models } from '../models/index.js';
import { seatLedger } from './seatLedger.js';

interface Entry {
  /** The `events` token read before the event was. */
  token: string;
  event: EventDoc | null;
  /** This instance has made sure the event's seat ledger exists (ledgers are never deleted). */
  ledgerReady: boolean;
}

/** Hot events only: a push sends one event's audience at a time. */
const MAX_EVENTS = 500;
/** Safety net for writes that bypass mongoose (mongosh, a restore), which do not move the token. */
const MAX_AGE_MS = 60_000;

/**
 * The events that sign-ups read, kept per api instance and served only while the `events` change token
 * (db/changeTokens.ts) is the one read before the copy was made.
 *
 * A push sends hundreds of people to sign up for one event at once, and every sign-up needs the event's
 * status, dates, capacity and questions. The token read is shared by the requests that arrive together
 * (SharedTokenReader): one lookup by `_id` per database round trip serves the whole burst, where each
 * sign-up used to read the event itself. Each caller's token read was sent after it asked, so a write to
 * any event through any instance (cancelled, closed, capacity changed) is seen by every sign-up that
 * starts after the write finished.
 *
 * It also remembers that the event's seat ledger exists (`ensureLedger`), so a sign-up whose seat claim
 * misses knows the event is full without reading the ledger to ask why (registrationCreator.ts).
 */
export class EventSnapshots {
  private readonly tokens: SharedTokenReader;
  private readonly entries = new LRUCache<string, Entry>({ max: MAX_EVENTS, ttl: MAX_AGE_MS });

  constructor(private readonly models: Models) {
    this.tokens = new SharedTokenReader(models.conn, ['events']);
  }

  /** The event as stored now (null when there is none), from the cache when no event was written since. */
  async get(eventId: string): Promise<EventDoc | null> {
    const token = (await this.tokens.read()).get('events') ?? '';
    const hit = this.entries.get(eventId);
    if (hit && hit.token === token) return hit.event;
    // A write landing between the token read and this one is cached under the older token: the next
    // caller reads a newer token and reads the event again. Never stale, at worst one read too many.
    const event = await this.models.Event.findById(eventId).lean<EventDoc>();
    this.entries.set(eventId, { token, event, ledgerReady: false });
    return event;
  }

  /**
   * Creates the event's seat ledger unless it exists: once per instance and snapshot, not per sign-up. Called
   * by a sign-up once its registration is stored, so a refused sign-up (bad answers, closed) writes nothing.
   */
  async ensureLedger(event: EventDoc & { registration: { capacity: number } }): Promise<void> {
    const entry = this.entries.get(String(event._id));
    if (entry?.ledgerReady) return;
    await seatLedger.ensure(this.models, event._id, event.registration.capacity);
    if (entry) entry.ledgerReady = true;
  }
}
