import type { Deps } from '../deps.js';
import { isDuplicateKey } from '../db/duplicateKey.js';
import type { BroadcastDoc, EventDoc } from '../models/index.js';
import { planOccurrence } from '../broadcasts/planner.js';
import { tell } from '../notify/outbox.js';
import { reminderNotice } from '../notify/notices.js';

/**
 * Event reminders (REMINDER_HOURS before start, default 24 h and 2 h): to the groups that
 * received the event, with seats left, and to each confirmed registrant as a mini-program subscribe
 * message (the bot cannot message people privately). Each group reminder is a broadcast with a
 * unique sourceKey and each personal one a notification with a unique key, so each is created once
 * whatever runs this.
 */
export async function planReminders(deps: Deps, now: Date): Promise<void> {
  const { models, env } = deps;
  const graceMs = env.SCHEDULER_GRACE_MINUTES * 60_000;
  const horizon = new Date(now.getTime() + Math.max(...env.REMINDER_HOURS, 0) * 3600_000);
  const events = await models.Event.find({ status: 'published', startsAt: { $gt: now, $lte: horizon } }).lean();
  for (const event of events) {
    const pushed = await models.Broadcast.findOne({ sourceKey: `event:${String(event._id)}` }).lean();
    for (const hours of env.REMINDER_HOURS) {
      const dueAt = new Date(new Date(event.startsAt).getTime() - hours * 3600_000);
      if (dueAt > now || now.getTime() - dueAt.getTime() > graceMs) continue;
      const key = `reminder:${String(event._id)}:${hours}h`;
      if (pushed) await remindGroups(deps, event, pushed, key, dueAt, hours);
      await remindRegistrants(deps, event, hours);
    }
  }
}

async function remindGroups(deps: Deps, event: EventDoc, pushed: BroadcastDoc, key: string, dueAt: Date, hours: number) {
  const { models } = deps;
  const groupIds = await models.Delivery.distinct('group', { broadcast: pushed._id, status: 'sent' });
  if (groupIds.length === 0) return;
  let broadcast: BroadcastDoc | null = await models.Broadcast.findOne({ sourceKey: key }).lean();
  if (!broadcast) {
    try {
      broadcast = (
        await models.Broadcast.create({
          title: `${event.title}（${hours} 小时后开始）`,
          kind: 'reminder',
          sourceType: 'event',
          sourceId: event._id,
          sourceKey: key,
          audience: { kind: 'groups', groupIds },
          schedule: { kind: 'once', at: dueAt, tz: 'Asia/Shanghai' },
          status: 'completed',
        })
      ).toObject();
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      broadcast = await models.Broadcast.findOne({ sourceKey: key }).lean();
    }
  }
  // Found, created, or created by whoever beat us to the unique sourceKey: broadcasts are never deleted.
  await planOccurrence(deps, broadcast!, dueAt);
}

/** Each confirmed registrant gets one subscribe message per reminder (key per event, hour mark and person). */
async function remindRegistrants(deps: Deps, event: EventDoc, hours: number) {
  const regs = await deps.models.Registration.find({ event: event._id, status: 'confirmed' }, { user: 1 }).lean();
  await tell(
    deps,
    regs.map((r) => reminderNotice(r.user, event, hours)),
  );
}
