/**
 * Short event codes, unique among events that are not over. The guarantee rests on the unique `_id`
 * of `eventCodes` (one document per code): a code is taken by inserting its document, or, when the
 * event holding it is over, by a conditional update on `until` that only one caller can match.
 * The event's own `code` field is a copy for display, set after the reservation succeeded.
 */
import { randomInt } from 'node:crypto';
import type { Types } from 'mongoose';
import { normalizeEventCode, randomEventCode } from '@techbridge/shared';
import { insertOnce } from '../db/duplicateKey.js';
import type { EventCodeDoc, EventDoc, Models } from '../models/index.js';

const HOUR = 3_600_000;
/** Tries before giving up; with 31^6 codes a clash is rare outside tests that force it. */
const MAX_TRIES = 50;

type EventLike = Pick<EventDoc, '_id' | 'startsAt'> & { endsAt?: Date | null; code?: string | null };

/** When an event is over: its end, or three hours after its start when it has none. */
export function eventOverAt(event: Pick<EventLike, 'startsAt' | 'endsAt'>): Date {
  return event.endsAt ? new Date(event.endsAt) : new Date(new Date(event.startsAt).getTime() + 3 * HOUR);
}

export interface EventCodeOptions {
  now: Date;
  /** Draws a candidate code; tests pass a tiny pool to force clashes. */
  draw?: () => string;
}

/** Takes `code` for `eventId` until `until`: a fresh insert, or the takeover of a code whose event is over. */
async function reserve(models: Models, code: string, eventId: Types.ObjectId, until: Date, now: Date): Promise<boolean> {
  if (await insertOnce(models.EventCode, { _id: code, eventId, until })) return true;
  const taken = await models.EventCode.updateOne({ _id: code, until: { $lt: now } }, { $set: { eventId, until } });
  return taken.matchedCount === 1;
}

/**
 * Makes sure the event holds a code and returns it. Idempotent and safe to run concurrently for the
 * same or different events: an event ends with one code, and no two events that are not over share one.
 */
export async function ensureEventCode(models: Models, event: EventLike, options: EventCodeOptions): Promise<string> {
  const { now } = options;
  const draw = options.draw ?? (() => randomEventCode((n) => randomInt(n)));
  const until = eventOverAt(event);
  let current = event.code ?? null;
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    if (current) {
      const held = await models.EventCode.findById(current).lean<EventCodeDoc>();
      if (held && String(held.eventId) === String(event._id)) {
        // The event's times may have moved since: keep the code exactly as long as the event runs.
        if (new Date(held.until).getTime() !== until.getTime()) {
          await models.EventCode.updateOne({ _id: current, eventId: event._id }, { $set: { until } });
        }
        return current;
      }
      // Lost (reservation gone, or taken over after the event looked over): get it back if it is free.
      if (await reserve(models, current, event._id, until, now)) return current;
    }
    const candidate = draw();
    if (!(await reserve(models, candidate, event._id, until, now))) continue;
    const set = await models.Event.updateOne({ _id: event._id, code: current }, { $set: { code: candidate } });
    if (set.matchedCount === 1) return candidate;
    // Another caller gave the event a code first: hand ours back and adopt theirs.
    await models.EventCode.deleteOne({ _id: candidate, eventId: event._id });
    const fresh = await models.Event.findById(event._id, { code: 1 }).lean<{ code?: string | null }>();
    current = fresh?.code ?? null;
  }
  throw new Error('could not reserve a short event code');
}

/** The event a typed code stands for, if a not-yet-over event holds it. */
export async function findEventByCode(models: Models, typed: string, now: Date): Promise<EventDoc | null> {
  const code = normalizeEventCode(typed);
  if (!code) return null;
  const held = await models.EventCode.findById(code).lean<EventCodeDoc>();
  if (!held || new Date(held.until) < now) return null;
  const event = await models.Event.findById(held.eventId).lean<EventDoc>();
  return event && event.code === code ? event : null;
}
