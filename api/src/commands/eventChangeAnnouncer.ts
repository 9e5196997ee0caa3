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

/**
 * Tells everyone signed up, and the groups that received the event, about the change saved with it
 * (`changeNotice`). Each change is told once (the registrants' messages and the group broadcast are
 * keyed by its sequence), however often this runs: after the edit, and again by the sweep when a crash
 * came in between. Returns who was told.
 */
export async function eventChangeAnnouncer(deps: Deps, event: EventDoc) {
  const change = event.changeNotice;
  if (!change?.sequence) return { people: 0, groups: 0 };
  const people = await eventRegistrants(deps.models, event._id);
  await tell(
    deps,
    people.map((user) => changeNotice(user, event, change.sequence!, change.note ?? '活动信息已调整')),
  );
  const groupIds = await groupsThatReceived(deps, event._id, true);
  const groups = await planEventNotice(
    deps,
    event,
    'event_changed',
    `event-change:${String(event._id)}:${change.sequence}`,
    change.lines ?? '',
    groupIds,
  );
  await deps.models.Event.updateOne(
    { _id: event._id, 'changeNotice.sequence': change.sequence },
    { $set: { 'changeNotice.done': true } },
  );
  return { people: people.length, groups };
}
