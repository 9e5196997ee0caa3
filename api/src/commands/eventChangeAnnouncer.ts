import type { Deps } from '../deps.js';
import type { EventDoc } from '../models/index.js';
import { tell } from '../notify/outbox.js';
import { changeNotice } from '../notify/notices.js';
import { groupsThatReceived, planEventNotice } from '../broadcasts/eventNotice.js';
import { eventRegistrants } from '../events/eventRegistrants.js';

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
