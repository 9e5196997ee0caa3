import { previousFireTime } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import type { BroadcastDoc } from '../models/index.js';
import { planOccurrence } from '../broadcasts/planner.js';

/** The scheduled time a broadcast should have fired at most recently, or null. */
export function lastDueAt(broadcast: BroadcastDoc, now: Date): Date | null {
  const s: Partial<NonNullable<BroadcastDoc['schedule']>> = broadcast.schedule ?? {};
  if (s.kind === 'now') return new Date(broadcast.createdAt);
  if (s.kind === 'once') return s.at && new Date(s.at) <= now ? new Date(s.at) : null;
  if (s.kind === 'cron' && s.cron) {
    const prev = previousFireTime(s.cron, now);
    // Occurrences from before the broadcast existed are not "missed".
    return prev && prev >= new Date(broadcast.createdAt) ? prev : null;
  }
  return null;
}

/**
 * Fires whatever is due for one broadcast at `now`: on time, late within the grace window, or
 * recorded as `missed` after it. Idempotent; any instance may call it any number of times.
 */
export async function fireDue(deps: Deps, broadcast: BroadcastDoc, now: Date): Promise<void> {
  if (broadcast.status !== 'scheduled') return;
  const dueAt = lastDueAt(broadcast, now);
  if (!dueAt) return;
  const graceMs = deps.env.SCHEDULER_GRACE_MINUTES * 60_000;
  const late = now.getTime() - dueAt.getTime() > graceMs && broadcast.schedule?.kind !== 'now';
  const planned = await planOccurrence(deps, broadcast, dueAt, late ? { status: 'missed' } : {});
  if (planned.created) deps.metrics.schedulerFires.inc({ result: late ? 'missed' : 'planned' });
  if (broadcast.schedule?.kind !== 'cron') {
    await deps.models.Broadcast.updateOne({ _id: broadcast._id, status: 'scheduled' }, { $set: { status: 'completed' } });
  }
}

/** One pass over every scheduled broadcast, plus occurrences left half-planned by a crash. */
export async function fireAllDue(deps: Deps, now: Date): Promise<void> {
  const broadcasts = await deps.models.Broadcast.find({ status: 'scheduled' }).lean();
  for (const b of broadcasts) await fireDue(deps, b, now);
  const stuck = await deps.models.Occurrence.find({
    status: 'planning',
    firedAt: { $lt: new Date(now.getTime() - 60_000) },
  }).lean();
  for (const occ of stuck) {
    const b = await deps.models.Broadcast.findById(occ.broadcast).lean();
    if (b) await planOccurrence(deps, b, new Date(occ.scheduledAt));
  }
}
