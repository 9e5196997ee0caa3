/**
 * What an edit changed of an event's time and place, the facts people and groups are told about
 * (commands/eventChangeAnnouncer.ts tells them; the event routes decide whether a change needs telling).
 */
import { formatShanghai } from '@techbridge/shared';
import type { EventDoc } from '../models/index.js';
import { placeOf } from '../notify/notices.js';

type Placed = Pick<EventDoc, 'startsAt' | 'endsAt' | 'venue' | 'address' | 'onlineUrl'>;

const time = (d: Date | null | undefined) => (d ? new Date(d).getTime() : null);
const text = (s: string | null | undefined) => (s ?? '').trim();

/** What of an event's time and place a change touches (the rest needs nobody told). */
export function timeOrPlaceChange(before: Placed, after: Partial<Placed>) {
  const has = (k: keyof Placed) => Object.prototype.hasOwnProperty.call(after, k);
  const timeMoved =
    (has('startsAt') && time(after.startsAt) !== time(before.startsAt)) ||
    (has('endsAt') && time(after.endsAt) !== time(before.endsAt));
  const placeMoved = (['venue', 'address', 'onlineUrl'] as const).some((k) => has(k) && text(after[k]) !== text(before[k]));
  return { timeMoved, placeMoved, any: timeMoved || placeMoved };
}

/** What a change says: one line per moved fact for groups, and a short note for the person's message. */
export function describeChange(before: Placed, after: Placed) {
  const { timeMoved, placeMoved } = timeOrPlaceChange(before, after);
  const lines = [
    timeMoved ? `时间改为 ${formatShanghai(after.startsAt)}（原 ${formatShanghai(before.startsAt)}）` : '',
    placeMoved ? `地点改为 ${placeOf(after)}（原 ${placeOf(before)}）` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const note = timeMoved && placeMoved ? '活动时间和地点已调整' : timeMoved ? '活动时间已调整' : '活动地点已调整';
  return { lines, note };
}
