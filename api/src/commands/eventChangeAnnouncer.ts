import { formatShanghai } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import type { EventDoc } from '../models/index.js';
import { tell } from '../notify/outbox.js';
import { changeNotice, placeOf } from '../notify/notices.js';
import { groupsThatReceived, planEventNotice } from '../broadcasts/eventNotice.js';
import { eventRegistrants } from './eventAudience.js';

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

/**
 * Tells everyone signed up, and the groups that received the event, that its time or place changed.
 * `sequence` is the event's version after the change: each change is told once (the registrants'
 * messages and the group broadcast are keyed by it), however often this runs. Returns who was told.
 */
export async function eventChangeAnnouncer(deps: Deps, before: EventDoc, after: EventDoc, sequence: number) {
  const { timeMoved, placeMoved } = timeOrPlaceChange(before, after);
  const lines = [
    timeMoved ? `时间改为 ${formatShanghai(after.startsAt)}（原 ${formatShanghai(before.startsAt)}）` : '',
    placeMoved ? `地点改为 ${placeOf(after)}（原 ${placeOf(before)}）` : '',
  ].filter(Boolean);
  const note = timeMoved && placeMoved ? '活动时间和地点已调整' : timeMoved ? '活动时间已调整' : '活动地点已调整';
  const people = await eventRegistrants(deps.models, after._id);
  await tell(
    deps,
    people.map((user) => changeNotice(user, after, sequence, note)),
  );
  const groupIds = await groupsThatReceived(deps, after._id, true);
  const groups = await planEventNotice(
    deps,
    after,
    'event_changed',
    `event-change:${String(after._id)}:${sequence}`,
    lines.join('\n'),
    groupIds,
  );
  return { people: people.length, groups };
}
